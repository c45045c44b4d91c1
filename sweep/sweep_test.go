package sweep

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"skillsim/experiment"
	"skillsim/model"
	"skillsim/outdir"
)

// testExperiment is a 3×2 grid with 2 replications (12 runs) over the
// default region, which the fake executor never builds.
const testExperiment = `name: unit
base: region
seed: 7
replications: 2
parameters:
  - path: initial.high_spec_share
    values: [0.1, 0.4, 0.7]
  - path: behaviour.noise
    values: [0.05, 0.2]
`

// newExperiment parses src (testExperiment when empty), with time series
// when series.
func newExperiment(t *testing.T, src string, series bool) (*experiment.Experiment, []byte) {
	t.Helper()
	if src == "" {
		src = testExperiment
	}
	if series {
		src += "timeseries: true\n"
	}
	e, err := experiment.Parse("unit.yaml", []byte(src), func(string) (*model.Config, error) { cfg := model.DefaultConfig(); return &cfg, nil })
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := e.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	return e, resolved
}

// fakeExecute reports every included run with results that depend only
// on the run's index, in reverse order (completion order must not
// matter), failing run 5; it stops after stop runs when stop > 0, as an
// interrupted sweep does.
func fakeExecute(stop int) func(context.Context, *experiment.Experiment, experiment.ExecOptions, func(*experiment.Result) error) error {
	return func(ctx context.Context, e *experiment.Experiment, opt experiment.ExecOptions, done func(*experiment.Result) error) error {
		n := 0
		for i := e.Runs() - 1; i >= 0; i-- {
			if opt.Include != nil && !opt.Include(i) {
				continue
			}
			if stop > 0 && n == stop {
				return context.Canceled
			}
			point, rep := e.RunInfo(i)
			r := &experiment.Result{Run: i, Point: point, Rep: rep, Seed: [2]uint64{e.Seed, e.Stream(i)}, Values: e.Points[point]}
			r.Regime = model.Regime(i % int(model.NumRegimes))
			for m := range r.Final {
				r.Final[m] = math.Sqrt(float64(i*100 + m))
			}
			if i == 5 {
				r.Err = errors.New("point rejected")
			}
			if e.Timeseries {
				for s := range 3 {
					o := model.Observation{Step: s}
					o.Region[0] = float64(i + s)
					r.Series = append(r.Series, o)
				}
			}
			if err := done(r); err != nil {
				return err
			}
			n++
		}
		return nil
	}
}

// files returns the regular files of dir by name, leaving out analysis/.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, en := range entries {
		if en.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, en.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[en.Name()] = b
		}
	}
	return out
}

// sameFiles fails unless a and b hold the same files, byte for byte.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	na, nb, differ := compareFiles(files(t, a), files(t, b))
	if !slices.Equal(na, nb) {
		t.Fatalf("%s holds %v, %s holds %v", a, na, b, nb)
	}
	for _, n := range differ {
		t.Errorf("%s differs between %s and %s", n, a, b)
	}
}

// compareFiles compares two sets of files by name and content: the
// sorted names of each, and, when the names agree, those whose contents
// differ.
func compareFiles(fa, fb map[string][]byte) (na, nb, differ []string) {
	na, nb = slices.Sorted(maps.Keys(fa)), slices.Sorted(maps.Keys(fb))
	if !slices.Equal(na, nb) {
		return na, nb, nil
	}
	for _, n := range na {
		if !bytes.Equal(fa[n], fb[n]) {
			differ = append(differ, n)
		}
	}
	return na, nb, nil
}

// sweepInto sweeps e into dir, stopping after stop runs when stop > 0.
func sweepInto(t *testing.T, e *experiment.Experiment, resolved []byte, dir string, resume bool, stop int) (*Outcome, error) {
	t.Helper()
	var log bytes.Buffer
	out, err := Sweep(context.Background(), e, resolved, dir, Options{Resume: resume, Execute: fakeExecute(stop), Log: &log})
	t.Logf("log: %s", log.String())
	return out, err
}

func TestSweepAndResume(t *testing.T) {
	t.Parallel()
	for _, series := range []bool{false, true} {
		e, resolved := newExperiment(t, "", series)
		dir := t.TempDir()
		whole := filepath.Join(dir, "whole")
		out, err := sweepInto(t, e, resolved, whole, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if out.Tally.Runs != 12 || out.Tally.Failed != 1 {
			t.Errorf("tally %v", out.Tally)
		}
		m, err := Verify(whole)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 2, true: 3}[series]; len(m.Files) != want {
			t.Errorf("manifest lists %v", m.Files)
		}

		part := filepath.Join(dir, "part")
		if _, err := sweepInto(t, e, resolved, part, false, 5); err == nil || !strings.Contains(err.Error(), "rerun with -resume") {
			t.Fatalf("interrupted sweep: %v", err)
		}
		if _, err := Verify(part); err == nil {
			t.Error("Verify accepts an unfinished sweep")
		}
		if _, err := sweepInto(t, e, resolved, part, true, 0); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, whole, part)
	}
}

// interrupted sweeps 5 of the 12 runs of e into a new directory and
// returns it.
func interrupted(t *testing.T, e *experiment.Experiment, resolved []byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "part")
	if _, err := sweepInto(t, e, resolved, dir, false, 5); err == nil {
		t.Fatal("no interruption")
	}
	return dir
}

func TestResumeVerifiesChecksums(t *testing.T) {
	t.Parallel()
	for _, series := range []bool{false, true} {
		e, resolved := newExperiment(t, "", series)
		whole := filepath.Join(t.TempDir(), "whole")
		if _, err := sweepInto(t, e, resolved, whole, false, 0); err != nil {
			t.Fatal(err)
		}
		name := FileJournal
		if series {
			name = FileSeriesJournal
		}
		dir := interrupted(t, e, resolved)
		// Flip a digit (or byte) of the second entry.
		b, _ := os.ReadFile(filepath.Join(dir, name))
		i := len(b) * 3 / 5
		if !series {
			i = bytes.IndexByte(b, '\n') + crcLen + 3
			for b[i] < '0' || b[i] > '8' {
				i++
			}
		}
		b[i]++
		os.WriteFile(filepath.Join(dir, name), b, 0o644)

		var log bytes.Buffer
		_, err := Sweep(context.Background(), e, resolved, dir, Options{Resume: true, Execute: fakeExecute(0), Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), "damaged") {
			t.Errorf("series %v: no warning of the damaged entry; log:\n%s", series, log.String())
		}
		sameFiles(t, whole, dir)
	}
}

func TestResumeRefusesEditedExperiment(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", false)
	dir := interrupted(t, e, resolved)
	p := filepath.Join(dir, FileExperiment)
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("seed: 7"), []byte("seed: 8"), 1), 0o644)
	before := files(t, dir)
	_, err := sweepInto(t, e, resolved, dir, true, 0)
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "changed after the sweep began") {
		t.Fatalf("resume after an edit: %v", err)
	}
	after := files(t, dir)
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("%s changed", n)
		}
	}
}

func TestSecondSweepRefused(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", false)
	dir := t.TempDir()
	// The first sweep holds the lock while its runs go: the second
	// starts from its executor.
	var second error
	exec := fakeExecute(0)
	_, err := Sweep(context.Background(), e, resolved, dir, Options{Execute: func(ctx context.Context, e *experiment.Experiment, opt experiment.ExecOptions, done func(*experiment.Result) error) error {
		_, second = Sweep(context.Background(), e, resolved, dir, Options{Resume: true, Execute: fakeExecute(0)})
		return exec(ctx, e, opt, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	var busy *outdir.BusyError
	if !errors.As(second, &busy) || !strings.Contains(second.Error(), "skillsim sweep (pid ") {
		t.Fatalf("second sweep: %v, want a BusyError naming the first", second)
	}
	if _, err := Verify(dir); err != nil {
		t.Error(err)
	}
}

func TestResumeRemovesTemporaryFiles(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", false)
	dir := interrupted(t, e, resolved)
	os.WriteFile(filepath.Join(dir, ".runs.csv.123.tmp"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(dir, outdir.LockName), []byte("skillsim sweep (pid 1, killed)"), 0o644)
	if _, err := sweepInto(t, e, resolved, dir, true, 0); err != nil {
		t.Fatal(err)
	}
	if l, _ := outdir.Leftovers(dir); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
	if outdir.Exists(dir, outdir.LockName) {
		t.Errorf("the lock file is left")
	}
}

// shards sweeps the n shards of e into dir/shard.i.
func shards(t *testing.T, e *experiment.Experiment, resolved []byte, dir string, n int) []string {
	var dirs []string
	for i := range n {
		d := filepath.Join(dir, "shard."+string(rune('0'+i)))
		if _, err := Sweep(context.Background(), e, resolved, d, Options{Shard: Shard{I: i, N: n}, Execute: fakeExecute(0)}); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

func TestMergeIsRestartable(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", true)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	if _, err := sweepInto(t, e, resolved, whole, false, 0); err != nil {
		t.Fatal(err)
	}
	ds := shards(t, e, resolved, dir, 3)
	merged := filepath.Join(dir, "merged")
	if _, err := Merge(context.Background(), ds, MergeOptions{Out: merged}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, whole, merged)

	// A merge killed after runs.csv: the manifest lists no files.
	killed := filepath.Join(dir, "killed")
	os.Mkdir(killed, 0o755)
	m, _ := ReadManifest(merged)
	m.Files = nil
	os.WriteFile(filepath.Join(killed, FileManifest), m.marshal(), 0o644)
	os.WriteFile(filepath.Join(killed, FileRuns), []byte("run,point\n0,0\n"), 0o644)
	os.WriteFile(filepath.Join(killed, ".timeseries.csv.gz.1.tmp"), []byte("x"), 0o644)
	if _, err := Analyze(context.Background(), killed, AnalyzeOptions{}); err == nil {
		t.Error("Analyze accepts an unfinished merge")
	}
	out, err := Merge(context.Background(), ds, MergeOptions{Out: killed})
	if err != nil {
		t.Fatalf("merge again: %v", err)
	}
	if out.Already {
		t.Error("an unfinished merge taken for a finished one")
	}
	sameFiles(t, whole, killed)
	if l, _ := outdir.Leftovers(killed); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
	// And again: it is complete, left as it is.
	if out, err := Merge(context.Background(), ds, MergeOptions{Out: killed}); err != nil || !out.Already {
		t.Errorf("merge of a complete merge: %v, %+v", err, out)
	}
}

func TestAnalyzeChecksTheManifest(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", false)
	dir := filepath.Join(t.TempDir(), "x")
	if _, err := sweepInto(t, e, resolved, dir, false, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := Analyze(context.Background(), dir, AnalyzeOptions{Boot: 10}); err != nil {
		t.Fatal(err)
	}
	if ok, err := VerifyAnalysis(dir); !ok || err != nil {
		t.Errorf("VerifyAnalysis: %v, %v", ok, err)
	}
	// A row dropped from runs.csv.
	p := filepath.Join(dir, FileRuns)
	b, _ := os.ReadFile(p)
	lines := bytes.SplitAfter(b, []byte("\n"))
	os.WriteFile(p, bytes.Join(append(lines[:3:3], lines[4:]...), nil), 0o644)
	_, err := Analyze(context.Background(), dir, AnalyzeOptions{Boot: 10})
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), FileRuns) {
		t.Errorf("Analyze of an edited runs.csv: %v", err)
	}
	// An analysis file edited.
	os.WriteFile(p, b, 0o644)
	os.WriteFile(filepath.Join(dir, DirAnalysis, "prim.csv"), []byte("x\n"), 0o644)
	if _, err := VerifyAnalysis(dir); err == nil {
		t.Error("VerifyAnalysis accepts an edited prim.csv")
	}
}
