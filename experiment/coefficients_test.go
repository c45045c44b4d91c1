package experiment

import (
	"context"
	"testing"

	"skillsim/model"
)

// TestSweepBehaviouralCoefficients sweeps coefficients that used to be
// constants in the model's code: the network thresholds' mean (a value
// held but without effect before a network starts) and the annual chance
// that an untied employer forms a tie, which must move the share of
// employers using a college.
func TestSweepBehaviouralCoefficients(t *testing.T) {
	e := mustParse(t, `
base: tiny
replications: 1
parameters:
  - {path: behaviour.network.threshold_mean, values: [0.25, 0.35]}
  - {path: behaviour.partnership.tie_formation, values: [0, 1]}
outputs: [employer_college_use_share]
`)
	if e.Runs() != 4 {
		t.Fatalf("%d runs, want 4", e.Runs())
	}
	for p := range 4 {
		cfg, err := e.Config(p)
		if err != nil {
			t.Fatal(err)
		}
		mean, formation := []float64{0.25, 0.25, 0.35, 0.35}[p], []float64{0, 1, 0, 1}[p]
		if cfg.Behaviour.Network.ThresholdMean != mean || cfg.Behaviour.Partnership.TieFormation != formation {
			t.Errorf("point %d: threshold_mean %v, tie_formation %v; want %v, %v", p,
				cfg.Behaviour.Network.ThresholdMean, cfg.Behaviour.Partnership.TieFormation, mean, formation)
		}
	}
	use := make([]float64, 4)
	err := Execute(context.Background(), e, ExecOptions{Workers: 1}, func(r *Result) error {
		if r.Err != nil {
			return r.Err
		}
		use[r.Point] = r.Final[model.EmployerCollegeUseShare]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every employer revises once a year: with a certain tie every untied
	// one forms one at its first revision (some lapse at the second);
	// without, only the initial 7% and peers' pull remain.
	for _, p := range []int{1, 3} {
		if use[p] < 0.5 || use[p] < use[p-1]+0.3 {
			t.Errorf("college use with tie_formation 1 is %v (and %v with 0); want at least 0.5 and 0.3 above", use[p], use[p-1])
		}
	}
}
