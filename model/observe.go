package model

// Observe writes the current indicators into o, reusing o.Sectors. It reads
// the state and changes nothing, so observing does not alter a run.
func (r *Region) Observe(o *Observation) {
	nS := len(r.sectors)
	o.Step = r.step
	o.Date = r.Date()
	if cap(o.Sectors) < nS {
		o.Sectors = make([][NumSectorMetrics]float64, nS)
	}
	o.Sectors = o.Sectors[:nS]
	clear(o.Sectors)
	if cap(o.SectorRegimes) < nS {
		o.SectorRegimes = make([]Regime, nS)
	}
	o.SectorRegimes = o.SectorRegimes[:nS]
	o.Regime = r.regimes.regime(0)
	for s := range nS {
		o.SectorRegimes[s] = r.regimes.regime(1 + s)
	}
	o.Region = [NumMetrics]float64{}
	r.observeColleges(o)

	type acc struct {
		employers, highSpec, trains, tied, coprod, apprentices float64
		headcount, highSpecJobs, entries, exits                float64
		jobs                                                   [NumJobLevels]float64
		vacancies, workers, selfEmployed, wages, employees     float64
		skilledQualified, skilled, trainingSpend, output       float64
		// survey measures (§4.11)
		hard, shortage, shortageEmployers, gapEmployers, gap float64
		held                                                 heldJobs
	}
	sec := make([]acc, nS)
	var trustSum, members float64
	for i := range r.employers {
		e := &r.employers[i]
		if e.member {
			members++
		}
		a := &sec[e.sector]
		a.employers++
		a.headcount += float64(e.headcount)
		if e.highSpec {
			a.highSpec++
			a.highSpecJobs += float64(e.headcount)
		}
		if e.trains {
			a.trains++
		}
		if e.apprentices+e.funded > 0 {
			a.apprentices++
		}
		if e.tie != tieNone {
			a.tied++
			trustSum += float64(e.trust)
		}
		if e.tie == tieCoproduction {
			a.coprod++
		}
		sc := &r.cfg.Sectors[e.sector]
		for k := range NumJobLevels {
			a.jobs[k] += float64(e.filled[k])
			a.vacancies += float64(max(0, e.slots[k]-e.filled[k]))
			a.workers += float64(e.migrants[k])
			a.output += float64(e.migrants[k]) * r.output(e.sector, k, true, e.highSpec)
			if k == JobIntermediate {
				a.skilledQualified += float64(e.qualified[k])
				a.skilled += float64(max(e.slots[k], e.filled[k]))
			}
		}
		c := e.survey()
		a.hard += float64(c.hard)
		a.shortage += float64(c.shortage)
		a.gap += float64(c.gap)
		if c.shortage > 0 {
			a.shortageEmployers++
		}
		if c.gap > 0 {
			a.gapEmployers++
		}
		// The employer's own spending: the whole cost of its own training,
		// and its share of the cost of funded apprenticeships.
		monthly := sc.TrainingCost * sc.Productivity / 12
		own := float64(e.trainees - e.funded)
		funded := float64(e.apprentices + e.funded)
		a.trainingSpend += monthly * (own + funded*r.trainingCostShare(e))
	}
	var level3, youth, youthWorking float64
	for i := range r.persons {
		p := &r.persons[i]
		if p.level >= Level3 {
			level3++
		}
		young := p.ageMonths < 25*12
		if young && !p.inEducation() {
			youth++
		}
		switch {
		case p.working():
			e := &r.employers[p.employer]
			a := &sec[e.sector]
			a.workers++
			a.employees++
			a.wages += float64(p.wage)
			a.output += r.output(e.sector, int(p.jobLevel), p.qualifies(int(p.jobLevel), e.sector), e.highSpec)
			a.held[p.jobLevel][p.level]++
			if young {
				youthWorking++
			}
		case p.status == statusSelfEmployed:
			sec[p.sector].selfEmployed++
			if young {
				youthWorking++
			}
		}
	}

	var tot acc
	var separations float64
	stepsPerYear := 12 / float64(r.cfg.StepMonths)
	for s := range nS {
		a := &sec[s]
		x := &o.Sectors[s]
		jobs := a.jobs[0] + a.jobs[1] + a.jobs[2]
		x[SectorHighSkillStrategyShare] = ratio(a.highSpec, a.employers)
		x[SectorLowSkillJobShare] = ratio(a.jobs[JobLow], jobs)
		x[SectorIntermediateJobShare] = ratio(a.jobs[JobIntermediate], jobs)
		x[SectorHighSkillJobShare] = ratio(a.jobs[JobHigh], jobs)
		x[SectorTrainingShare] = ratio(a.trains, a.employers)
		x[SectorCollegeUseShare] = ratio(a.tied, a.employers)
		x[SectorCoproductionShare] = ratio(a.coprod, a.tied)
		x[SectorVacancyRate] = ratio(a.vacancies, a.vacancies+jobs)
		sep := float64(r.sectors[s].separations)
		x[SectorTurnoverRate] = ratio(sep*stepsPerYear, a.workers)
		x[SectorSelfEmploymentShare] = ratio(a.selfEmployed, a.selfEmployed+a.workers)
		x[SectorMeanWage] = ratio(a.wages, a.employees)
		x[SectorQualifiedStaffing] = ratio(a.skilledQualified, a.skilled)
		x[SectorHardToFillShare] = ratio(a.hard, a.vacancies)
		x[SectorShortageDensity] = ratio(a.shortage, a.vacancies)
		x[SectorShortageIncidence] = ratio(a.shortageEmployers, a.employers)
		x[SectorSkillsGapShare] = ratio(a.gapEmployers, a.employers)
		x[SectorSkillsGapStaffShare] = ratio(a.gap, jobs)
		over, graduates, graduatesOver := a.held.overqualification()
		x[SectorOverqualifiedShare] = ratio(over, a.employees)
		x[SectorGraduateOverqualified] = ratio(graduatesOver, graduates)
		a.entries, a.exits = float64(r.sectors[s].entries), float64(r.sectors[s].exits)
		x[SectorHighSkillEmploymentShare] = ratio(a.highSpecJobs, a.headcount)
		x[SectorEmployerEntries] = ratio(a.entries, a.employers)
		x[SectorEmployerExits] = ratio(a.exits, a.employers)

		separations += sep
		tot.employers += a.employers
		tot.highSpec += a.highSpec
		tot.headcount += a.headcount
		tot.highSpecJobs += a.highSpecJobs
		tot.entries += a.entries
		tot.exits += a.exits
		tot.trains += a.trains
		tot.tied += a.tied
		tot.coprod += a.coprod
		tot.apprentices += a.apprentices
		for k := range NumJobLevels {
			tot.jobs[k] += a.jobs[k]
		}
		tot.vacancies += a.vacancies
		tot.workers += a.workers
		tot.employees += a.employees
		tot.selfEmployed += a.selfEmployed
		tot.wages += a.wages
		tot.trainingSpend += a.trainingSpend
		tot.output += a.output
		tot.hard += a.hard
		tot.shortage += a.shortage
		tot.shortageEmployers += a.shortageEmployers
		tot.gapEmployers += a.gapEmployers
		tot.gap += a.gap
		tot.held.add(&a.held)
	}
	jobs := tot.jobs[0] + tot.jobs[1] + tot.jobs[2]
	var currency float64
	for c := range r.colleges {
		for s := range nS {
			currency += r.colleges[c].currency[s]
		}
	}
	m := &o.Region
	m[HighSkillStrategyShare] = ratio(tot.highSpec, tot.employers)
	m[LowSkillJobShare] = ratio(tot.jobs[JobLow], jobs)
	m[IntermediateJobShare] = ratio(tot.jobs[JobIntermediate], jobs)
	m[HighSkillJobShare] = ratio(tot.jobs[JobHigh], jobs)
	m[EmployerTrainingShare] = ratio(tot.trains, tot.employers)
	m[TrainingSpendPerEmployee] = ratio(tot.trainingSpend*12, tot.workers)
	m[EmployerCollegeUseShare] = ratio(tot.tied, tot.employers)
	m[ApprenticeshipOfferShare] = ratio(tot.apprentices, tot.employers)
	m[CoproductionShare] = ratio(tot.coprod, tot.tied)
	m[MeanTrust] = ratio(trustSum, tot.tied)
	m[Level3PlusShare] = ratio(level3, float64(len(r.persons)))
	m[YouthEmploymentRate] = ratio(youthWorking, youth)
	m[VacancyRate] = ratio(tot.vacancies, tot.vacancies+jobs)
	m[TurnoverRate] = ratio(separations*stepsPerYear, tot.workers)
	m[MeanWage] = ratio(tot.wages, tot.employees)
	m[Productivity] = ratio(tot.output, tot.workers)
	m[MeanCurrency] = ratio(currency, float64(len(r.colleges)*nS))
	m[SelfEmploymentShare] = ratio(tot.selfEmployed, tot.selfEmployed+tot.workers)
	f := &r.flows
	people := float64(len(r.persons))
	m[ApprenticeshipStarts] = ratio(f.starts*stepsPerYear*1000, people)
	m[StartsLevel2Share] = ratio(f.startsByLevel[Level2], f.starts)
	m[StartsHigherShare] = ratio(f.startsByLevel[Level4], f.starts)
	m[StartsUnder19Share] = ratio(f.startsUnder19, f.starts)
	m[StartsUnder25Share] = ratio(f.startsUnder25, f.starts)
	m[LevyPaid] = ratio(f.levyPaid*stepsPerYear, people)
	m[LevySpent] = ratio(f.levySpent*stepsPerYear, people)
	m[LevyExpired] = ratio(f.levyExpired*stepsPerYear, people)
	m[NetworkMemberShare] = ratio(members, tot.employers)
	if b := &r.broker; b.open {
		m[NetworkBrokerOpen] = 1
		m[NetworkReserve] = b.reserve
		m[NetworkGrant] = b.grant
		m[NetworkFees] = b.fees
		m[NetworkCosts] = b.costs
		m[NetworkBrokeredTies] = b.ties
	}
	m[HardToFillShare] = ratio(tot.hard, tot.vacancies)
	m[ShortageDensity] = ratio(tot.shortage, tot.vacancies)
	m[ShortageIncidence] = ratio(tot.shortageEmployers, tot.employers)
	m[SkillsGapShare] = ratio(tot.gapEmployers, tot.employers)
	m[SkillsGapStaffShare] = ratio(tot.gap, jobs)
	over, graduates, graduatesOver := tot.held.overqualification()
	m[OverqualifiedShare] = ratio(over, tot.employees)
	m[GraduateOverqualified] = ratio(graduatesOver, graduates)
	m[HighSkillEmploymentShare] = ratio(tot.highSpecJobs, tot.headcount)
	m[EmployerEntries] = ratio(tot.entries, tot.employers)
	m[EmployerExits] = ratio(tot.exits, tot.employers)
	m[TrainingSubsidyPaid] = ratio(f.subsidyPaid*stepsPerYear, people)
	m[IncentivePaid] = ratio(f.incentivePaid*stepsPerYear, people)
}

// ratio is a/b, or 0 when b is 0, so that indicators of empty groups are
// 0 rather than NaN.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
