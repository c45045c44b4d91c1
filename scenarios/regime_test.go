package scenarios

import (
	"context"
	"fmt"
	"testing"

	"skillsim/model"
	"skillsim/sim"
)

// TestShippedRegimes runs the shipped scenarios at full scale with 20
// replications and checks the regime each is documented to reach: the
// default (baseline, England's policies) and the plain region stay in the
// low-skills equilibrium, the co-production package reaches co-production,
// and the bistable pair, one parameter set from two starts, ends in
// different regimes — each in at least 90% of runs. A scenario known not
// to (regimeKnownFailures, with the reason docs/ODD.md §9 gives) must
// still not reach the opposite regime in any run, and fails the test when
// it starts to reach its own again, so that the list cannot go stale.
//
// region.yaml is not run: it is the bistable low start under another name
// (TestRegionIsTheLowStart), so its regime is bistable's.
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
			why, known := regimeKnownFailures[c.name]
			opposite := model.Coproduction
			if c.want == model.Coproduction {
				opposite = model.LowSkills
			}
			switch {
			case s.Regimes[c.want] < 0.9 && !known:
				t.Errorf("regime shares %v (low-skills, transitional, co-production), want %v in at least 90%%", s.Regimes, c.want)
			case s.Regimes[c.want] >= 0.9 && known:
				t.Errorf("%v in %.0f%% of runs: it reaches its regime again; remove it from regimeKnownFailures (%s)", c.want, 100*s.Regimes[c.want], why)
			case known && s.Regimes[opposite] > 0:
				t.Errorf("regime shares %v: a known failure may fall short of %v, never reach %v", s.Regimes, c.want, opposite)
			}
			t.Logf("%s: regime shares %v; high-skill strategy %.3f, co-production ties %.3f, intermediate jobs %.3f",
				c.name, s.Regimes, s.Metrics[model.HighSkillStrategyShare].Mean, s.Metrics[model.CoproductionShare].Mean, s.Metrics[model.IntermediateJobShare].Mean)
			// The sensitivity of the result to the bars (ODD §9): each bar
			// moved ±20% alone, the final year re-read.
			for _, v := range barVariants() {
				n := 0
				for _, rep := range res.Reps {
					h, ties := lastYear(rep.Observations)
					if v.rule.Classify(h, ties) == c.want {
						n++
					}
				}
				t.Logf("%s: %s: %d of %d replications %v", c.name, v.name, n, len(res.Reps), c.want)
			}
		})
	}
}

// regimeKnownFailures names the shipped regime results that do not hold
// at the defaults, with the reason (docs/ODD.md §8.11, §9). They are
// findings about the model, not bars to move.
var regimeKnownFailures = map[string]string{
	"baseline": "16 of 20 low-skills in 2035, 4 transitional (high-skill 0.505, ties 0.009): at the calibrated defaults the strategy indicator does not separate the two attractors, and the method's bars (0.53, 0.55) label that side by noise; the partnership side is in the trap in every replication",
	"bistable": "13 of 20 low-skills, 7 transitional (high-skill 0.526, ties 0.011): the same — the strategy shares of the two starts overlap at the calibrated defaults, the ties do not",
}

type barVariant struct {
	name string
	rule model.RegimeRule
}

// barVariants are the regime rule in force with each of its four bars
// moved 20% down and up alone.
func barVariants() []barVariant {
	var vs []barVariant
	for _, f := range []float64{0.8, 1.2} {
		for i, name := range []string{"low_skills_max_high_skill", "low_skills_max_ties", "coproduction_min_high_skill", "coproduction_min_ties"} {
			g := model.DefaultRegimeRule
			bars := []*float64{&g.LowSkillsMaxHighSkill, &g.LowSkillsMaxTies, &g.CoproductionMinHighSkill, &g.CoproductionMinTies}
			*bars[i] *= f
			vs = append(vs, barVariant{fmt.Sprintf("%s ×%.1f", name, f), g})
		}
	}
	return vs
}

// lastYear returns the mean high-skill strategy share and co-production
// share of ties over the last twelve observations (a year of monthly steps).
func lastYear(obs []model.Observation) (h, ties float64) {
	from := max(0, len(obs)-12)
	for _, o := range obs[from:] {
		h += o.Region[model.HighSkillStrategyShare]
		ties += o.Region[model.CoproductionShare]
	}
	n := float64(len(obs) - from)
	return h / n, ties / n
}

// TestRegionIsTheLowStart checks that the plain region and the low start
// of the bistable pair are one configuration, so that TestShippedRegimes'
// result for bistable is region's too.
func TestRegionIsTheLowStart(t *testing.T) {
	t.Parallel()
	region, err := Embedded("region")
	if err != nil {
		t.Fatal(err)
	}
	low, err := Embedded("bistable")
	if err != nil {
		t.Fatal(err)
	}
	region.Name, region.Question = low.Name, low.Question
	a, errA := Marshal(region)
	b, errB := Marshal(low)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if string(a) != string(b) {
		t.Error("region.yaml and bistable.yaml differ in more than name and question")
	}
}
