package model

// Ageing, retirement, obsolescence and status transitions (ODD §7.11, §7.12).

// apprenticeshipMonths and inWorkTrainingMonths are training durations.
const (
	apprenticeshipMonths = 18
	inWorkTrainingMonths = 12
	courseMonths         = 12 // a college course, one level
	level3CourseMonths   = 24 // a study programme to level 3 for 16–18 year olds
	sixthFormMonths      = 24
	degreeMonths         = 36
	retireAge            = 66 * 12
	entryAge             = 16 * 12
)

// skillObsolescence is the annual probability that a technical
// qualification not used in a technical job stops being recognised.
const skillObsolescence = 0.06

// selfEmploymentExit is the annual probability that a self-employed
// person returns to looking for a job.
const selfEmploymentExit = 0.12

// updatePersons ages people, moves them through courses and training,
// separates workers from jobs and sends new entrants to their route choice.
func (r *Region) updatePersons() {
	dt := r.cfg.StepMonths
	pop := r.cfg.Population
	for i := range r.persons {
		p := &r.persons[i]
		p.ageMonths += uint16(dt)
		// Technical skill not used in a technical job goes out of date
		// (use it or lose it).
		if p.flags&flagVocational != 0 && (!p.working() || p.jobLevel == JobLow) &&
			!p.inEducation() && r.rng.Float64() < r.obsolescenceStep {
			p.flags &^= flagVocational
		}
		if p.ageMonths >= retireAge {
			r.retire(p)
			// The place is taken by a new sixteen-year-old.
			*p = person{employer: -1, ageMonths: entryAge, sector: r.drawSector()}
			p.level = r.drawLevel(pop.SchoolLeavers)
			if r.rng.Float64() < pop.LowIncomeShare {
				p.flags |= flagLowIncome
			}
			r.chooseRoute(p)
			continue
		}
		switch p.status {
		case statusEmployed, statusApprentice:
			r.work(p, i)
		case statusSelfEmployed:
			if r.rng.Float64() < r.selfExitStep {
				r.seek(p)
			}
		case statusCollege:
			if p.trainLeft > uint8(dt) {
				p.trainLeft -= uint8(dt)
				if r.rng.Float64() < r.dropoutStep {
					r.leaveCollege(p)
					r.seek(p)
				}
				continue
			}
			r.leaveCollege(p)
			// A pass raises the level; a level 3 counts as a technical
			// qualification only if employers recognise it, which they do
			// with the probability given by the curriculum's currency.
			cur := r.colleges[p.college].currency[p.sector]
			if r.rng.Float64() < 0.6+0.35*cur {
				p.level++
				if p.level == Level3 && r.rng.Float64() < cur {
					p.flags |= flagVocational
				}
			}
			r.chooseRoute(p)
		case statusSixthForm:
			if p.trainLeft > uint8(dt) {
				p.trainLeft -= uint8(dt)
				continue
			}
			if r.rng.Float64() < 0.8 {
				p.level = Level3
				p.flags &^= flagVocational
			}
			r.chooseRoute(p)
		case statusHigherEd:
			if p.trainLeft > uint8(dt) {
				p.trainLeft -= uint8(dt)
				continue
			}
			if r.rng.Float64() < 0.85 {
				p.level = Level4
			}
			r.seek(p)
		case statusSeeking:
			if p.ageMonths >= 19*12 && r.rng.Float64() < r.adultCourseStep && p.level < Level3 {
				if r.lever.devolution && r.rng.Float64() < r.lever.responsiveness {
					// Devolved adult funding follows local demand: the
					// course is in the sector short of technical skill.
					p.sector = r.lever.shortageSector
				}
				r.chooseRoute(p)
			} else if r.rng.Float64() < r.dropoutStep {
				p.status = statusInactive
			}
		case statusInactive:
			if r.rng.Float64() < r.reentryStep {
				r.seek(p)
			}
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
