package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBringForwardChance(t *testing.T) {
	t.Parallel()
	lambda := 0.5 / 12
	// The levy's rules at defaults for a non-payer: 0.55 of the cost now,
	// 0.595 after May 2017 (a tenth of offers find no funding).
	tau := math.Log(0.595/0.55) / 0.02
	tests := []struct {
		name                       string
		cNow, cNext, lambda, d, dt float64
		want                       float64
	}{
		{"dearer after the change", 0.55, 0.595, lambda, 0.02, 1, 1 - math.Exp(-lambda*(tau-1))},
		{"dearer, quarterly steps", 0.55, 0.595, lambda, 0.02, 3, 1 - math.Exp(-lambda*(tau-3))},
		{"no dearer", 0.55, 0.55, lambda, 0.02, 1, 0},
		{"cheaper after the change", 0.55, 0.5, lambda, 0.02, 1, 0},
		{"too small a rise to beat the discount within a step", 0.55, 0.555, lambda, 0.02, 1, 0},
		{"free now", 0, 0.5, lambda, 0.02, 1, 1},
		{"no discounting", 0.5, 0.6, lambda, 0, 1, 1},
		{"no usual starts", 0.5, 0.6, 0, 0.02, 1, 0},
		{"a large rise", 0.1, 1, lambda, 0.02, 1, 1 - math.Exp(-lambda*(math.Log(10)/0.02-1))},
	}
	for _, tt := range tests {
		got := bringForwardChance(tt.cNow, tt.cNext, tt.lambda, tt.d, tt.dt)
		if math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: bringForwardChance(%v, %v, %v, %v, %v) = %v, want %v", tt.name, tt.cNow, tt.cNext, tt.lambda, tt.d, tt.dt, got, tt.want)
		}
	}
	// The default case is about 0.115: with the usual 1/24 a month, April
	// 2017 has about 3.6 times the usual starts of a non-payer's workers.
	if got := bringForwardChance(0.55, 0.595, lambda, 0.02, 1); got < 0.11 || got > 0.12 {
		t.Errorf("default non-payer: %v, want about 0.115", got)
	}
}

// supportRegion returns a small region with the subsidy and incentive
// payments in force at its start and the levers read.
func supportRegion(t *testing.T, budget float64) *Region {
	t.Helper()
	cfg := smallConfig(50, 2)
	cfg.SpinUpYears = 0
	sub, inc := DefaultTrainingSubsidy(), DefaultIncentivePayments()
	sub.Start, sub.Sectors, sub.BudgetPerPerson = cfg.Start, []string{"social_care", "rest"}, budget
	inc.Start, inc.End = cfg.Start, nil
	inc.Under25, inc.Aged25Plus = Schedule{{cfg.Start, 2000}}, Schedule{{cfg.Start, 1500}}
	cfg.Policies = Policies{TrainingSubsidy: &sub, IncentivePayments: &inc}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := New(&cfg, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	r.updateLevers()
	r.updateSupport()
	return r
}

func TestSubsidyShare(t *testing.T) {
	t.Parallel()
	r := supportRegion(t, 0)
	sector := func(name string) uint8 {
		for s := range r.cfg.Sectors {
			if r.cfg.Sectors[s].Name == name {
				return uint8(s)
			}
		}
		t.Fatalf("no sector %s", name)
		return 0
	}
	tests := []struct {
		name   string
		sector string
		size   uint8
		level  uint8
		want   float64
	}{
		{"micro, level 3", "social_care", sizeMicro, Level3, 0.9},
		{"large, level 4", "rest", sizeLarge, Level4, 0.7},
		{"level 2 not covered", "rest", sizeSmallMedium, Level2, 0},
		{"sector not covered", "digital_tech", sizeMicro, Level3, 0},
	}
	for _, tt := range tests {
		e := employer{sector: sector(tt.sector), size: tt.size}
		if got := r.subsidyShare(&r.lever.fundingRules, &e, tt.level); got != tt.want {
			t.Errorf("%s: subsidyShare = %v, want %v", tt.name, got, tt.want)
		}
	}
	off := r.lever.fundingRules
	off.subsidy = false
	if got := r.subsidyShare(&off, &employer{sector: sector("rest")}, Level3); got != 0 {
		t.Errorf("subsidy not in force: share %v, want 0", got)
	}
}

// TestSubsidyRationing checks that claims are paid first come, first
// served until the year's budget is spent, and that employers then expect
// the share of the year's claims that were met.
func TestSubsidyRationing(t *testing.T) {
	t.Parallel()
	r := supportRegion(t, 0.5) // £0.5 per person a year
	budget := 0.5 * float64(len(r.persons))
	var e *employer
	for i := range r.employers {
		if r.cfg.Sectors[r.employers[i].sector].Name == "rest" && r.employers[i].size == sizeMicro {
			e = &r.employers[i]
			break
		}
	}
	sc := &r.cfg.Sectors[e.sector]
	claim := 0.9 * sc.TrainingCost * sc.Productivity // the employer's own training, level 3
	n := int(math.Ceil(budget/claim)) + 3
	r.flows = leverFlows{}
	for range n {
		r.claimSubsidy(e, Level3, false)
	}
	if got := r.flows.subsidyPaid; math.Abs(got-budget) > 1e-6 {
		t.Errorf("%d claims of £%.0f against a budget of £%.0f: paid £%v, want the budget", n, claim, budget, got)
	}
	if r.support.subsidyBudget != 0 {
		t.Errorf("budget left %v, want 0", r.support.subsidyBudget)
	}
	// A new year: the expected success is the share of claims met.
	for !r.yearTurns() {
		r.step++
	}
	r.updateSupport()
	want := budget / (float64(n) * claim)
	if math.Abs(r.support.subsidySuccess-want) > 1e-9 {
		t.Errorf("expected success %v, want %v (met / claimed)", r.support.subsidySuccess, want)
	}
	if got := r.expectedSubsidy(&r.lever.fundingRules, e, Level3); math.Abs(got-0.9*want) > 1e-9 {
		t.Errorf("expected subsidy %v, want %v", got, 0.9*want)
	}
	if math.IsInf(r.support.subsidyBudget, 0) || r.support.subsidyBudget != budget {
		t.Errorf("new year's budget %v, want %v", r.support.subsidyBudget, budget)
	}
}

func TestIncentivePayments(t *testing.T) {
	t.Parallel()
	r := supportRegion(t, 0)
	r.flows = leverFlows{}
	r.payIncentive(20 * 12)
	r.payIncentive(30 * 12)
	r.flows.trainingStarts = 4
	if r.flows.incentivePaid != 3500 {
		t.Errorf("paid %v for a 20- and a 30-year-old, want 3500", r.flows.incentivePaid)
	}
	before := r.expectedIncentive()
	r.settleSupport()
	// One new apprentice of each band per four trainings: the average
	// moves a twelfth of the way to 2000/4 + 1500/4.
	want := before + (2000*0.25+1500*0.25-before)/12
	if got := r.expectedIncentive(); math.Abs(got-want) > 1e-9 {
		t.Errorf("expected incentive %v, want %v", got, want)
	}
}

// TestSupportRaisesTraining checks in seeded runs that a generous training
// subsidy and incentive payments raise the share of employers training
// above the same runs without them.
func TestSupportRaisesTraining(t *testing.T) {
	t.Parallel()
	run := func(support bool, seed uint64) float64 {
		cfg := smallConfig(25, 3)
		cfg.SpinUpYears = 20
		if support {
			sub, inc := DefaultTrainingSubsidy(), DefaultIncentivePayments()
			sub.Start, inc.Start, inc.End = cfg.Start, cfg.Start, nil
			inc.Under25, inc.Aged25Plus = Schedule{{cfg.Start, 3000}}, Schedule{{cfg.Start, 3000}}
			cfg.Policies.TrainingSubsidy, cfg.Policies.IncentivePayments = &sub, &inc
		}
		r, err := New(&cfg, rand.NewPCG(seed, 3))
		if err != nil {
			t.Fatal(err)
		}
		for !r.Done() {
			r.Step()
		}
		var o Observation
		r.Observe(&o)
		return o.Region[EmployerTrainingShare]
	}
	const reps = 3
	var with, without float64
	for seed := range uint64(reps) {
		with += run(true, seed) / reps
		without += run(false, seed) / reps
	}
	if with < without+0.05 {
		t.Errorf("share of employers training: %.3f with the subsidy and incentives, %.3f without; want at least 0.05 more", with, without)
	}
}

// TestTrainingBroughtForward checks in seeded runs that employers start
// more training at work in the step before the funding rules make it
// dearer than in a month of the year before. (The starts brought forward
// are missing from the months after, spread over the τ* = 18 months over
// which bringing forward pays here: too thin to test in a small region.)
func TestTrainingBroughtForward(t *testing.T) {
	t.Parallel()
	var before, eve, after, lastYear float64
	for seed := range uint64(4) {
		cfg := smallConfig(10, 3)
		cfg.SpinUpYears = 20
		l := DefaultLevy()
		change := cfg.Start + 24
		l.Start, l.Standards = cfg.Start, Period{Start: cfg.Start, End: monthPtr(cfg.Start + 1)}
		l.StandardsDisruption = 0
		l.CoInvestment = Schedule{{cfg.Start, 0.1}, {change, 0.6}}
		l.NonLevyFunding = Schedule{{cfg.Start, 1}}
		cfg.Policies.Levy = &l
		r, err := New(&cfg, rand.NewPCG(seed, 9))
		if err != nil {
			t.Fatal(err)
		}
		for !r.Done() {
			r.Step()
			d := r.Date()
			atWork := r.flows.trainingStarts - r.flows.newHires[0] - r.flows.newHires[1]
			switch {
			case d == change-1:
				eve += atWork
			case d >= change-12 && d < change-1:
				before += atWork / 11
			case d >= change && d < change+3:
				after += atWork
			}
			if d >= change-12 && d < change-9 {
				lastYear += atWork
			}
		}
	}
	if eve < 1.5*before {
		t.Errorf("starts in the month before the rules get dearer: %v, a month in the year before %v; want at least 1.5 times", eve, before)
	}
	t.Logf("a month in the year before %.1f, the month before %.1f; three months after %.1f, a year earlier %.1f", before, eve, after, lastYear)
}
