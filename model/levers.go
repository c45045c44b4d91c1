package model

import "math"

// The policy levers act inside the agents' decisions: each step the
// region reads which levers are in force and with what values (levers),
// and the decision rules consult that state. Nothing here sets an outcome.

// leverState is what the levers in force mean this step.
type leverState struct {
	fundingRules            // who pays for training (support.go)
	transferShare   float64 // share of levy funds payers may transfer
	disruption      float64 // share of apprenticeship offers lost to the move to standards
	level2          float64 // share of level 2 offers with a programme to train to
	higher          float64 // chance a non-payer can find a higher (level 4+) apprenticeship standard
	relabel         float64 // how far levy payers route their training through apprenticeships
	devolution      bool
	responsiveness  float64 // how far adult places follow local demand
	coordination    float64 // pull of employers' expectations towards the announced supply
	announcedSupply float64 // the supply share the devolved authority announces as the region's aim
	network         bool
	framework       bool    // a national framework is in force
	fundingMult     float64 // 16–19 funding per learner relative to before austerity
	adultMult       float64 // adult budget relative to before austerity
	migrantAccess   [NumJobLevels]float64
	careers         float64 // careers information learners have
	shortageSector  uint8   // the sector whose technical posts most outrun its supply
}

// levyAccount is a levy payer's apprenticeship account: monthly tranches
// that expire after expiry months.
type levyAccount struct {
	employer int32
	tranches []float64 // ring of monthly tranches, £
	head     int       // index of the newest tranche
}

// balance is the money in the account, £.
func (a *levyAccount) balance() float64 {
	b := 0.0
	for _, t := range a.tranches {
		b += t
	}
	return b
}

// spend draws up to want from the oldest tranches first and returns what
// it drew.
func (a *levyAccount) spend(want float64) float64 {
	got := 0.0
	n := len(a.tranches)
	for i := 1; i <= n && got < want; i++ {
		j := (a.head + i) % n // oldest first
		take := min(a.tranches[j], want-got)
		a.tranches[j] -= take
		got += take
	}
	return got
}

// receive adds a new tranche and returns the expired oldest one.
func (a *levyAccount) receive(amount float64) float64 {
	a.head = (a.head + 1) % len(a.tranches)
	expired := a.tranches[a.head]
	a.tranches[a.head] = amount
	return expired
}

// leverFlows are the money and apprenticeship flows of one step.
type leverFlows struct {
	levyPaid, levySpent, levyExpired, transferred float64
	starts                                        float64
	startsByLevel                                 [NumLevels]float64 // by the level trained towards
	startsUnder19, startsUnder25                  float64
	subsidyPaid, incentivePaid                    float64    // training subsidy and incentive payments, £
	trainingStarts                                float64    // trainings started, at work and as new apprentices
	newHires                                      [2]float64 // apprentices taken on as new employees, under 25 and 25+
}

// updateLevers reads the levers in force this month.
func (r *Region) updateLevers() {
	m := r.policyDate()
	pol := &r.cfg.Policies
	l := &r.lever
	*l = leverState{fundingRules: r.fundingAt(m), fundingMult: 1, adultMult: 1, level2: 1, careers: r.cfg.Behaviour.CareersInformation}
	l.migrantAccess = r.cfg.Labour.MigrantAccess.Shares()
	if v := pol.Levy; v != nil {
		if v.Active(m) {
			l.transferShare = v.Transfers.At(m, 0)
			l.relabel = v.Relabelling
			if v.Ramp > 0 {
				l.relabel *= min(1, float64(int(m)-int(v.Start)+1)/(12*v.Ramp))
			}
		}
		if v.Standards.Active(m) {
			// The disruption is worst when the new system starts and fades
			// to nothing by the end of the period (twice the mean at first).
			l.disruption = v.StandardsDisruption
			if v.Standards.End != nil && *v.Standards.End > v.Standards.Start {
				left := float64(*v.Standards.End-m) / float64(*v.Standards.End-v.Standards.Start)
				l.disruption = min(1, 2*v.StandardsDisruption*left)
			}
		}
		if m >= v.Standards.Start {
			// Standards opened higher and degree apprenticeships to every
			// employer; they spread over the ramp.
			l.higher = 1
			if v.Ramp > 0 {
				l.higher = min(1, float64(int(m)-int(v.Standards.Start)+1)/(12*v.Ramp))
			}
		}
		if v.Standards.End != nil && m >= *v.Standards.End {
			// Frameworks withdrawn: level 2 offers need a standard.
			l.level2 = v.Level2Standards
		}
	}
	if r.SpinningUp() {
		// The spin-up is the steady state of the start-date rules: the
		// passing responses to a change of rules (starts brought forward,
		// updateSupport; the disruption of a new system) are not part of it.
		l.disruption = 0
	}
	r.updateNetwork(l, m)
	if v := pol.Devolution; v != nil && v.Active(m) {
		l.devolution = true
		l.responsiveness = v.Responsiveness * v.LocalShare
		l.coordination = v.Coordination
		l.announcedSupply = v.AnnouncedSupply
		if l.network {
			// Intelligence pooled by a network sharpens the demand signal.
			l.responsiveness += pol.Network.Intelligence * (1 - l.responsiveness)
		}
		worst := -math.MaxFloat64
		for s := range r.sectors {
			if gap := r.sectors[s].skilledJobsEMA - r.sectors[s].supplyEMA; gap > worst {
				worst, l.shortageSector = gap, uint8(s)
			}
		}
	}
	if v := pol.NationalFramework; v != nil && v.Active(m) {
		l.framework = true
		if !r.framework.announced {
			r.announceFramework(v)
		}
	}
	if v := pol.Austerity; v != nil && v.Active(m) {
		l.fundingMult = v.FundingPerLearner.At(m, 1)
		l.adultMult = v.AdultBudget.At(m, 1)
	}
	if v := pol.Migration; v != nil && v.Active(m) {
		l.migrantAccess[JobLow] = clamp01(l.migrantAccess[JobLow] * v.Low.At(m, 1))
		l.migrantAccess[JobIntermediate] = clamp01(l.migrantAccess[JobIntermediate] * v.Intermediate.At(m, 1))
		l.migrantAccess[JobHigh] = clamp01(l.migrantAccess[JobHigh] * v.High.At(m, 1))
	}
	if v := pol.Careers; v != nil && v.Active(m) {
		l.careers = clamp01(v.Information.At(m, l.careers))
	}
	if v := pol.AreaReviews; v != nil && !r.SpinningUp() {
		for i := range v.Mergers {
			if v.Mergers[i].Date == m || (v.Mergers[i].Date > m-Month(r.cfg.StepMonths) && v.Mergers[i].Date < m) {
				r.merge(&v.Mergers[i])
			}
		}
	}
}

// feeShare is the expected share of the apprenticeship fee employer e
// pays this step: before the levy the prior contribution; under the levy
// nothing for a payer with funds in its account; for others the
// co-investment rate on the offers that find funding, and the whole fee on
// those that do not, unless transferred levy funds cover them.
func (r *Region) feeShare(e *employer) float64 {
	return r.feeShareUnder(&r.lever.fundingRules, e)
}

// trainingCostShare is the share of the full cost of training that the
// employer bears: the part that is not the fee, plus its share of the fee.
func (r *Region) trainingCostShare(e *employer) float64 {
	f := r.cfg.Behaviour.Training.FeeShare
	return 1 - f + f*r.feeShare(e)
}

// payLevy collects the levy from the payers, tops it up, pays the
// apprenticeship fees of payers from their accounts and of others from
// transferred funds, and expires tranches older than the expiry period.
func (r *Region) payLevy() {
	v := r.cfg.Policies.Levy
	if v == nil || !r.lever.levy {
		return
	}
	if !r.levyOpened || r.yearTurns() {
		r.openLevyAccounts()
		r.levyOpened = true
	}
	dt := float64(r.cfg.StepMonths)
	feeShare := r.cfg.Behaviour.Training.FeeShare
	months := float64(r.cfg.Education.ApprenticeshipMonths)
	for i := range r.levyAccounts {
		a := &r.levyAccounts[i]
		if a.employer < 0 {
			continue // closed when its employer left (§7.16)
		}
		e := &r.employers[a.employer]
		annual := r.payBill(a.employer) * 12
		paid := math.Max(0, v.Rate*annual-v.Allowance) * dt / 12
		r.flows.levyPaid += paid
		expired := a.receive(paid * (1 + v.TopUp))
		r.flows.levyExpired += expired
		// Fees of this payer's apprentices and trainees.
		sc := &r.cfg.Sectors[e.sector]
		fee := float64(e.apprentices+e.funded) * feeShare * sc.TrainingCost * sc.Productivity / months * dt
		r.flows.levySpent += a.spend(fee)
		// Funds it may transfer go to the regional pool.
		if r.lever.transferShare > 0 {
			// Only some of the funds a payer may transfer find a
			// recipient (take-up of transfers was low).
			t := a.spend(r.lever.transferShare * v.TransferTakeUp * paid * (1 + v.TopUp))
			r.transferPool += t
			r.flows.transferred += t
		}
	}
	// Transferred funds pay non-payers' fees while they last; what is left
	// after the expiry period returns to the Treasury.
	if r.transferPool > 0 {
		need := 0.0
		for i := range r.employers {
			e := &r.employers[i]
			if e.levyAccount < 0 && e.apprentices+e.funded > 0 {
				sc := &r.cfg.Sectors[e.sector]
				need += float64(e.apprentices+e.funded) * feeShare * sc.TrainingCost * sc.Productivity / months * dt
			}
		}
		used := math.Min(need, r.transferPool)
		r.transferCoverage = 0
		if need > 0 {
			r.transferCoverage = used / need
		}
		r.transferPool -= used
		r.flows.levySpent += used
		expire := r.transferPool * dt / float64(v.ExpiryMonths)
		r.transferPool -= expire
		r.flows.levyExpired += expire
	}
}

// openLevyAccounts gives every employer whose pay bill is above the levy
// threshold an account. It runs when the levy starts and yearly after.
func (r *Region) openLevyAccounts() {
	v := r.cfg.Policies.Levy
	for i := range r.employers {
		e := &r.employers[i]
		if e.levyAccount >= 0 || r.payBill(int32(i))*12*v.Rate <= v.Allowance {
			continue
		}
		e.levyAccount = int32(len(r.levyAccounts))
		r.levyAccounts = append(r.levyAccounts, levyAccount{
			employer: int32(i),
			tranches: make([]float64, max(1, v.ExpiryMonths/r.cfg.StepMonths)),
		})
	}
}

// offerGoesAhead reports whether an apprenticeship offer by employer e
// towards a level survives the disruption of the move to standards, has a
// programme to train to, and, for an employer who does not pay the levy,
// finds funding.
func (r *Region) offerGoesAhead(e *employer, level uint8) bool {
	if level == Level2 && r.lever.level2 < 1 && r.uniform() >= r.lever.level2 {
		return false
	}
	if r.lever.disruption > 0 && r.uniform() < r.lever.disruption {
		return false
	}
	if r.lever.levy && e.levyAccount < 0 && r.uniform() >= r.lever.nonLevyFunding {
		return false
	}
	return true
}

// recordStart counts an apprenticeship start towards a level by a person
// of a given age.
func (r *Region) recordStart(target uint8, ageMonths uint16) {
	f := &r.flows
	f.starts++
	f.startsByLevel[target]++
	if ageMonths < adultAge {
		f.startsUnder19++
	}
	if ageMonths < 25*12 {
		f.startsUnder25++
	}
}

// merge carries out an area review (ODD §7.15.5): of the colleges it
// covers, those in financial difficulty long enough to be merger
// candidates are merged into the strongest college reviewed (the most
// months of reserves, a college not in difficulty if there is one). The
// survivor takes their places, learners, partnership staff, provision,
// budget and employer ties, and saves part of their overhead; trust and
// partnership effort fall by the staff turnover, and the merged college's
// partnership capacity is disrupted for a period. A review that finds no
// candidate merges nothing.
func (r *Region) merge(m *Merger) {
	idx := make([]int, 0, len(m.Colleges))
	for _, name := range m.Colleges {
		for c := range r.cfg.Colleges {
			if r.cfg.Colleges[c].Name == name && !r.colleges[c].merged {
				idx = append(idx, c)
			}
		}
	}
	survivor, absorbed := r.reviewArea(idx)
	if len(absorbed) == 0 {
		return
	}
	idx = append([]int{survivor}, absorbed...)
	keep := &r.colleges[idx[0]]
	nS := len(r.sectors)
	saving := r.cfg.Behaviour.Colleges.MergerOverheadSaving
	for _, c := range idx[1:] {
		col := &r.colleges[c]
		w := float64(col.places+col.adultPlaces) / float64(max(1, keep.places+keep.adultPlaces+col.places+col.adultPlaces))
		for s := range nS {
			keep.currency[s] += w * (col.currency[s] - keep.currency[s])
			keep.offered[s] += col.offered[s]
			keep.enrolledIn[s] += col.enrolledIn[s]
			keep.peak[s] += col.peak[s]
		}
		keep.places += col.places
		keep.adultPlaces += col.adultPlaces
		keep.enrolled += col.enrolled
		keep.adultEnrolled += col.adultEnrolled
		keep.staffPlaces += col.staffPlaces
		keep.balance += col.balance
		keep.spending += col.spending
		keep.partnership += col.partnership
		keep.overheadPlaces += (1 - saving) * col.overheadPlaces
		*col = college{currency: col.currency, effort: col.effort, reciprocation: col.reciprocation, merged: true}
		clear(col.effort)
		clear(col.reciprocation)
	}
	keep.weakMonths = 0
	r.activeColleges -= len(idx) - 1
	for s := range nS {
		keep.effort[s] *= 1 - m.StaffTurnover
	}
	keep.disruptedUntil = r.Date() + Month(m.DisruptionMonths)
	keep.turnover = m.StaffTurnover
	for i := range r.persons {
		p := &r.persons[i]
		if p.status == statusCollege && r.colleges[p.college].merged {
			p.college = uint8(idx[0])
		}
	}
	for i := range r.employers {
		e := &r.employers[i]
		if e.tie != tieNone && (r.colleges[e.college].merged || int(e.college) == idx[0]) {
			e.college = uint8(idx[0])
			e.trust *= float32(1 - m.StaffTurnover)
		}
	}
}

// trainingTarget is the level to which worker p's employer, whose work
// terms are t, would train p at work, or 0 for none: a worker below level 2 in a low job to level 2
// (basic skills first, as the care employers in the paper needed); an
// under-qualified worker in a skilled post to level 3 (intermediate) or,
// where levy funds pay, level 4 (high); and, where levy funds pay, a
// qualified level 3 technician to level 4 (a higher apprenticeship: the
// levy's shift to higher levels and older learners). Levels 4 and above
// are open to levy payers, and to every employer as higher and degree
// apprenticeship standards spread.
func (r *Region) trainingTarget(p *person, t *workTerms) uint8 {
	funded := r.levelFourFunded(t.levyPayer)
	switch {
	case p.jobLevel == JobLow:
		if p.level < Level2 {
			return Level2
		}
	case !p.qualifies(int(p.jobLevel), t.sector):
		if p.jobLevel == JobIntermediate && p.level >= Level2 {
			return Level3
		}
		if p.jobLevel == JobHigh && p.level >= Level3 && funded {
			return Level4
		}
	case p.jobLevel == JobIntermediate && p.level == Level3 && funded:
		return Level4
	}
	return 0
}

// levelFourFunded reports whether training a worker to level 4 is funded:
// from the employer's levy account (levyPayer: it has one), or by the
// higher-level lever's chance.
func (r *Region) levelFourFunded(levyPayer bool) bool {
	return r.lever.levy && levyPayer ||
		r.lever.higher > 0 && r.uniform() < r.lever.higher
}

// apprenticeshipRoute is the chance that training at work goes through
// an apprenticeship: the labour market's usual share, and all of it for a
// levy payer with funds that would otherwise expire (relabelling training
// it would have given anyway).
func (r *Region) apprenticeshipRoute(e *employer) float64 {
	route := r.cfg.Labour.ApprenticeshipRoute
	if e.size == sizeLarge {
		route *= r.cfg.Behaviour.Training.LargeApprenticeships
	}
	if r.lever.levy && e.levyAccount >= 0 && r.levyAccounts[e.levyAccount].balance() > 0 {
		route = max(route, r.lever.relabel)
	}
	return route
}

// trainingStartChance is the chance this step that a training employer
// starts training a worker at work: behaviour.training.start_rate a year.
// Before a known change of the funding rules the employer may also bring
// a later start forward (broughtForward, support.go).
func (r *Region) trainingStartChance(*employer) float64 {
	return min(1, float64(r.cfg.StepMonths)*r.cfg.Behaviour.Training.StartRate/12)
}
