package outdir

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLockRefusesSecond(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no flock")
	}
	dir := t.TempDir()
	l, err := Acquire(dir, "skillsim test")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, "skillsim other")
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("second Acquire: got %v, want a *BusyError", err)
	}
	host, _ := os.Hostname()
	for _, want := range []string{"skillsim test", "pid " + strconv.Itoa(os.Getpid()), "host " + host, "since "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if Exists(dir, LockName) {
		t.Errorf("Release left %s", LockName)
	}
	l2, err := Acquire(dir, "skillsim other")
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
}

// writeSet commits a set of files into dir.
func writeSet(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	s, err := NewStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		sub := filepath.Join(s.Path(), filepath.Dir(name))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := WriteBytes(sub, filepath.Base(name), []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	err = s.Commit("manifest.json", func(s Sums) ([]byte, error) { return json.Marshal(s) }, owned)
	if err != nil {
		t.Fatal(err)
	}
}

func owned(name string) bool { return name != "keep.txt" }

func readSums(t *testing.T, dir string) Sums {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s Sums
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func TestCommitReplacesTheWholeSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("not ours"), 0o644)
	writeSet(t, dir, map[string]string{"a.csv": "1", "b.json": "2", "figures/x.png": "old", "figures/y.png": "old"})
	writeSet(t, dir, map[string]string{"a.csv": "3"})
	want := []string{"a.csv", "keep.txt", "manifest.json"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("after the second set: %v, want %v (nothing of the first set but what the second rewrote)", got, want)
	}
	sums := readSums(t, dir)
	if err := sums.Verify(dir); err != nil {
		t.Error(err)
	}
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("4"), 0o644)
	if err := sums.Verify(dir); err == nil || !strings.Contains(err.Error(), "a.csv") {
		t.Errorf("Verify of an edited file: %v, want an error naming a.csv", err)
	}
}

func TestCleanFinishesAnInterruptedCommit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeSet(t, dir, map[string]string{"a.csv": "1", "figures/x.png": "old"})
	// A commit killed after the old manifest went and one file moved.
	s, _ := NewStage(dir)
	os.Mkdir(filepath.Join(s.Path(), "figures"), 0o755)
	WriteBytes(s.Path(), "a.csv", []byte("2"))
	WriteBytes(filepath.Join(s.Path(), "figures"), "z.png", []byte("new"))
	if err := s.seal("manifest.json", func(s Sums) ([]byte, error) { return json.Marshal(s) }); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "manifest.json"))
	os.Rename(filepath.Join(s.Path(), "a.csv"), filepath.Join(dir, "a.csv"))
	// And a half-written file and an abandoned stage.
	os.WriteFile(filepath.Join(dir, ".b.json.123.tmp"), []byte("x"), 0o644)
	s2, _ := NewStage(dir)
	WriteBytes(s2.Path(), "a.csv", []byte("9"))

	if err := Clean(dir, "manifest.json", owned); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.csv", "figures/z.png", "manifest.json"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("after Clean: %v, want %v", got, want)
	}
	if err := readSums(t, dir).Verify(dir); err != nil {
		t.Error(err)
	}
	if l, _ := Leftovers(dir); len(l) > 0 {
		t.Errorf("left over: %v", l)
	}
}

func TestWriteFileLeavesNothingOnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	err := WriteFile(dir, "x.csv", func(w io.Writer) error { w.Write([]byte("part")); return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("left %v", got)
	}
}

func TestBeginRefusesAnotherKind(t *testing.T) {
	dir := t.TempDir()
	for _, content := range []string{`{"kind": "comparison", "files": {}}`, `{"name": "exp", "sha256": "ab"}`} {
		os.WriteFile(filepath.Join(dir, ManifestName), []byte(content), 0o644)
		if _, err := Begin(dir, "run", "test", owned); err == nil || !strings.Contains(err.Error(), "not a run") {
			t.Errorf("Begin over %s: %v", content, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, ManifestName)); string(b) != content {
			t.Errorf("the manifest changed to %s", b)
		}
		if Exists(dir, LockName) {
			t.Error("the lock is left")
		}
	}
}

func TestCleanLeavesAnotherWritersStage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeSet(t, dir, map[string]string{"a.csv": "1"})
	before := listDir(t, dir)
	// A subdirectory staged for Replace with its own manifest (a sweep's
	// analysis/), its writer killed before the rename: not a sealed set.
	s, _ := NewStage(dir)
	WriteBytes(s.Path(), "sobol.csv", []byte("x"))
	WriteBytes(s.Path(), "manifest.json", []byte(`{"files":{}}`))
	if err := commit(dir, s.Path(), "manifest.json", owned); err == nil {
		t.Error("commit of a stage that was not sealed")
	}
	if err := Clean(dir, "manifest.json", owned); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); !slices.Equal(got, before) {
		t.Errorf("after Clean: %v, want %v (the set as it was, the stage removed)", got, before)
	}
	if err := readSums(t, dir).Verify(dir); err != nil {
		t.Error(err)
	}
}
