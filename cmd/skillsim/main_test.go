package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"skillsim/model"
	"skillsim/outdir"
	"skillsim/sim"
)

// tinyScenario is a valid scenario small enough to run in a test.
const tinyScenario = `name: tiny
seed: 3
replications: 2
start: 2015-01
end: 2016-07
population:
  persons: 400
sectors:
  - name: digital_tech
    interest: 0.3
    employers: {micro: 20, small_medium: 3, large: 1}
  - name: rest
    interest: 0.7
    employers: {micro: 40, small_medium: 5, large: 1}
colleges:
  - name: newham
    places: 30
`

// outFiles are the files run writes.
var outFiles = []string{sim.FileColleges, sim.FileGroups, outdir.ManifestName, sim.FileResolved, sim.FileSectors, sim.FileSummary, sim.FileTimeseries}

// envs holds each test's Env, made by testEnv, by the test's name.
var envs sync.Map // string → *Env

// testEnv returns the Env in which test t runs skillsim: a copy of its
// parent test's, if it has one, and otherwise an empty environment with
// stderr not a terminal. Helpers change it to watch or replace the
// engines; a subtest sees what its parent set.
func testEnv(t testing.TB) *Env {
	if e, ok := envs.Load(t.Name()); ok {
		return e.(*Env)
	}
	no := false
	e := &Env{LookupEnv: func(string) (string, bool) { return "", false }, Now: time.Now, Terminal: &no}
	for name := t.Name(); strings.Contains(name, "/"); {
		name = name[:strings.LastIndex(name, "/")]
		if parent, ok := envs.Load(name); ok {
			c := *parent.(*Env)
			e = &c
			break
		}
	}
	envs.Store(t.Name(), e)
	t.Cleanup(func() { envs.Delete(t.Name()) })
	return e
}

// skillsim runs the command line in-process and returns its exit status
// and output.
func skillsim(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return skillsimCtx(t, context.Background(), args...)
}

// skillsimCtx runs the command line in-process with ctx in t's Env.
func skillsimCtx(t testing.TB, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	env := *testEnv(t)
	env.Stdout, env.Stderr = &o, &e
	code = runEnv(ctx, args, &env)
	return code, o.String(), e.String()
}

// writeFile writes a file in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// noSimulation makes any simulation fail the test until the test ends.
func noSimulation(t *testing.T) {
	t.Helper()
	testEnv(t).runSim = func(context.Context, *model.Config, sim.Options) (*sim.Result, error) {
		t.Error("simulation started despite bad input")
		return nil, context.Canceled
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	noSimulation(t)
	for _, test := range []struct {
		name    string
		yaml    string // scenario file content; "" means no file
		file    string // scenario file name
		flags   []string
		want    []string // regular expressions stderr must match
		noFiles bool     // pass no scenario file
	}{
		{name: "missing file", file: "nope.yaml", want: []string{`nope\.yaml`}},
		{
			name: "malformed yaml",
			file: "bad.yaml",
			yaml: "name: tiny\npopulation: [1, 2\n",
			want: []string{`bad\.yaml:\d+`},
		},
		{
			name: "unknown key",
			file: "typo.yaml",
			yaml: "name: tiny\npopluation:\n  persons: 10\n",
			want: []string{`typo\.yaml:2:\d+: `, `popluation`},
		},
		{
			name: "negative count",
			file: "neg.yaml",
			yaml: "name: tiny\npopulation:\n  persons: -5\n",
			want: []string{`neg\.yaml:3:\d+: `, `persons`},
		},
		{name: "zero reps", flags: []string{"-reps", "0"}, noFiles: true, want: []string{`-reps`}},
		{name: "negative workers", flags: []string{"-workers", "-1"}, noFiles: true, want: []string{`-workers`}},
		{name: "unknown flag", flags: []string{"-bogus"}, noFiles: true, want: []string{`bogus`}},
		{name: "bad seed", flags: []string{"-seed", "x"}, noFiles: true, want: []string{`-seed`}},
		{name: "two files", flags: []string{"a.yaml", "b.yaml"}, noFiles: true, want: []string{`more than one`}},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			args := append([]string{"run", "-out", out}, test.flags...)
			if !test.noFiles {
				path := filepath.Join(dir, test.file)
				if test.yaml != "" {
					writeFile(t, dir, test.file, test.yaml)
				}
				args = append(args, path)
			}
			code, stdout, stderr := skillsim(t, args...)
			checkBadInput(t, code, stdout, stderr, test.want, out)
		})
	}
}

func TestUnwritableOut(t *testing.T) {
	t.Parallel()
	noSimulation(t)
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	regular := writeFile(t, dir, "regular", "not a directory\n")

	out := filepath.Join(regular, "out")
	code, _, stderr := skillsim(t, "run", "-out", out, scenario)
	if code != 2 || !strings.Contains(stderr, "output directory") || !strings.Contains(stderr, regular) {
		t.Errorf("-out under a regular file: exit %d, stderr:\n%s", code, stderr)
	}

	if os.Geteuid() == 0 {
		t.Log("running as root: skipping the read-only directory case")
		return
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = skillsim(t, "run", "-out", ro, scenario)
	if code != 2 || !strings.Contains(stderr, "not writable") {
		t.Errorf("read-only -out: exit %d, stderr:\n%s", code, stderr)
	}
	if code, _, stderr = skillsim(t, "run", "-out", filepath.Join(ro, "sub"), scenario); code != 2 {
		t.Errorf("-out under a read-only directory: exit %d, stderr:\n%s", code, stderr)
	}
}

// readOut returns the contents of the output files in dir, failing if any
// other file is there. The figures directory is left to the figure tests.
func readOut(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, e := range entries {
		if e.Name() == outdir.FiguresDir && e.IsDir() {
			continue
		}
		names = append(names, e.Name())
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	if !slices.Equal(names, outFiles) {
		t.Errorf("%s holds %v, want %v", dir, names, outFiles)
	}
	return files
}

func TestRunWritesFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	out := filepath.Join(dir, "results", "tiny")
	code, stdout, stderr := skillsim(t, "run", "-seed", "9", "-reps", "3", "-out", out, scenario)
	if code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"regimes:", "low-skills", "transitional", "co-production", out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	files := readOut(t, out)
	for name, want := range map[string][]string{
		sim.FileResolved:   {"seed: 9", "replications: 3", "persons: 400"},
		sim.FileSummary:    {`"seed": 9`, `"replications": 3`, `"scenario": "tiny"`, `"regime_shares"`},
		sim.FileTimeseries: {"rep,step,date,regime,high_skill_strategy_share,", "\n2,18,2016-07,"},
		sim.FileSectors:    {"rep,step,date,sector,metric,value\n", ",digital_tech,", ",rest,", ",regime,"},
		sim.FileColleges:   {"rep,step,date,college,metric,value\n", ",newham,balance,", ",places:digital_tech,"},
	} {
		for _, w := range want {
			if !bytes.Contains(files[name], []byte(w)) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
}

func TestDefaultOutDir(t *testing.T) {
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	t.Chdir(dir)
	if code, _, stderr := skillsim(t, "run", scenario); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	readOut(t, filepath.Join(dir, "out", "tiny"))
}

func TestWorkersGiveIdenticalFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	outputs := map[string]map[string][]byte{}
	for _, w := range []string{"1", "4"} {
		out := filepath.Join(dir, "w"+w)
		if code, _, stderr := skillsim(t, "run", "-reps", "4", "-workers", w, "-out", out, scenario); code != 0 {
			t.Fatalf("-workers %s: exit status %d; stderr:\n%s", w, code, stderr)
		}
		outputs[w] = readOut(t, out)
	}
	for _, name := range outFiles {
		if !bytes.Equal(outputs["1"][name], outputs["4"][name]) {
			t.Errorf("%s differs between -workers 1 and -workers 4", name)
		}
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{nil, 2, "", "skillsim <command>"},
		{[]string{"help"}, 0, "run", ""},
		{[]string{"help", "run"}, 0, "usage: skillsim run", ""},
		{[]string{"run", "-h"}, 0, "-workers", ""},
		{[]string{"help", "nope"}, 2, "", "unknown help topic"},
		{[]string{"nope"}, 2, "", "unknown command"},
	} {
		code, stdout, stderr := skillsim(t, test.args...)
		if code != test.code || !strings.Contains(stdout, test.stdout) || !strings.Contains(stderr, test.stderr) {
			t.Errorf("skillsim %q: exit %d\nstdout:\n%s\nstderr:\n%s", test.args, code, stdout, stderr)
		}
	}
}

// checkBadInput fails unless a command given bad input exited with status
// 2, wrote nothing on stdout, wrote only skillsim:-prefixed lines on
// stderr matching every pattern in want, and created no directory out.
func checkBadInput(t *testing.T, code int, stdout, stderr string, want []string, out string) {
	t.Helper()
	if code != 2 {
		t.Errorf("exit status %d, want 2; stderr:\n%s", code, stderr)
	}
	for _, re := range want {
		if !regexp.MustCompile(re).MatchString(stderr) {
			t.Errorf("stderr does not match %s:\n%s", re, stderr)
		}
	}
	for line := range strings.Lines(stderr) {
		if !strings.HasPrefix(line, "skillsim: ") {
			t.Errorf("stderr line %q lacks the skillsim: prefix", line)
		}
	}
	if stdout != "" {
		t.Errorf("stdout not empty:\n%s", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output directory created despite bad input (stat: %v)", err)
	}
}
