package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"skillsim/experiment"
	"skillsim/sweep"
)

// sweepBase is a small region for sweep tests: 1,500 people, about a
// thirtieth of the default employers and colleges' places, two years.
const sweepBase = `name: sweep-base
seed: 5
replications: 1
start: 2015-01
end: 2017-01
population:
  persons: 1500
sectors:
  - name: digital_tech
    employers: {micro: 17, small_medium: 2, large: 1}
  - name: creative
    employers: {micro: 20, small_medium: 2, large: 1}
  - name: social_care
    employers: {micro: 8, small_medium: 4, large: 1}
  - name: rest
    employers: {micro: 102, small_medium: 8, large: 1}
colleges:
  - name: newham
    places: 25
  - name: hackney
    places: 25
`

// sweepExperiment is a 2×2 grid with 2 replications over sweepBase: 8 runs.
const sweepExperiment = `name: tiny-exp
base: base.yaml
seed: 11
replications: 2
parameters:
  - path: initial.high_spec_share
    values: [0.1, 0.6]
  - path: behaviour.noise
    values: [0.05, 0.2]
`

// sweepRunsTotal is the number of runs of sweepExperiment.
const sweepRunsTotal = 8

// sweepSetup writes sweepBase and an experiment file with content exp (""
// for sweepExperiment) into a new directory and returns the directory and
// the experiment file's path. The sweep sees no shard in the environment.
func sweepSetup(t *testing.T, exp string) (dir, file string) {
	t.Helper()
	noShardEnv(t, nil)
	if exp == "" {
		exp = sweepExperiment
	}
	dir = t.TempDir()
	writeFile(t, dir, "base.yaml", sweepBase)
	return dir, writeFile(t, dir, "exp.yaml", exp)
}

// noShardEnv makes the sweep see the environment env alone, for the shard
// variables, until the test ends.
func noShardEnv(t *testing.T, env map[string]string) {
	t.Helper()
	testEnv(t).LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

// mustSweep runs skillsim with args and fails unless it exits 0.
func mustSweep(t *testing.T, args ...string) (stdout string) {
	t.Helper()
	code, stdout, stderr := skillsim(t, args...)
	if code != 0 {
		t.Fatalf("skillsim %q: exit status %d; stderr:\n%s", args, code, stderr)
	}
	return stdout
}

// dirFiles returns the files in dir by name, leaving out analysis/.
func dirFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// sameFiles fails unless directories a and b hold the same files with the
// same bytes.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := dirFiles(t, a), dirFiles(t, b)
	var na, nb []string
	for n := range fa {
		na = append(na, n)
	}
	for n := range fb {
		nb = append(nb, n)
	}
	slices.Sort(na)
	slices.Sort(nb)
	if !slices.Equal(na, nb) {
		t.Fatalf("%s holds %v, %s holds %v", a, na, b, nb)
	}
	for _, n := range na {
		if !bytes.Equal(fa[n], fb[n]) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
}

// readRuns returns the records of dir/runs.csv.
func readRuns(t *testing.T, dir string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, sweep.FileRuns))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", sweep.FileRuns, err)
	}
	return records
}

func TestSweepWritesFiles(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, "")
	out := filepath.Join(dir, "results")
	// Flags after the experiment file work too.
	stdout := mustSweep(t, "sweep", exp, "-out", out, "-workers", "2")
	for _, want := range []string{"8 runs, 0 failed", "regimes:", "low-skills", out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	files := dirFiles(t, out)
	for _, name := range []string{sweep.FileExperiment, sweep.FileManifest, sweep.FileRuns} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	for _, name := range []string{sweep.FileJournal, sweep.FileSeries, sweep.FileSeriesJournal} {
		if _, ok := files[name]; ok {
			t.Errorf("%s left in %s", name, out)
		}
	}

	records := readRuns(t, out)
	header := records[0]
	want := []string{"run", "point", "rep", "seed", "initial.high_spec_share", "behaviour.noise", "regime"}
	if !slices.Equal(header[:len(want)], want) || header[len(header)-1] != "error" {
		t.Errorf("header %q", header)
	}
	if len(records) != 1+sweepRunsTotal {
		t.Fatalf("%d rows, want %d", len(records)-1, sweepRunsTotal)
	}
	for i, rec := range records[1:] {
		point, rep := i/2, i%2
		if rec[0] != strconv.Itoa(i) || rec[1] != strconv.Itoa(point) || rec[2] != strconv.Itoa(rep) || rec[3] != "11:"+strconv.Itoa(i) {
			t.Errorf("row %d starts %q", i+1, rec[:4])
		}
		if rec[len(rec)-1] != "" || rec[6] == "" {
			t.Errorf("row %d: regime %q, error %q", i+1, rec[6], rec[len(rec)-1])
		}
	}
	if records[8][4] != "0.6" || records[8][5] != "0.2" {
		t.Errorf("last row's parameters %q", records[8][4:6])
	}

	var m sweep.Manifest
	if err := json.Unmarshal(files[sweep.FileManifest], &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "tiny-exp" || m.Seed != 11 || m.Runs != 8 || m.Replications != 2 || m.Method != "grid" ||
		!slices.Equal(m.Params, []string{"initial.high_spec_share", "behaviour.noise"}) ||
		m.Shard != "" || m.Shards != 1 || m.Version == "" || len(m.SHA256) != 64 {
		t.Errorf("manifest %+v", m)
	}

	// The resolved experiment stands alone.
	e, err := experiment.Parse(sweep.FileExperiment, files[sweep.FileExperiment], nil)
	if err != nil {
		t.Fatalf("%s does not parse alone: %v", sweep.FileExperiment, err)
	}
	if e.Runs() != sweepRunsTotal || e.Base.Population.Persons != 1500 {
		t.Errorf("resolved experiment: %d runs, %d persons", e.Runs(), e.Base.Population.Persons)
	}
}

func TestSweepDefaultOutDir(t *testing.T) {
	dir, exp := sweepSetup(t, "")
	t.Chdir(dir)
	mustSweep(t, "sweep", exp)
	if _, err := os.Stat(filepath.Join(dir, "out", "tiny-exp", sweep.FileRuns)); err != nil {
		t.Error(err)
	}
	mustSweep(t, "sweep", "-shard", "1/3", exp)
	if _, err := os.Stat(filepath.Join(dir, "out", "tiny-exp.shard-1-of-3", sweep.FileRuns)); err != nil {
		t.Error(err)
	}
}

func TestSweepWorkersIdentical(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, strings.Replace(sweepExperiment, "replications: 2\n", "replications: 2\ntimeseries: true\n", 1))
	for _, w := range []string{"1", "2", "3"} {
		mustSweep(t, "sweep", "-workers", w, "-out", filepath.Join(dir, "w"+w), exp)
	}
	if _, err := os.Stat(filepath.Join(dir, "w1", sweep.FileSeries)); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w2"))
	sameFiles(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w3"))
}

// interruptAfter runs the sweep of exp into out with ctx cancelled once k
// runs are journalled, and checks that it stops as interrupted.
func interruptAfter(t *testing.T, k int, args ...string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	testEnv(t).recorded = func(n int) {
		if n == k {
			cancel()
		}
	}
	defer func() { testEnv(t).recorded = nil }()
	code, _, stderr := skillsimCtx(t, ctx, append([]string{"sweep"}, args...)...)
	if code != exitInterrupted || !regexp.MustCompile(`interrupted: \d+ of \d+ runs done; rerun with -resume`).MatchString(stderr) {
		t.Fatalf("interrupted sweep: exit status %d; stderr:\n%s", code, stderr)
	}
}

func TestSweepResume(t *testing.T) {
	t.Parallel()
	for _, ts := range []bool{false, true} {
		t.Run("timeseries="+strconv.FormatBool(ts), func(t *testing.T) {
			content := sweepExperiment
			if ts {
				content += "timeseries: true\n"
			}
			dir, exp := sweepSetup(t, content)
			whole := filepath.Join(dir, "whole")
			mustSweep(t, "sweep", "-out", whole, exp)

			out := filepath.Join(dir, "resumed")
			interruptAfter(t, 3, "-workers", "2", "-out", out, exp)
			files := dirFiles(t, out)
			if _, ok := files[sweep.FileRuns]; ok {
				t.Errorf("%s written by an interrupted sweep", sweep.FileRuns)
			}
			if n := bytes.Count(files[sweep.FileJournal], []byte("\n")); n < 3 || n >= sweepRunsTotal {
				t.Errorf("the journal holds %d runs, want 3 to %d", n, sweepRunsTotal-1)
			}

			// Without -resume the sweep refuses to touch it.
			code, _, stderr := skillsim(t, "sweep", "-out", out, exp)
			if code != 2 || !strings.Contains(stderr, "pass -resume") {
				t.Errorf("rerun without -resume: exit status %d; stderr:\n%s", code, stderr)
			}

			stdout := mustSweep(t, "sweep", "-resume", "-workers", "1", "-out", out, exp)
			if !strings.Contains(stdout, "8 runs, 0 failed") {
				t.Errorf("stdout:\n%s", stdout)
			}
			sameFiles(t, whole, out)

			// Resuming a complete sweep changes nothing.
			code, _, stderr = skillsim(t, "sweep", "-resume", "-out", out, exp)
			if code != 0 || !strings.Contains(stderr, "already complete") {
				t.Errorf("resuming a complete sweep: exit status %d; stderr:\n%s", code, stderr)
			}
			sameFiles(t, whole, out)
		})
	}
}

func TestSweepResumeDamagedJournal(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name    string
		tail    string // appended to the journal
		warning bool   // whether resume warns
	}{
		{"partial last line", "7,3,1,11:7,0.6,0.2,low-ski", false},
		{"garbage then partial", "not a row at all\n7,3,1,11:7,0.", true},
		{"foreign run", "99,49,1,11:99,0.6,0.2,low-skills\n", true},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir, exp := sweepSetup(t, "")
			whole := filepath.Join(dir, "whole")
			mustSweep(t, "sweep", "-out", whole, exp)
			out := filepath.Join(dir, "resumed")
			interruptAfter(t, 2, "-workers", "1", "-out", out, exp)

			journal := filepath.Join(out, sweep.FileJournal)
			f, err := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString(test.tail); err != nil {
				t.Fatal(err)
			}
			f.Close()

			code, _, stderr := skillsim(t, "sweep", "-resume", "-out", out, exp)
			if code != 0 {
				t.Fatalf("resume: exit status %d; stderr:\n%s", code, stderr)
			}
			if got := strings.Contains(stderr, "damaged"); got != test.warning {
				t.Errorf("warning %v, want %v; stderr:\n%s", got, test.warning, stderr)
			}
			sameFiles(t, whole, out)
		})
	}
}

func TestSweepDirChecks(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, "")
	other := writeFile(t, dir, "other.yaml", strings.Replace(sweepExperiment, "seed: 11", "seed: 12", 1))
	out := filepath.Join(dir, "out")
	mustSweep(t, "sweep", "-out", out, exp)
	before := dirFiles(t, out)

	for _, test := range []struct {
		name string
		args []string
		want string
	}{
		{"complete, no -resume", []string{"-out", out, exp}, "pass -resume"},
		{"another experiment", []string{"-out", out, other}, "not this experiment"},
		{"another experiment, -resume", []string{"-resume", "-out", out, other}, "has changed since the sweep began"},
		{"another shard", []string{"-resume", "-shard", "1/2", "-out", out, exp}, "give the same -shard"},
		{"nothing to resume", []string{"-resume", "-out", filepath.Join(dir, "empty"), exp}, "no sweep to resume"},
	} {
		code, stdout, stderr := skillsim(t, append([]string{"sweep"}, test.args...)...)
		if code != 2 || !strings.Contains(stderr, test.want) || stdout != "" {
			t.Errorf("%s: exit status %d, want 2 with %q; stderr:\n%s", test.name, code, test.want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "empty")); !os.IsNotExist(err) {
		t.Errorf("-resume of nothing created its directory")
	}
	after := dirFiles(t, out)
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}

	// A directory of other files is refused.
	foreign := filepath.Join(dir, "foreign")
	os.Mkdir(foreign, 0o755)
	writeFile(t, foreign, sweep.FileRuns, "a,b\n")
	if code, _, stderr := skillsim(t, "sweep", "-out", foreign, exp); code != 2 || !strings.Contains(stderr, "no manifest.json") {
		t.Errorf("foreign directory: exit status %d; stderr:\n%s", code, stderr)
	}
}

// noExecute makes any sweep fail the test until the test ends.
func noExecute(t *testing.T) {
	t.Helper()
	testEnv(t).execute = func(context.Context, *experiment.Experiment, experiment.ExecOptions, func(*experiment.Result) error) error {
		t.Error("sweep started despite bad input")
		return context.Canceled
	}
}

func TestSweepBadInput(t *testing.T) {
	t.Parallel()
	noExecute(t)
	for _, test := range []struct {
		name string
		exp  string   // experiment file content; "" for none
		args []string // after "sweep -out DIR"; FILE is replaced by the file's path
		want []string // regular expressions stderr must match
	}{
		{
			name: "unknown path",
			exp:  strings.Replace(sweepExperiment, "path: initial.high_spec_share", "path: initial.high_spec_shar", 1),
			args: []string{"FILE"},
			want: []string{`exp\.yaml:\d+:\d+: `, `initial\.high_spec_share`},
		},
		{
			name: "unknown key",
			exp:  sweepExperiment + "replicatoins: 3\n",
			args: []string{"FILE"},
			want: []string{`exp\.yaml:\d+:\d+: `, `replicatoins`},
		},
		{
			name: "missing base",
			exp:  strings.Replace(sweepExperiment, "base: base.yaml", "base: nope.yaml", 1),
			args: []string{"FILE"},
			want: []string{`nope\.yaml`},
		},
		{name: "missing file", args: []string{"nope.yaml"}, want: []string{`nope\.yaml`}},
		{name: "no file", args: nil, want: []string{`want one experiment file`}},
		{name: "two files", args: []string{"FILE", "FILE"}, want: []string{`want one experiment file, got 2`}},
		{name: "bad shard", args: []string{"-shard", "3/2", "FILE"}, want: []string{`-shard "3/2"`}},
		{name: "bad shard form", args: []string{"-shard", "3", "FILE"}, want: []string{`want i/N`}},
		{name: "negative workers", args: []string{"-workers", "-1", "FILE"}, want: []string{`-workers`}},
		{name: "unknown flag", args: []string{"-bogus", "FILE"}, want: []string{`bogus`}},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir, file := sweepSetup(t, test.exp)
			out := filepath.Join(dir, "out")
			args := []string{"sweep", "-out", out}
			for _, a := range test.args {
				args = append(args, strings.ReplaceAll(a, "FILE", file))
			}
			code, stdout, stderr := skillsim(t, args...)
			checkBadInput(t, code, stdout, stderr, test.want, out)
		})
	}
}

func TestSweepFailingPoint(t *testing.T) {
	t.Parallel()
	// A high-specification share above 1 is a point the model rejects.
	dir, exp := sweepSetup(t, `name: failing
base: base.yaml
seed: 2
replications: 2
parameters:
  - path: initial.high_spec_share
    values: [0.2, 1.5]
`)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := skillsim(t, "sweep", "-out", out, exp)
	if code != 1 || !strings.Contains(stderr, "2 of 4 runs failed") || !strings.Contains(stdout, "4 runs, 2 failed") {
		t.Fatalf("exit status %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	records := readRuns(t, out)
	if len(records) != 5 {
		t.Fatalf("%d rows, want 4", len(records)-1)
	}
	for i, rec := range records[1:] {
		regime, msg := rec[5], rec[len(rec)-1]
		if failed := i >= 2; failed != (msg != "") || failed != (regime == "") {
			t.Errorf("row %d: regime %q, error %q", i+1, regime, msg)
		}
		if i >= 2 && !strings.Contains(msg, "high_spec_share") {
			t.Errorf("row %d: error %q does not name the field", i+1, msg)
		}
	}

	// Interrupted and resumed, the same, failures and all.
	resumed := filepath.Join(dir, "resumed")
	interruptAfter(t, 1, "-workers", "1", "-out", resumed, exp)
	code, _, stderr = skillsim(t, "sweep", "-resume", "-out", resumed, exp)
	if code != 1 || !strings.Contains(stderr, "2 of 4 runs failed") {
		t.Errorf("resumed: exit status %d; stderr:\n%s", code, stderr)
	}
	sameFiles(t, out, resumed)
}

func TestSweepProgress(t *testing.T) {
	t.Parallel()
	yes := true
	testEnv(t).Terminal = &yes
	dir, exp := sweepSetup(t, "")
	code, _, stderr := skillsim(t, "sweep", "-out", filepath.Join(dir, "out"), exp)
	if code != 0 || !strings.Contains(stderr, "\rskillsim: sweep: 8/8 runs (100%)") || !strings.Contains(stderr, "runs/s") || !strings.Contains(stderr, "0 failed") {
		t.Errorf("exit status %d; stderr %q", code, stderr)
	}
	// Not on a terminal, whole lines; with -q, nothing.
	no := false
	testEnv(t).Terminal = &no
	code, _, stderr = skillsim(t, "sweep", "-out", filepath.Join(dir, "out2"), exp)
	if code != 0 || strings.Contains(stderr, "\r") || !strings.Contains(stderr, "skillsim: sweep: 8/8 runs (100%)") {
		t.Errorf("exit status %d; stderr %q", code, stderr)
	}
	code, _, stderr = skillsim(t, "sweep", "-q", "-out", filepath.Join(dir, "out3"), exp)
	if code != 0 || stderr != "" {
		t.Errorf("-q: exit status %d; stderr %q", code, stderr)
	}
	sameFiles(t, filepath.Join(dir, "out"), filepath.Join(dir, "out3"))
}

func TestSweepFindsExamplesByName(t *testing.T) {
	t.Parallel()
	e, err := loadExperiment(context.Background(), "network-basin")
	if err != nil || e.Name != "network-basin" {
		t.Errorf("loadExperiment(network-basin) = %v, %v; want the shipped example", e, err)
	}
	var ie inputError
	if _, err := loadExperiment(context.Background(), "no-such-experiment"); !errors.As(err, &ie) || !strings.Contains(err.Error(), "network-basin") {
		t.Errorf("loadExperiment of an unknown name: %v; want an input error listing the examples", err)
	}
}

func TestSweepAnalyzes(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, "")
	for _, test := range []struct {
		args    []string
		figures bool
	}{{nil, true}, {[]string{"-plots=false"}, false}} {
		out := filepath.Join(dir, strings.Join(append([]string{"out"}, test.args...), ""))
		stdout := mustSweep(t, append(append([]string{"sweep", "-out", out}, test.args...), exp)...)
		if !strings.Contains(stdout, "analysis of tiny-exp") {
			t.Errorf("%q: no analysis:\n%s", test.args, stdout)
		}
		_, err := os.Stat(filepath.Join(out, "analysis", "figures", "figures.json"))
		if got := err == nil; got != test.figures {
			t.Errorf("%q: figures %v, want %v", test.args, got, test.figures)
		}
	}
	// A shard is not analysed.
	out := filepath.Join(dir, "shard")
	stdout := mustSweep(t, "sweep", "-shard", "0/2", "-out", out, exp)
	if strings.Contains(stdout, "analysis") || !strings.Contains(stdout, "skillsim merge") {
		t.Errorf("shard:\n%s", stdout)
	}
}
