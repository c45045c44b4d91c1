package model

import (
	"math/rand/v2"
	"testing"
)

func TestOutcomeOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		level      uint8
		vocational bool
		want       int
	}{
		{LevelEntry, false, outcomeEntry},
		{Level1, true, outcomeLevel1},
		{Level2, false, outcomeLevel2},
		{Level3, false, outcomeAcademic3},
		{Level3, true, outcomeVocational3},
		{Level4, false, outcomeLevel4},
		{Level4, true, outcomeLevel4},
	} {
		if got := outcomeOf(c.level, c.vocational); got != c.want {
			t.Errorf("outcomeOf(%d, %v) = %d, want %d", c.level, c.vocational, got, c.want)
		}
	}
}

func TestRouteGainWeighsTheChanceOfWork(t *testing.T) {
	t.Parallel()
	// Becker: expected earnings. Premium 600 over wL 1900, outside income 900.
	for _, c := range []struct {
		name          string
		e, e0, good   float64
		premium, want float64
	}{
		{"model 1: work is certain", 1, 1, 0.4, 600, 240},
		{"no skilled job expected", 1, 1, 0, 600, 0},
		{"work after the route is less likely", 0.8, 1, 0.4, 600, 0.8*240 - 0.2*1000},
		{"work after the route is more likely", 0.9, 0.7, 0.4, 600, 0.9*240 + 0.2*1000},
		{"equally risky: only the premium counts, discounted", 0.8, 0.8, 0.4, 600, 0.8 * 240},
	} {
		if got := routeGain(c.e, c.e0, c.good, c.premium, 1900, 900); !near(got, c.want) {
			t.Errorf("%s: routeGain = %v, want %v", c.name, got, c.want)
		}
	}
}

// outlookRegion is a small region without a spin-up, for tests of the
// learners' outlook.
func outlookRegion(t *testing.T) *Region {
	t.Helper()
	cfg := smallConfig(20, 2)
	cfg.SpinUpYears = 0
	r, err := New(&cfg, rand.NewPCG(5, 1))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestExpectedWageFollowsPresence(t *testing.T) {
	t.Parallel()
	r := outlookRegion(t)
	for _, k := range []int{JobIntermediate, JobHigh} {
		low, high := r.wage(0, k, true, false), r.wage(0, k, true, true)
		if high <= low {
			t.Fatalf("job %d: high-spec wage %v not above low-spec %v", k, high, low)
		}
		for _, h := range []float64{0, 0.25, 1} {
			r.sectors[0].presenceEMA[k] = h
			if got, want := r.expectedWage(0, k), (1-h)*low+h*high; !near(got, want) {
				t.Errorf("job %d, presence %v: expected wage %v, want %v", k, h, got, want)
			}
		}
	}
}

func TestWorkChanceWeighsTheRisk(t *testing.T) {
	t.Parallel()
	r := outlookRegion(t)
	r.sectors[0].employedEMA[outcomeLevel2] = 0.6
	for _, c := range []struct{ weight, want float64 }{{1, 0.6}, {0.5, 0.8}, {0, 1}} {
		r.cfg.Behaviour.Routes.EmploymentWeight = c.weight
		if got := r.workChance(0, outcomeLevel2); !near(got, c.want) {
			t.Errorf("weight %v: work chance %v, want %v", c.weight, got, c.want)
		}
	}
}

func TestSenseOutcomesCountsRecentCompleters(t *testing.T) {
	t.Parallel()
	r := outlookRegion(t)
	young, old := uint16(20*12), uint16(40*12)
	voc := uint8(flagVocational)
	r.persons = []person{
		{ageMonths: young, level: Level3, flags: voc, status: statusEmployed},
		{ageMonths: young, level: Level3, flags: voc, status: statusSelfEmployed},
		{ageMonths: young, level: Level3, flags: voc, status: statusSeeking},
		{ageMonths: young, level: Level3, flags: voc, status: statusInactive}, // not looking: not counted
		{ageMonths: young, level: Level3, flags: voc, status: statusCollege},  // in education: not counted
		{ageMonths: old, level: Level3, flags: voc, status: statusSeeking},    // not recent: not counted
		{ageMonths: young, level: Level3, status: statusSeeking},
		{ageMonths: young, level: Level3, status: statusApprentice},
	}
	for c := range numOutcomes {
		r.sectors[0].employedEMA[c] = 0.5
	}
	r.senseOutcomes(1)
	for _, c := range []struct {
		class int
		want  float64
	}{
		{outcomeVocational3, 2.0 / 3},
		{outcomeAcademic3, 0.5},
		{outcomeLevel4, 0.5}, // nobody seen: the expectation stays
	} {
		if got := r.sectors[0].employedEMA[c.class]; !near(got, c.want) {
			t.Errorf("class %d: expected employment %v, want %v", c.class, got, c.want)
		}
	}
	r.persons[2].status = statusEmployed // all three now work
	r.senseOutcomes(0.5)
	if got, want := r.sectors[0].employedEMA[outcomeVocational3], 2.0/3+0.5*(1-2.0/3); !near(got, want) {
		t.Errorf("adaptive step: %v, want %v", got, want)
	}
}

func TestSenseOutcomesSeesHighSpecPresence(t *testing.T) {
	t.Parallel()
	r := outlookRegion(t)
	var all, high [NumJobLevels]float64
	for i := range r.employers {
		e := &r.employers[i]
		e.highSpec = i%3 == 0
		if e.sector != 0 {
			continue
		}
		for k := range NumJobLevels {
			all[k] += float64(e.slots[k])
			if e.highSpec {
				high[k] += float64(e.slots[k])
			}
		}
	}
	r.senseOutcomes(1)
	for _, k := range []int{JobIntermediate, JobHigh} {
		if got, want := r.sectors[0].presenceEMA[k], high[k]/all[k]; !near(got, want) {
			t.Errorf("job %d: presence %v, want %v", k, got, want)
		}
	}
}

func TestRiskyVocationalRouteLosesLearners(t *testing.T) {
	t.Parallel()
	// Sixteen-year-olds with level 2 choose the vocational route less
	// often when recent vocational completers find work less often, and
	// more often when high-specification employers, who pay more, hold
	// more of the sector's technical jobs.
	share := func(e3, presence float64) float64 {
		r := outlookRegion(t)
		st := &r.sectors[0]
		for c := range numOutcomes {
			st.employedEMA[c] = 0.8
		}
		st.employedEMA[outcomeVocational3] = e3
		st.presenceEMA[JobIntermediate] = presence
		for c := range r.colleges {
			for s := range r.colleges[c].currency {
				r.colleges[c].currency[s] = 1
			}
		}
		const n = 20000
		voc := 0
		for range n {
			p := person{employer: -1, ageMonths: entryAge, level: Level2}
			r.chooseRoute(&p)
			if p.status == statusCollege {
				voc++
				r.leaveCollege(&p)
			}
		}
		return float64(voc) / n
	}
	base := share(0.8, 0)
	for _, c := range []struct {
		name         string
		e3, presence float64
		more         bool
	}{
		{"vocational completers find less work", 0.5, 0, false},
		{"vocational completers find more work", 0.95, 0, true},
		{"high-spec employers hold the technical jobs", 0.8, 1, true},
	} {
		got := share(c.e3, c.presence)
		// 20,000 draws: a standard error under 0.004; ask for 0.02.
		if c.more && got < base+0.02 || !c.more && got > base-0.02 {
			t.Errorf("%s: vocational share %.3f against %.3f", c.name, got, base)
		}
	}
}
