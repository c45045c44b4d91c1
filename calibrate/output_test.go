package calibrate

import (
	"math"
	"testing"

	"skillsim/patterns"
)

// TestPredictiveHits checks the hit rule: the observed value inside the
// 90% interval, or for a range-only observation the interval overlapping
// the tolerance.
func TestPredictiveHits(t *testing.T) {
	t.Parallel()
	tg, err := patterns.ParseTargets("t.yaml", []byte(`statistics:
  - {id: a, use: fit, value: 0.5, tolerance: [0.4, 0.6], indicator: vacancy_rate, window: [2011-01, 2011-12]}
  - {id: b, use: predict, value: 0.9, tolerance: [0.4, 0.6], indicator: vacancy_rate, window: [2011-01, 2011-12]}
  - {id: c, use: predict, tolerance: [0.3, 0.45], indicator: vacancy_rate, window: [2011-01, 2011-12]}
  - {id: d, use: predict, tolerance: [0.9, 1], indicator: vacancy_rate, window: [2011-01, 2011-12]}
`))
	if err != nil {
		t.Fatal(err)
	}
	c := &Calibration{Targets: tg}
	var pop []particle
	for i := range 101 {
		x := 0.4 + 0.002*float64(i) // 0.4 … 0.6
		pop = append(pop, particle{Stats: []float64{x, x, x, x}})
	}
	pop[3].Stats[0] = math.NaN()
	want := []bool{true, false, true, false}
	for j, p := range c.predictive(pop) {
		if p.Hit != want[j] {
			t.Errorf("%s: hit %v, want %v (interval [%v, %v])", p.Statistic.ID, p.Hit, want[j], p.Q05, p.Q95)
		}
	}
	if p := c.predictive(pop)[0]; p.N != 100 || math.Abs(p.Median-0.5) > 0.003 {
		t.Errorf("a: n %d median %v, want 100 and 0.5", p.N, p.Median)
	}
}
