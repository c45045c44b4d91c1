package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"skillsim/scenarios"
	"skillsim/sim"
)

// mergeBomb returns a scenario whose behaviour block merges depth levels of
// width copies of the level below: width^depth nodes once expanded.
func mergeBomb(width, depth int) string {
	var b strings.Builder
	b.WriteString("name: bomb\nl0: &l0 {noise: 0.1}\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "l%d: &l%d {<<: [", i, i)
		for j := range width {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]}\n")
	}
	fmt.Fprintf(&b, "behaviour: *l%d\n", depth)
	return b.String()
}

// hostileScenarios are scenario files that once crashed or hung every
// command, with a regular expression their error must match.
var hostileScenarios = []struct {
	name, yaml, want string
}{
	{"self merge", "&a {<<: *a}\n", `:1:\d+: the alias \*a is used within the node its anchor &a names`},
	{"nested self merge", "name: a\nbehaviour: &b {<<: *b}\n", `:2:\d+: the alias \*b`},
	{"self alias in a list", "name: a\nsectors: &s [*s]\n", `:2:\d+: the alias \*s`},
	{"merge bomb", mergeBomb(10, 8), `:\d+:\d+: the file expands to more than 100000 YAML nodes`},
	{"too large", "name: big\n" + strings.Repeat("# padding\n", scenarios.MaxFileBytes/10), `: larger than 1048576 bytes`},
}

func TestHostileScenarioCommands(t *testing.T) {
	noSimulation(t)
	for _, h := range hostileScenarios {
		t.Run(h.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, "c.yaml", h.yaml)
			out := filepath.Join(dir, "out")
			want := []string{regexp.QuoteMeta(file) + h.want}
			t.Run("validate", func(t *testing.T) {
				code, stdout, stderr := skillsim(t, "validate", file)
				checkBadInput(t, code, stdout, stderr, want, out)
			})
			t.Run("run", func(t *testing.T) {
				code, stdout, stderr := skillsim(t, "run", "-out", out, file)
				checkBadInput(t, code, stdout, stderr, want, out)
			})
			t.Run("compare", func(t *testing.T) {
				code, stdout, stderr := skillsim(t, "compare", "-out", out, "baseline", file)
				checkBadInput(t, code, stdout, stderr, want, out)
			})
			t.Run("sweep base", func(t *testing.T) {
				exp := writeFile(t, dir, "e.yaml", "name: e\nbase: c.yaml\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\n")
				code, stdout, stderr := skillsim(t, "sweep", "-out", out, exp)
				checkBadInput(t, code, stdout, stderr, want, out)
			})
		})
	}
}

func TestHostileExperimentInline(t *testing.T) {
	noSimulation(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	for _, test := range []struct{ name, yaml, want string }{
		{"self merge in base_scenario", "name: e\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\nbase_scenario: &b\n  name: x\n  behaviour: {<<: *b}\n",
			`e\.yaml:6:\d+: the alias \*b`},
		{"self merge in parameters", "name: e\nbase: baseline\nparameters: &p\n  - {<<: *p}\n", `e\.yaml:4:\d+: the alias \*p`},
	} {
		t.Run(test.name, func(t *testing.T) {
			exp := writeFile(t, dir, "e.yaml", test.yaml)
			code, stdout, stderr := skillsim(t, "sweep", "-out", out, exp)
			checkBadInput(t, code, stdout, stderr, []string{test.want}, out)
		})
	}
}

func TestEndlessInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	noSimulation(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	want := []string{`/dev/zero: larger than 1048576 bytes`}
	code, stdout, stderr := skillsim(t, "validate", "/dev/zero")
	checkBadInput(t, code, stdout, stderr, want, out)
	exp := writeFile(t, dir, "e.yaml", "name: e\nbase: /dev/zero\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\n")
	code, stdout, stderr = skillsim(t, "sweep", "-out", out, exp)
	checkBadInput(t, code, stdout, stderr, want, out)
}

func TestExitStatuses(t *testing.T) {
	var o, e bytes.Buffer
	code := guard(&e, func() int {
		var m map[string]int
		m["x"]++ // a nil map: a runtime panic, as a bug would cause
		return runEnv(context.Background(), []string{"help"}, &Env{Stdout: &o, Stderr: &e})
	})
	if code != exitInternal || !strings.Contains(e.String(), "internal error") || !strings.Contains(e.String(), "goroutine ") {
		t.Errorf("panic: exit status %d, want %d with a stack; stderr:\n%s", code, exitInternal, e.String())
	}
	if code := guard(&e, func() int { return 7 }); code != 7 {
		t.Errorf("guard changed the status 7 to %d", code)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, test := range []struct {
		ctx  context.Context
		err  error
		want int
	}{
		{context.Background(), nil, exitOK},
		{context.Background(), errors.New("a run failed"), exitFailed},
		{context.Background(), badInputf("bad"), exitBadInput},
		{context.Background(), fmt.Errorf("run: %w", errInterrupted), exitInterrupted},
		{cancelled, errors.New("whatever a cancelled command returns"), exitInterrupted},
		{cancelled, badInput(fmt.Errorf("x: %w", errInterrupted)), exitInterrupted},
		{context.Background(), fmt.Errorf("run: %w", &sim.PanicError{Rep: 3, Value: "bug"}), exitInternal},
	} {
		if got := exitStatus(test.ctx, test.err); got != test.want {
			t.Errorf("exitStatus(%v) = %d, want %d", test.err, got, test.want)
		}
	}
	for _, s := range []int{exitOK, exitFailed, exitBadInput, exitInterrupted} {
		if s == exitInternal {
			t.Errorf("the internal-error status %d is not distinct", exitInternal)
		}
	}
}

// TestInterruptWhileLoading checks that a command blocked reading its input
// (here a pipe no one writes to) stops as interrupted when its context is
// cancelled, and writes nothing.
func TestInterruptWhileLoading(t *testing.T) {
	noSimulation(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	file := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if _, err := os.Stat(file); err != nil {
		t.Skip("no /dev/fd")
	}
	dir := t.TempDir()
	exp := writeFile(t, dir, "e.yaml", "name: e\nbase: "+file+"\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\n")
	for _, args := range [][]string{
		{"validate", file},
		{"run", "-out", filepath.Join(dir, "out"), file},
		{"compare", "-out", filepath.Join(dir, "out"), "baseline", file},
		{"sweep", "-out", filepath.Join(dir, "out"), exp},
	} {
		t.Run(args[0], func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			// Cancel once the command is under way; cancelling before it
			// starts reading gives the same result.
			time.AfterFunc(50*time.Millisecond, cancel)
			code, stdout, stderr := skillsimCtx(t, ctx, args...)
			if code != exitInterrupted || !strings.Contains(stderr, "interrupted") || stdout != "" {
				t.Errorf("exit status %d, want %d; stdout %q; stderr:\n%s", code, exitInterrupted, stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
				t.Errorf("output directory created by an interrupted load (stat: %v)", err)
			}
		})
	}
}

// TestLimitsAgree checks that validate and run reject alike, as bad input
// with the file, line and field, what the model cannot hold.
func TestLimitsAgree(t *testing.T) {
	noSimulation(t)
	var many strings.Builder
	many.WriteString("name: many\nsectors:\n")
	for i := range 256 {
		fmt.Fprintf(&many, "  - {name: s%d, interest: 0.00390625}\n", i)
	}
	for _, test := range []struct{ name, yaml, want string }{
		{"persons", "name: big\npopulation: {persons: 1000000000}\n", `big\.yaml:2:\d+: population\.persons: 1000000000 is above 5000000`},
		{"replications", "name: big\nreplications: 1000000000\n", `big\.yaml:2:\d+: replications: 1000000000 is above 10000`},
		{"employers", "name: big\nsectors:\n  - {name: rest, interest: 1, employers: {micro: 1e12}}\n", `big\.yaml:2:\d+: sectors: the sectors have 1000000000\d+ employers between them; a region may have at most 500000`},
		{"sectors", many.String(), `big\.yaml:2:\d+: sectors: there are 256 sectors; a region may have at most 255`},
		{"fractional employers", "name: big\nsectors:\n  - {name: rest, interest: 1, employers: {micro: 0.4, small_medium: 0.4, large: 0.4}}\n",
			`big\.yaml:2:\d+: sectors: the sectors' employer counts sum to 1\.2 but each rounds to 0`},
		{"long name", "name: " + strings.Repeat("n", 100_000) + "\n", `big\.yaml:1:7: name: "n{64}"… \(100000 bytes\) is 100000 bytes long; must be at most 64`},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, "big.yaml", test.yaml)
			for _, args := range [][]string{{"validate", file}, {"run", file}, {"run", "-out", filepath.Join(dir, "out"), file}} {
				// run without -out would write to out/<name> in the
				// working directory: run it in dir.
				t.Chdir(dir)
				code, stdout, stderr := skillsim(t, args...)
				checkBadInput(t, code, stdout, stderr, []string{test.want}, filepath.Join(dir, "out"))
				if len(stderr) > 4000 {
					t.Errorf("%s: %d bytes of errors", args[0], len(stderr))
				}
			}
		})
	}
}

// TestFlagsWithinLimits checks that -reps cannot ask for what a file may
// not: before, -reps 1000000000 ran out of memory.
func TestFlagsWithinLimits(t *testing.T) {
	noSimulation(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"run", "-reps", "1000000000", "-out", out, "baseline"},
		{"compare", "-reps", "1000000000", "-out", out, "baseline", "region"},
		{"patterns", "-reps", "1000000000"},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, stdout, stderr := skillsim(t, args...)
			checkBadInput(t, code, stdout, stderr, []string{args[0] + `: \w+ with the flags given: replications: 1000000000 is above 10000`}, out)
		})
	}
	// Each worker holds a region: at most maxWorkers of them.
	many := strconv.Itoa(maxWorkers() + 1)
	exp := writeFile(t, dir, "e.yaml", "name: e\nbase: baseline\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\n")
	for _, args := range [][]string{
		{"run", "-workers", many, "-out", out, "baseline"},
		{"compare", "-workers", many, "-out", out, "baseline", "region"},
		{"patterns", "-workers", many},
		{"sweep", "-workers", many, "-out", out, exp},
	} {
		code, stdout, stderr := skillsim(t, args...)
		checkBadInput(t, code, stdout, stderr, []string{args[0] + `: -workers ` + many + `: must be from 1 to`}, out)
	}
}
