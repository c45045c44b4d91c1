package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestAnalyzeEveryMethod sweeps a tiny experiment with each design and
// checks that analyze (run at the end of the sweep, and again by hand with
// the same result) writes the analyses the method supports, as CSV with a
// header and rows, and as valid JSON.
func TestAnalyzeEveryMethod(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, design string
		files        []string
	}{
		{"grid2", `design: {method: grid, levels: 2}
parameters:
  - {path: initial.high_spec_share, range: [0.1, 0.7]}
  - {path: behaviour.noise, values: [0.02, 0.2]}`, []string{"basin", "prim"}},
		{"grid1", `design: {method: grid, levels: 3}
parameters:
  - {path: initial.high_spec_share, range: [0.05, 0.9]}`, []string{"tipping", "prim"}},
		{"lhs", `design: {method: lhs, points: 6}
parameters:
  - {path: initial.high_spec_share, range: [0.05, 0.9]}
  - {path: behaviour.noise, range: [0.0, 0.2]}`, []string{"prim"}},
		{"sobol", `design: {method: sobol, points: 4}
parameters:
  - {path: initial.high_spec_share, range: [0.05, 0.9]}
  - {path: behaviour.noise, range: [0.0, 0.2]}`, []string{"sobol", "prim"}},
		{"morris", `design: {method: morris, points: 2, levels: 4}
parameters:
  - {path: initial.high_spec_share, range: [0.05, 0.9]}
  - {path: behaviour.noise, range: [0.0, 0.2]}`, []string{"morris"}},
		{"hysteresis", `design: {method: hysteresis}
hysteresis:
  path: colleges.newham.outreach
  values: [0, 0.5, 1]
  years: 1`, []string{"hysteresis", "loop"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			exp := "name: " + c.name + "\nbase: base.yaml\nseed: 3\nreplications: 2\noutputs: [coproduction_share, high_skill_strategy_share]\n" + c.design + "\n"
			dir, file := sweepSetup(t, exp)
			out := filepath.Join(dir, "out")
			mustSweep(t, "sweep", "-out", out, file)
			first := dirFiles(t, filepath.Join(out, "analysis"))
			if code, _, stderr := skillsimCtx(t, t.Context(), "analyze", out); code != 0 {
				t.Fatalf("analyze: exit %d: %s", code, stderr)
			}
			again := dirFiles(t, filepath.Join(out, "analysis"))
			if len(first) != len(again) {
				t.Errorf("analyze by hand wrote %d files, the sweep %d", len(again), len(first))
			}
			for name, data := range again {
				if string(first[name]) != string(data) {
					t.Errorf("%s differs between the sweep's analysis and analyze's", name)
				}
			}
			for _, f := range c.files {
				rows, err := csv.NewReader(mustOpen(t, filepath.Join(out, "analysis", f+".csv"))).ReadAll()
				if err != nil || len(rows) < 2 {
					t.Errorf("%s.csv: %d rows, %v", f, len(rows), err)
				}
				var v any
				data, _ := os.ReadFile(filepath.Join(out, "analysis", f+".json"))
				if err := json.Unmarshal(data, &v); err != nil {
					t.Errorf("%s.json is not valid JSON: %v", f, err)
				}
			}
		})
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestAnalyzeBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"analyze"},
		{"analyze", dir},
		{"analyze", filepath.Join(dir, "nonesuch")},
		{"analyze", "-boot", "0", dir},
	} {
		if code, _, _ := skillsimCtx(t, t.Context(), args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
