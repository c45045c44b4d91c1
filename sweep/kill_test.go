package sweep

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"skillsim/outdir"
)

// The tests of this file kill a sweep, merge or analysis at every point
// between its writes, deterministically: the step hook copies the output
// directory at each point, which is what SIGKILL there would leave (the
// lock file included, which the kernel no longer holds). Each copy must
// be readable (a complete manifest matches its files; analysis/ is whole
// or absent), and the command run again, itself killed at each of its
// points and run again, must finish it byte for byte as an uninterrupted
// command does, leaving no lock and no temporary file. Figures take most
// of an analysis's time, so only a merge's first kill draws them (their
// staged subdirectory is one more point); the rest analyse without.

// A snapshot is a copy of an output directory at one step of a command.
type snapshot struct{ step, dir string }

// copyTree copies the directory src to dst, hidden files included.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tree returns every file under dir by slash-separated path, hidden ones
// included.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree fails unless b holds exactly the files of a, byte for byte.
func sameTree(t *testing.T, what, a, b string) {
	t.Helper()
	na, nb, differ := compareFiles(tree(t, a), tree(t, b))
	if !slices.Equal(na, nb) {
		t.Errorf("%s: holds %v, want %v", what, nb, na)
		return
	}
	for _, n := range differ {
		t.Errorf("%s: %s differs from the uninterrupted result", what, n)
	}
}

// A command writes into dir, calling h between its writes.
type command func(dir string, h stepHook) error

// killedAtEachStep runs c to the end in a copy of start (a new directory
// when start is "") and returns a copy of the directory at each step.
func killedAtEachStep(t *testing.T, what, start string, c command) []snapshot {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if start != "" {
		copyTree(t, start, dir)
	}
	var snaps []snapshot
	last := ""
	err := c(dir, func(step string) {
		s := snapshot{what + ", killed at " + step, filepath.Join(t.TempDir(), "snap")}
		copyTree(t, dir, s.dir)
		// Of a row of like steps (each run journalled) keep the first
		// and the last.
		if step == last && len(snaps) > 1 && snaps[len(snaps)-2].step == s.step {
			snaps[len(snaps)-1] = s
		} else {
			snaps = append(snaps, s)
		}
		last = step
	})
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return snaps
}

// readable fails unless a reader of the killed directory dir sees a whole
// result or none: a manifest that lists files matches them, and the
// analysis is whole or absent.
func readable(t *testing.T, what, dir string) {
	t.Helper()
	if m, err := ReadManifest(dir); err != nil {
		t.Errorf("%s: %v", what, err)
	} else if m != nil && m.Complete() {
		if _, err := Verify(dir); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	if _, err := VerifyAnalysis(dir); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// finishes checks that c, run again in a copy of the killed directory
// killed, gives ref and leaves no lock or temporary file.
func finishes(t *testing.T, what, killed, ref string, c command) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "again")
	copyTree(t, killed, dir)
	if err := c(dir, nil); err != nil {
		t.Errorf("%s, run again: %v", what, err)
		return
	}
	sameTree(t, what+", run again", ref, dir)
	if l, _ := outdir.Leftovers(dir); len(l) > 0 {
		t.Errorf("%s, run again: left over %v", what, l)
	}
}

// killTwice checks c killed at each step of a run in a copy of each
// start (a name and a directory, "" for none), then, if twice and not
// -short, at each step of a run again, and each time finished by a run
// to the end.
func killTwice(t *testing.T, ref string, c command, twice bool, starts ...[2]string) {
	t.Helper()
	n := 0
	for _, ws := range starts {
		what, start := ws[0], ws[1]
		for _, s := range killedAtEachStep(t, what, start, c) {
			readable(t, s.step, s.dir)
			finishes(t, s.step, s.dir, ref, c)
			n++
			if !twice || testing.Short() {
				continue
			}
			for _, s2 := range killedAtEachStep(t, s.step+", run again", s.dir, c) {
				readable(t, s2.step, s2.dir)
				finishes(t, s2.step, s2.dir, ref, c)
				n++
			}
		}
	}
	t.Logf("%d kill points checked", n)
}

func TestMergeKilledAtEachStep(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", true)
	root := t.TempDir()
	ds := shards(t, e, resolved, root, 3)
	for _, plots := range []bool{true, false} {
		merge := func(dir string, h stepHook) error {
			_, err := Merge(context.Background(), ds, MergeOptions{Out: dir, Analysis: &AnalyzeOptions{Boot: 10, Plots: plots}, step: h})
			return err
		}
		ref := filepath.Join(t.TempDir(), "ref")
		if err := merge(ref, nil); err != nil {
			t.Fatal(err)
		}
		if plots {
			killTwice(t, ref, merge, false, [2]string{"merge with figures", ""})
			continue
		}
		killTwice(t, ref, merge, true, [2]string{"merge", ""}, [2]string{"merge over a complete one", ref})
	}
}

func TestSweepKilledAtEachStep(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", true)
	// A job script's retry: -resume once the directory has a manifest
	// (docs/cluster.md).
	sweep := func(dir string, h stepHook) error {
		resume := outdir.Exists(dir, FileManifest)
		_, err := Sweep(context.Background(), e, resolved, dir, Options{Resume: resume, Execute: fakeExecute(0),
			Analysis: &AnalyzeOptions{Boot: 10}, step: h})
		return err
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if err := sweep(ref, nil); err != nil {
		t.Fatal(err)
	}
	killTwice(t, ref, sweep, true, [2]string{"sweep", ""}, [2]string{"sweep -resume of a complete one", ref})
}

func TestAnalyzeKilledAtEachStep(t *testing.T) {
	t.Parallel()
	e, resolved := newExperiment(t, "", false)
	root := t.TempDir()
	swept := filepath.Join(root, "swept")
	if _, err := Sweep(context.Background(), e, resolved, swept, Options{Execute: fakeExecute(0)}); err != nil {
		t.Fatal(err)
	}
	analyze := func(dir string, h stepHook) error {
		_, err := Analyze(context.Background(), dir, AnalyzeOptions{Boot: 10, step: h})
		return err
	}
	ref := filepath.Join(root, "ref")
	copyTree(t, swept, ref)
	if err := analyze(ref, nil); err != nil {
		t.Fatal(err)
	}
	killTwice(t, ref, analyze, true, [2]string{"analyze", swept}, [2]string{"analyze again", ref})
}
