package report

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"skillsim/model"
	"skillsim/outdir"
	"skillsim/scenarios"
	"skillsim/sim"
)

// writeRun runs a small region with seed and writes it into dir as
// skillsim run does, without figures.
func writeRun(t *testing.T, dir string, seed uint64) {
	t.Helper()
	cfg := model.DefaultConfig()
	cfg.Name, cfg.Seed = "small", seed
	cfg.Population.Persons = 300
	cfg.End = cfg.Start + 12
	res, err := sim.Run(context.Background(), &cfg, sim.Options{Reps: 2, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := scenarios.Marshal(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	set, err := outdir.Begin(dir, "run", "test", func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(io.Writer) error{
		sim.FileTimeseries: func(w io.Writer) error { return sim.WriteTimeseries(w, res) },
		sim.FileSectors:    func(w io.Writer) error { return sim.WriteSectors(w, res) },
		sim.FileSummary:    func(w io.Writer) error { return sim.WriteSummary(w, res) },
		sim.FileResolved:   func(w io.Writer) error { _, err := w.Write(resolved); return err },
	} {
		if err := outdir.WriteFile(set.Path(), name, write); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.Commit(sim.Version); err != nil {
		t.Fatal(err)
	}
}

func TestReportOfARun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	writeRun(t, run, 1)
	out := filepath.Join(dir, "r.md")
	n, err := Write(out, []string{run}, Options{Generated: time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	for _, want := range []string{"Scenario small", "master seed 1", "2001-02-03", "drawn from timeseries.csv"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n == 0 {
		t.Error("no figures drawn from the data")
	}
}

// TestReportRefusesAMixedRun: files of two runs in one directory (a run
// killed while writing over another, or a file copied in) are refused,
// not reported as one.
func TestReportRefusesAMixedRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeRun(t, a, 1)
	writeRun(t, b, 9)
	data, _ := os.ReadFile(filepath.Join(b, sim.FileTimeseries))
	os.WriteFile(filepath.Join(a, sim.FileTimeseries), data, 0o644)
	_, err := Write(filepath.Join(dir, "r.html"), []string{a}, Options{})
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), sim.FileTimeseries) {
		t.Errorf("report of a mixed run: %v, want a DirError naming %s", err, sim.FileTimeseries)
	}
	// A directory with no manifest is no whole run.
	os.Remove(filepath.Join(b, outdir.ManifestName))
	if _, err := Write(filepath.Join(dir, "r.html"), []string{b}, Options{}); !errors.As(err, &de) {
		t.Errorf("report of a run without a manifest: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err == nil {
		t.Error("a report was written")
	}
}
