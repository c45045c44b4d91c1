package model

import (
	"math"
	"slices"
)

// Levers that pay employers for training — a training subsidy and
// incentive payments per new apprentice — and employers' response to a
// known change of the funding rules: bringing training forward (ODD
// §7.15.9–7.15.11). Each acts on a decision: the cost in the train-or-poach
// decision (§7.9) and the timing of a start (§7.13); none sets an outcome.

// TrainingSubsidy pays a share of employers' own cost of training, by the
// employer's size, the level trained towards and the sector, from a yearly
// budget rationed first come, first served.
type TrainingSubsidy struct {
	Period `yaml:",inline"`
	// Share is the share of an employer's own cost of training that the
	// state pays, by the employer's size class.
	Share SizeClasses `yaml:"share"`
	// Levels scales Share by the level trained towards (0: not covered).
	Levels TrainingLevels `yaml:"levels"`
	// Sectors names the sectors whose employers may claim; empty means
	// every sector.
	Sectors []string `yaml:"sectors,omitempty"`
	// BudgetPerPerson is the yearly budget, £ per person in the region;
	// 0 means no cap.
	BudgetPerPerson float64 `yaml:"budget_per_person"`
}

// TrainingLevels holds a factor for each level training leads to.
type TrainingLevels struct {
	// Level2 is the factor for training towards level 2.
	Level2 float64 `yaml:"level2"`
	// Level3 is the factor for training towards level 3.
	Level3 float64 `yaml:"level3"`
	// Level4 is the factor for training towards level 4 or above.
	Level4 float64 `yaml:"level4"`
}

// at returns the factor for training towards level l.
func (t *TrainingLevels) at(l uint8) float64 {
	switch l {
	case Level2:
		return t.Level2
	case Level3:
		return t.Level3
	case Level4:
		return t.Level4
	}
	return 0
}

// DefaultTrainingSubsidy returns a subsidy on the co-funding rules of the
// Skills Bootcamps (DfE, from 2022: an employer training its own staff
// pays 10% of the cost if it is a small or medium enterprise, 30% if it is
// large), for technical training (levels 3 and above), in every sector,
// with no cap. The start date is an assumption; a scenario sets its own.
func DefaultTrainingSubsidy() TrainingSubsidy {
	return TrainingSubsidy{
		Period: Period{Start: MonthOf(2022, 4)},
		Share:  SizeClasses{Micro: 0.9, SmallMedium: 0.9, Large: 0.7},
		Levels: TrainingLevels{Level2: 0, Level3: 1, Level4: 1},
	}
}

// IncentivePayments pays an employer a sum for each apprentice it takes on
// as a new employee, by the apprentice's age band.
type IncentivePayments struct {
	Period `yaml:",inline"`
	// Under25 is the payment per new apprentice aged 16–24, £, by date.
	Under25 Schedule `yaml:"under_25"`
	// Aged25Plus is the payment per new apprentice aged 25 or over, £, by date.
	Aged25Plus Schedule `yaml:"aged_25_plus"`
}

// DefaultIncentivePayments returns the incentive payments for hiring a
// new apprentice of 2020–22 (ESFA, "Incentive payments for hiring a new
// apprentice"): £2,000 per apprentice aged 16–24 and £1,500 per apprentice
// aged 25 or over with an employment start from August 2020 to March
// 2021; £3,000 per apprentice of any age from April 2021 to January 2022.
// The £1,000 paid for 16–18-year-olds since 2017 is not part of it.
func DefaultIncentivePayments() IncentivePayments {
	return IncentivePayments{
		Period:     Period{Start: MonthOf(2020, 8), End: monthPtr(MonthOf(2022, 2))},
		Under25:    Schedule{{MonthOf(2020, 8), 2000}, {MonthOf(2021, 4), 3000}},
		Aged25Plus: Schedule{{MonthOf(2020, 8), 1500}, {MonthOf(2021, 4), 3000}},
	}
}

// fundingRules are the rules in force at a date that set what training
// costs an employer: who pays the apprenticeship fee, whether a training
// subsidy is in force and the incentive per new apprentice. Two dates'
// rules are compared to see whether training is dearer after a change.
type fundingRules struct {
	levy           bool       // the levy is in force
	coInvestment   float64    // share of the fee non-levy employers pay
	priorShare     float64    // share of the fee employers pay before the levy (or with no levy lever)
	nonLevyFunding float64    // share of non-payers' offers that find funding
	subsidy        bool       // a training subsidy is in force
	incentive      [2]float64 // £ per new apprentice under 25, and 25 or over
}

// fundingAt returns the funding rules in force in month m.
func (r *Region) fundingAt(m Month) fundingRules {
	pol := &r.cfg.Policies
	f := fundingRules{priorShare: r.cfg.Behaviour.Training.FrameworkFeeShare}
	if v := pol.Levy; v != nil {
		f.priorShare = v.PriorContribution
		if v.Active(m) {
			f.levy = true
			f.coInvestment = v.CoInvestment.At(m, v.PriorContribution)
			f.nonLevyFunding = v.NonLevyFunding.At(m, 1)
		}
	}
	if v := pol.TrainingSubsidy; v != nil && v.Active(m) {
		f.subsidy = true
	}
	if v := pol.IncentivePayments; v != nil && v.Active(m) {
		f.incentive = [2]float64{v.Under25.At(m, 0), v.Aged25Plus.At(m, 0)}
	}
	return f
}

// feeShareUnder is the expected share of the apprenticeship fee employer e
// pays under rules f (feeShare gives the rule).
func (r *Region) feeShareUnder(f *fundingRules, e *employer) float64 {
	if !f.levy {
		return f.priorShare
	}
	if e.levyAccount >= 0 && r.levyAccounts[e.levyAccount].balance() > 0 {
		return 0
	}
	unfunded := f.coInvestment*r.transferCoverage + (1 - r.transferCoverage)
	return f.nonLevyFunding*f.coInvestment + (1-f.nonLevyFunding)*unfunded
}

// supportState is the state of the training subsidy, the incentive
// payments and the bringing forward of training.
type supportState struct {
	// subsidySectors marks the sectors the subsidy covers.
	subsidySectors []bool
	// subsidyBudget is what is left of this year's budget, £ (+Inf: no cap).
	subsidyBudget float64
	// claimed and granted are this year's subsidy claims and grants, £.
	claimed, granted float64
	// subsidySuccess is the share of last year's claims the budget met:
	// the chance an employer expects a claim to be paid.
	subsidySuccess float64
	// newHireStarts is an annual moving average of apprentices taken on
	// as new employees per training started, by age band (under 25, 25
	// and over): how often a training start earns an incentive payment.
	newHireStarts [2]float64
	// next are the rules in force at the next step, and changeAhead
	// reports whether they differ from this step's and employers know it.
	next        fundingRules
	changeAhead bool
	// bringForward holds, for each employer, the chance that a worker
	// with a training target who does not start this step is started
	// now as an apprenticeship (2i) or as the employer's own training
	// (2i+1), because training will be dearer under the next rules.
	bringForward []float32
}

// updateSupport reads the training subsidy's budget year and, when the
// funding rules change at the next step and employers know it, how likely
// each employer is to bring training forward. It runs after updateLevers.
func (r *Region) updateSupport() {
	m := r.policyDate()
	su := &r.support
	first := su.subsidySectors == nil
	if first {
		su.subsidySuccess = 1
		su.subsidySectors = make([]bool, len(r.sectors))
	}
	if v := r.cfg.Policies.TrainingSubsidy; v != nil {
		for s := range su.subsidySectors {
			su.subsidySectors[s] = len(v.Sectors) == 0 || slices.Contains(v.Sectors, r.cfg.Sectors[s].Name)
		}
		if first || r.yearTurns() {
			// A new budget year: what share of claims the last one met
			// is what employers expect of this one.
			if su.claimed > 0 {
				su.subsidySuccess = su.granted / su.claimed
			}
			su.claimed, su.granted = 0, 0
			su.subsidyBudget = math.Inf(1)
			if v.BudgetPerPerson > 0 {
				su.subsidyBudget = v.BudgetPerPerson * float64(len(r.persons))
			}
		}
	}
	su.changeAhead = false
	v := r.cfg.Policies.Levy
	if r.SpinningUp() || v == nil || v.Anticipation < r.cfg.StepMonths {
		return
	}
	su.next = r.fundingAt(m + Month(r.cfg.StepMonths))
	if su.next == r.lever.fundingRules {
		return
	}
	su.changeAhead = true
	if len(su.bringForward) != 2*len(r.employers) {
		su.bringForward = make([]float32, 2*len(r.employers))
	}
	tr := &r.cfg.Behaviour.Training
	lambda := tr.StartRate / 12
	dt := float64(r.cfg.StepMonths)
	for i := range r.employers {
		e := &r.employers[i]
		fa, fb := r.feeShareUnder(&r.lever.fundingRules, e), r.feeShareUnder(&su.next, e)
		sa, sb := r.expectedSubsidy(&r.lever.fundingRules, e, Level3), r.expectedSubsidy(&su.next, e, Level3)
		appNow, appNext := (1-tr.FeeShare+tr.FeeShare*fa)*(1-sa), (1-tr.FeeShare+tr.FeeShare*fb)*(1-sb)
		route := r.apprenticeshipRoute(e)
		su.bringForward[2*i] = float32(route * bringForwardChance(appNow, appNext, lambda, tr.Discount, dt))
		su.bringForward[2*i+1] = float32((1 - route) * bringForwardChance(1-sa, 1-sb, lambda, tr.Discount, dt))
	}
}

// bringForwardChance is the chance that an employer starts now a training
// it had planned for later, because the rules change at the next step
// (intertemporal substitution before an announced price change: House &
// Shapiro 2008). The planned start lies τ = step + X months ahead, X
// exponential at the usual start rate λ a month (the start process is
// memoryless). Starting now costs cNow (a share of the full cost of
// training); waiting costs cNext at τ, discounted at the monthly rate d.
// Starting now pays while cNow < e^(−dτ)·cNext, that is for
// τ < τ* = ln(cNext/cNow)/d, so the chance is 1 − e^(−λ(τ*−step)), and 0
// when training is not dearer after the change.
func bringForwardChance(cNow, cNext, lambda, d, step float64) float64 {
	if cNext <= cNow || lambda <= 0 {
		return 0
	}
	if cNow <= 0 || d <= 0 {
		return 1
	}
	tau := math.Log(cNext/cNow) / d
	if tau <= step {
		return 0
	}
	return 1 - math.Exp(-lambda*(tau-step))
}

// broughtForward reports, for a worker of employer i with a training
// target who did not start by the usual chance, whether the employer
// starts the training now to beat a change of rules, and whether as an
// apprenticeship; v is uniform on [0, 1).
func (r *Region) broughtForward(i int32, v float64) (start, apprenticeship bool) {
	b := r.support.bringForward[2*i : 2*i+2]
	switch {
	case v < float64(b[0]):
		return true, true
	case v < float64(b[0])+float64(b[1]):
		return true, false
	}
	return false, false
}

// subsidyShare is the share of employer e's own cost of training towards
// level l that the training subsidy pays, if it is in force.
func (r *Region) subsidyShare(f *fundingRules, e *employer, l uint8) float64 {
	v := r.cfg.Policies.TrainingSubsidy
	if !f.subsidy || v == nil || !r.support.subsidySectors[e.sector] {
		return 0
	}
	share := [numSizes]float64{v.Share.Micro, v.Share.SmallMedium, v.Share.Large}[e.size]
	return share * v.Levels.at(l)
}

// expectedSubsidy is the share of its own cost of training towards level l
// employer e expects the subsidy to pay under rules f: the subsidy's share
// times the chance a claim was met last year (the budget rations claims).
func (r *Region) expectedSubsidy(f *fundingRules, e *employer, l uint8) float64 {
	return r.subsidyShare(f, e, l) * r.support.subsidySuccess
}

// expectedIncentive is the incentive payment an employer expects per
// training it starts: the payment for each age band times how often a
// training start has been a new apprentice of that band.
func (r *Region) expectedIncentive() float64 {
	inc := &r.lever.incentive
	n := &r.support.newHireStarts
	return inc[0]*n[0] + inc[1]*n[1]
}

// claimSubsidy pays the subsidy on a training start by employer e towards
// level l, as an apprenticeship or the employer's own training, while the
// year's budget lasts (first come, first served; the claim that exhausts
// the budget gets what is left).
func (r *Region) claimSubsidy(e *employer, l uint8, apprenticeship bool) {
	s := r.subsidyShare(&r.lever.fundingRules, e, l)
	if s <= 0 {
		return
	}
	sc := &r.cfg.Sectors[e.sector]
	own := 1.0
	if apprenticeship {
		own = r.trainingCostShare(e)
	}
	claim := s * own * sc.TrainingCost * sc.Productivity
	su := &r.support
	grant := min(claim, su.subsidyBudget)
	su.subsidyBudget -= grant
	su.claimed += claim
	su.granted += grant
	r.flows.subsidyPaid += grant
}

// payIncentive pays the incentive for an apprentice of the given age taken
// on as a new employee, and counts the start for employers' expectation.
func (r *Region) payIncentive(ageMonths uint16) {
	band := 0
	if ageMonths >= 25*12 {
		band = 1
	}
	r.flows.newHires[band]++
	r.flows.incentivePaid += r.lever.incentive[band]
}

// settleSupport updates, at the end of a step, employers' expectation of
// how often a training start earns an incentive payment: an annual moving
// average of new apprentices per training started.
func (r *Region) settleSupport() {
	f := &r.flows
	if f.trainingStarts == 0 {
		return
	}
	w := min(1, float64(r.cfg.StepMonths)/12)
	for b := range f.newHires {
		r.support.newHireStarts[b] += w * (f.newHires[b]/f.trainingStarts - r.support.newHireStarts[b])
	}
}
