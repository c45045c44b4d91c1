package plots

import (
	"math"
	"testing"
)

// fixtureMarginals is a small fixed posterior of two parameters, the
// second following the first.
func fixtureMarginals() []Marginal {
	a := Marginal{Path: "sectors.rest.quit_rate", Low: 0, High: 0.2, True: 0.09}
	b := Marginal{Path: "sectors.rest.training_cost", Low: 4, High: 16, True: math.NaN()}
	for i := range 30 {
		x := 0.06 + 0.002*float64(i%17) + 0.001*float64(i%5)
		a.Sample = append(a.Sample, x)
		b.Sample = append(b.Sample, 6+40*x+0.3*float64(i%3))
	}
	return []Marginal{a, b}
}

func TestCalibrationFigures(t *testing.T) {
	t.Parallel()
	ms := fixtureMarginals()
	f, err := Marginals(ms)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "marginals", f)
	ms[1].True = 9.7
	f, err = Pairs(ms[0], ms[1], 0.93)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "pairs", f)
	f, err = Predictive([]PredictiveInterval{
		{ID: "P1a", Observed: 0.655, Scale: 0.055, Median: 0.63, Low: 0.6, High: 0.68},
		{ID: "P3b", Observed: 1.47, Scale: 0.3, Median: 1.6, Low: 1.2, High: 2.1},
		{ID: "P4b", Predict: true, Observed: -0.2, Scale: 0.1, Median: -0.12, Low: -0.18, High: -0.05},
		{ID: "P8a", Predict: true, Observed: 0.1, Scale: 0.1, Median: 0.02, Low: 0.01, High: 0.03},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "predictive", f)
	if _, err := Marginals(nil); err == nil {
		t.Error("Marginals(nil): no error")
	}
	if _, err := Predictive(nil); err == nil {
		t.Error("Predictive(nil): no error")
	}
}
