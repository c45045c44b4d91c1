package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalibrate runs a tiny calibration from a file through the command,
// resumes the complete directory, and checks the exit statuses of bad
// input.
func TestCalibrate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"recovery-region.yaml", "recovery-targets.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "calibrate", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	file := filepath.Join(dir, "tiny.yaml")
	os.WriteFile(file, []byte(`base: recovery-region.yaml
targets: recovery-targets.yaml
parameters:
  - {path: sectors.rest.quit_rate, range: [0.03, 0.2]}
method: {particles: 6, generations: 2}
`), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := skillsim(t, "calibrate", "-q", "-plots=false", "-workers", "2", "-out", out, file)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	for _, f := range []string{"posterior.csv", "generations.csv", "predictive.csv", "manifest.json", "gen-001.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout, "sectors.rest.quit_rate:") || !strings.Contains(stdout, "posterior predictive") {
		t.Errorf("stdout: %s", stdout)
	}
	if code, _, stderr := skillsim(t, "calibrate", "-q", "-out", out, file); code != 2 || !strings.Contains(stderr, "-resume") {
		t.Errorf("a second run without -resume: exit status %d, %s", code, stderr)
	}
	if code, _, stderr := skillsim(t, "calibrate", "-q", "-resume", "-out", out, file); code != 0 {
		t.Errorf("-resume of a complete calibration: exit status %d, %s", code, stderr)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("base: recovery-region.yaml\ntargets: recovery-targets.yaml\nparameters:\n  - {path: sectors.rest.quit_rat, range: [0, 1]}\n"), 0o644)
	if code, _, stderr := skillsim(t, "calibrate", "-out", filepath.Join(dir, "bad"), bad); code != 2 || !strings.Contains(stderr, "bad.yaml:4:") {
		t.Errorf("bad file: exit status %d, %s", code, stderr)
	}
	if code, _, stderr := skillsim(t, "patterns", "-targets", bad, "recovery"); code != 2 || !strings.Contains(stderr, "bad.yaml:1:1: base: unknown field") {
		t.Errorf("patterns -targets with a calibration file: exit status %d, %s", code, stderr)
	}
}
