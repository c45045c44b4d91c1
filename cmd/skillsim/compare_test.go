package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"skillsim/model"
	"skillsim/outdir"
	"skillsim/scenarios"
	"skillsim/sim"
)

// renamed returns tinyScenario under another name, with extra appended.
func renamed(name, extra string) string {
	return strings.Replace(tinyScenario, "name: tiny\n", "name: "+name+"\n", 1) + extra
}

// noComparison makes any comparison fail the test until the test ends.
func noComparison(t *testing.T) {
	t.Helper()
	testEnv(t).compareSim = func(context.Context, []*model.Config, sim.Options) (*sim.Comparison, error) {
		t.Error("comparison started despite bad input")
		return nil, context.Canceled
	}
}

// readCompare returns the records of dir/compare.csv, failing unless dir
// holds exactly compare.csv, manifest.json, timeseries.csv and the
// resolved scenarios of names (and the
// figures directory, left to the figure tests).
func readCompare(t *testing.T, dir string, names ...string) [][]string {
	t.Helper()
	want := []string{sim.FileCompare, outdir.ManifestName, sim.FileTimeseries}
	for _, n := range names {
		want = append(want, n+sim.ResolvedSuffix)
	}
	slices.Sort(want)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Name() == outdir.FiguresDir && e.IsDir() {
			continue
		}
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, sim.FileCompare))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", sim.FileCompare, err)
	}
	return records
}

func TestCompareWritesFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", "initial:\n  high_spec_share: 0.6\n"))
	out := filepath.Join(dir, "results")
	// Flags after the scenarios work too.
	code, stdout, stderr := skillsim(t, "compare", "-seed", "9", a, b, "-reps", "3", "-out", out)
	if code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"common master seed 9", "regimes:", "tiny_b − tiny", "high_skill_strategy_share", out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}

	records := readCompare(t, out, "tiny", "tiny_b")
	wantHeader := []string{"scenario", "metric", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"}
	if !slices.Equal(records[0], wantHeader) {
		t.Errorf("header %q, want %q", records[0], wantHeader)
	}
	rowsPer := int(model.NumMetrics) + int(model.NumRegimes)
	if got := len(records) - 1; got != 2*rowsPer {
		t.Fatalf("%d rows, want %d", got, 2*rowsPer)
	}
	for i, rec := range records[1:] {
		wantName := []string{"tiny", "tiny_b"}[i/rowsPer]
		if rec[0] != wantName {
			t.Errorf("row %d: scenario %q, want %q", i+1, rec[0], wantName)
		}
		if wantName == "tiny" && (rec[5] != "" || rec[6] != "" || rec[7] != "") {
			t.Errorf("row %d: the baseline has diff columns %q", i+1, rec[5:])
		}
		if wantName == "tiny_b" && rec[5] == "" {
			t.Errorf("row %d: no diff_mean", i+1)
		}
	}
	if !slices.ContainsFunc(records, func(rec []string) bool {
		return rec[0] == "tiny_b" && rec[1] == "high_skill_strategy_share" && rec[5] != "0"
	}) {
		t.Errorf("no nonzero high_skill_strategy_share difference for tiny_b")
	}

	for _, name := range []string{"tiny", "tiny_b"} {
		file := filepath.Join(out, name+sim.ResolvedSuffix)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := scenarios.Parse(file, data)
		if err != nil {
			t.Fatalf("%s does not parse: %v", file, err)
		}
		if cfg.Name != name || cfg.Seed != 9 || cfg.Replications != 3 || cfg.Population.Persons != 400 {
			t.Errorf("%s: name %s seed %d replications %d persons %d", file, cfg.Name, cfg.Seed, cfg.Replications, cfg.Population.Persons)
		}
	}
}

func TestCompareWithItself(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The same scenario under a second name: a scenario's name labels its
	// rows, so the same file twice is a duplicate (see TestCompareBadInput).
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_again", ""))
	out := filepath.Join(dir, "out")
	if code, _, stderr := skillsim(t, "compare", "-out", out, a, b); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	for _, rec := range readCompare(t, out, "tiny", "tiny_again")[1:] {
		if rec[0] != "tiny_again" {
			continue
		}
		want := []string{"0", "0", "0"}
		if strings.HasPrefix(rec[1], "regime_share:") {
			want = []string{"0", "", ""}
		}
		if !slices.Equal(rec[5:], want) {
			t.Errorf("row %q: diff columns %q, want %q", rec, rec[5:], want)
		}
	}
}

func TestCompareWorkersGiveIdenticalFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", "initial:\n  college_use_share: 0.3\n"))
	var csvs, reports [2]string
	for i, w := range []string{"1", "4"} {
		out := filepath.Join(dir, "w"+w)
		code, stdout, stderr := skillsim(t, "compare", "-reps", "4", "-workers", w, "-out", out, a, b)
		if code != 0 {
			t.Fatalf("-workers %s: exit status %d; stderr:\n%s", w, code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(out, sim.FileCompare))
		if err != nil {
			t.Fatal(err)
		}
		csvs[i], reports[i] = string(data), strings.ReplaceAll(stdout, out, "OUT")
	}
	if csvs[0] != csvs[1] {
		t.Errorf("%s differs between -workers 1 and -workers 4", sim.FileCompare)
	}
	if reports[0] != reports[1] {
		t.Errorf("report differs between -workers 1 and -workers 4:\n%s\n---\n%s", reports[0], reports[1])
	}
}

func TestCompareDefaultOutDir(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", ""))
	t.Chdir(dir)
	if code, _, stderr := skillsim(t, "compare", "-reps", "1", a, b); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	readCompare(t, filepath.Join(dir, "out", "compare-tiny-tiny_b"), "tiny", "tiny_b")
}

func TestCompareDirName(t *testing.T) {
	t.Parallel()
	cfgs := func(names ...string) []*model.Config {
		var cs []*model.Config
		for _, n := range names {
			cs = append(cs, &model.Config{Name: n})
		}
		return cs
	}
	long := strings.Repeat("x", 30)
	for _, test := range []struct {
		names []string
		want  string
	}{
		{[]string{"a", "b"}, "compare-a-b"},
		{[]string{"region", "coproduction", "bistable"}, "compare-region-coproduction-bistable"},
		{[]string{long + "1", long + "2", long + "3", long + "4"}, "compare-" + long + "1-and-3-more"},
		{[]string{long + "1", long + "2", "c"}, "compare-" + long + "1-" + long + "2-c"},
		{[]string{long + "1", "b", "c", long + long, "e"}, "compare-" + long + "1-b-c-and-2-more"},
		{[]string{strings.Repeat("y", 100), "b"}, "compare-" + strings.Repeat("y", maxDirName-len("compare-")-len("-and-1-more")) + "-b"},
	} {
		got := compareDirName(cfgs(test.names...))
		if got != test.want {
			t.Errorf("compareDirName(%q) = %q, want %q", test.names, got, test.want)
		}
		if len(got) > maxDirName {
			t.Errorf("compareDirName(%q) is %d bytes long, more than %d", test.names, len(got), maxDirName)
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	t.Parallel()
	noComparison(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", tinyScenario)
	other := writeFile(t, dir, "other.yaml", renamed("other", ""))
	bad := writeFile(t, dir, "neg.yaml", "name: neg\npopulation:\n  persons: -5\n")
	regular := writeFile(t, dir, "regular", "not a directory\n")
	for _, test := range []struct {
		name string
		args []string
		want []string // regular expressions stderr must match
	}{
		{"no scenario", nil, []string{`at least two`}},
		{"one scenario", []string{good}, []string{`at least two`}},
		{"missing file", []string{good, filepath.Join(dir, "nope.yaml")}, []string{`nope\.yaml`, `shipped scenario`}},
		{"invalid file", []string{good, bad}, []string{`neg\.yaml:3:\d+: population\.persons`}},
		{"two invalid files", []string{bad, good, bad}, []string{`(?s)neg\.yaml:3:.*\n.*neg\.yaml:3:`}},
		{"same file twice", []string{good, good}, []string{`both named "tiny"`}},
		{"zero reps", []string{"-reps", "0", good, other}, []string{`-reps`}},
		{"negative workers", []string{good, other, "-workers", "-1"}, []string{`-workers`}},
		{"unknown flag", []string{good, "-bogus", other}, []string{`bogus`}},
		{"out under a file", []string{"-out", filepath.Join(regular, "out"), good, other}, []string{`output directory`}},
	} {
		t.Run(test.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"compare"}
			if !slices.Contains(test.args, "-out") {
				args = append(args, "-out", out)
			}
			code, stdout, stderr := skillsim(t, append(args, test.args...)...)
			checkBadInput(t, code, stdout, stderr, test.want, out)
		})
	}
}

func TestCompareHelp(t *testing.T) {
	t.Parallel()
	code, stdout, _ := skillsim(t, "help")
	if code != 0 || !strings.Contains(stdout, "compare") || !strings.Contains(stdout, "validate") {
		t.Errorf("help: exit %d, does not list compare and validate:\n%s", code, stdout)
	}
	code, stdout, _ = skillsim(t, "compare", "-h")
	if code != 0 || !strings.Contains(stdout, "usage: skillsim compare") || !strings.Contains(stdout, "-workers") {
		t.Errorf("compare -h: exit %d:\n%s", code, stdout)
	}
}
