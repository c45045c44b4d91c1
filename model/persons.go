package model

// Ageing, retirement, obsolescence and status transitions (ODD §7.11, §7.12).

// The ages, in months, at which people enter the model (16, the end of
// compulsory schooling) and leave it (66, the state pension age): they
// define the working-age population that population.persons counts.
const (
	entryAge  = 16 * 12
	retireAge = 66 * 12
)

// adultAge is the age, in months, from which a person counts as an adult
// (19): the end of 16–19 funding, which sets the kind of college place,
// the case of the route choice and who may consider an adult course. It is
// an institutional boundary, not a behavioural parameter.
const adultAge = 19 * 12

// updatePersons ages people, moves them through courses and training,
// separates workers from jobs and sends new entrants to their route choice.
func (r *Region) updatePersons() {
	r.gatherWorkTerms()
	for s := range r.seekers {
		r.seekers[s] = r.seekers[s][:0]
	}
	r.allSeekers = r.allSeekers[:0]
	for i := range r.persons {
		p := &r.persons[i]
		r.updatePerson(p, i)
		// Those seeking work after their step are the matching round's
		// seekers (collectSeekers, gathered in the same pass).
		if p.status == statusSeeking {
			r.seekers[p.sector] = append(r.seekers[p.sector], int32(i))
			r.allSeekers = append(r.allSeekers, int32(i))
		}
	}
}

// updatePerson is person i's step.
func (r *Region) updatePerson(p *person, i int) {
	dt := r.cfg.StepMonths
	pop := &r.cfg.Population
	ed := &r.cfg.Education
	p.ageMonths += uint16(dt)
	// Technical skill not used in a technical job goes out of date
	// (use it or lose it).
	if p.flags&flagVocational != 0 && (!p.working() || p.jobLevel == JobLow) &&
		!p.inEducation() && r.uniform() < r.obsolescenceStep {
		p.flags &^= flagVocational
	}
	if p.ageMonths >= retireAge {
		r.retire(p)
		// The place is taken by a new sixteen-year-old.
		*p = person{employer: -1, ageMonths: entryAge, sector: r.drawSector()}
		p.level = r.drawLevel(pop.SchoolLeavers)
		if r.uniform() < pop.LowIncomeShare {
			p.flags |= flagLowIncome
		}
		r.chooseRoute(p)
		return
	}
	switch p.status {
	case statusEmployed, statusApprentice:
		r.work(p, i)
	case statusSelfEmployed:
		if r.uniform() < r.selfExitStep {
			r.seek(p)
		}
	case statusCollege:
		if p.trainLeft > uint8(dt) {
			p.trainLeft -= uint8(dt)
			if r.uniform() < r.dropoutStep {
				r.leaveCollege(p)
				r.seek(p)
			}
			return
		}
		r.leaveCollege(p)
		// A pass raises the level; a level 3 counts as a technical
		// qualification only if employers recognise it, which they do
		// with the probability given by the curriculum's currency.
		cur := r.colleges[p.college].currency[p.sector]
		if r.uniform() < ed.CoursePass+ed.CoursePassCurrency*cur {
			p.level++
			if p.level == Level3 && r.uniform() < cur {
				p.flags |= flagVocational
			}
		}
		r.chooseRoute(p)
	case statusSixthForm:
		if p.trainLeft > uint8(dt) {
			p.trainLeft -= uint8(dt)
			return
		}
		if r.uniform() < ed.SixthFormPass {
			p.level = Level3
			p.flags &^= flagVocational
		}
		r.chooseRoute(p)
	case statusHigherEd:
		if p.trainLeft > uint8(dt) {
			p.trainLeft -= uint8(dt)
			return
		}
		if r.uniform() < ed.DegreePass {
			p.level = Level4
		}
		r.seek(p)
	case statusSeeking:
		if p.ageMonths >= adultAge && r.uniform() < r.adultCourseStep && p.level < Level3 {
			if r.lever.devolution && r.uniform() < r.lever.responsiveness {
				// Devolved adult funding follows local demand: the
				// course is in the sector short of technical skill.
				p.sector = r.lever.shortageSector
			}
			r.chooseRoute(p)
		} else if r.uniform() < r.inactiveStep {
			p.status = statusInactive
		}
	case statusInactive:
		if r.uniform() < r.reentryStep {
			r.seek(p)
		}
	}
}

// retire removes a person from whatever they were doing.
func (r *Region) retire(p *person) {
	switch p.status {
	case statusEmployed, statusApprentice:
		r.separate(p)
	case statusCollege:
		r.leaveCollege(p)
	}
}
