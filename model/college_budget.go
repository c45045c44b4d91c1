package model

// Colleges' budgets, provision and financial difficulty (ODD §7.4.1,
// §7.4.2, §7.15.5).

// CollegeBehaviour holds the coefficients of colleges' budgets, their
// provision of places by sector and the financial difficulty that makes
// a college a candidate for merger (ODD §7.4.1, §7.4.2, §7.15.5). Money
// is in £ per year.
type CollegeBehaviour struct {
	// AdultFundingPerLearner is the annual adult education budget funding
	// per adult learner, £ per year (funding follows learners).
	AdultFundingPerLearner float64 `yaml:"adult_funding_per_learner"`
	// TeachingCost is the annual cost of teaching one learner, £ per year.
	TeachingCost float64 `yaml:"teaching_cost"`
	// PlaceCost is the annual cost of keeping one place offered, whether
	// it is filled or not, £ per year.
	PlaceCost float64 `yaml:"place_cost"`
	// Overhead is the annual fixed overhead per place of the college's
	// establishment (colleges[].places), £ per year.
	Overhead float64 `yaml:"overhead"`
	// ReserveTargetMonths is the reserves a college aims to hold, in
	// months of its costs.
	ReserveTargetMonths float64 `yaml:"reserve_target_months"`
	// RecoveryYears is the horizon over which a college plans to bring
	// its reserves back to the target (its break-even constraint), years.
	RecoveryYears float64 `yaml:"recovery_years"`
	// CostAdjustment is the share per year of the gap between planned and
	// actual spending a college closes (costs are sticky), per year.
	CostAdjustment float64 `yaml:"cost_adjustment"`
	// DifficultyReserveMonths is the level of reserves, in months of
	// costs, below which a college is in financial difficulty.
	DifficultyReserveMonths float64 `yaml:"difficulty_reserve_months"`
	// DifficultyMonths is how long a college must stay in difficulty
	// before it is a merger candidate, months.
	DifficultyMonths int `yaml:"difficulty_months"`
	// MergerOverheadSaving is the share of an absorbed college's overhead
	// a merger saves (fewer, larger providers).
	MergerOverheadSaving float64 `yaml:"merger_overhead_saving"`
	// ProvisionEmployerWeight is the weight of local employers' demand
	// against learners' demand in a college's provision by sector (its
	// mission), 0–1.
	ProvisionEmployerWeight float64 `yaml:"provision_employer_weight"`
	// ProvisionHeadroom is the share of places a college offers beyond the
	// demand it plans for.
	ProvisionHeadroom float64 `yaml:"provision_headroom"`
	// ProvisionRate is the share of the gap to its planned provision a
	// college closes at each annual review.
	ProvisionRate float64 `yaml:"provision_rate"`
}

// DefaultCollegeBehaviour returns the default coefficients of colleges'
// budgets and provision. Each is a stated judgement (ODD §8.7.6): the
// brief gives the rules (funding follows learners, austerity, area
// reviews of weak colleges) but no figures for a college's costs.
func DefaultCollegeBehaviour() CollegeBehaviour {
	return CollegeBehaviour{
		AdultFundingPerLearner:  3000,
		TeachingCost:            2000,
		PlaceCost:               100,
		Overhead:                50,
		ReserveTargetMonths:     2,
		RecoveryYears:           3,
		CostAdjustment:          0.5,
		DifficultyReserveMonths: 1,
		DifficultyMonths:        12,
		MergerOverheadSaving:    0.5,
		ProvisionEmployerWeight: 0.2,
		ProvisionHeadroom:       0.5,
		ProvisionRate:           0.5,
	}
}

// validate checks the coefficients of colleges' budgets and provision.
func (v *validator) collegeBehaviour(cb *CollegeBehaviour) {
	const p = "behaviour.colleges."
	v.positive(p+"adult_funding_per_learner", cb.AdultFundingPerLearner, "an amount in £ per year")
	v.nonNegative(p+"teaching_cost", cb.TeachingCost, "an amount in £ per year")
	v.nonNegative(p+"place_cost", cb.PlaceCost, "an amount in £ per year")
	v.nonNegative(p+"overhead", cb.Overhead, "an amount in £ per year")
	v.nonNegative(p+"reserve_target_months", cb.ReserveTargetMonths, "a number of months")
	v.positive(p+"recovery_years", cb.RecoveryYears, "a number of years")
	v.nonNegative(p+"cost_adjustment", cb.CostAdjustment, "a rate per year")
	v.nonNegative(p+"difficulty_reserve_months", cb.DifficultyReserveMonths, "a number of months")
	if cb.DifficultyMonths < 0 || cb.DifficultyMonths > MaxSteps {
		v.addf(p+"difficulty_months", "is %d; must be a number of months within 0 … %d", cb.DifficultyMonths, MaxSteps)
	}
	v.share(p+"merger_overhead_saving", cb.MergerOverheadSaving)
	v.unit(p+"provision_employer_weight", cb.ProvisionEmployerWeight, "a weight")
	v.nonNegative(p+"provision_headroom", cb.ProvisionHeadroom, "a share")
	v.unit(p+"provision_rate", cb.ProvisionRate, "a share")
}

// collegeBudget is what a college's budget rule reads and keeps, £ per
// year for flows and £ for the balance.
type collegeBudget struct {
	income    float64 // funding earned at this step's enrolment, £/year
	committed float64 // teaching, places offered and overhead, £/year
	want      float64 // partnership staff the college would employ unconstrained, £/year
	spending  float64 // the college's cost base, £/year (sticky)
	staff     float64 // partnership staff employed, £/year (sticky)
	balance   float64 // reserves, £
}

// stepBudget advances a college's budget by dt years (ODD §7.4.1). The
// college plans to spend its income plus the gap between its reserves
// and their target spread over the recovery horizon (break-even over
// `recovery_years`), and moves its spending towards that plan at
// `cost_adjustment` per year. Partnership staff are what spending leaves
// after the committed costs (teaching its learners, its places and its
// overhead), up to what the college wants; they too are hired and shed at
// `cost_adjustment` per year. Its costs are its spending, or its
// committed costs and partnership staff if those are higher. It returns
// the costs and the partnership spending.
func stepBudget(b *collegeBudget, cb *CollegeBehaviour, dt float64) (costs, partnership float64) {
	adjust := min(1, cb.CostAdjustment*dt)
	target := cb.ReserveTargetMonths / 12 * b.spending
	plan := b.income + (b.balance-target)/cb.RecoveryYears
	b.spending = max(0, b.spending+adjust*(plan-b.spending))
	b.staff += adjust * (min(b.want, max(0, b.spending-b.committed)) - b.staff)
	costs = max(b.spending, b.committed+b.staff)
	b.balance += dt * (b.income - costs)
	return costs, b.staff
}

// plannedPlaces is a college's provision by sector (ODD §7.4.2): the
// places it plans to offer in each sector, given the learners' demand it
// saw in the past year by sector (the most learners on its courses at
// once, or its catchment's share of all colleges' learners and of the
// applicants no college could place, whichever is more) and
// local employers' demand (skilled posts in its catchment). The college
// maximises Σ_s ω_s·ln(places_s) over a total of (1 + headroom)·Σ_s
// learners_s places (at most its establishment), so places_s ∝ ω_s, with
// ω_s = (1 − w)·learners_s/Σ learners + w·employers_s/Σ employers: w is
// the weight of its mission to local employers. Without learners' demand
// it plans for its whole establishment in proportion to fallback (learners'
// interest). The result is written to dst.
func plannedPlaces(dst, learners, employers, fallback []float64, establishment float64, cb *CollegeBehaviour) {
	sumL, sumE, sumF := 0.0, 0.0, 0.0
	for s := range dst {
		sumL += learners[s]
		sumE += employers[s]
		sumF += fallback[s]
	}
	total := min(establishment, (1+cb.ProvisionHeadroom)*sumL)
	if sumL == 0 {
		total = establishment
	}
	w := cb.ProvisionEmployerWeight
	if sumE == 0 {
		w = 0
	}
	for s := range dst {
		l := ratio(learners[s], sumL)
		if sumL == 0 {
			l = ratio(fallback[s], sumF)
		}
		dst[s] = total * ((1-w)*l + w*ratio(employers[s], sumE))
	}
}

// inDifficulty reports whether a college with these reserves and costs
// (£ and £ per year) is in financial difficulty: reserves below
// `difficulty_reserve_months` of costs.
func inDifficulty(balance, costs float64, cb *CollegeBehaviour) bool {
	return balance < cb.DifficultyReserveMonths/12*costs
}

// reserveMonths is a college's reserves in months of its costs.
func (col *college) reserveMonths() float64 {
	if col.costs <= 0 {
		return 0
	}
	return 12 * col.balance / col.costs
}

// candidate reports whether a college is a merger candidate: in
// financial difficulty for at least `difficulty_months`.
func (r *Region) candidate(c int) bool {
	col := &r.colleges[c]
	return !col.merged && col.weakMonths >= r.cfg.Behaviour.Colleges.DifficultyMonths && col.weakMonths > 0
}

// updateBudget runs college c's budget for this step and returns its
// partnership spending, £ per year (ODD §7.4.1).
func (r *Region) updateBudget(c int, fill float64) float64 {
	col := &r.colleges[c]
	cc := &r.cfg.Colleges[c]
	cb := &r.cfg.Behaviour.Colleges
	pt := &r.cfg.Behaviour.Partnership
	dt := float64(r.cfg.StepMonths) / 12
	rate := cc.FundingPerLearner * r.lever.fundingMult
	offered := 0.0
	for _, o := range col.offered {
		offered += o
	}
	b := collegeBudget{
		income:    rate*float64(col.enrolled) + cb.AdultFundingPerLearner*float64(col.adultEnrolled),
		committed: cb.TeachingCost*float64(col.enrolled+col.adultEnrolled) + cb.PlaceCost*offered + cb.Overhead*col.overheadPlaces,
		// Partnership staff follow funding: staffPlaces places of staff
		// time at the rate per learner, half fixed by the establishment
		// and half following the learners recruited (§7.4).
		want:     col.staffPlaces * (1 - pt.CapacityEnrolment + pt.CapacityEnrolment*fill) * rate,
		spending: col.spending,
		staff:    col.partnership,
		balance:  col.balance,
	}
	if !col.budgetSet {
		// The first step plans the college's wants and holds its target
		// reserves; the spin-up settles both.
		b.spending = b.committed + b.want
		b.staff = b.want
		b.balance = cb.ReserveTargetMonths / 12 * b.spending
		col.budgetSet = true
	}
	costs, partnership := stepBudget(&b, cb, dt)
	col.income, col.costs, col.partnership = b.income, costs, partnership
	col.spending, col.balance = b.spending, b.balance
	if inDifficulty(col.balance, costs, cb) {
		col.weakMonths += r.cfg.StepMonths
	} else {
		col.weakMonths = 0
	}
	return partnership
}

// reviewProvision is every active college's annual review of its places
// by sector (ODD §7.4.2), in January: it plans from the past year's
// learners and from local employers' skilled posts, and closes
// `provision_rate` of the gap.
func (r *Region) reviewProvision() {
	nS := len(r.sectors)
	cb := &r.cfg.Behaviour.Colleges
	employers := make([]float64, nS)
	for i := range r.employers {
		e := &r.employers[i]
		employers[e.sector] += float64(e.slots[JobIntermediate])
	}
	learners := make([]float64, nS)
	plan := make([]float64, nS)
	fallback := make([]float64, nS)
	for s := range nS {
		fallback[s] = r.cfg.Sectors[s].Interest
	}
	active := float64(max(1, r.activeColleges))
	// The catchment's learners: every college's, and those no college
	// could place, an equal share to each college.
	catchment := make([]float64, nS)
	for c := range r.colleges {
		if col := &r.colleges[c]; !col.merged {
			for s := range nS {
				catchment[s] += float64(col.peak[s]) / active
			}
		}
	}
	for s := range nS {
		catchment[s] += float64(r.turnedAway[s]) / active
	}
	for c := range r.colleges {
		col := &r.colleges[c]
		if col.merged {
			continue
		}
		for s := range nS {
			learners[s] = max(float64(col.peak[s]), catchment[s])
		}
		plannedPlaces(plan, learners, employers, fallback, float64(col.places+col.adultPlaces), cb)
		for s := range nS {
			col.offered[s] += cb.ProvisionRate * (plan[s] - col.offered[s])
			col.peak[s] = col.enrolledIn[s]
		}
	}
	clear(r.turnedAway)
}

// reviewArea is an area review's verdict on the active colleges idx: the
// merger candidates among them are absorbed into the survivor, the
// strongest of the others by months of reserves (or, if every college is
// a candidate, the strongest of all). With no candidate, or fewer than two
// colleges, nothing is absorbed.
func (r *Region) reviewArea(idx []int) (survivor int, absorbed []int) {
	survivor = -1
	if len(idx) < 2 {
		return survivor, nil
	}
	weak := make([]bool, len(idx))
	for i, c := range idx {
		weak[i] = r.candidate(c)
	}
	return strongest(idx, weak, func(c int) float64 { return r.colleges[c].reserveMonths() })
}

// strongest picks, among colleges idx of which weak marks the merger
// candidates, the survivor of a review (the most months of reserves
// among those not weak, or among all if all are weak; the first in
// order on a tie) and the candidates it absorbs.
func strongest(idx []int, weak []bool, months func(int) float64) (survivor int, absorbed []int) {
	survivor = -1
	anyStrong := false
	for i := range idx {
		anyStrong = anyStrong || !weak[i]
	}
	for i, c := range idx {
		if anyStrong && weak[i] {
			continue
		}
		if survivor < 0 || months(c) > months(survivor) {
			survivor = c
		}
	}
	for i, c := range idx {
		if weak[i] && c != survivor {
			absorbed = append(absorbed, c)
		}
	}
	return survivor, absorbed
}
