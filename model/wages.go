package model

// Output, posted wages, the pay premium and on-the-job search (ODD §7.2).

import "math"

// wage is the wage bargained for a job by an employer with no pay premium
// in a market where no other employer uses the skill (Nash bargaining with
// share β over output against the outside wage): what learners expect a
// job to pay (§7.10) and the reference wage of applicants (§7.14).
func (r *Region) wage(s uint8, k int, qualified, highSpec bool) float64 {
	return bargainedWage(r.cfg.Labour.BargainingShare, r.output(s, k, qualified, highSpec), r.cfg.Labour.OutsideWage)
}

// output is the monthly output of a worker in a job, £.
func (r *Region) output(s uint8, k int, qualified, highSpec bool) float64 {
	sc := &r.cfg.Sectors[s]
	y := sc.Productivity * r.jobOutput[k]
	if !qualified {
		// The premium needs qualified staff (§7.8): an under-qualified
		// worker produces a share of the plain post's output.
		return y * r.cfg.Labour.UnderQualifiedOutput
	}
	if highSpec && k > JobLow {
		y *= 1 + sc.HighSpecPremium
	}
	return y
}

// bargainedWage is the Nash bargain β·y + (1−β)·b over output y against
// the worker's outside option b.
func bargainedWage(beta, y, outside float64) float64 {
	return beta*y + (1-beta)*outside
}

// thickOutside is a technician's outside option where a share users of
// the sector's local employers use the skill: the outside wage b plus the
// share thick·users of the gap to the skill's output y elsewhere (Stevens
// 1994: the more local firms use a skill, the closer its holder's outside
// option comes to what it produces).
func thickOutside(b, y, thick, users float64) float64 {
	return b + thick*clamp01(users)*max(0, y-b)
}

// postedPay is the wage an employer posts: the bargained wage w raised by
// its pay premium, but by the premium never beyond a share concede of the
// rent y − w the employer keeps at the bargain, so that a post still pays
// its employer something however hard it is to fill.
func postedPay(w, y, premium, concede float64) float64 {
	return max(w, min(w+concede*max(0, y-w), w*(1+premium)))
}

// nextPremium is an employer's pay premium after a year in which a share
// vacancy of its posts stood empty on average (wage posting with an
// upward-sloping supply of labour to the firm: Burdett & Mortensen 1998;
// Manning 2003). To draw in the share of posts it lacked beyond the
// frictional share tolerated, along a supply curve of elasticity
// elasticity, the employer raises pay by (vacancy − tolerated)/elasticity;
// when posts fill easily the premium eases by the same rule. It stays in
// [0, most].
func nextPremium(premium, vacancy, tolerated, elasticity, most float64) float64 {
	return min(most, max(0, premium+(vacancy-tolerated)/elasticity))
}

// quitRate is the annual probability that a worker quits: the part that
// has nothing to do with pay, other, plus the on-the-job search part,
// offers a year times the share of offers that beat staying (Burdett &
// Mortensen 1998), at most 1.
func quitRate(other, offers, beaten float64) float64 {
	return clamp01(other + offers*beaten)
}

// skillUsers is the share of sector s's employers on a high-specification
// strategy: the local firms that use its technical skill (Stevens 1994).
func (r *Region) skillUsers(s uint8) float64 {
	st := &r.sectors[s]
	return float64(st.highSpec) / float64(max(1, st.employers))
}

// postedWage is the wage an employer of sector s with the given strategy
// and pay premium pays for a job at level k: the Nash bargain against the
// outside option — for a qualified technician raised by the local demand
// for the skill (thickOutside) — raised by the premium (postedPay).
func (r *Region) postedWage(s uint8, k int, qualified, highSpec bool, premium float64) float64 {
	l := &r.cfg.Labour
	y := r.output(s, k, qualified, highSpec)
	b := l.OutsideWage
	if k == JobIntermediate && qualified {
		b = thickOutside(b, y, l.Wages.ThickMarket, r.skillUsers(s))
	}
	return postedPay(bargainedWage(l.BargainingShare, y, b), y, premium, l.BargainingShare)
}

// offeredWage is what employer e pays for a job at level k to a worker
// who is (or is not) qualified for it: the one function for an employer's
// pay. It reads the employer's premium as last revised and the sector's
// current share of employers using the skill.
func (r *Region) offeredWage(e *employer, k int, qualified bool) float64 {
	return r.postedWage(e.sector, k, qualified, e.highSpec, float64(e.premium))
}

// revisePay is the employer's yearly pay review: the premium follows its
// vacancy rate over the year since the last review (nextPremium), capped
// at the premium beyond which no post's pay could rise (postedPay), and
// the vacancy history restarts.
func (r *Region) revisePay(e *employer) {
	wg := &r.cfg.Labour.Wages
	if e.postMonths > 0 {
		v := float64(e.openMonths) / float64(e.postMonths)
		most := 0.0
		beta := r.cfg.Labour.BargainingShare
		for k := range NumJobLevels {
			y := r.output(e.sector, k, true, e.highSpec)
			w := r.postedWage(e.sector, k, true, e.highSpec, 0)
			most = max(most, beta*max(0, y-w)/w)
		}
		e.premium = float32(nextPremium(float64(e.premium), v, wg.ToleratedVacancies, wg.SupplyElasticity, most))
	}
	e.openMonths, e.postMonths = 0, 0
}

// price sets the employer's pay table and the chance an applicant from
// another field accepts each post (§7.14); its workers' pay follows the
// table this step (work).
func (r *Region) price(e *employer) {
	ax := r.cfg.Labour.Matching.AcceptanceExponent
	for k := range NumJobLevels {
		e.pay[k][0] = float32(r.offeredWage(e, k, false))
		e.pay[k][1] = float32(r.offeredWage(e, k, true))
		e.accept[k] = 1
		if x := float64(e.pay[k][1]) / r.referenceWage; x < 1 {
			e.accept[k] = float32(math.Pow(x, ax))
		}
	}
	e.repriced = true
}

// setQuits sets the employer's per-step quit hazard by job level from the
// offer distributions in force.
func (r *Region) setQuits(e *employer) {
	for k := range NumJobLevels {
		e.quit[k] = float32(r.perStep(r.expectedQuits(e, k, e.trains)))
	}
}

// expectedQuits is the annual quit probability of a qualified worker in a
// job at level k of employer e, if the employer trains or not: the
// sector's non-wage quits plus the offers a year that beat the value of
// staying, pay × (1 + training_retention if it trains) — an employer that
// trains raises its workers' value of staying (brief §9).
func (r *Region) expectedQuits(e *employer, k int, trains bool) float64 {
	wg := &r.cfg.Labour.Wages
	w := float64(e.pay[k][1])
	if trains {
		w *= 1 + wg.TrainingRetention
	}
	return quitRate(r.cfg.Sectors[e.sector].QuitRate, wg.OfferRate, r.offers[r.offerPool(e.sector, k)].beating(w))
}

// perStep turns an annual probability into the probability per step.
func (r *Region) perStep(annual float64) float64 {
	return stepProbability(annual, float64(r.cfg.StepMonths)/12)
}

// stepProbability is the probability over a share dt of a year of an
// event with annual probability annual at a constant hazard:
// 1 − (1 − annual)^dt, computed as −expm1(dt·log1p(−annual)), which is
// exact to rounding for small probabilities and cheaper than Pow.
func stepProbability(annual, dt float64) float64 {
	return -math.Expm1(dt * math.Log1p(-clamp01(annual)))
}

// offerGrid is the number of points at which an offer distribution is
// tabulated: a numerical device (§8.10).
const offerGrid = 65

// offerDist is the distribution of the pay offers a worker in one labour
// market receives, smoothed by the non-wage value of jobs and tabulated:
// beat[g] is the share of offers that beat staying at log pay lo + g·step.
type offerDist struct {
	lo, step float64
	beat     [offerGrid]float64
}

// beating is the share of offers that beat staying at pay w, interpolated
// in the table (0 when the market has no posts).
func (d *offerDist) beating(w float64) float64 {
	if d.step == 0 || w <= 0 {
		return 0
	}
	x := (math.Log(w) - d.lo) / d.step
	switch {
	case x <= 0:
		return d.beat[0]
	case x >= offerGrid-1:
		return d.beat[offerGrid-1]
	}
	g := int(x)
	f := x - float64(g)
	return (1-f)*d.beat[g] + f*d.beat[g+1]
}

// offerPool is the index of the labour market whose offers a worker in a
// job at level k of sector s receives: technicians (intermediate posts)
// search their own sector, where their skill counts; low and high posts
// draw offers from every sector (general work, and degrees in any field).
func (r *Region) offerPool(s uint8, k int) int {
	if k == JobIntermediate {
		return int(s)*NumJobLevels + k
	}
	return len(r.sectors)*NumJobLevels + k
}

// postOffers tabulates each labour market's offer distribution from the
// employers' posted pay for qualified workers, each post one offer
// (offers arrive from posts in proportion to their number). An offer at
// w′ beats staying at w with probability Φ(ln(w′/w)/σ), σ =
// labour_market.wages.offer_spread, the spread of jobs' non-wage value.
func (r *Region) postOffers() {
	n := (len(r.sectors) + 1) * NumJobLevels
	if len(r.offers) != n {
		r.offers = make([]offerDist, n)
		r.offerWeight = make([][offerGrid]float64, n)
	}
	lo := make([]float64, n)
	hi := make([]float64, n)
	for i := range lo {
		lo[i], hi[i] = math.Inf(1), math.Inf(-1)
	}
	for i := range r.employers {
		e := &r.employers[i]
		for k := range NumJobLevels {
			if e.slots[k] > 0 {
				x := math.Log(float64(e.pay[k][1]))
				d := r.offerPool(e.sector, k)
				lo[d], hi[d] = min(lo[d], x), max(hi[d], x)
			}
		}
	}
	sigma := r.cfg.Labour.Wages.OfferSpread
	for d := range r.offers {
		r.offers[d] = offerDist{}
		clear(r.offerWeight[d][:])
		if lo[d] <= hi[d] {
			r.offers[d].lo = lo[d] - 4*sigma
			r.offers[d].step = (hi[d] - lo[d] + 8*sigma) / (offerGrid - 1)
		}
	}
	for i := range r.employers {
		e := &r.employers[i]
		for k := range NumJobLevels {
			if e.slots[k] > 0 {
				d := r.offerPool(e.sector, k)
				od := &r.offers[d]
				// Each post's weight is shared between the two grid
				// points either side of its log pay.
				x := min(offerGrid-1, max(0, (math.Log(float64(e.pay[k][1]))-od.lo)/od.step))
				g := min(offerGrid-2, int(x))
				f := x - float64(g)
				r.offerWeight[d][g] += (1 - f) * float64(e.slots[k])
				r.offerWeight[d][g+1] += f * float64(e.slots[k])
			}
		}
	}
	for d := range r.offers {
		od := &r.offers[d]
		if od.step == 0 {
			continue
		}
		var kernel [2*offerGrid - 1]float64
		for m := range kernel {
			kernel[m] = 0.5 * math.Erfc(-float64(m-(offerGrid-1))*od.step/sigma/math.Sqrt2)
		}
		total := 0.0
		for _, wt := range r.offerWeight[d] {
			total += wt
		}
		for g := range offerGrid {
			a := 0.0
			for h, wt := range r.offerWeight[d] {
				a += wt * kernel[h-g+offerGrid-1]
			}
			od.beat[g] = a / total
		}
	}
}

// surveyOffers tabulates the offers from the employers' pay tables and
// sets every employer's quit hazards against them: at construction.
func (r *Region) surveyOffers() {
	r.postOffers()
	for i := range r.employers {
		r.setQuits(&r.employers[i])
	}
}

// b2i is 1 for true and 0 for false: the index of a pay table by
// qualification.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
