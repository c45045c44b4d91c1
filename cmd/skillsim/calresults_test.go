package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// calFixture is the small result files of the recovery calibration.
var calFixture = filepath.Join("..", "..", "calibrate", "testdata", "recovery-results")

// TestPatternsCalibration writes a validation document with the sections
// of a calibration, of a directory that does not exist, and refuses a
// damaged one before running anything.
func TestPatternsCalibration(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "calibrate", "examples")
	targets, region := filepath.Join(ex, "recovery-targets.yaml"), filepath.Join(ex, "recovery-region.yaml")
	out := filepath.Join(dir, "v.md")
	code, stdout, stderr := skillsim(t, "patterns", "-q", "-reps", "1", "-targets", targets, "-calibration", calFixture, "-o", out, region)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	doc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Validation against observed patterns", "\n\n## Calibration\n", "170 simulations in 6 generations",
		"## Fitted vs predicted", "| turnover | fit |", "| MISS |", "Misses: turnover (fit)", "## Conclusions across the posterior"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the document lacks %q:\n%s", want, doc)
		}
	}
	if !strings.Contains(stdout, "## Fitted vs predicted") {
		t.Errorf("stdout lacks the calibration sections:\n%s", stdout)
	}

	code, _, stderr = skillsim(t, "patterns", "-q", "-reps", "1", "-targets", targets, "-calibration", filepath.Join(dir, "none"), "-o", out, region)
	doc, _ = os.ReadFile(out)
	if code != 0 || !strings.Contains(stderr, "does not exist") || !strings.Contains(string(doc), "No calibration results are stored in") {
		t.Errorf("a missing directory: exit status %d, stderr %s\n%s", code, stderr, doc)
	}

	bad := filepath.Join(dir, "bad")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "posterior.csv"), []byte("x\n"), 0o644)
	code, _, stderr = skillsim(t, "patterns", "-q", "-calibration", bad, "-o", out, region)
	if code != 2 || !strings.Contains(stderr, "no manifest.json") {
		t.Errorf("a directory without a calibration: exit status %d, %s", code, stderr)
	}
}
