package model

// College effort, threshold, rationing and curriculum currency (ODD §7.4, §7.5).

// updateColleges sets each college's partnership effort by sector, the
// chance its co-producing employers find it reciprocating, and its
// curriculum currency. A college commits staff time to a sector once the
// share of the sector's employers in its catchment (an equal share of the
// region's) who co-produce with it passes its threshold (Granovetter 1978); reciprocation is rationed by partnership staff time;
// currency decays unless renewed by employer contact.
func (r *Region) updateColleges() {
	b := &r.cfg.Behaviour
	pt := &b.Partnership
	nS := len(r.sectors)
	dt := float64(r.cfg.StepMonths) / 12
	adjust := min(1, pt.AdjustmentRate*dt)
	brokered := 0.0
	if r.lever.network {
		v := r.cfg.Policies.Network
		brokered = v.Budget / v.CostPerTie / float64(r.activeColleges)
	}
	for c := range r.colleges {
		col := &r.colleges[c]
		cc := &r.cfg.Colleges[c]
		if col.merged {
			continue
		}
		// Staff time follows funding: the rate per learner (relative to
		// the reference rate, cut by austerity) and the learners recruited,
		// since funding follows learners. A network's convener brokers
		// more; a merger disrupts it for a while.
		fill := float64(col.enrolled+col.adultEnrolled) / float64(max(1, col.places+col.adultPlaces))
		funding := cc.FundingPerLearner / pt.ReferenceFunding * r.lever.fundingMult
		col.capacity = pt.CapacityPerPlace * col.staffPlaces * (1 - pt.CapacityEnrolment + pt.CapacityEnrolment*fill) * funding
		if r.policyDate() < col.disruptedUntil {
			col.capacity *= 1 - col.turnover
		}
		col.capacity += brokered
		ration := 1.0
		if r.demand[c] > col.capacity {
			ration = col.capacity / r.demand[c]
		}
		rep := 0.0
		for s := range nS {
			// The share of the sector's employers in the college's
			// catchment (an equal share of the region) who co-produce
			// with it.
			catchment := float64(r.sectors[s].employers) / float64(r.activeColleges)
			x := ratio(float64(r.coprod[c*nS+s]), catchment)
			threshold := b.CollegeThreshold
			if r.lever.network {
				// The convener lowers the colleges' cost of partnership too.
				threshold *= 1 - r.cfg.Policies.Network.CostReduction
			}
			target := effortTarget(x, threshold, cc.Outreach)
			col.effort[s] += adjust * (target - col.effort[s])
			col.reciprocation[s] = clamp01(col.effort[s] * ration)
			contact := col.reciprocation[s]
			if r.lever.network {
				contact += r.cfg.Policies.Network.IntelligenceContact * r.cfg.Policies.Network.Intelligence
			}
			if t := r.tied[c*nS+s]; t > 0 {
				contact += pt.TransactionalContact * float64(t-r.coprod[c*nS+s]) / float64(t)
			}
			cur := col.currency[s]
			cur += dt * currencyChange(cur, contact, b.CurrencyGain, b.CurrencyDecay)
			col.currency[s] = clamp01(cur)
			rep += col.currency[s] * r.cfg.Sectors[s].Interest
		}
		col.reputation += adjust * (rep - col.reputation)
	}
}
