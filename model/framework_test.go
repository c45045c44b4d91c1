package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPlanPath(t *testing.T) {
	t.Parallel()
	start := MonthOf(2020, 1)
	for _, c := range []struct {
		name                string
		from, rise, horizon float64
		m                   Month
		want                float64
	}{
		{"at the announcement", 0.2, 0.1, 10, start, 0.2},
		{"half way", 0.2, 0.1, 10, MonthOf(2025, 1), 0.25},
		{"at the horizon", 0.2, 0.1, 10, MonthOf(2030, 1), 0.3},
		{"after the horizon it holds", 0.2, 0.1, 10, MonthOf(2040, 1), 0.3},
		{"before the announcement", 0.2, 0.1, 10, MonthOf(2019, 1), 0.2},
		{"no horizon: the aim at once", 0.2, 0.1, 0, start, 0.3},
		{"capped at 1", 0.95, 0.1, 10, MonthOf(2030, 1), 1},
	} {
		if got := planPath(c.from, c.rise, c.horizon, start, c.m); !near(got, c.want) {
			t.Errorf("%s: planPath = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCredibilityFollowsTheRecord(t *testing.T) {
	t.Parallel()
	// Brock & Hommes: the weight on a rule rises with its record against
	// the other; the credibility given at the announcement holds while the
	// records are equal; 0 and 1 are never revised.
	for _, c := range []struct {
		name               string
		c0, beta, up, ua   float64
		want               float64
		above, below, same bool
	}{
		{name: "equal records keep c0", c0: 0.3, beta: 100, up: -0.01, ua: -0.01, same: true},
		{name: "the plan forecast better", c0: 0.3, beta: 100, up: -0.001, ua: -0.01, above: true},
		{name: "the plan forecast worse", c0: 0.3, beta: 100, up: -0.02, ua: -0.01, below: true},
		{name: "no intensity: never revised", c0: 0.3, beta: 0, up: -0.5, ua: 0, same: true},
		{name: "never believed", c0: 0, beta: 100, up: 0, ua: -1, want: 0},
		{name: "always believed", c0: 1, beta: 100, up: -1, ua: 0, want: 1},
	} {
		got := credibility(c.c0, c.beta, c.up, c.ua)
		switch {
		case c.same && !near(got, c.c0), c.above && got <= c.c0, c.below && got >= c.c0:
			t.Errorf("%s: credibility %v against %v given", c.name, got, c.c0)
		case !c.same && !c.above && !c.below && !near(got, c.want):
			t.Errorf("%s: credibility %v, want %v", c.name, got, c.want)
		}
	}
	// β(U_p − U_a) = 1: the log-odds rise by one.
	if got, want := credibility(0.5, 100, 0, -0.01), 1/(1+math.Exp(-1)); !near(got, want) {
		t.Errorf("credibility(0.5, 100, 0, -0.01) = %v, want %v", got, want)
	}
	if got, want := fitness(-0.01, 0.02, 0.8), 0.8*-0.01-0.2*0.02; !near(got, want) {
		t.Errorf("fitness = %v, want %v", got, want)
	}
}

// frameworkRegion is a small region without a spin-up with a national
// framework announced at its start.
func frameworkRegion(t *testing.T, v NationalFramework) *Region {
	t.Helper()
	cfg := smallConfig(20, 2)
	cfg.SpinUpYears = 0
	v.Start = cfg.Start
	cfg.Policies.NationalFramework = &v
	r, err := New(&cfg, rand.NewPCG(5, 2))
	if err != nil {
		t.Fatal(err)
	}
	r.updateLevers()
	return r
}

func TestFrameworkMovesExpectations(t *testing.T) {
	t.Parallel()
	v := DefaultNationalFramework()
	v.Credibility = 0.5
	r := frameworkRegion(t, v)
	for s := range r.sectors {
		q, j := r.sectors[s].supplyEMA, r.sectors[s].skilledJobsEMA
		if got, want := r.expectedSupply(s), q+0.5*(min(1, q+v.SupplyRise)-q); !near(got, want) {
			t.Errorf("sector %d: expected supply %v, want %v (adaptive %v)", s, got, want, q)
		}
		if got, want := r.expectedSkilledJobs(s), j+0.5*(min(1, j+v.SkilledJobsRise)-j); !near(got, want) {
			t.Errorf("sector %d: expected skilled jobs %v, want %v (adaptive %v)", s, got, want, j)
		}
	}
	// Without the lever, the adaptive expectations alone.
	r.cfg.Policies.NationalFramework = nil
	r.updateLevers()
	if got := r.expectedSupply(0); got != r.sectors[0].supplyEMA {
		t.Errorf("no framework: expected supply %v, want the adaptive %v", got, r.sectors[0].supplyEMA)
	}
	if got := r.expectedSkilledJobs(0); got != r.sectors[0].skilledJobsEMA {
		t.Errorf("no framework: expected skilled jobs %v, want the adaptive %v", got, r.sectors[0].skilledJobsEMA)
	}
}

func TestDevolutionCoordinatesAfterTheFramework(t *testing.T) {
	t.Parallel()
	// The local announcement pulls the nationally informed expectation
	// further when it is still below the local aim.
	v := DefaultNationalFramework()
	r := frameworkRegion(t, v)
	d := DefaultDevolution()
	d.Start = r.cfg.Start
	d.AnnouncedSupply = 0.9
	d.Coordination = 0.5
	r.cfg.Policies.Devolution = &d
	r.updateLevers()
	q := r.sectors[0].supplyEMA
	national := q + r.framework.credibility*(min(1, q+v.SupplyRise)-q)
	if got, want := r.expectedSupply(0), national+0.5*(0.9-national); !near(got, want) {
		t.Errorf("expected supply %v, want %v", got, want)
	}
}

func TestCredibilityIsEarnedAndLost(t *testing.T) {
	t.Parallel()
	// A plan the region follows gains credibility; one it does not loses it.
	run := func(follow bool) float64 {
		r := frameworkRegion(t, DefaultNationalFramework())
		v := r.cfg.Policies.NationalFramework
		f := &r.framework
		for year := 1; year <= 5; year++ {
			m := r.cfg.Start + Month(12*year)
			for s := range r.sectors {
				st := &r.sectors[s]
				st.supplyNow, st.skilledJobsNow = f.from[s][0], f.from[s][1] // nothing moves
				if follow {
					st.supplyNow = planPath(f.from[s][0], v.SupplyRise, v.HorizonYears, v.Start, m)
					st.skilledJobsNow = planPath(f.from[s][1], v.SkilledJobsRise, v.HorizonYears, v.Start, m)
				}
				// The adaptive expectation lags half way behind.
				st.supplyEMA += 0.5 * (st.supplyNow - st.supplyEMA)
				st.skilledJobsEMA += 0.5 * (st.skilledJobsNow - st.skilledJobsEMA)
			}
			r.step = int(m-r.cfg.Start) / r.cfg.StepMonths
			r.judgeFramework()
		}
		return f.credibility
	}
	c0 := DefaultNationalFramework().Credibility
	if got := run(true); got <= c0 {
		t.Errorf("a plan the region follows: credibility %v, want above %v", got, c0)
	}
	if got := run(false); got >= c0 {
		t.Errorf("a plan the region ignores: credibility %v, want below %v", got, c0)
	}
}
