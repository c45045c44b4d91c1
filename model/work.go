package model

// Work: training at work, quits, job loss, self-employment (ODD §7.13).

// work handles a worker's step: training at work, quits, job loss and
// moves to self-employment.
func (r *Region) work(p *person, i int) {
	dt := uint8(r.cfg.StepMonths)
	t := &r.terms[p.employer]
	if t.repriced {
		// The employer's pay review applies to its workers too.
		p.wage = r.employers[p.employer].pay[p.jobLevel][b2i(p.qualifies(int(p.jobLevel), t.sector))]
	}
	if p.status == statusApprentice || p.flags&flagTraining != 0 {
		if p.trainLeft > dt {
			p.trainLeft -= dt
		} else {
			r.finishTraining(p, &r.employers[p.employer])
		}
	} else if t.trains {
		if target := r.trainingTarget(p, t); target > 0 {
			// Some training at work goes through an apprenticeship (a
			// start, paid from apprenticeship funding), the rest is the
			// employer's own; an apprenticeship offer may not survive the
			// move to standards. Before a known change of the rules that
			// makes training dearer, a later start may be brought forward.
			e := &r.employers[p.employer]
			start, funded := false, false
			chance := r.trainingStartChance(e)
			if u := r.uniform(); u < chance {
				start, funded = true, r.uniform() < r.apprenticeshipRoute(e)
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
		t.payBill += float64(p.wage)
	}
	u := r.uniform()
	quit := float64(t.quit[p.jobLevel])
	switch {
	case u < quit:
		r.separate(p)
		if r.uniform() < r.cfg.Labour.Flows.QuitToInactivity {
			p.status = statusInactive
		}
	case u < quit+r.jobLossStep:
		r.separate(p)
	case u < quit+r.jobLossStep+r.sectors[t.sector].selfEmployStep:
		s := t.sector
		r.separate(p)
		p.status = statusSelfEmployed
		p.sector = s
	}
}

// workTerms is what work reads of a worker's employer every step — its
// quit hazards, sector, whether it trains, whether it pays the levy and
// whether its pay was just reviewed — and the employer's pay bill this
// step, which work adds up (payBill; read by the levy and the players'
// views, and zero before the first step): copies of the employer's fields,
// gathered into a compact array before the persons' loop so that the
// loop's random reads of employers touch a quarter of the memory. Nothing
// else changes the copied fields during the loop, so the copies are exact.
type workTerms struct {
	payBill   float64
	quit      [NumJobLevels]float32
	sector    uint8
	repriced  bool
	trains    bool
	levyPayer bool // it has a levy account
}

// gatherWorkTerms copies each employer's work terms (workTerms) and
// starts the step's pay bills at zero.
func (r *Region) gatherWorkTerms() {
	if cap(r.terms) < len(r.employers) {
		r.terms = make([]workTerms, len(r.employers))
	}
	r.terms = r.terms[:len(r.employers)]
	for i := range r.employers {
		e := &r.employers[i]
		r.terms[i] = workTerms{quit: e.quit, sector: e.sector, repriced: e.repriced, trains: e.trains, levyPayer: e.levyAccount >= 0}
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
	if r.uniform() >= pass {
		return
	}
	wasQualified := p.qualifies(int(p.jobLevel), e.sector)
	p.level = max(p.level, p.target)
	// A level-3 qualification from training at work is a recognised
	// technical qualification with the chance recognition gives, as a
	// college course's is (§7.13).
	if p.target >= Level3 {
		p.sector = e.sector
		if r.uniform() < r.recognition(e) {
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

// payBill is employer i's monthly pay bill this step, £ (0 before the
// first step).
func (r *Region) payBill(i int32) float64 {
	if int(i) >= len(r.terms) {
		return 0
	}
	return r.terms[i].payBill
}
