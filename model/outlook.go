package model

// Learners' outlook (ODD §7.3, §7.10): the wages and the chance of work a
// learner expects after each route, from what they see around them.

// Outcome classes: a learner's highest qualification as the labour market
// reads it. Level 3 is split by whether it is a technical (vocational)
// qualification in the sector's field, which alone qualifies for
// intermediate posts (person.qualifies).
const (
	outcomeEntry       = iota // entry level
	outcomeLevel1             // level 1
	outcomeLevel2             // level 2
	outcomeAcademic3          // level 3, academic (no vocational flag)
	outcomeVocational3        // level 3, vocational in the sector's field
	outcomeLevel4             // level 4 or above
	numOutcomes
)

// outcomeOf is the outcome class of a qualification.
func outcomeOf(level uint8, vocational bool) int {
	switch {
	case level >= Level4:
		return outcomeLevel4
	case level == Level3 && vocational:
		return outcomeVocational3
	case level == Level3:
		return outcomeAcademic3
	}
	return int(level)
}

// senseOutcomes moves each sector's expected employment chance of recent
// completers of each qualification towards what learners see now: the
// share of people of the sector's field younger than
// behaviour.routes.recent_completer_age, out of education and not
// inactive, who are working or self-employed (Manski 1993: expectations
// of returns formed from the outcomes observed among others). A class with
// nobody in it keeps its expectation. It also moves the expected presence
// of high-specification employers, the share of the sector's jobs at each
// skilled level that they hold, towards its value now. Both with weight w.
func (r *Region) senseOutcomes(w float64) {
	nS := len(r.sectors)
	pool := make([]float64, 2*nS*numOutcomes)
	age := uint16(12 * r.cfg.Behaviour.Routes.RecentCompleterAge)
	for i := range r.persons {
		p := &r.persons[i]
		if p.ageMonths >= age || p.inEducation() || p.status == statusInactive {
			continue
		}
		j := 2 * (int(p.sector)*numOutcomes + outcomeOf(p.level, p.flags&flagVocational != 0))
		pool[j]++
		if p.working() || p.status == statusSelfEmployed {
			pool[j+1]++
		}
	}
	slots := make([][NumJobLevels][2]float64, nS)
	for i := range r.employers {
		e := &r.employers[i]
		for k := JobIntermediate; k < NumJobLevels; k++ {
			n := float64(e.slots[k])
			slots[e.sector][k][0] += n
			if e.highSpec {
				slots[e.sector][k][1] += n
			}
		}
	}
	for s := range r.sectors {
		st := &r.sectors[s]
		for c := range numOutcomes {
			j := 2 * (s*numOutcomes + c)
			if pool[j] > 0 {
				st.employedEMA[c] += w * (pool[j+1]/pool[j] - st.employedEMA[c])
			}
		}
		for k := JobIntermediate; k < NumJobLevels; k++ {
			if n := slots[s][k][0]; n > 0 {
				st.presenceEMA[k] += w * (slots[s][k][1]/n - st.presenceEMA[k])
			}
		}
	}
}

// initOutcomes sets the learners' outlook at initialisation: every class
// starts at the region's employment rate, then takes what is seen.
func (r *Region) initOutcomes() {
	for s := range r.sectors {
		for c := range numOutcomes {
			r.sectors[s].employedEMA[c] = r.cfg.Population.EmploymentRate
		}
	}
	r.senseOutcomes(1)
}

// expectedWage is the wage a qualified learner expects in a job at level
// k of sector s: the low-specification wage and the high-specification
// one weighted by the expected share of the sector's level-k jobs that
// high-specification employers hold (their presence).
func (r *Region) expectedWage(s uint8, k int) float64 {
	h := r.sectors[s].presenceEMA[k]
	return (1-h)*r.wage(s, k, true, false) + h*r.wage(s, k, true, true)
}

// workChance is the chance of work a learner counts on after reaching
// outcome class c in sector s: 1 − ρ·(1 − expected employment rate), with
// ρ = behaviour.routes.employment_weight.
func (r *Region) workChance(s uint8, c int) float64 {
	return 1 - r.cfg.Behaviour.Routes.EmploymentWeight*(1-r.sectors[s].employedEMA[c])
}

// collegeWorkChance is the chance of work after a college course to level
// 3 at a college with currency cur: the course makes a technical
// qualification with probability cur (ODD §7.12), else an academic-like
// level 3 that does not qualify for intermediate posts.
func (r *Region) collegeWorkChance(s uint8, cur float64) float64 {
	return cur*r.workChance(s, outcomeVocational3) + (1-cur)*r.workChance(s, outcomeAcademic3)
}

// routeGain is the expected monthly earnings of a route over looking for
// work now (Becker 1964: expected earnings, each job weighted by the
// chance of getting it): with work chances e after the route and e0 now,
// a chance good of a skilled job paying premium over the low wage wL, and
// the outside income b out of work,
//
//	gain = e·good·premium + (e − e0)·(wL − b).
//
// premium already carries the route's weights (course gain, currency).
// With e = e0 = 1 it is model 1's good·premium.
func routeGain(e, e0, good, premium, wL, b float64) float64 {
	return e*good*premium + (e-e0)*(wL-b)
}
