package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mergeBomb returns a scenario whose behaviour block merges depth levels of
// width copies of the level below: width^depth nodes once expanded.
func mergeBomb(width, depth int) string {
	var b strings.Builder
	b.WriteString("name: bomb\nl0: &l0 {noise: 0.1}\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "l%d: &l%d {<<: [%s*l%d]}\n", i, i, strings.Repeat(fmt.Sprintf("*l%d, ", i-1), width-1), i-1)
	}
	fmt.Fprintf(&b, "behaviour: *l%d\n", depth)
	return b.String()
}

// aliasBomb returns a scenario with a list of width^depth nodes under
// depth levels of aliases.
func aliasBomb(width, depth int) string {
	var b strings.Builder
	b.WriteString("name: bomb\nx0: &x0 [a, b]\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "x%d: &x%d [%s*x%d]\n", i, i, strings.Repeat(fmt.Sprintf("*x%d, ", i-1), width-1), i-1)
	}
	return b.String()
}

func TestHostileYAML(t *testing.T) {
	for _, test := range []struct {
		name, yaml string
		want       string // a regular expression the error must match
	}{
		{"self merge at the top", "&a {<<: *a}\n", `^c\.yaml:1:9: the alias \*a is used within the node its anchor &a names`},
		{"self merge in a block", "name: a\nbehaviour: &b {<<: *b}\n", `^c\.yaml:2:20: the alias \*b`},
		{"self merge in a list", "name: a\nl: &l [{<<: *l}]\n", `^c\.yaml:2:13: the alias \*l`},
		{"merge of an ancestor", "name: a\nbehaviour: &b\n  inner:\n    deeper: {<<: *b}\n", `^c\.yaml:4:18: the alias \*b`},
		{"self alias in a list", "name: a\nsectors: &s [*s]\n", `^c\.yaml:2:14: the alias \*s`},
		{"mutual", "name: a\nx: &x [&y [*x]]\n", `^c\.yaml:2:12: the alias \*x`},
		{"merge bomb", mergeBomb(10, 8), `^c\.yaml:\d+:\d+: the file expands to more than 100000 YAML nodes`},
		{"alias bomb", aliasBomb(10, 9), `^c\.yaml:\d+:\d+: the file expands to more than 100000 YAML nodes`},
		{"too large", "name: big\n" + strings.Repeat("#", MaxFileBytes), `^c\.yaml: the file has 1048586 bytes; a scenario file may hold at most 1048576`},
	} {
		t.Run(test.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(test.yaml))
			var list ErrorList
			if cfg != nil || !errors.As(err, &list) {
				t.Fatalf("Parse = %v, %v; want an ErrorList", cfg, err)
			}
			if len(list) != 1 || !regexp.MustCompile(test.want).MatchString(list[0].Error()) {
				t.Errorf("error:\n%v\nwant one matching %s", err, test.want)
			}
		})
	}
}

// TestMergesStillWork checks that anchors, aliases and merge keys used
// within the limits read as before, several uses of one anchor included.
func TestMergesStillWork(t *testing.T) {
	doc := `name: merges
common: &common {quit_rate: 0.05, interest: 0.5}
sectors:
  - {<<: *common, name: digital_tech}
  - {<<: [*common], name: rest, quit_rate: 0.1}
`
	_, err := Parse("m.yaml", []byte(doc))
	if err == nil || !strings.Contains(err.Error(), "common: unknown field") {
		t.Fatalf("want only the unknown top-level key common reported, got %v", err)
	}
	if strings.Contains(err.Error(), "alias") || strings.Contains(err.Error(), "expands") {
		t.Errorf("a legal merge reported as hostile: %v", err)
	}
	// Within MaxNodes: about 31,000 nodes once expanded, under a key that is not a field.
	_, err = Parse("w.yaml", []byte(aliasBomb(9, 4)))
	if err == nil || strings.Contains(err.Error(), "expands") {
		t.Errorf("a file within MaxNodes reported as too large: %v", err)
	}
}

func TestReadLimited(t *testing.T) {
	for _, n := range []int{0, 10, MaxFileBytes} {
		b, err := ReadLimited(strings.NewReader(strings.Repeat("x", n)))
		if err != nil || len(b) != n {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(b), err)
		}
	}
	if _, err := ReadLimited(strings.NewReader(strings.Repeat("x", MaxFileBytes+1))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxFileBytes+1 bytes: %v, want ErrTooLarge", err)
	}
}

// TestHugeValuesAreShortened checks that no message repeats a huge value
// or key, and that a file with many problems lists at most MaxErrors.
func TestHugeValuesAreShortened(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	var sectors strings.Builder
	sectors.WriteString("name: many\nsectors:\n")
	for range 300 {
		sectors.WriteString("  - 1\n")
	}
	for _, test := range []struct {
		name, yaml, want string
	}{
		{"long name", "name: " + long + "\n", `^n\.yaml:1:7: name: "a{64}"… \(100000 bytes\) is 100000 bytes long; must be at most 64$`},
		{"long bad name", "name: " + long + "!\n", `^n\.yaml:1:7: name: "a{64}"… \(100001 bytes\) is 100001 bytes long; must be at most 64$`},
		{"long value", "name: x\nseed: " + long + "\n", `^n\.yaml:2:7: seed: "a{64}"… \(100000 bytes\) is not a whole number`},
		{"long key", "name: x\n? " + long + "\n: 1\n", `^n\.yaml:2:3: a{200,256}… \(100000 bytes\): unknown field; the fields here are`},
	} {
		t.Run(test.name, func(t *testing.T) {
			_, err := Parse("n.yaml", []byte(test.yaml))
			if err == nil || len(err.Error()) > 2000 || !regexp.MustCompile(test.want).MatchString(err.Error()) {
				t.Errorf("error of %d bytes:\n%.2000v\nwant one matching %s", len(fmt.Sprint(err)), err, test.want)
			}
		})
	}
	_, err := Parse("n.yaml", []byte(sectors.String()))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != MaxErrors+1 || !strings.HasSuffix(err.Error(), "more problems") {
		t.Errorf("300 bad sectors: %d problems listed, want %d ending with the count of the rest; last: %v", len(list), MaxErrors+1, list[len(list)-1])
	}
}

// TestReadFileOfADirectory checks that a directory is read as no file of
// that name (an error wrapping os.ErrNotExist), so that a shipped name
// still resolves beside an output directory named like it.
func TestReadFileOfADirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "baseline")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadFile(%s) = %v, want an error wrapping os.ErrNotExist", dir, err)
	}
}
