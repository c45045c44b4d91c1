package model

// College effort, threshold, rationing and curriculum currency (ODD §7.4, §7.5).

// updateColleges runs each college's decisions for the step: in January
// its places by sector (reviewProvision); its budget, which sets the
// partnership staff it can pay (updateBudget); its partnership effort by
// sector, committed where the share of the sector's employers in its
// catchment (an equal share of the region's) who co-produce with it makes
// partnership worth its staff cost (the threshold is that cost–value
// ratio); the chance its co-producing employers find it reciprocating,
// rationed by partnership staff time; and its curriculum currency, which
// decays unless renewed by employer contact (ODD §7.4–7.6).
func (r *Region) updateColleges() {
	b := &r.cfg.Behaviour
	pt := &b.Partnership
	nS := len(r.sectors)
	dt := float64(r.cfg.StepMonths) / 12
	adjust := min(1, pt.AdjustmentRate*dt)
	brokered := 0.0
	if r.lever.network {
		brokered = r.broker.ties / float64(r.activeColleges)
	}
	if r.yearTurns() {
		r.reviewProvision()
	}
	for c := range r.colleges {
		col := &r.colleges[c]
		cc := &r.cfg.Colleges[c]
		if col.merged {
			continue
		}
		// Staff time is what the budget pays for (§7.4.1): the staff the
		// college wants follow funding, which follows learners; when
		// costs must come down partnership staff go first.
		fill := float64(col.enrolled+col.adultEnrolled) / float64(max(1, col.places+col.adultPlaces))
		col.capacity = pt.CapacityPerPlace * r.updateBudget(c, fill) / pt.ReferenceFunding
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
