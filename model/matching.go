package model

// Matching with frictions (ODD §7.14).

import (
	"math"
)

// collectSeekers lists the persons seeking work, by their field and all
// together, in the order of the persons.
func (r *Region) collectSeekers() {
	for s := range r.seekers {
		r.seekers[s] = r.seekers[s][:0]
	}
	r.allSeekers = r.allSeekers[:0]
	for i := range r.persons {
		p := &r.persons[i]
		if p.status == statusSeeking {
			r.seekers[p.sector] = append(r.seekers[p.sector], int32(i))
			r.allSeekers = append(r.allSeekers, int32(i))
		}
	}
}

// migrantLeave lets workers recruited from abroad leave at the
// employer's quit hazard for their level.
func (r *Region) migrantLeave(e *employer) {
	for k := range NumJobLevels {
		if e.migrants[k] == 0 {
			continue // most employers: the quit hazards (another cache line) are not read
		}
		q := float64(e.quit[k])
		for n := e.migrants[k]; n > 0; n-- {
			if r.uniform() < q {
				e.migrants[k]--
				e.filled[k]--
				e.qualified[k]--
				e.leavers++
				r.sectors[e.sector].separations++
			}
		}
	}
}

// matchJobs fills vacancies. Employers are visited in a fresh random order
// each step; each vacancy screens a few applicants (frictions), and when
// none is qualified the employer takes an apprentice (if it trains),
// recruits from abroad, poaches from a local firm, or accepts a skill gap.
func (r *Region) matchJobs() {
	// The seekers were gathered by updatePersons, which runs just before.
	r.rng.Shuffle(len(r.order), func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })
	n := r.cfg.Labour.Applicants
	for s := range r.sectors {
		r.sectors[s].seekersSum += float64(len(r.seekers[s]))
	}
	for _, ei := range r.order {
		e := &r.employers[ei]
		r.migrantLeave(e)
		for k := NumJobLevels - 1; k >= 0; k-- {
			if v := e.slots[k] - e.filled[k]; v > 0 {
				r.sectors[e.sector].vacanciesSum += float64(v)
			}
			for v := e.slots[k] - e.filled[k]; v > 0; v-- {
				if !r.fill(ei, k, n, false) {
					break
				}
			}
		}
	}
}

// fill tries to fill one vacancy at level k of employer ei by screening n
// applicants. It reports whether the vacancy was filled.
func (r *Region) fill(ei int32, k, n int, initial bool) bool {
	e := &r.employers[ei]
	s := e.sector
	sc := &r.cfg.Sectors[s]
	mt := &r.cfg.Labour.Matching
	tr := &r.cfg.Behaviour.Training
	if len(r.allSeekers) == 0 {
		return false
	}
	draws := n
	if e.tie == tieCoproduction && r.uniform() < r.colleges[e.college].reciprocation[s] {
		// The college's pipeline brings more applicants from the sector.
		draws += int(math.Round(mt.PipelineApplicants * float64(n)))
	}
	fallback := int32(-1)
	apprentice := int32(-1)
	// Applicants from outside the sector weigh its pay against what work
	// pays elsewhere: low-paid, low-status jobs draw fewer of them.
	accept := float64(e.accept[k])
	for range draws {
		var pi int32
		if len(r.seekers[s]) > 0 && r.uniform() < mt.OwnField {
			pi = r.seekers[s][r.rng.IntN(len(r.seekers[s]))]
		} else {
			pi = r.allSeekers[r.rng.IntN(len(r.allSeekers))]
		}
		p := &r.persons[pi]
		if p.status != statusSeeking || (p.sector != s && !initial && accept < 1 && r.uniform() >= accept) {
			continue
		}
		if k < JobHigh && p.level >= Level4 && r.uniform() < sc.GraduatePreference {
			r.hire(p, ei, k, false)
			return true
		}
		if p.qualifies(k, s) {
			// A training employer may take a young person below level 2
			// on as a level 2 apprentice in a low job.
			l2 := k == JobLow && e.trains && p.level < Level2 && p.ageMonths < r.apprenticeAge &&
				!initial && r.uniform() < tr.Level2Offer && r.offerGoesAhead(e, Level2) &&
				(e.size != sizeLarge || r.uniform() < tr.LargeApprenticeships)
			r.hire(p, ei, k, l2)
			return true
		}
		if fallback < 0 {
			fallback = pi
		}
		if apprentice < 0 && p.ageMonths < r.apprenticeAge && p.level == Level2 {
			apprentice = pi
		}
	}
	if initial {
		if fallback >= 0 {
			r.hire(&r.persons[fallback], ei, k, false)
			return true
		}
		return false
	}
	if k == JobIntermediate && e.trains && apprentice >= 0 && r.offerGoesAhead(e, Level3) &&
		(e.size != sizeLarge || r.uniform() < tr.LargeApprenticeships) {
		r.hire(&r.persons[apprentice], ei, k, true)
		return true
	}
	if r.uniform() < r.lever.migrantAccess[k] {
		e.migrants[k]++
		e.filled[k]++
		e.qualified[k]++
		return true
	}
	if k > JobLow && r.uniform() < r.cfg.Labour.PoachingIntensity*float64(r.sectors[s].highSpec)/float64(max(1, r.sectors[s].employers)) {
		if r.poach(ei, k) {
			return true
		}
	}
	if fallback >= 0 && (k == JobLow || r.uniform() < mt.UnderQualifiedHire) {
		r.hire(&r.persons[fallback], ei, k, false)
		return true
	}
	if fallback >= 0 {
		// Applicants came but lacked the qualification: the reason a
		// survey would record for a skill-shortage vacancy (§4.11).
		e.shortage |= 1 << k
	}
	return false
}

// poach hires a qualified worker away from another local employer in the
// same sector, at a wage above their current one (Stevens 1994).
func (r *Region) poach(ei int32, k int) bool {
	s := r.employers[ei].sector
	mt := &r.cfg.Labour.Matching
	for range mt.PoachingTries {
		pi := r.rng.IntN(len(r.persons))
		p := &r.persons[pi]
		if p.status != statusEmployed || p.employer == ei || r.employers[p.employer].sector != s || !p.qualifies(k, s) {
			continue
		}
		old := float64(p.wage)
		r.separate(p)
		r.hire(p, ei, k, false)
		p.wage = float32(max(float64(p.wage), old*(1+mt.PoachingPremium)))
		return true
	}
	return false
}

// hire puts a person into a job at level k of employer ei.
func (r *Region) hire(p *person, ei int32, k int, apprentice bool) {
	e := &r.employers[ei]
	p.employer = ei
	p.jobLevel = uint8(k)
	p.status = statusEmployed
	e.filled[k]++
	q := p.qualifies(k, e.sector)
	if q {
		e.qualified[k]++
	}
	if apprentice {
		p.status = statusApprentice
		p.trainLeft = uint8(r.cfg.Education.ApprenticeshipMonths)
		p.target = Level3
		if k == JobLow {
			p.target = Level2
		}
		e.apprentices++
		r.recordStart(p.target, p.ageMonths)
		r.flows.trainingStarts++
		r.payIncentive(p.ageMonths)
		r.claimSubsidy(e, p.target, true)
	}
	p.wage = e.pay[k][b2i(q)]
}
