package model

// Initialisation (ODD §5): colleges, employers and people at the start.

import (
	"math"
)

func (r *Region) initColleges() {
	nS := len(r.cfg.Sectors)
	r.colleges = make([]college, len(r.cfg.Colleges))
	for c, cc := range r.cfg.Colleges {
		col := &r.colleges[c]
		col.currency = make([]float64, nS)
		col.effort = make([]float64, nS)
		col.reciprocation = make([]float64, nS)
		for s := range col.currency {
			col.currency[s] = r.cfg.Initial.Currency
			col.effort[s] = r.cfg.Initial.CoproductionShare
		}
		col.reputation = r.cfg.Initial.Currency
		col.adultPlaces = int(math.Round(float64(cc.Places) * cc.AdultShare))
		col.places = cc.Places - col.adultPlaces
		col.staffPlaces = cc.PartnershipStaff * float64(cc.Places)
		// Provision starts with every place offered, in proportion to
		// learners' interest; the spin-up brings it to demand (§7.4.2).
		col.offered = make([]float64, nS)
		col.enrolledIn = make([]int32, nS)
		col.peak = make([]int32, nS)
		interest := 0.0
		for _, sc := range r.cfg.Sectors {
			interest += sc.Interest
		}
		for s, sc := range r.cfg.Sectors {
			col.offered[s] = float64(cc.Places) * ratio(sc.Interest, interest)
		}
		col.overheadPlaces = float64(cc.Places)
	}
	r.turnedAway = make([]int32, nS)
	r.activeColleges = len(r.colleges)
}

func (r *Region) initEmployers() {
	in := r.cfg.Initial
	for s, sc := range r.cfg.Sectors {
		counts := [numSizes]float64{sc.Employers.Micro, sc.Employers.SmallMedium, sc.Employers.Large}
		for z := range numSizes {
			for range int(math.Round(counts[z])) {
				e := r.newEmployer(uint8(s), uint8(z))
				if r.uniform() < in.HighSpecShare {
					e.highSpec = true
					e.invested = float32(sc.UpgradeInvestment)
				}
				e.trains = r.uniform() < in.TrainingShare
				e.trust = float32(clamp01(in.Trust + 2*in.TrustSpread*(r.uniform()-0.5)))
				if r.uniform() < in.CollegeUseShare {
					e.tie = tieTransactional
					e.college = uint8(r.rng.IntN(len(r.colleges)))
					if r.uniform() < in.CoproductionShare {
						e.tie = tieCoproduction
					}
				}
				r.design(&e)
				r.employers = append(r.employers, e)
			}
		}
	}
	r.order = make([]int32, len(r.employers))
	for i := range r.order {
		r.order[i] = int32(i)
	}
}

// newEmployer draws a new employer of sector s and size class z: its
// network threshold, headcount, month of revision and dither.
func (r *Region) newEmployer(s, z uint8) employer {
	in := r.cfg.Initial
	nt := r.cfg.Behaviour.Network
	mean := [numSizes]float64{r.cfg.EmployerSize.Micro, r.cfg.EmployerSize.SmallMedium, r.cfg.EmployerSize.Large}
	e := employer{sector: s, size: z, levyAccount: -1}
	// Network thresholds are normal around a quarter of peers
	// (Granovetter 1978): seeds decide whether joining cascades.
	e.threshold = float32(clamp01(nt.ThresholdMean + nt.ThresholdSD*r.rng.NormFloat64()))
	h := math.Round(mean[z] * (1 - in.HeadcountSpread + 2*in.HeadcountSpread*r.uniform()))
	e.headcount = int32(max(1, h))
	e.target = float32(e.headcount)
	e.reviseMonth = uint8(r.rng.IntN(12))
	e.dither = float32(r.uniform())
	return e
}

func (r *Region) drawLevel(l Levels) uint8 {
	u := r.uniform()
	sh := l.Shares()
	for k := range NumLevels - 1 {
		if u < sh[k] {
			return uint8(k)
		}
		u -= sh[k]
	}
	return Level4
}

func (r *Region) drawSector() uint8 {
	u := r.uniform() * r.interestCDF[len(r.interestCDF)-1]
	for s, c := range r.interestCDF {
		if u < c {
			return uint8(s)
		}
	}
	return uint8(len(r.interestCDF) - 1)
}

func (r *Region) initPersons() {
	pop := r.cfg.Population
	r.persons = make([]person, pop.Persons)
	span := retireAge - entryAge
	for i := range r.persons {
		p := &r.persons[i]
		p.employer = -1
		p.ageMonths = uint16(entryAge + r.rng.IntN(span))
		p.sector = r.drawSector()
		if r.uniform() < pop.LowIncomeShare {
			p.flags |= flagLowIncome
		}
		if p.ageMonths < adultAge {
			// Young people start in education or looking for work.
			p.level = r.drawLevel(pop.SchoolLeavers)
			r.chooseRoute(p)
			continue
		}
		p.level = r.drawLevel(pop.Attainment)
		if p.level >= Level3 && r.uniform() < r.cfg.Initial.VocationalShare {
			p.flags |= flagVocational
		}
		p.status = statusInactive
		if r.uniform() < pop.EmploymentRate+r.cfg.Initial.SeekingMargin {
			p.status = statusSeeking
			// Start near the steady share of self-employment in the sector.
			in := r.cfg.Sectors[p.sector].SelfEmployment
			if r.uniform() < in/(in+r.cfg.Labour.Flows.SelfEmploymentExit) {
				p.status = statusSelfEmployed
			}
		}
	}
	// Fill jobs from the seekers, screening many applicants so the start is
	// near a settled labour market. The seeker lists are refreshed whenever
	// a quarter of them have been hired, so that the screening draws from
	// people still looking and fills every post the labour market can.
	r.collectSeekers()
	target := int(pop.EmploymentRate * float64(len(r.persons)))
	r.rng.Shuffle(len(r.order), func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })
	hired, stale := 0, 0
	for _, ei := range r.order {
		e := &r.employers[ei]
		for k := NumJobLevels - 1; k >= 0; k-- {
			for e.filled[k] < e.slots[k] && hired < target {
				if 4*stale > len(r.allSeekers) {
					r.collectSeekers()
					stale = 0
				}
				if !r.fill(ei, k, r.cfg.Initial.Applicants, true) {
					break
				}
				hired++
				stale++
			}
		}
	}
}
