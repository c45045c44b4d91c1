package model

// Route choice of learners (ODD §7.10).

import (
	"math"
)

// chooseRoute is a learner's route choice on expected earnings: stay on in
// academic education, take a college course in their sector, go to
// university, or look for work (where training employers may offer an
// apprenticeship). Each route is valued by routeGain (Becker 1964): the
// wage premium of the skilled job it leads to, at the wages the learner
// can expect there — high-specification employers' pay in proportion to
// their presence (expectedWage) — times the chance of a skilled job,
// which rises with the expected share of good jobs (Redding 1996), and
// the chance of finding work at all after the route against the chance
// now, from the employment of recent completers (Manski 1993;
// workChance). The academic bonuses are preferences beyond earnings.
func (r *Region) chooseRoute(p *person) {
	b := &r.cfg.Behaviour
	rc := &b.Routes
	ed := &r.cfg.Education
	s := p.sector
	info := r.lever.careers
	// What the learner believes the chance of a skilled job is, mixing the
	// truth with a vague prior by how good careers information is.
	// The expected share includes a national framework's announcement,
	// weighted by its credibility.
	good := info*r.expectedSkilledJobs(int(s)) + (1-info)*rc.PriorGoodJobs
	wLow := r.wage(s, JobLow, true, false)
	wMid := r.expectedWage(s, JobIntermediate)
	wHigh := r.expectedWage(s, JobHigh)
	out := r.cfg.Labour.OutsideWage
	now := r.workChance(s, outcomeOf(p.level, p.flags&flagVocational != 0))
	cost := rc.StudyCost
	if p.flags&flagLowIncome != 0 {
		cost = rc.StudyCostLowIncome
	}
	young := p.ageMonths < adultAge
	t := b.RouteTemperature
	switch {
	case p.level < Level2 || (p.level == Level2 && !young):
		// A college course up one level (basic skills first).
		c := r.pickCollege(young, s)
		if c < 0 {
			r.seek(p)
			return
		}
		cur := r.colleges[c].currency[s]
		after := r.workChance(s, outcomeOf(p.level+1, false))
		if p.level+1 == Level3 {
			after = r.collegeWorkChance(s, cur)
		}
		premium := rc.BasicCourseGain * (wMid - wLow) * (1 - rc.BasicCourseCurrency + rc.BasicCourseCurrency*cur)
		gain := routeGain(after, now, good, premium, wLow, out)
		if !young {
			gain -= rc.AdultCourseCost // adults give up earnings or time
		}
		if r.choose(gain-cost+rc.BasicCourseBonus, t) {
			r.enrol(p, c, ed.CourseMonths)
			return
		}
		r.seek(p)
	case p.level == Level2:
		// At 16 with level 2: academic, vocational level 3, or work.
		c := r.pickCollege(true, s)
		academic := rc.AcademicBonus + routeGain(r.workChance(s, outcomeLevel4), now, good, rc.AcademicWageWeight*(wHigh-wLow), wLow, out) - cost
		if p.flags&flagLowIncome != 0 {
			academic -= rc.AcademicLowIncomeCost
		}
		vocational := -1e9
		if c >= 0 {
			cur := r.colleges[c].currency[s]
			vocational = routeGain(r.collegeWorkChance(s, cur), now, good, (wMid-wLow)*(1-rc.VocationalCurrency+rc.VocationalCurrency*cur), wLow, out) - cost
		}
		work := 0.0
		// Multinomial logit over the three routes, with mistakes.
		ua, uv, uw := academic/t, vocational/t, work/t
		m := max(ua, uv, uw)
		ea, ev, ew := math.Exp(ua-m), math.Exp(uv-m), math.Exp(uw-m)
		route := 2 // work
		if r.uniform() < b.Noise {
			// A mistake: any of the three routes, equally likely.
			route = r.rng.IntN(3)
		} else if u := r.uniform() * (ea + ev + ew); u < ea {
			route = 0
		} else if u < ea+ev {
			route = 1
		}
		switch {
		case route == 0:
			p.status = statusSixthForm
			p.trainLeft = uint8(ed.SixthFormMonths)
		case route == 1 && c >= 0:
			r.enrol(p, c, ed.Level3CourseMonths)
		default:
			r.seek(p)
		}
	case p.level == Level3:
		// University or work.
		he := routeGain(r.workChance(s, outcomeLevel4), now, good, wHigh-wMid, wLow, out) - cost - rc.UniversityCost
		if young && p.flags&flagVocational == 0 {
			he += rc.UniversityAcademicBonus // the academic track leads on to university
		}
		if r.choose(he, t) {
			p.status = statusHigherEd
			p.trainLeft = uint8(ed.DegreeMonths)
			return
		}
		r.seek(p)
	default:
		r.seek(p)
	}
}

func (r *Region) seek(p *person) {
	p.status = statusSeeking
	p.trainLeft = 0
}
