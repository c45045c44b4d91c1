package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNetworkThresholdsMoveMembership checks that the joining thresholds
// of behaviour.network reach the model as the peer term of the joining
// decision: with a network from the start, membership after six years is
// clearly lower with a threshold mean of 0.9 than with the default 0.25,
// and with no weight on peers the thresholds make no difference.
func TestNetworkThresholdsMoveMembership(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four small regions")
	}
	members := func(mean, conformity float64) float64 {
		o := networkRun(t, 1, 6, 6, func(c *Config) {
			c.Behaviour.Network.ThresholdMean = mean
			c.Behaviour.Network.Conformity = conformity
		})
		return o.Region[NetworkMemberShare]
	}
	conf := DefaultNetworkJoining().Conformity
	low, high := members(0.25, conf), members(0.9, conf)
	flatLow, flatHigh := members(0.25, 0), members(0.9, 0)
	t.Logf("members: %.3f at mean 0.25, %.3f at 0.9; without conformity %.3f and %.3f", low, high, flatLow, flatHigh)
	if low-high < 0.05 {
		t.Errorf("network members after 6 years: %.3f with threshold mean 0.25, %.3f with 0.9; want the first at least 0.05 above", low, high)
	}
	if flatLow != flatHigh {
		t.Errorf("without conformity, members %.3f at threshold mean 0.25 and %.3f at 0.9; want equal", flatLow, flatHigh)
	}
}

// TestCoefficientsReachTheRules checks, for coefficients read in
// different submodels, that changing the field changes what the rule
// computes.
func TestCoefficientsReachTheRules(t *testing.T) {
	cfg := smallConfig(50, 1)
	r, err := New(&cfg, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	r.updateLevers()
	wage := r.wage(0, JobHigh, true, false)
	e := &r.employers[0]
	start := r.trainingStartChance(e)
	cost := r.trainingCostShare(e)

	next := cfg
	next.Labour.JobOutput.High = 3
	next.Behaviour.Training.StartRate = 1
	next.Behaviour.Training.FrameworkFeeShare = 1
	if err := r.Reconfigure(&next); err != nil {
		t.Fatal(err)
	}
	r.updateLevers()
	if got := r.wage(0, JobHigh, true, false); got <= wage {
		t.Errorf("job_output.high 2.2 → 3: high wage %v → %v, want higher", wage, got)
	}
	if got := r.trainingStartChance(e); got != 2*start {
		t.Errorf("training.start_rate 0.5 → 1: start chance %v → %v, want double", start, got)
	}
	if got := r.trainingCostShare(e); got != 1 || math.Abs(cost-0.55) > 1e-12 {
		t.Errorf("training.framework_fee_share 0.1 → 1: cost share %v → %v, want 0.55 → 1", cost, got)
	}
}

// TestRoutineToHigh checks that labour_market.routine_to_high splits the
// intermediate jobs routine decline removes between high and low jobs,
// and that backwards (before the base year) no more moves than the
// receiving level holds.
func TestRoutineToHigh(t *testing.T) {
	mix := [NumJobLevels]float64{0.5, 0.3, 0.2}
	at := MonthOf(2025, 1)
	half := routineDrift(mix, 0.1, at, 2015, 0.5)
	all := routineDrift(mix, 0.1, at, 2015, 1)
	moved := mix[JobIntermediate] - all[JobIntermediate]
	if moved <= 0 || all[JobLow] != mix[JobLow] || math.Abs(all[JobHigh]-mix[JobHigh]-moved) > 1e-12 {
		t.Errorf("routine_to_high 1: %v from %v; want every moved job high", all, mix)
	}
	if math.Abs(half[JobHigh]-half[JobLow]-(mix[JobHigh]-mix[JobLow])) > 1e-12 || half[JobIntermediate] != all[JobIntermediate] {
		t.Errorf("routine_to_high 0.5: %v from %v; want the moved jobs split evenly", half, mix)
	}
	back := routineDrift(mix, 0.5, MonthOf(1900, 1), 2015, 1)
	if back[JobHigh] < 0 || back[JobLow] != mix[JobLow] || math.Abs(back[0]+back[1]+back[2]-1) > 1e-12 {
		t.Errorf("backwards with routine_to_high 1: %v; want high jobs emptied at most, low untouched, shares summing to 1", back)
	}
}
