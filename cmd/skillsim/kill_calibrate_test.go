package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"skillsim/calibrate"
	"skillsim/outdir"
)

// TestKillCalibrate kills a calibration with SIGKILL at random points,
// resumes it each time, and checks that the finished directory is byte
// for byte that of an uninterrupted calibration, with nothing left over.
func TestKillCalibrate(t *testing.T) {
	t.Parallel()
	k := newKiller(t)
	for _, name := range []string{"recovery-region.yaml", "recovery-targets.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "calibrate", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, k.dir, name, string(b))
	}
	writeFile(t, k.dir, "cal.yaml", `base: recovery-region.yaml
targets: recovery-targets.yaml
seed: 5
parameters:
  - {path: sectors.rest.quit_rate, range: [0.03, 0.2]}
  - {path: sectors.rest.training_cost, range: [4, 16]}
method: {particles: 16, generations: 4}
`)
	whole := k.path("whole")
	d := k.must("calibrate", "-q", "-plots=false", "-out", whole, "cal.yaml")
	killed := 0
	for i := range k.kill {
		// Each kill in a fresh directory, at a random point of the whole
		// calibration, then resumed to the end.
		out := k.path("killed-" + strconv.Itoa(i))
		if k.killDuring(d, "calibrate", "-q", "-plots=false", "-out", out, "cal.yaml") {
			killed++
		}
		args := []string{"calibrate", "-q", "-plots=false", "-out", out, "cal.yaml"}
		if outdir.Exists(out, calibrate.FileState) {
			args = []string{"calibrate", "-q", "-plots=false", "-resume", "-out", out, "cal.yaml"}
		}
		k.must(args...)
		k.clean(out)
		sameFiles(t, whole, out)
	}
	t.Logf("calibrate: %d of %d kills before the end; each resumed to a byte-identical result", killed, k.kill)
}
