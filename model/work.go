package model

// Work: training at work, quits, job loss, self-employment (ODD §7.13).

// work handles a worker's step: training at work, quits, job loss and
// moves to self-employment.
func (r *Region) work(p *person, i int) {
	dt := uint8(r.cfg.StepMonths)
	e := &r.employers[p.employer]
	st := &r.sectors[e.sector]
	if e.repriced {
		// The employer's pay review applies to its workers too.
		p.wage = e.pay[p.jobLevel][b2i(p.qualifies(int(p.jobLevel), e.sector))]
	}
	if p.status == statusApprentice || p.flags&flagTraining != 0 {
		if p.trainLeft > dt {
			p.trainLeft -= dt
		} else {
			r.finishTraining(p, e)
		}
	} else if e.trains {
		if target := r.trainingTarget(p, e); target > 0 {
			// Some training at work goes through an apprenticeship (a
			// start, paid from apprenticeship funding), the rest is the
			// employer's own; an apprenticeship offer may not survive the
			// move to standards. Before a known change of the rules that
			// makes training dearer, a later start may be brought forward.
			start, funded := false, false
			chance := r.trainingStartChance(e)
			if u := r.rng.Float64(); u < chance {
				start, funded = true, r.rng.Float64() < r.apprenticeshipRoute(e)
			} else if r.support.changeAhead {
				start, funded = r.broughtForward(p.employer, (u-chance)/(1-chance))
			}
			if start && (!funded || r.offerGoesAhead(e, target)) {
				p.flags |= flagTraining
				p.trainLeft = uint8(r.cfg.Education.InWorkTrainingMonths)
				p.target = target
				e.trainees++
				r.flows.trainingStarts++
				r.claimSubsidy(e, target, funded)
				if funded {
					p.flags |= flagFunded
					e.funded++
					r.recordStart(target, p.ageMonths)
				}
			}
		}
	}
	if p.working() {
		e.payBill += float64(p.wage)
	}
	u := r.rng.Float64()
	quit := float64(e.quit[p.jobLevel])
	switch {
	case u < quit:
		r.separate(p)
		if r.rng.Float64() < r.cfg.Labour.Flows.QuitToInactivity {
			p.status = statusInactive
		}
	case u < quit+r.jobLossStep:
		r.separate(p)
	case u < quit+r.jobLossStep+st.selfEmployStep:
		s := e.sector
		r.separate(p)
		p.status = statusSelfEmployed
		p.sector = s
	}
}

// finishTraining ends an apprenticeship or training at work; success
// raises the worker to level 3 in the sector.
func (r *Region) finishTraining(p *person, e *employer) {
	if p.status == statusApprentice {
		e.apprentices--
		p.status = statusEmployed
	} else {
		e.trainees--
		if p.flags&flagFunded != 0 {
			e.funded--
		}
		p.flags &^= flagTraining | flagFunded
	}
	p.trainLeft = 0
	tr := &r.cfg.Behaviour.Training
	pass := tr.Pass
	if e.tie == tieCoproduction {
		pass += tr.PassReciprocation * r.colleges[e.college].reciprocation[e.sector]
	}
	if r.rng.Float64() >= pass {
		return
	}
	wasQualified := p.qualifies(int(p.jobLevel), e.sector)
	p.level = max(p.level, p.target)
	// A level-3 qualification from training at work is a recognised
	// technical qualification with the currency of the provider's
	// curriculum, as a college course's is (§7.13).
	if p.target >= Level3 {
		p.sector = e.sector
		if r.rng.Float64() < r.providerCurrency(e) {
			p.flags |= flagVocational
		}
	}
	if !wasQualified && p.qualifies(int(p.jobLevel), e.sector) {
		e.qualified[p.jobLevel]++
		p.wage = e.pay[p.jobLevel][1]
	}
}

// separate takes a worker out of their job and into job search.
func (r *Region) separate(p *person) {
	e := &r.employers[p.employer]
	e.filled[p.jobLevel]--
	if p.qualifies(int(p.jobLevel), e.sector) {
		e.qualified[p.jobLevel]--
	}
	if p.status == statusApprentice {
		e.apprentices--
	}
	if p.flags&flagTraining != 0 {
		e.trainees--
		if p.flags&flagFunded != 0 {
			e.funded--
		}
		p.flags &^= flagTraining | flagFunded
	}
	r.sectors[e.sector].separations++
	e.leavers++
	p.employer = -1
	p.wage = 0
	p.status = statusSeeking
	p.trainLeft = 0
}
