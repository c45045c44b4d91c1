package model

// Region, its construction and the schedule of a step (ODD §2.4, §3).

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
)

// sectorState holds the per-sector aggregates agents sense.
type sectorState struct {
	employers      int
	highSpec       int
	coproducing    int
	supplyEMA      float64 // expected share of the sector's labour pool qualified for intermediate posts
	skilledJobsEMA float64 // expected share of jobs that are skilled (what learners see)
	tightnessEMA   float64 // expected seekers in the sector's field per vacancy in the sector
	demandJobs     float64 // the jobs the sector's demand supports (§7.16)
	entries, exits int     // employers that entered and left the sector at the last turn of the year
	seekersSum     float64 // seekers in the sector's field, summed over the matching rounds since January
	vacanciesSum   float64 // vacancies in the sector, summed over the matching rounds since January
	// employedEMA is the expected employment chance of recent completers
	// by outcome class, and presenceEMA the expected share of the jobs at
	// each skilled level held by high-specification employers (outlook.go).
	employedEMA [numOutcomes]float64
	presenceEMA [NumJobLevels]float64
	// supplyNow and skilledJobsNow are the supply share and skilled-job
	// share observed at the latest update of expectations.
	supplyNow, skilledJobsNow float64
	separations               int     // separations this step
	members                   int     // employers in a network
	selfEmployStep            float64 // per-step probability of moving to self-employment
}

// Region is one running simulation of a regional skills ecosystem.
type Region struct {
	cfg       *Config
	src       *rand.PCG  // the run's generator: every random number of the run comes from it
	rng       *rand.Rand // src, for the draws other than uniform numbers (see uniform)
	step      int
	persons   []person
	employers []employer
	terms     []workTerms                // what work reads of each employer, gathered for the persons' loop
	mixes     [][2][NumJobLevels]float64 // jobMix by sector, low and high specification, at mixDate
	mixDate   Month
	colleges  []college
	sectors   []sectorState
	// ties[c*nS+s] counts tied and co-producing employers by college and sector.
	tied, coprod []int
	demand       []float64 // partnership staff demand per college
	turnedAway   []int32   // learners no college could place, by sector, since the colleges' last review
	// scratch for matching
	seekers    [][]int32
	allSeekers []int32
	order      []int32
	// per-step probabilities
	jobLossStep, selfExitStep, reentryStep, inactiveStep, dropoutStep, adultCourseStep, obsolescenceStep float64
	interestCDF                                                                                          []float64
	// jobOutput is labour_market.job_output by job level, and sizeWeight
	// behaviour.partnership.size_weight by size class, as arrays.
	jobOutput  [NumJobLevels]float64
	sizeWeight [numSizes]float64
	// apprenticeAge is behaviour.training.apprentice_max_age in months.
	apprenticeAge uint16
	// policy levers
	lever        leverState
	support      supportState // training subsidy, incentives, training brought forward (support.go)
	flows        leverFlows
	levyAccounts []levyAccount
	transferPool float64
	// transferCoverage is the share of non-payers' fees that transferred
	// levy funds covered last step.
	transferCoverage float64
	networkSeeded    bool
	framework        frameworkState // a national framework's announcement and credibility (framework.go)
	broker           broker         // the network's convener (network.go)
	players          map[int]Choice // employers whose decisions players take (players.go)
	levyOpened       bool
	referenceWage    float64 // the wage of a low job, averaged over sectors by interest
	activeColleges   int
	flowStart        int           // the step at which the survey window opened (RestartGroupFlows)
	regimes          *regimeWindow // the regime rule's indicators over the past year
	// offers are the pay-offer distributions by labour market (offerPool),
	// tabulated each January; offerWeight is their scratch.
	offers      []offerDist
	offerWeight [][offerGrid]float64
}

// New builds a region from a validated configuration, drawing every random
// number from the generator src, and spins it up (see NewContext) so that
// it is at step 0.
func New(cfg *Config, src *rand.PCG) (*Region, error) {
	return NewContext(context.Background(), cfg, src)
}

// NewContext builds a region from a validated configuration, drawing every
// random number from the generator src (the region takes it over: a
// generator serves one region). The agents are first placed in the state the
// scenario's initial: block describes; the region then runs for
// cfg.SpinUpYears under the rules and the policies in force at cfg.Start,
// with the calendar drifts held at their value at cfg.Start (ODD §5), and
// only then is at step 0, the first step observed. The spin-up is not
// reported. NewContext checks ctx once a simulated year of the spin-up and
// returns ctx.Err() when it is cancelled.
func NewContext(ctx context.Context, cfg *Config, src *rand.PCG) (*Region, error) {
	if cfg.StepMonths <= 0 || cfg.Steps() <= 0 {
		return nil, errors.New("model: the run has no steps: check start, end and step_months")
	}
	if len(cfg.Sectors) == 0 || len(cfg.Sectors) > 255 || len(cfg.Colleges) == 0 || len(cfg.Colleges) > 255 {
		return nil, errors.New("model: a region needs 1 to 255 sectors and 1 to 255 colleges")
	}
	r := &Region{cfg: cfg, src: src, rng: rand.New(src)}
	nS := len(cfg.Sectors)
	r.sectors = make([]sectorState, nS)
	r.derive()
	r.tied = make([]int, len(cfg.Colleges)*nS)
	r.coprod = make([]int, len(cfg.Colleges)*nS)
	r.demand = make([]float64, len(cfg.Colleges))
	r.seekers = make([][]int32, nS)
	r.initColleges()
	r.initEmployers()
	r.tally(false)
	for i := range r.employers {
		r.price(&r.employers[i])
	}
	r.surveyOffers()
	r.initPersons()
	r.tally(false)
	for s := range r.sectors {
		r.sectors[s].skilledJobsEMA = r.skilledJobShare(s)
		r.sectors[s].tightnessEMA = 1
		for i := range r.employers {
			if e := &r.employers[i]; int(e.sector) == s {
				r.sectors[s].demandJobs += float64(e.headcount)
			}
		}
	}
	r.senseSupply(1)
	r.initOutcomes()
	r.regimes = newRegimeWindow(cfg.StepMonths, nS)
	r.regimes.record(r)
	r.step = -cfg.SpinUpYears * 12 / cfg.StepMonths
	for r.step < 0 {
		if r.step%12 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		r.Step()
	}
	// The survey's flows count from step 0.
	r.RestartGroupFlows()
	return r, nil
}

// SpinningUp reports whether the region is still in its spin-up, before
// step 0. A region returned by New or NewContext never is.
func (r *Region) SpinningUp() bool { return r.step < 0 }

// policyDate is the date at which policies and calendar drifts are read:
// the current date, or the start of the run during the spin-up, which runs
// under the scenario's start-date configuration.
func (r *Region) policyDate() Month { return max(r.Date(), r.cfg.Start) }

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

// Step advances the region by one step. The order within a step is:
// colleges set partnership effort and currency; employers due to revise
// this month choose strategy, job design, training and their tie to a
// college; people age, learn, leave jobs and choose routes; then vacancies
// are filled. docs/ODD.md gives the schedule in full.
func (r *Region) Step() {
	r.step++
	r.flows = leverFlows{}
	r.tally(true)
	r.updateLevers()
	r.updateSupport()
	r.updateExpectations()
	r.updateColleges()
	r.reviseEmployers()
	if r.yearTurns() {
		r.demography()
	}
	r.updatePersons()
	r.matchJobs()
	r.payLevy()
	r.settleSupport()
	r.regimes.record(r)
}

// Done reports whether the region has reached the end of the run.
func (r *Region) Done() bool { return r.step >= r.cfg.Steps() }

// Date returns the month the region is in now. During the spin-up it is
// before cfg.Start, so that the months of the year still turn.
func (r *Region) Date() Month { return r.cfg.Start + Month(r.step*r.cfg.StepMonths) }

// tally recounts the sector and college aggregates from the employers; at
// the start of a step (open) it also opens each employer's survey round
// (openRound), in the same pass.
func (r *Region) tally(open bool) {
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
		e.repriced = false
		if open {
			openRound(e)
		}
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
			r.demand[e.college] += r.sizeWeight[e.size]
		}
	}
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

// reviseEmployers lets the employers due this month revise their tie to a
// college, product-market strategy, job design and training.
//
// Each January, before the revisions, the offers workers receive are
// tabulated afresh from all employers' pay. A revising employer reviews
// its pay after its strategy (the pay premium from its vacancy history,
// §7.2), so that its training decision weighs its own quits at its new
// pay, and then sets its quit hazards against the offers tabulated last
// January.
func (r *Region) reviseEmployers() {
	if r.yearTurns() {
		r.postOffers()
	}
	var due [12]bool // due[m]: an employer revising in month m revises this step
	for m := range due {
		due[m] = r.revisesNow(uint8(m))
	}
	for i := range r.employers {
		e := &r.employers[i]
		if !due[e.reviseMonth%12] {
			continue
		}
		r.reviseTie(e)
		r.joinNetwork(e)
		r.reviseStrategy(e)
		r.revisePay(e)
		r.price(e)
		r.reviseTraining(e)
		if c, ok := r.players[i]; ok {
			r.impose(e, c) // a player's choice overrides the model's
			r.price(e)
		}
		r.setQuits(e)
	}
}

// uniform is a uniform random number in [0, 1) from the run's generator:
// exactly what rand.Rand.Float64 makes of its next draw (the top 53 bits),
// called on the generator itself rather than through rand.Source, so that
// the generator is inlined in the model's most frequent draws.
func (r *Region) uniform() float64 {
	return float64(r.src.Uint64()<<11>>11) * 0x1p-53
}
