package model

// Product-market strategy and job design (ODD §7.8).

import (
	"math"
)

// reviseStrategy is the product-market choice (Redding 1996; Snower 1994):
// a high-specification strategy pays only if its technical posts can be
// filled. Screening n applicants from a pool of which a share q is
// qualified fills a post with probability 1 − (1−q)^n; a co-producing
// college's pipeline adds PipelineWeight·reciprocation·currency to that
// chance. The employer upgrades by logit, with mistakes, on
//
//	Δ = HighSpecPremium·P(fill) − UpgradeCost,
//
// and the new strategy redesigns its jobs.
func (r *Region) reviseStrategy(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	pipeline := 0.0
	if e.tie == tieCoproduction {
		col := &r.colleges[e.college]
		pipeline = r.cfg.Behaviour.PipelineWeight * col.reciprocation[e.sector] * col.currency[e.sector]
	}
	supply := st.supplyEMA
	if c := r.lever.coordination; c > 0 && supply < r.lever.announcedSupply {
		supply += c * (r.lever.announcedSupply - supply)
	}
	fill := fillChance(supply, r.cfg.Labour.Applicants, pipeline)
	u := strategyGain(sc.HighSpecPremium, sc.UpgradeCost, fill)
	e.highSpec = r.choose(u, r.cfg.Behaviour.StrategyTemperature)
	r.design(e)
}

// design sets an employer's job slots from its strategy (job design).
func (r *Region) design(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	mix := sc.LowSpecJobs.Shares()
	if e.highSpec {
		mix = sc.HighSpecJobs.Shares()
	}
	mix = routineDrift(mix, r.cfg.Labour.RoutineDecline, r.policyDate(), r.cfg.Labour.RoutineBaseYear, r.cfg.Labour.RoutineToHigh)
	// Slots are whole: round with the employer's own dither, so that the
	// expected number equals the share and small employers do not all
	// cross a rounding threshold at once as the mix drifts.
	n := float64(e.headcount)
	d := float64(e.dither)
	e.slots[JobHigh] = int32(math.Floor(n*mix[JobHigh] + d))
	e.slots[JobIntermediate] = int32(math.Floor(n*mix[JobIntermediate] + 1 - d))
	e.slots[JobLow] = max(0, e.headcount-e.slots[JobHigh]-e.slots[JobIntermediate])
}

// routineDrift applies routine-biased technical change (Goos & Manning
// 2007) to a job design stated for January of baseYear: at date m the
// intermediate share is mix·(1−d)^(years since the base), a share toHigh
// of the jobs moved going to high jobs and the rest to low jobs. The drift
// is a function of the calendar, not of the run's start, so the same date
// gives the same design whatever the run's start. Before the base year the
// drift runs backwards (more intermediate jobs), taking from high and low
// jobs no more than they hold.
func routineDrift(mix [NumJobLevels]float64, d float64, m Month, baseYear int, toHigh float64) [NumJobLevels]float64 {
	if d <= 0 {
		return mix
	}
	years := float64(int(m)-int(MonthOf(baseYear, 1))) / 12
	moved := mix[JobIntermediate] * (1 - math.Pow(1-d, years))
	// Backwards, no more may move than high and low jobs hold.
	limit := math.Inf(1)
	if toHigh > 0 {
		limit = mix[JobHigh] / toHigh
	}
	if toHigh < 1 {
		limit = min(limit, mix[JobLow]/(1-toHigh))
	}
	moved = max(moved, -limit)
	mix[JobIntermediate] -= moved
	mix[JobHigh] += moved * toHigh
	mix[JobLow] += moved * (1 - toHigh)
	return mix
}
