package model

// The train-or-poach decision (ODD §7.9).

// reviseTraining is the train-or-poach decision (Acemoglu & Pischke 1999;
// Stevens 1994). Training a worker up to level 3 raises output in a
// skilled post; the employer keeps the share (1−β) of the gain for as long
// as the worker stays, and the worker leaves at the employer's own quit
// hazard for a trained technician at its pay (§7.2) plus a poaching hazard that rises with the share of local firms in the
// sector using the skill. Co-production with a reciprocating college
// lowers the cost.
func (r *Region) reviseTraining(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	tr := &r.cfg.Behaviour.Training
	beta := r.cfg.Labour.BargainingShare
	users := float64(st.highSpec) / float64(max(1, st.employers))
	// Monthly hazard of losing the return: quits, poaching, and the
	// employer's own discounting of a short horizon.
	loss := r.expectedQuits(e, JobIntermediate, true)/12 + poachingHazard(r.cfg.Labour.PoachingIntensity, users) + tr.Discount
	gain := r.output(e.sector, JobIntermediate, true, e.highSpec) - r.output(e.sector, JobIntermediate, false, e.highSpec)
	e.trains = r.choose(trainingGain(beta, gain, loss, r.trainingCost(e), sc.Productivity), tr.Temperature)
}

// trainingCost is what training one worker up a level costs the employer,
// £: the sector's training cost in months of output times its expected
// share under the funding rules, less the saving a co-producing college
// brings.
func (r *Region) trainingCost(e *employer) float64 {
	sc := &r.cfg.Sectors[e.sector]
	cost := sc.TrainingCost * sc.Productivity * r.trainingCostShare(e)
	if e.tie == tieCoproduction {
		col := &r.colleges[e.college]
		cost *= 1 - r.cfg.Behaviour.Training.CoproductionSaving*col.reciprocation[e.sector]*col.currency[e.sector]
	}
	// A training subsidy pays part of what is left, as far as the budget
	// met claims last year; incentive payments for new apprentices come
	// back per training started (support.go).
	return cost*(1-r.expectedSubsidy(&r.lever.fundingRules, e, Level3)) - r.expectedIncentive()
}
