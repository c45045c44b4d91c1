package scenarios

import (
	"context"
	"testing"

	"skillsim/model"
	"skillsim/sim"
)

// TestShippedRegimes runs the shipped scenarios at full scale with 20
// replications and checks the regime each is documented to reach: the
// default (baseline, England's policies) and the plain region stay in the
// low-skills equilibrium, the co-production package reaches co-production,
// and the bistable pair, one parameter set from two starts, ends in
// different regimes — each in at least 90% of runs.
func TestShippedRegimes(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("full-scale replications; the small-scale bistability test in model runs in -short")
	}
	for _, c := range []struct {
		name string
		want model.Regime
	}{
		{"baseline", model.LowSkills},
		{"region", model.LowSkills},
		{"coproduction", model.Coproduction},
		{"bistable", model.LowSkills},
		{"bistable-high", model.Coproduction},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Embedded(c.name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(context.Background(), cfg, sim.Options{Reps: 20})
			if err != nil {
				t.Fatal(err)
			}
			s := sim.Summarize(res)
			if s.Regimes[c.want] < 0.9 {
				t.Errorf("regime shares %v (low-skills, transitional, co-production), want %v in at least 90%%", s.Regimes, c.want)
			}
			t.Logf("%s: regime shares %v; high-skill strategy %.3f, co-production ties %.3f, intermediate jobs %.3f",
				c.name, s.Regimes, s.Metrics[model.HighSkillStrategyShare].Mean, s.Metrics[model.CoproductionShare].Mean, s.Metrics[model.IntermediateJobShare].Mean)
		})
	}
}
