package model

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// smallConfig scales the default region down by a factor, keeping its
// shape: people, employers and college places all shrink together.
func smallConfig(factor float64, years int) Config {
	cfg := DefaultConfig()
	cfg.Population.Persons = int(float64(cfg.Population.Persons) / factor)
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = math.Round(e.Micro / factor)
		e.SmallMedium = math.Round(e.SmallMedium / factor)
		e.Large = math.Max(1, math.Round(e.Large/factor))
	}
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places = int(float64(cfg.Colleges[i].Places) / factor)
	}
	cfg.End = cfg.Start + Month(12*years)
	return cfg
}

// highStart is the documented second initial state of the default
// parameters: many high-specification employers, a wide college network in
// co-production with trust, current curricula and a larger stock of
// technical skill (as in scenarios/bistable-high.yaml).
func highStart(cfg *Config) {
	in := &cfg.Initial
	in.HighSpecShare = 0.6
	in.CollegeUseShare = 0.35
	in.CoproductionShare = 0.6
	in.Trust = 0.7
	in.Currency = 0.7
	in.TrainingShare = 0.5
	in.VocationalShare = 0.6
}

// allLevers switches every policy lever on inside the run, with a merger
// and a network that starts and ends.
func allLevers(cfg *Config) {
	l, d, n, a, m, c := DefaultLevy(), DefaultDevolution(), DefaultNetwork(), DefaultAusterity(), DefaultMigration(), DefaultCareers()
	start := cfg.Start
	l.Start = start + 6
	l.CoInvestment = Schedule{{start + 7, 0.1}, {start + 20, 0.05}}
	l.Transfers = Schedule{{start + 12, 0.25}}
	l.Standards = Period{Start: start + 6, End: monthPtr(start + 30)}
	l.NonLevyFunding = Schedule{{start + 7, 0.8}}
	d.Start = start + 12
	n.Start, n.End = start+18, monthPtr(start+48)
	a.Start = start
	m.Start = start
	c.Start = start
	sub, inc := DefaultTrainingSubsidy(), DefaultIncentivePayments()
	sub.Start, sub.End, sub.BudgetPerPerson = start+10, monthPtr(start+40), 1
	inc.Start, inc.End = start+8, monthPtr(start+30)
	inc.Under25, inc.Aged25Plus = Schedule{{start + 8, 2000}, {start + 16, 3000}}, Schedule{{start + 8, 1500}}
	cfg.Policies = Policies{Levy: &l, Devolution: &d, Network: &n, Austerity: &a, Migration: &m, Careers: &c,
		AreaReviews:     &AreaReviews{Mergers: []Merger{{Colleges: []string{"tower_hamlets", "hackney"}, Date: start + 24, DisruptionMonths: 18, StaffTurnover: 0.5}}},
		TrainingSubsidy: &sub, IncentivePayments: &inc}
}

// checkInvariants recounts every aggregate from the agents and fails on
// any mismatch: people are neither lost nor duplicated, jobs held match
// the people holding them, places match learners.
func checkInvariants(t *testing.T, r *Region, n int) {
	t.Helper()
	if len(r.persons) != n {
		t.Fatalf("step %d: %d persons, want %d", r.step, len(r.persons), n)
	}
	type count struct{ filled, qualified [NumJobLevels]int32 }
	jobs := make([]count, len(r.employers))
	apprentices := make([]int32, len(r.employers))
	trainees := make([]int32, len(r.employers))
	funded := make([]int32, len(r.employers))
	enrolled := make([]int, len(r.colleges))
	adults := make([]int, len(r.colleges))
	for i := range r.persons {
		p := &r.persons[i]
		if p.ageMonths < entryAge || p.ageMonths >= retireAge {
			t.Fatalf("step %d: person %d aged %d months", r.step, i, p.ageMonths)
		}
		if p.level >= NumLevels {
			t.Fatalf("step %d: person %d at level %d", r.step, i, p.level)
		}
		if p.working() != (p.employer >= 0) {
			t.Fatalf("step %d: person %d status %d with employer %d", r.step, i, p.status, p.employer)
		}
		if p.working() {
			c := &jobs[p.employer]
			c.filled[p.jobLevel]++
			if p.qualifies(int(p.jobLevel), r.employers[p.employer].sector) {
				c.qualified[p.jobLevel]++
			}
			if p.status == statusApprentice {
				apprentices[p.employer]++
			}
			if p.flags&flagTraining != 0 {
				trainees[p.employer]++
				if p.flags&flagFunded != 0 {
					funded[p.employer]++
				}
			}
		}
		if p.status == statusCollege {
			if p.flags&flagAdultPlace != 0 {
				adults[p.college]++
			} else {
				enrolled[p.college]++
			}
		}
	}
	for i := range r.employers {
		e := &r.employers[i]
		for k := range NumJobLevels {
			if e.filled[k] != jobs[i].filled[k]+e.migrants[k] || e.qualified[k] != jobs[i].qualified[k]+e.migrants[k] || e.migrants[k] < 0 {
				t.Fatalf("step %d: employer %d level %d: filled %d qualified %d migrants %d, recount %d and %d",
					r.step, i, k, e.filled[k], e.qualified[k], e.migrants[k], jobs[i].filled[k], jobs[i].qualified[k])
			}
		}
		if e.apprentices != apprentices[i] || e.trainees != trainees[i] || e.funded != funded[i] {
			t.Fatalf("step %d: employer %d has %d apprentices and %d trainees, recount %d and %d",
				r.step, i, e.apprentices, e.trainees, apprentices[i], trainees[i])
		}
		if e.trust < 0 || e.trust > 1 || e.trust != e.trust {
			t.Fatalf("step %d: employer %d trust %v", r.step, i, e.trust)
		}
	}
	for c := range r.colleges {
		col := &r.colleges[c]
		if col.enrolled != enrolled[c] || col.adultEnrolled != adults[c] {
			t.Fatalf("step %d: college %d counts %d+%d learners, recount %d+%d", r.step, c, col.enrolled, col.adultEnrolled, enrolled[c], adults[c])
		}
		if col.enrolled > col.places || col.adultEnrolled > col.adultPlaces {
			t.Fatalf("step %d: college %d over capacity", r.step, c)
		}
		for s := range r.sectors {
			for _, v := range []float64{col.currency[s], col.effort[s], col.reciprocation[s]} {
				if v < 0 || v > 1 || v != v {
					t.Fatalf("step %d: college %d sector %d has a state outside [0,1]: %v", r.step, c, s, v)
				}
			}
		}
	}
}

// checkObservation fails on a NaN or infinite indicator, a share outside
// [0,1] or a negative amount.
func checkObservation(t *testing.T, o *Observation) {
	t.Helper()
	for m := Metric(0); m < NumMetrics; m++ {
		v := o.Region[m]
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%s: %s = %v", o.Date, m, v)
		}
		switch m {
		case TrainingSpendPerEmployee, MeanWage, Productivity, TurnoverRate, ApprenticeshipStarts, LevyPaid, LevySpent, LevyExpired,
			NetworkReserve, NetworkGrant, NetworkFees, NetworkCosts, NetworkBrokeredTies,
			TrainingSubsidyPaid, IncentivePaid:
		default:
			if v > 1 {
				t.Fatalf("%s: share %s = %v above 1", o.Date, m, v)
			}
		}
	}
	for s := range o.Sectors {
		for m := SectorMetric(0); m < NumSectorMetrics; m++ {
			v := o.Sectors[s][m]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("%s: sector %d %s = %v", o.Date, s, m, v)
			}
			if m != SectorMeanWage && m != SectorTurnoverRate && v > 1 {
				t.Fatalf("%s: sector %d share %s = %v above 1", o.Date, s, m, v)
			}
		}
	}
}

func TestInvariantsOverManySeeds(t *testing.T) {
	t.Parallel()
	seeds := 12
	if testing.Short() {
		seeds = 4
	}
	for seed := range seeds {
		cfg := smallConfig(25, 6)
		if seed%2 == 1 {
			highStart(&cfg)
		}
		if seed%3 == 2 {
			cfg.StepMonths = 3
			cfg.Behaviour.Noise = 0.3
		}
		if seed%4 >= 2 {
			allLevers(&cfg)
		}
		r, err := New(&cfg, rand.NewPCG(uint64(seed), 7))
		if err != nil {
			t.Fatal(err)
		}
		var o Observation
		checkInvariants(t, r, cfg.Population.Persons)
		for !r.Done() {
			r.Step()
			checkInvariants(t, r, cfg.Population.Persons)
			r.Observe(&o)
			checkObservation(t, &o)
		}
	}
}

func TestSameSeedSameRun(t *testing.T) {
	t.Parallel()
	run := func() Observation {
		cfg := smallConfig(25, 4)
		r, err := New(&cfg, rand.NewPCG(42, 1))
		if err != nil {
			t.Fatal(err)
		}
		for !r.Done() {
			r.Step()
		}
		var o Observation
		r.Observe(&o)
		return o
	}
	a, b := run(), run()
	if a.Region != b.Region {
		t.Errorf("the same seed gave different regions:\n%v\n%v", a.Region, b.Region)
	}
}

func TestObservingDoesNotChangeTheRun(t *testing.T) {
	t.Parallel()
	run := func(observe bool) [NumMetrics]float64 {
		cfg := smallConfig(25, 3)
		r, _ := New(&cfg, rand.NewPCG(5, 5))
		var o Observation
		for !r.Done() {
			if observe {
				r.Observe(&o)
			}
			r.Step()
		}
		r.Observe(&o)
		return o.Region
	}
	if run(true) != run(false) {
		t.Error("observing every step changed the outcome")
	}
}

func TestNewRejectsAnEmptyRun(t *testing.T) {
	t.Parallel()
	cfg := smallConfig(25, 1)
	cfg.End = cfg.Start
	if _, err := New(&cfg, rand.NewPCG(1, 1)); err == nil {
		t.Error("a run with no steps was accepted")
	}
}

// finalIndicators runs reps replications, two at a time, and returns each
// replication's high-skill strategy share and co-production share of ties
// over its last year (the regime rule's reading, ODD §9).
func finalIndicators(t *testing.T, cfg Config, reps int) [][2]float64 {
	t.Helper()
	out := make([][2]float64, reps)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for rep := range reps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := New(&cfg, rand.NewPCG(cfg.Seed, uint64(rep)))
			if err != nil {
				t.Error(err)
				return
			}
			// The regime rule's reading: the mean of the last year.
			var o Observation
			last := cfg.Steps() - 12/cfg.StepMonths
			for !r.Done() {
				r.Step()
				if r.step > last {
					r.Observe(&o)
					out[rep][0] += o.Region[HighSkillStrategyShare] * float64(cfg.StepMonths) / 12
					out[rep][1] += o.Region[CoproductionShare] * float64(cfg.StepMonths) / 12
				}
			}
		}()
	}
	wg.Wait()
	return out
}

func TestBistabilityAtSmallScale(t *testing.T) {
	t.Parallel()
	// One parameter set, two initial states, two states 20 years after
	// the spin-up in a fifth of the region: the rule the method of ODD §9
	// derives from the two starts' mean states (a small region's
	// attractors differ from the full region's, whose labels scenarios'
	// TestShippedRegimes checks) has bars at least 0.05 apart on an
	// indicator — the starts did not end in one state — and no replication
	// of either start ends in the other's regime. Since part 2 a
	// replication may end transitional (the strategy indicator separates
	// the states by only about 0.23, and replications settle at their own
	// levels, ODD §10); that is logged, not counted against the test. At a
	// tenth of the region, noise lets the low start's co-production escape.
	low := smallConfig(5, 20)
	high := smallConfig(5, 20)
	highStart(&high)
	ends := [2][][2]float64{finalIndicators(t, low, 20), finalIndicators(t, high, 20)}
	var attr [2]Attractor
	for i, e := range ends {
		for _, v := range e {
			attr[i].HighSkill += v[0] / float64(len(e))
			attr[i].Ties += v[1] / float64(len(e))
		}
	}
	rule := DeriveRegimeRule(attr[0], attr[1])
	for i, want := range []Regime{LowSkills, Coproduction} {
		var n [NumRegimes]int
		for _, v := range ends[i] {
			n[rule.Classify(v[0], v[1])]++
		}
		t.Logf("from the %v start: %v replications low-skills, transitional, co-production under the rule %+v of this region's states %+v", want, n, rule, attr)
		if n[Coproduction-want] > 0 {
			t.Errorf("from the %v start: %d of 20 replications end in the opposite regime", want, n[Coproduction-want])
		}
	}
	// The two states are two: a third of the way between them is more
	// than the noise of one replication (bars at least 0.05 apart).
	if rule.CoproductionMinHighSkill-rule.LowSkillsMaxHighSkill < 0.05 && rule.CoproductionMinTies-rule.LowSkillsMaxTies < 0.05 {
		t.Errorf("the two starts end in one state: %+v", attr)
	}
}

func TestTiesMatchTheIndicators(t *testing.T) {
	t.Parallel()
	cfg := smallConfig(25, 3)
	highStart(&cfg)
	r, err := New(&cfg, rand.NewPCG(2, 2))
	if err != nil {
		t.Fatal(err)
	}
	for !r.Done() {
		r.Step()
	}
	var o Observation
	r.Observe(&o)
	ties := r.Ties()
	coprod := 0
	for _, tie := range ties.Ties {
		if tie.Kind == CoProduction {
			coprod++
		}
		if tie.College < 0 || tie.College >= len(ties.Colleges) || tie.Trust < 0 || tie.Trust > 1 {
			t.Fatalf("bad tie %+v", tie)
		}
	}
	if len(ties.Ties) != len(ties.Employers) {
		t.Errorf("%d ties but %d tied employers", len(ties.Ties), len(ties.Employers))
	}
	use := float64(len(ties.Ties)) / float64(len(r.employers))
	if math.Abs(use-o.Region[EmployerCollegeUseShare]) > 1e-12 || math.Abs(float64(coprod)/float64(len(ties.Ties))-o.Region[CoproductionShare]) > 1e-12 {
		t.Errorf("ties give use %v and co-production %v; indicators %v and %v", use, float64(coprod)/float64(len(ties.Ties)), o.Region[EmployerCollegeUseShare], o.Region[CoproductionShare])
	}
}
