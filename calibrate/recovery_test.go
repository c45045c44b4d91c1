package calibrate

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"
)

// recoveryTruth holds the true parameters of the shipped recovery
// example, in its parameters' order.
var recoveryTruth = []float64{0.09, 0.21, 10}

// syntheticReps is the number of simulations the recovery targets average.
const syntheticReps = 12

var update = flag.Bool("update", false, "rewrite calibrate/examples/recovery-targets.yaml from the model")

// recovery returns the shipped recovery example with synthetic targets
// made now by the model at recoveryTruth: each value the mean of
// syntheticReps simulations, each tolerance ±2 standard deviations of one
// simulation. So the test follows the model as it changes; with -update
// it also rewrites the shipped targets file, and otherwise notes when
// that file is out of date.
func recovery(t *testing.T) *Calibration {
	t.Helper()
	c0 := loadRecovery(t)
	mean, sd, err := Synthetic(context.Background(), c0, recoveryTruth, syntheticReps)
	if err != nil {
		t.Fatal(err)
	}
	old, err := examples.ReadFile("examples/recovery-targets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	targets, err := WithObservations(old, mean, sd, 2)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("examples/recovery-targets.yaml", targets, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if !bytes.Equal(old, targets) {
		t.Logf("calibrate/examples/recovery-targets.yaml is not the model's now: go test ./calibrate -run TestRecovery -update rewrites it")
	}
	file, data := "calibrate/examples/recovery.calibration.yaml", mustRead(t, "examples/recovery.calibration.yaml")
	load := exampleLoader()
	load.Targets = func(string) (string, []byte, error) { return "synthetic-targets.yaml", targets, nil }
	c, err := Parse(file, data, load)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := examples.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRecovery runs the shipped recovery example and checks that each
// true parameter lies inside its 90% posterior interval, and that the
// posterior is narrower than the prior.
func TestRecovery(t *testing.T) {
	c := recovery(t)
	out, err := Run(context.Background(), c, t.TempDir(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.Generations {
		t.Logf("generation %d: tolerance %.3g, ESS %d, %d simulations, acceptance %.2f", g.Index, g.Tolerance, g.Alive, g.Simulations, g.AcceptanceRate)
	}
	for j, m := range out.Posterior {
		t.Logf("%s: true %g, posterior median %.4g [%.4g, %.4g], prior [%g, %g]", m.Path, recoveryTruth[j], m.Median, m.Q05, m.Q95, m.Low, m.High)
		if recoveryTruth[j] < m.Q05 || recoveryTruth[j] > m.Q95 {
			t.Errorf("%s: true value %g outside the 90%% posterior interval [%.4g, %.4g]", m.Path, recoveryTruth[j], m.Q05, m.Q95)
		}
		if m.Q95-m.Q05 >= 0.9*(m.High-m.Low) {
			t.Errorf("%s: the 90%% posterior interval [%.4g, %.4g] is hardly narrower than the prior [%g, %g]", m.Path, m.Q05, m.Q95, m.Low, m.High)
		}
	}
	for _, p := range out.Predictive {
		t.Logf("%s (%s): observed %.4g, predictive %.4g [%.4g, %.4g], hit %v", p.Statistic.ID, p.Statistic.Use, p.Statistic.Value, p.Median, p.Q05, p.Q95, p.Hit)
	}
}

// TestShippedExamplesParse reads every shipped calibration.
func TestShippedExamplesParse(t *testing.T) {
	for _, name := range Shipped() {
		if _, err := Load(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if len(Shipped()) < 2 {
		t.Errorf("shipped: %v", Shipped())
	}
}
