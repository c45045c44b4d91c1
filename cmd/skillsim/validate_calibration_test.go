package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"skillsim/calibrate"
	"skillsim/patterns"
)

// TestValidateCalibrations checks that validate tells calibration and
// targets files from scenarios and experiments, prints them resolved, and
// locates their problems.
func TestValidateCalibrations(t *testing.T) {
	t.Parallel()
	ex := filepath.Join("..", "..", "calibrate", "examples")
	code, stdout, stderr := skillsim(t, "validate", filepath.Join(ex, "england.calibration.yaml"))
	if code != 0 || stderr != "" {
		t.Fatalf("validate england.calibration.yaml: exit status %d\n%s", code, stderr)
	}
	for _, want := range []string{"# Calibration england, fully resolved", "base: baseline", "targets: england",
		"  - path: sectors.rest.quit_rate\n    range: [0.04, 0.2]", "method:\n  particles: 120", "kernel_scale: " + strconv.FormatFloat(calibrate.RWMKernelScale(22), 'g', -1, 64) + "\n",
		"targets_resolved:\n  name: england\n  statistics:\n    - id: P1a", "      use: predict", "base_scenario:\n  # Scenario baseline, fully resolved: every field is written out.\n  name: baseline"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the resolved England calibration lacks %q", want)
		}
	}
	code, stdout, stderr = skillsim(t, "validate", "recovery", filepath.Join(ex, "recovery-targets.yaml"))
	if code != 0 || !strings.Contains(stdout, "# recovery: ok\n# Calibration recovery") || !strings.Contains(stdout, "seed: 7") {
		t.Errorf("validate recovery (shipped) and its targets: exit status %d\n%s\n%s", code, stdout, stderr)
	}
	_, targets, _ := strings.Cut(stdout, "recovery-targets.yaml: ok\n")
	if tg, err := patterns.ParseTargets("stdout", []byte(targets)); err != nil || len(tg.Statistics) != 5 || tg.Statistics[4].ID != "starts" {
		t.Errorf("the resolved targets do not read back: %v\n%s", err, targets)
	}

	dir := t.TempDir()
	for _, name := range []string{"recovery-region.yaml", "recovery-targets.yaml"} {
		writeFile(t, dir, name, readText(t, filepath.Join(ex, name)))
	}
	for _, test := range []struct{ file, text, where string }{
		{"path.yaml", "base: recovery-region.yaml\ntargets: recovery-targets.yaml\nparameters:\n  - {path: sectors.rest.quit_rat, range: [0, 1]}\n", `path\.yaml:4:\d+: parameters\[0\]\.path: `},
		{"method.yaml", "base: recovery-region.yaml\ntargets: recovery-targets.yaml\nparameters:\n  - {path: sectors.rest.quit_rate, range: [0, 1]}\nmethod:\n  particles: 1\n", `method\.yaml:6:\d+: method\.particles: .*from 2 to`},
		{"key.yaml", "targets: recovery-targets.yaml\nbase: recovery-region.yaml\nparticles: 3\n", `key\.yaml:3:1: particles: unknown field`},
		{"stats.yaml", "name: t\nstatistics:\n  - id: x\n    use: fitt\n    tolerance: [0, 1]\n    indicator: turnover_rate\n    window: [2011-01, 2011-12]\n", `stats\.yaml:4:\d+: statistics\[0\]\.use: "fitt" is not a use`},
	} {
		file := writeFile(t, dir, test.file, test.text)
		code, stdout, stderr := skillsim(t, "validate", file)
		if code != 2 || stdout != "" || !regexp.MustCompile(test.where).MatchString(stderr) {
			t.Errorf("validate %s: exit status %d, want 2 and an error matching %s\nstdout:\n%s\nstderr:\n%s", test.file, code, test.where, stdout, stderr)
		}
	}
}

// readText returns the text of the file at path.
func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
