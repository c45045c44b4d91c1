package calibrate

import (
	"context"
	"fmt"
	"math"
	"testing"
)

// recoveryTruth holds the true parameters of the shipped recovery
// example, in its parameters' order.
var recoveryTruth = []float64{0.09, 0.21, 10}

// syntheticReps is the number of simulations the recovery targets average.
const syntheticReps = 12

// TestRecoveryTargetsAreTheModels checks that the shipped recovery
// targets are what the model gives at the true parameters: each value the
// mean of syntheticReps simulations, each tolerance ±2 standard
// deviations of one simulation, to the 4 significant digits written.
func TestRecoveryTargetsAreTheModels(t *testing.T) {
	c, err := Load("recovery")
	if err != nil {
		t.Fatal(err)
	}
	mean, sd, err := Synthetic(context.Background(), c, recoveryTruth, syntheticReps)
	if err != nil {
		t.Fatal(err)
	}
	g := func(v float64) float64 {
		f := 0.0
		fmt.Sscanf(fmt.Sprintf("%.4g", v), "%g", &f)
		return f
	}
	for j, s := range c.Targets.Statistics {
		t.Logf("- {id: %s, value: %.4g, tolerance: [%.4g, %.4g]}", s.ID, mean[j], mean[j]-2*sd[j], mean[j]+2*sd[j])
		if s.Value != g(mean[j]) || s.Low != g(mean[j]-2*sd[j]) || s.High != g(mean[j]+2*sd[j]) {
			t.Errorf("%s: value %v, tolerance [%v, %v]; the model gives %.4g, [%.4g, %.4g]", s.ID, s.Value, s.Low, s.High,
				mean[j], mean[j]-2*sd[j], mean[j]+2*sd[j])
		}
		if math.IsNaN(mean[j]) {
			t.Errorf("%s is undefined", s.ID)
		}
	}
}

// TestRecovery runs the shipped recovery example and checks that each
// true parameter lies inside its 90% posterior interval, and that the
// posterior is narrower than the prior.
func TestRecovery(t *testing.T) {
	c, err := Load("recovery")
	if err != nil {
		t.Fatal(err)
	}
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
