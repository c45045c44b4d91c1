package model

// Region, its construction and the schedule of a step (ODD §2.4, §3).

import (
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
	flows        leverFlows
	levyAccounts []levyAccount
	transferPool float64
	// transferCoverage is the share of non-payers' fees that transferred
	// levy funds covered last step.
	transferCoverage float64
	networkSeeded    bool
	players          map[int]Choice // employers whose decisions players take (players.go)
	levyOpened       bool
	referenceWage    float64 // the wage of a low job, averaged over sectors by interest
	activeColleges   int
	flowStart        int // the step at which the survey window opened (RestartGroupFlows)
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

// Step advances the region by one step. The order within a step is:
// colleges set partnership effort and currency; employers due to revise
// this month choose strategy, job design, training and their tie to a
// college; people age, learn, leave jobs and choose routes; then vacancies
// are filled. docs/ODD.md gives the schedule in full.
func (r *Region) Step() {
	r.step++
	r.flows = leverFlows{}
	r.tally()
	r.openRound()
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
		if c, ok := r.players[i]; ok {
			r.impose(e, c) // a player's choice overrides the model's
		}
	}
}
