package experiment

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated examples/regime-screen-*.yaml from the defaults")

// TestRegimeScreensAreCurrent checks that the shipped regime screens are
// what RegimeScreen writes from the present defaults (go test ./experiment
// -run TestRegimeScreensAreCurrent -update rewrites them).
func TestRegimeScreensAreCurrent(t *testing.T) {
	t.Parallel()
	for _, start := range []string{"bistable", "bistable-high"} {
		name, got, err := RegimeScreen(start)
		if err != nil {
			t.Fatalf("RegimeScreen(%q): %v", start, err)
		}
		path := filepath.Join("examples", name+".yaml")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what RegimeScreen(%q) writes from the present defaults (first difference at line %d); "+
				"rewrite it with go test ./experiment -run TestRegimeScreensAreCurrent -update", path, start, firstDifference(got, want))
		}
	}
}

// TestRegimeScreenRefusesOtherStarts checks that only the bistable pair
// has a regime screen.
func TestRegimeScreenRefusesOtherStarts(t *testing.T) {
	t.Parallel()
	if _, _, err := RegimeScreen("baseline"); err == nil || !strings.Contains(err.Error(), "bistable-high") {
		t.Errorf("RegimeScreen(baseline) error = %v; want one naming the starts", err)
	}
}

// firstDifference returns the 1-based number of the first line at which a
// and b differ.
func firstDifference(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
