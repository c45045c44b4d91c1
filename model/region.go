package model

import (
	"errors"
	"math"
	"math/rand/v2"
)

// jobMultiplier is the output of a job at each level relative to a low job.
var jobMultiplier = [NumJobLevels]float64{1, 1.5, 2.2}

// underQualified is the share of a job's output that an under-qualified
// worker produces.
const underQualified = 0.75

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

// trainingDiscount is the monthly rate at which employers discount the
// future return to training (short horizons).
const trainingDiscount = 0.02

// referenceFunding is the annual 16–19 funding per learner, £, at which a
// college's partnership staff share buys its nominal capacity: two
// partnership relationships per place of partnership staff time.
const referenceFunding = 4000

// skillObsolescence is the annual probability that a technical
// qualification not used in a technical job stops being recognised.
const skillObsolescence = 0.06

// trainingTemperature is the logit temperature of the training decision,
// in months of a worker's low-job output.
const trainingTemperature = 2

// selfEmploymentExit is the annual probability that a self-employed
// person returns to looking for a job.
const selfEmploymentExit = 0.12

// level2Offer is the chance that a training employer filling a low job
// with a young person below level 2 takes them on as a level 2 apprentice.
const level2Offer = 0.3

// sizeWeight is the partnership staff time a co-production tie with an
// employer of each size takes, relative to a small or medium employer.
var sizeWeight = [numSizes]float64{0.3, 1, 3}

// sectorState holds the per-sector aggregates agents sense.
type sectorState struct {
	employers      int
	highSpec       int
	coproducing    int
	supplyEMA      float64 // expected share of the sector's labour pool qualified for intermediate posts
	skilledJobsEMA float64 // expected share of jobs that are skilled (what learners see)
	separations    int     // separations this step
	members        int     // employers in a network
	quitStep       float64 // per-step quit probability
	selfEmployStep float64 // per-step probability of moving to self-employment
}

// Region is one running simulation of a regional skills ecosystem.
type Region struct {
	cfg       *Config
	rng       *rand.Rand
	step      int
	persons   []person
	employers []employer
	colleges  []college
	sectors   []sectorState
	// ties[c*nS+s] counts tied and co-producing employers by college and sector.
	tied, coprod []int
	demand       []float64 // partnership staff demand per college
	// scratch for matching
	seekers    [][]int32
	allSeekers []int32
	order      []int32
	// per-step probabilities
	jobLossStep, selfExitStep, reentryStep, dropoutStep, adultCourseStep, obsolescenceStep float64
	interestCDF                                                                            []float64
	// policy levers
	lever        leverState
	flows        leverFlows
	levyAccounts []levyAccount
	transferPool float64
	// transferCoverage is the share of non-payers' fees that transferred
	// levy funds covered last step.
	transferCoverage float64
	networkSeeded    bool
	levyOpened       bool
	referenceWage    float64 // the wage of a low job, averaged over sectors by interest
	activeColleges   int
}

// New builds a region in its initial state from a validated configuration,
// drawing every random number from rng.
func New(cfg *Config, rng *rand.Rand) (*Region, error) {
	if cfg.StepMonths <= 0 || cfg.Steps() <= 0 {
		return nil, errors.New("model: the run has no steps: check start, end and step_months")
	}
	if len(cfg.Sectors) == 0 || len(cfg.Sectors) > 255 || len(cfg.Colleges) == 0 || len(cfg.Colleges) > 255 {
		return nil, errors.New("model: a region needs 1 to 255 sectors and 1 to 255 colleges")
	}
	r := &Region{cfg: cfg, rng: rng}
	nS := len(cfg.Sectors)
	r.sectors = make([]sectorState, nS)
	r.derive()
	r.tied = make([]int, len(cfg.Colleges)*nS)
	r.coprod = make([]int, len(cfg.Colleges)*nS)
	r.demand = make([]float64, len(cfg.Colleges))
	r.seekers = make([][]int32, nS)
	r.initColleges()
	r.initEmployers()
	r.initPersons()
	r.tally()
	for s := range r.sectors {
		r.sectors[s].skilledJobsEMA = r.skilledJobShare(s)
	}
	r.senseSupply(1)
	return r, nil
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	case x != x:
		return 0
	}
	return x
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// choose draws a binary decision: with probability noise a coin flip (a
// mistake), otherwise true with the logit probability of utility u at
// temperature t.
func (r *Region) choose(u, t float64) bool {
	if r.rng.Float64() < r.cfg.Behaviour.Noise {
		return r.rng.Float64() < 0.5
	}
	return r.rng.Float64() < logistic(u/t)
}

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
	}
	r.activeColleges = len(r.colleges)
}

func (r *Region) initEmployers() {
	in := r.cfg.Initial
	sizes := r.cfg.EmployerSize
	mean := [numSizes]float64{sizes.Micro, sizes.SmallMedium, sizes.Large}
	for s, sc := range r.cfg.Sectors {
		counts := [numSizes]float64{sc.Employers.Micro, sc.Employers.SmallMedium, sc.Employers.Large}
		for z := range numSizes {
			for range int(math.Round(counts[z])) {
				e := employer{sector: uint8(s), size: uint8(z), levyAccount: -1}
				// Network thresholds are normal around a quarter of
				// peers (Granovetter 1978): seeds decide whether joining
				// cascades.
				e.threshold = float32(clamp01(0.25 + 0.12*r.rng.NormFloat64()))
				h := math.Round(mean[z] * (0.4 + 1.2*r.rng.Float64()))
				e.headcount = int32(max(1, h))
				e.reviseMonth = uint8(r.rng.IntN(12))
				e.dither = float32(r.rng.Float64())
				e.highSpec = r.rng.Float64() < in.HighSpecShare
				e.trains = r.rng.Float64() < in.TrainingShare
				e.trust = float32(clamp01(in.Trust + 0.2*(r.rng.Float64()-0.5)))
				if r.rng.Float64() < in.CollegeUseShare {
					e.tie = tieTransactional
					e.college = uint8(r.rng.IntN(len(r.colleges)))
					if r.rng.Float64() < in.CoproductionShare {
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

// design sets an employer's job slots from its strategy (job design).
func (r *Region) design(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	mix := sc.LowSpecJobs.Shares()
	if e.highSpec {
		mix = sc.HighSpecJobs.Shares()
	}
	if d := r.cfg.Labour.RoutineDecline; d > 0 {
		// Routine-biased technical change redesigns intermediate jobs.
		years := float64(int(r.Date())-int(r.cfg.Start)) / 12
		moved := mix[JobIntermediate] * (1 - math.Pow(1-d, years))
		mix[JobIntermediate] -= moved
		mix[JobHigh] += moved / 2
		mix[JobLow] += moved / 2
	}
	// Slots are whole: round with the employer's own dither, so that the
	// expected number equals the share and small employers do not all
	// cross a rounding threshold at once as the mix drifts.
	n := float64(e.headcount)
	d := float64(e.dither)
	e.slots[JobHigh] = int32(math.Floor(n*mix[JobHigh] + d))
	e.slots[JobIntermediate] = int32(math.Floor(n*mix[JobIntermediate] + 1 - d))
	e.slots[JobLow] = max(0, e.headcount-e.slots[JobHigh]-e.slots[JobIntermediate])
}

func (r *Region) drawLevel(l Levels) uint8 {
	u := r.rng.Float64()
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
	u := r.rng.Float64() * r.interestCDF[len(r.interestCDF)-1]
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
		if r.rng.Float64() < pop.LowIncomeShare {
			p.flags |= flagLowIncome
		}
		if p.ageMonths < 19*12 {
			// Young people start in education or looking for work.
			p.level = r.drawLevel(pop.SchoolLeavers)
			r.chooseRoute(p)
			continue
		}
		p.level = r.drawLevel(pop.Attainment)
		if p.level >= Level3 && r.rng.Float64() < r.cfg.Initial.VocationalShare {
			p.flags |= flagVocational
		}
		p.status = statusInactive
		if r.rng.Float64() < pop.EmploymentRate+0.06 {
			p.status = statusSeeking
			// Start near the steady share of self-employment in the sector.
			in := r.cfg.Sectors[p.sector].SelfEmployment
			if r.rng.Float64() < in/(in+selfEmploymentExit) {
				p.status = statusSelfEmployed
			}
		}
	}
	// Fill jobs from the seekers, screening many applicants so the start is
	// near a settled labour market.
	r.collectSeekers()
	target := int(pop.EmploymentRate * float64(len(r.persons)))
	r.rng.Shuffle(len(r.order), func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })
	hired := 0
	for _, ei := range r.order {
		e := &r.employers[ei]
		for k := NumJobLevels - 1; k >= 0; k-- {
			for e.filled[k] < e.slots[k] && hired < target {
				if !r.fill(ei, k, 8, true) {
					break
				}
				hired++
			}
		}
	}
}

// chooseRoute is a learner's route choice on expected returns: stay on in
// academic education, take a college course in their sector, go to
// university, or look for work (where training employers may offer an
// apprenticeship). It follows Redding (1996): the return to skill rises
// with the expected share of good jobs.
func (r *Region) chooseRoute(p *person) {
	b := &r.cfg.Behaviour
	s := p.sector
	info := r.lever.careers
	// What the learner believes the chance of a skilled job is, mixing the
	// truth with a vague prior by how good careers information is.
	good := info*r.sectors[s].skilledJobsEMA + (1-info)*0.3
	wLow := r.wage(s, JobLow, true, false)
	wMid := r.wage(s, JobIntermediate, true, false)
	wHigh := r.wage(s, JobHigh, true, false)
	cost := 60.0
	if p.flags&flagLowIncome != 0 {
		cost = 160
	}
	young := p.ageMonths < 19*12
	t := b.RouteTemperature
	switch {
	case p.level < Level2 || (p.level == Level2 && !young):
		// A college course up one level (basic skills first).
		c := r.pickCollege(young)
		if c < 0 {
			r.seek(p)
			return
		}
		gain := 0.35 * good * (wMid - wLow) * (0.5 + 0.5*r.colleges[c].currency[s])
		if !young {
			gain -= 80 // adults give up earnings or time
		}
		if r.choose(gain-cost+120, t) {
			r.enrol(p, c, courseMonths)
			return
		}
		r.seek(p)
	case p.level == Level2:
		// At 16 with level 2: academic, vocational level 3, or work.
		c := r.pickCollege(true)
		academic := 150 + 0.5*good*(wHigh-wLow) - cost
		if p.flags&flagLowIncome != 0 {
			academic -= 100
		}
		vocational := -1e9
		if c >= 0 {
			vocational = good*(wMid-wLow)*(0.4+0.6*r.colleges[c].currency[s]) - cost
		}
		work := 0.0
		// Multinomial logit over the three routes, with mistakes.
		ua, uv, uw := academic/t, vocational/t, work/t
		m := max(ua, uv, uw)
		ea, ev, ew := math.Exp(ua-m), math.Exp(uv-m), math.Exp(uw-m)
		route := 2 // work
		if r.rng.Float64() < b.Noise {
			// A mistake: any of the three routes, equally likely.
			route = r.rng.IntN(3)
		} else if u := r.rng.Float64() * (ea + ev + ew); u < ea {
			route = 0
		} else if u < ea+ev {
			route = 1
		}
		switch {
		case route == 0:
			p.status = statusSixthForm
			p.trainLeft = sixthFormMonths
		case route == 1 && c >= 0:
			r.enrol(p, c, level3CourseMonths)
		default:
			r.seek(p)
		}
	case p.level == Level3:
		// University or work.
		he := good*(wHigh-wMid) - cost - 200
		if young && p.flags&flagVocational == 0 {
			he += 350 // the academic track leads on to university
		}
		if r.choose(he, t) {
			p.status = statusHigherEd
			p.trainLeft = degreeMonths
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

// pickCollege chooses a college with a free place, weighting colleges by
// reputation (competition between providers for learners). It returns -1
// when every college is full.
func (r *Region) pickCollege(young bool) int {
	// A network damps competition: reputation counts for less.
	damping, mean := 0.0, 0.0
	if r.lever.network {
		damping = r.cfg.Policies.Network.Damping
		for c := range r.colleges {
			mean += r.colleges[c].reputation / float64(len(r.colleges))
		}
	}
	weight := func(c int) float64 {
		return 0.2 + (1-damping)*r.colleges[c].reputation + damping*mean
	}
	total := 0.0
	for c := range r.colleges {
		if r.hasPlace(c, young) {
			total += weight(c)
		}
	}
	if total == 0 {
		return -1
	}
	u := r.rng.Float64() * total
	last := -1
	for c := range r.colleges {
		if r.hasPlace(c, young) {
			last = c
			u -= weight(c)
			if u < 0 {
				return c
			}
		}
	}
	return last
}

func (r *Region) hasPlace(c int, young bool) bool {
	col := &r.colleges[c]
	if young {
		return col.enrolled < col.places
	}
	return float64(col.adultEnrolled) < float64(col.adultPlaces)*r.lever.adultMult
}

func (r *Region) enrol(p *person, c int, months int) {
	p.status = statusCollege
	p.college = uint8(c)
	p.trainLeft = uint8(months)
	if p.ageMonths < 19*12 {
		r.colleges[c].enrolled++
		p.flags &^= flagAdultPlace
	} else {
		r.colleges[c].adultEnrolled++
		p.flags |= flagAdultPlace
	}
}

// leaveCollege frees a learner's college place.
func (r *Region) leaveCollege(p *person) {
	col := &r.colleges[p.college]
	if p.flags&flagAdultPlace == 0 {
		col.enrolled--
	} else {
		col.adultEnrolled--
	}
	p.flags &^= flagAdultPlace
}

// wage is the wage bargained for a job (Nash bargaining with share β over
// output against the outside wage). Output rises with the job's level,
// with the employer's strategy, and falls when the worker is
// under-qualified.
func (r *Region) wage(s uint8, k int, qualified, highSpec bool) float64 {
	return r.cfg.Labour.BargainingShare*r.output(s, k, qualified, highSpec) +
		(1-r.cfg.Labour.BargainingShare)*r.cfg.Labour.OutsideWage
}

// output is the monthly output of a worker in a job, £.
func (r *Region) output(s uint8, k int, qualified, highSpec bool) float64 {
	sc := &r.cfg.Sectors[s]
	y := sc.Productivity * jobMultiplier[k]
	if !qualified {
		y *= underQualified
	}
	if highSpec && k > JobLow {
		y *= 1 + sc.HighSpecPremium
	}
	return y
}

// Step advances the region by one step. The order within a step is:
// colleges set partnership effort and currency; employers due to revise
// this month choose strategy, job design, training and their tie to a
// college; people age, learn, leave jobs and choose routes; then vacancies
// are filled. docs/ODD.md gives the schedule in full.
func (r *Region) Step() {
	r.step++
	r.flows = leverFlows{}
	r.tally()
	r.updateLevers()
	r.updateExpectations()
	r.updateColleges()
	r.reviseEmployers()
	r.updatePersons()
	r.matchJobs()
	r.payLevy()
}

// Done reports whether the region has reached the end of the run.
func (r *Region) Done() bool { return r.step >= r.cfg.Steps() }

// Date returns the month the region is in now.
func (r *Region) Date() Month { return r.cfg.Start + Month(r.step*r.cfg.StepMonths) }

// tally recounts the sector and college aggregates from the employers.
func (r *Region) tally() {
	nS := len(r.sectors)
	for s := range r.sectors {
		st := &r.sectors[s]
		st.employers, st.highSpec, st.coproducing, st.separations, st.members = 0, 0, 0, 0, 0
	}
	clear(r.tied)
	clear(r.coprod)
	clear(r.demand)
	for i := range r.employers {
		e := &r.employers[i]
		st := &r.sectors[e.sector]
		st.employers++
		e.payBill = 0
		if e.member {
			st.members++
		}
		if e.highSpec {
			st.highSpec++
		}
		if e.tie != tieNone {
			r.tied[int(e.college)*nS+int(e.sector)]++
		}
		if e.tie == tieCoproduction {
			st.coproducing++
			r.coprod[int(e.college)*nS+int(e.sector)]++
			r.demand[e.college] += sizeWeight[e.size]
		}
	}
}

// senseSupply moves each sector's expected supply of technical skill
// towards the share of its labour pool (people of working age in the
// sector's field who are working or looking for work) qualified for
// intermediate posts, with weight w. This is what a firm weighing a
// high-specification strategy needs to know (Snower 1994: where most
// workers are unskilled, good jobs are hard to fill).
func (r *Region) senseSupply(w float64) {
	nS := len(r.sectors)
	var buf [2 * 16]float64
	counts := buf[:0]
	if 2*nS > len(buf) {
		counts = make([]float64, 0, 2*nS)
	}
	counts = counts[:2*nS]
	clear(counts)
	for i := range r.persons {
		p := &r.persons[i]
		if p.inEducation() || p.status == statusInactive {
			continue
		}
		counts[2*int(p.sector)]++
		if p.qualifies(JobIntermediate, p.sector) {
			counts[2*int(p.sector)+1]++
		}
	}
	for s := range r.sectors {
		q := ratio(counts[2*s+1], counts[2*s])
		r.sectors[s].supplyEMA += w * (q - r.sectors[s].supplyEMA)
	}
}

// skilledJobShare is the share of a sector's jobs at the intermediate or
// high level.
func (r *Region) skilledJobShare(s int) float64 {
	var sk, n float64
	for i := range r.employers {
		e := &r.employers[i]
		if int(e.sector) != s {
			continue
		}
		sk += float64(e.slots[JobIntermediate] + e.slots[JobHigh])
		n += float64(e.headcount)
	}
	if n == 0 {
		return 0
	}
	return sk / n
}

// updateExpectations moves agents' adaptive expectations of staffing and of
// the job structure towards what they see now, once a year.
func (r *Region) updateExpectations() {
	if !r.yearTurns() {
		return
	}
	w := r.cfg.Behaviour.ExpectationSpeed
	for s := range r.sectors {
		st := &r.sectors[s]
		st.skilledJobsEMA += w * (r.skilledJobShare(s) - st.skilledJobsEMA)
	}
	r.senseSupply(w)
}

// yearTurns reports whether this step contains January.
func (r *Region) yearTurns() bool {
	m := int(r.Date()) % 12
	return m < r.cfg.StepMonths
}

// revisesNow reports whether an employer revising in month rm does so this step.
func (r *Region) revisesNow(rm uint8) bool {
	m := (int(r.Date()) - int(rm)) % 12
	if m < 0 {
		m += 12
	}
	return m < r.cfg.StepMonths
}

// updateColleges sets each college's partnership effort by sector, the
// chance its co-producing employers find it reciprocating, and its
// curriculum currency. A college commits staff time to a sector once the
// share of its tied employers there who co-produce passes its threshold
// (Granovetter 1978); reciprocation is rationed by partnership staff time;
// currency decays unless renewed by employer contact.
func (r *Region) updateColleges() {
	b := &r.cfg.Behaviour
	nS := len(r.sectors)
	dt := float64(r.cfg.StepMonths) / 12
	adjust := min(1, 2*dt)
	brokered := 0.0
	if r.lever.network {
		v := r.cfg.Policies.Network
		brokered = v.Budget / v.CostPerTie / float64(r.activeColleges)
	}
	for c := range r.colleges {
		col := &r.colleges[c]
		cc := &r.cfg.Colleges[c]
		if col.merged {
			continue
		}
		// Staff time follows funding: the rate per learner (relative to
		// the reference rate, cut by austerity) and the learners recruited,
		// since funding follows learners. A network's convener brokers
		// more; a merger disrupts it for a while.
		fill := float64(col.enrolled+col.adultEnrolled) / float64(max(1, col.places+col.adultPlaces))
		funding := cc.FundingPerLearner / referenceFunding * r.lever.fundingMult
		col.capacity = 2 * col.staffPlaces * (0.5 + 0.5*fill) * funding
		if r.Date() < col.disruptedUntil {
			col.capacity *= 1 - col.turnover
		}
		col.capacity += brokered
		ration := 1.0
		if r.demand[c] > col.capacity {
			ration = col.capacity / r.demand[c]
		}
		rep := 0.0
		for s := range nS {
			// The share of the sector's employers in the college's
			// catchment (an equal share of the region) who co-produce
			// with it.
			catchment := float64(r.sectors[s].employers) / float64(r.activeColleges)
			x := ratio(float64(r.coprod[c*nS+s]), catchment)
			threshold := b.CollegeThreshold
			if r.lever.network {
				// The convener lowers the colleges' cost of partnership too.
				threshold *= 1 - r.cfg.Policies.Network.CostReduction
			}
			target := effortTarget(x, threshold, cc.Outreach)
			col.effort[s] += adjust * (target - col.effort[s])
			col.reciprocation[s] = clamp01(col.effort[s] * ration)
			contact := col.reciprocation[s]
			if r.lever.network {
				contact += 0.2 * r.cfg.Policies.Network.Intelligence
			}
			if t := r.tied[c*nS+s]; t > 0 {
				contact += 0.2 * float64(t-r.coprod[c*nS+s]) / float64(t)
			}
			cur := col.currency[s]
			cur += dt * currencyChange(cur, contact, b.CurrencyGain, b.CurrencyDecay)
			col.currency[s] = clamp01(cur)
			rep += col.currency[s] * r.cfg.Sectors[s].Interest
		}
		col.reputation += adjust * (rep - col.reputation)
	}
}

// reviseEmployers lets the employers due this month revise their tie to a
// college, product-market strategy, job design and training.
func (r *Region) reviseEmployers() {
	for i := range r.employers {
		e := &r.employers[i]
		if !r.revisesNow(e.reviseMonth) {
			continue
		}
		r.reviseTie(e)
		r.joinNetwork(e)
		r.reviseStrategy(e)
		r.reviseTraining(e)
	}
}

// reviseTie is the partnership stag hunt. An employer with a tie updates
// its trust in the college from the past year's experience (good if the
// college reciprocated; trust falls faster than it rises), then
// co-produces if the expected payoff of co-production,
//
//	trust·R − (1−trust)·LetDownCost − PartnershipCost,
//
// beats staying transactional (normalised to 0). R rises with the
// college's curriculum currency, with the employer's strategy (a
// high-specification firm gains more from a current curriculum) and with
// the share of sector peers already co-producing (menus of joint
// activities). Employers without a tie form one when they have a reason to
// use a college: training, a high-specification strategy, or peers in
// co-production.
func (r *Region) reviseTie(e *employer) {
	b := &r.cfg.Behaviour
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	peers := float64(st.coproducing) / float64(max(1, st.employers))
	if e.tie == tieNone {
		p := 0.005
		if e.trains {
			p += 0.01
		}
		if e.highSpec {
			p += 0.02
		}
		p += 0.25 * peers
		if r.rng.Float64() < p {
			// A new tie starts with trust between the employer's own and
			// what peers report of the college (its reciprocation).
			e.tie = tieTransactional
			e.college = uint8(r.pickTieCollege(e.sector))
			e.trust = (e.trust + float32(r.colleges[e.college].reciprocation[e.sector])) / 2
		}
		return
	}
	col := &r.colleges[e.college]
	good := r.rng.Float64() < col.reciprocation[e.sector]
	e.trust = float32(updateTrust(float64(e.trust), good, b.TrustGain, b.TrustLoss))
	weight := 0.5
	if e.highSpec {
		weight = 1
	}
	gain := b.CoproductionGain*col.currency[e.sector]*weight + b.NetworkGain*peers
	trust := float64(e.trust)
	letDown := b.LetDownCost
	if r.lever.network && e.member {
		letDown *= 1 - r.cfg.Policies.Network.Transfers
	}
	u := coproductionGain(trust, gain, letDown, sc.PartnershipCost*r.networkCostFactor(e))
	if r.choose(u, r.cfg.Behaviour.StrategyTemperature) {
		e.tie = tieCoproduction
		return
	}
	e.tie = tieTransactional
	// Transactional ties lapse when there is little use for them.
	lapse := 0.3
	if e.trains {
		lapse = 0.15
	}
	if r.rng.Float64() < lapse*(1-trust) {
		e.tie = tieNone
	}
}

// pickTieCollege chooses a college for a new tie: the one with the most
// effort in the sector, ties broken by reputation, with some randomness.
func (r *Region) pickTieCollege(s uint8) int {
	best, bestScore := 0, -1.0
	for c := range r.colleges {
		col := &r.colleges[c]
		if col.merged {
			continue
		}
		score := col.effort[s] + 0.5*col.reputation + 0.3*r.rng.Float64()
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// reviseStrategy is the product-market choice (Redding 1996; Snower 1994):
// a high-specification strategy pays only if its technical posts can be
// filled. Screening n applicants from a pool of which a share q is
// qualified fills a post with probability 1 − (1−q)^n; a co-producing
// college's pipeline adds PipelineWeight·reciprocation·currency to that
// chance. The employer upgrades by logit, with mistakes, on
//
//	Δ = HighSpecPremium·P(fill) − UpgradeCost,
//
// and the new strategy redesigns its jobs.
func (r *Region) reviseStrategy(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	pipeline := 0.0
	if e.tie == tieCoproduction {
		col := &r.colleges[e.college]
		pipeline = r.cfg.Behaviour.PipelineWeight * col.reciprocation[e.sector] * col.currency[e.sector]
	}
	supply := st.supplyEMA
	if c := r.lever.coordination; c > 0 && supply < announcedSupply {
		supply += c * (announcedSupply - supply)
	}
	fill := fillChance(supply, r.cfg.Labour.Applicants, pipeline)
	u := strategyGain(sc.HighSpecPremium, sc.UpgradeCost, fill)
	e.highSpec = r.choose(u, r.cfg.Behaviour.StrategyTemperature)
	r.design(e)
}

// reviseTraining is the train-or-poach decision (Acemoglu & Pischke 1999;
// Stevens 1994). Training a worker up to level 3 raises output in a
// skilled post; the employer keeps the share (1−β) of the gain for as long
// as the worker stays, and the worker leaves at the sector's quit hazard
// plus a poaching hazard that rises with the share of local firms in the
// sector using the skill. Co-production with a reciprocating college
// lowers the cost.
func (r *Region) reviseTraining(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	beta := r.cfg.Labour.BargainingShare
	users := float64(st.highSpec) / float64(max(1, st.employers))
	// Monthly hazard of losing the return: quits, poaching, and the
	// employer's own discounting of a short horizon.
	loss := sc.QuitRate/12 + poachingHazard(r.cfg.Labour.PoachingIntensity, users) + trainingDiscount
	gain := r.output(e.sector, JobIntermediate, true, e.highSpec) - r.output(e.sector, JobIntermediate, false, e.highSpec)
	cost := sc.TrainingCost * sc.Productivity * r.trainingCostShare(e)
	if e.tie == tieCoproduction {
		col := &r.colleges[e.college]
		cost *= 1 - 0.5*col.reciprocation[e.sector]*col.currency[e.sector]
	}
	e.trains = r.choose(trainingGain(beta, gain, loss, cost, sc.Productivity), trainingTemperature)
}

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

// work handles a worker's step: training at work, quits, job loss and
// moves to self-employment.
func (r *Region) work(p *person, i int) {
	dt := uint8(r.cfg.StepMonths)
	e := &r.employers[p.employer]
	st := &r.sectors[e.sector]
	if p.status == statusApprentice || p.flags&flagTraining != 0 {
		if p.trainLeft > dt {
			p.trainLeft -= dt
		} else {
			r.finishTraining(p, e)
		}
	} else if e.trains {
		if target := r.trainingTarget(p, e); target > 0 && r.rng.Float64() < r.trainingStartChance(e) {
			// Some training at work goes through an apprenticeship (a
			// start, paid from apprenticeship funding), the rest is the
			// employer's own; an apprenticeship offer may not survive the
			// move to standards.
			funded := r.rng.Float64() < r.apprenticeshipRoute(e)
			if !funded || r.offerGoesAhead(e, target) {
				p.flags |= flagTraining
				p.trainLeft = inWorkTrainingMonths
				p.target = target
				e.trainees++
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
	switch {
	case u < st.quitStep:
		r.separate(p)
		if r.rng.Float64() < 0.15 {
			p.status = statusInactive
		}
	case u < st.quitStep+r.jobLossStep:
		r.separate(p)
	case u < st.quitStep+r.jobLossStep+st.selfEmployStep:
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
	pass := 0.7
	if e.tie == tieCoproduction {
		pass += 0.25 * r.colleges[e.college].reciprocation[e.sector]
	}
	if r.rng.Float64() >= pass {
		return
	}
	wasQualified := p.qualifies(int(p.jobLevel), e.sector)
	p.level = max(p.level, p.target)
	if p.target >= Level3 {
		p.sector = e.sector
		p.flags |= flagVocational
	}
	if !wasQualified && p.qualifies(int(p.jobLevel), e.sector) {
		e.qualified[p.jobLevel]++
		p.wage = float32(r.wage(e.sector, int(p.jobLevel), true, e.highSpec))
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
	p.employer = -1
	p.wage = 0
	p.status = statusSeeking
	p.trainLeft = 0
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

// migrantLeave lets workers recruited from abroad leave at the sector's quit rate.
func (r *Region) migrantLeave(e *employer) {
	q := r.sectors[e.sector].quitStep
	for k := range NumJobLevels {
		for n := e.migrants[k]; n > 0; n-- {
			if r.rng.Float64() < q {
				e.migrants[k]--
				e.filled[k]--
				e.qualified[k]--
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
	r.collectSeekers()
	r.rng.Shuffle(len(r.order), func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })
	n := r.cfg.Labour.Applicants
	for _, ei := range r.order {
		e := &r.employers[ei]
		r.migrantLeave(e)
		for k := NumJobLevels - 1; k >= 0; k-- {
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
	if len(r.allSeekers) == 0 {
		return false
	}
	draws := n
	if e.tie == tieCoproduction && r.rng.Float64() < r.colleges[e.college].reciprocation[s] {
		draws += n // the college's pipeline brings more applicants from the sector
	}
	fallback := int32(-1)
	apprentice := int32(-1)
	// Applicants from outside the sector weigh its pay against what work
	// pays elsewhere: low-paid, low-status jobs draw fewer of them.
	accept := math.Min(1, math.Pow(r.wage(s, k, true, e.highSpec)/r.referenceWage, 3))
	for range draws {
		var pi int32
		if len(r.seekers[s]) > 0 && r.rng.Float64() < 0.75 {
			pi = r.seekers[s][r.rng.IntN(len(r.seekers[s]))]
		} else {
			pi = r.allSeekers[r.rng.IntN(len(r.allSeekers))]
		}
		p := &r.persons[pi]
		if p.status != statusSeeking || (p.sector != s && !initial && accept < 1 && r.rng.Float64() >= accept) {
			continue
		}
		if k < JobHigh && p.level >= Level4 && r.rng.Float64() < sc.GraduatePreference {
			r.hire(p, ei, k, false)
			return true
		}
		if p.qualifies(k, s) {
			// A training employer may take a young person below level 2
			// on as a level 2 apprentice in a low job.
			l2 := k == JobLow && e.trains && p.level < Level2 && p.ageMonths < 25*12 &&
				!initial && r.rng.Float64() < level2Offer && r.offerGoesAhead(e, Level2) &&
				(e.size != sizeLarge || r.rng.Float64() < largeApprenticeFactor)
			r.hire(p, ei, k, l2)
			return true
		}
		if fallback < 0 {
			fallback = pi
		}
		if apprentice < 0 && p.ageMonths < 25*12 && p.level == Level2 {
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
		(e.size != sizeLarge || r.rng.Float64() < largeApprenticeFactor) {
		r.hire(&r.persons[apprentice], ei, k, true)
		return true
	}
	if r.rng.Float64() < r.lever.migrantAccess[k] {
		e.migrants[k]++
		e.filled[k]++
		e.qualified[k]++
		return true
	}
	if k > JobLow && r.rng.Float64() < r.cfg.Labour.PoachingIntensity*float64(r.sectors[s].highSpec)/float64(max(1, r.sectors[s].employers)) {
		if r.poach(ei, k) {
			return true
		}
	}
	if fallback >= 0 && (k == JobLow || r.rng.Float64() < 0.3) {
		r.hire(&r.persons[fallback], ei, k, false)
		return true
	}
	return false
}

// poach hires a qualified worker away from another local employer in the
// same sector, at a wage above their current one (Stevens 1994).
func (r *Region) poach(ei int32, k int) bool {
	s := r.employers[ei].sector
	for range 20 {
		pi := r.rng.IntN(len(r.persons))
		p := &r.persons[pi]
		if p.status != statusEmployed || p.employer == ei || r.employers[p.employer].sector != s || !p.qualifies(k, s) {
			continue
		}
		old := float64(p.wage)
		r.separate(p)
		r.hire(p, ei, k, false)
		p.wage = float32(max(float64(p.wage), old*1.05))
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
		p.trainLeft = apprenticeshipMonths
		p.target = Level3
		if k == JobLow {
			p.target = Level2
		}
		e.apprentices++
		r.recordStart(p.target, p.ageMonths)
	}
	p.wage = float32(r.wage(e.sector, k, q, e.highSpec))
}
