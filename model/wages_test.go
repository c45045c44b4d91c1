package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBargainedWageAndThickMarket(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name                  string
		b, y, thick, users, w float64
	}{
		// Nash bargain at β = 0.5 against the outside wage alone.
		{"no users", 900, 3000, 0.5, 0, 1950},
		{"no thickness", 900, 3000, 0, 1, 1950},
		// Half the sector uses the skill: the outside option closes a
		// quarter of the gap (0.5·0.5·2100 = 525).
		{"half the sector", 900, 3000, 0.5, 0.5, 0.5*3000 + 0.5*(900+525)},
		// Every employer uses it and thickness 1: the outside option is
		// the output, and so is the wage (Stevens 1994's competitive limit).
		{"competitive limit", 900, 3000, 1, 1, 3000},
		// Output below the outside wage: the option is not lowered.
		{"output below outside", 900, 800, 0.5, 1, 850},
		{"users above 1 clamp", 900, 3000, 0.5, 2, 0.5*3000 + 0.5*(900+1050)},
	} {
		got := bargainedWage(0.5, c.y, thickOutside(c.b, c.y, c.thick, c.users))
		if !near(got, c.w) {
			t.Errorf("%s: wage %v, want %v", c.name, got, c.w)
		}
	}
}

func TestPostedPayConcedesAtMostAShareOfTheRent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w, y, premium, want float64
	}{
		{1450, 2000, 0, 1450},
		{1450, 2000, 0.1, 1595},
		// Conceding half the rent 550 at most: 1725, not 1450·1.3.
		{1450, 2000, 0.3, 1725},
		{1000, 900, 0.3, 1000}, // a bargain above output is not cut
	} {
		if got := postedPay(c.w, c.y, c.premium, 0.5); !near(got, c.want) {
			t.Errorf("postedPay(%v, %v, %v, 0.5) = %v, want %v", c.w, c.y, c.premium, got, c.want)
		}
	}
}

func TestNextPremiumFollowsVacancies(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name                         string
		premium, vacancy, most, want float64
	}{
		// Manning's 0.75: a year at 13% vacancies against 3% tolerated
		// raises pay by 0.10/0.75.
		{"unfilled posts draw pay up", 0, 0.13, 1, 0.10 / 0.75},
		{"tolerated vacancies leave it", 0.1, 0.03, 1, 0.1},
		{"posts fill easily: it eases", 0.1, 0, 1, 0.1 - 0.03/0.75},
		{"never below the bargain", 0.01, 0, 1, 0},
		{"never above the cap", 0.3, 0.5, 0.38, 0.38},
	} {
		if got := nextPremium(c.premium, c.vacancy, 0.03, 0.75, c.most); !near(got, c.want) {
			t.Errorf("%s: premium %v, want %v", c.name, got, c.want)
		}
	}
}

func TestQuitRateAddsSearchToOtherQuits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		other, offers, beaten, want float64
	}{
		{0.16, 0.1, 0.5, 0.21},
		{0.16, 0.1, 0, 0.16}, // the best payer loses only non-wage quits
		{0.16, 0.1, 1, 0.26},
		{0.9, 1, 0.5, 1}, // a probability
	} {
		if got := quitRate(c.other, c.offers, c.beaten); !near(got, c.want) {
			t.Errorf("quitRate(%v, %v, %v) = %v, want %v", c.other, c.offers, c.beaten, got, c.want)
		}
	}
}

// TestOffersBeatLowPayMore checks the tabulated offer distribution: where
// every employer pays alike, half the offers beat staying (the non-wage
// value decides); the share falls with pay, and a market with no posts
// sends no offers.
func TestOffersBeatLowPayMore(t *testing.T) {
	t.Parallel()
	cfg := smallConfig(20, 1)
	cfg.SpinUpYears = 0
	r, err := New(&cfg, rand.NewPCG(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.employers {
		e := &r.employers[i]
		e.premium = 0
		e.highSpec = false
		r.price(e)
		for k := range NumJobLevels {
			e.pay[k][1] = 2000
		}
	}
	r.postOffers()
	d := &r.offers[r.offerPool(0, JobLow)]
	if got := d.beating(2000); math.Abs(got-0.5) > 1e-9 {
		t.Errorf("all pay alike: %v of offers beat staying, want 0.5", got)
	}
	prev := 1.0
	for _, w := range []float64{500, 1000, 1500, 2000, 2500, 4000, 10000} {
		got := d.beating(w)
		if got > prev || got < 0 || got > 1 {
			t.Errorf("pay %v: %v of offers beat staying, after %v at lower pay", w, got, prev)
		}
		prev = got
	}
	// Φ(ln(2000/2200)/0.7) = 0.4458 for pay 2200.
	if got := d.beating(2200); math.Abs(got-0.4458) > 0.005 {
		t.Errorf("pay 2200: %v of offers beat staying, want ≈ 0.4458", got)
	}
	var empty offerDist
	if got := empty.beating(1000); got != 0 {
		t.Errorf("no posts: %v of offers beat staying, want 0", got)
	}
}

// TestPayAndTrainingLowerQuits runs small regions in which employers are
// assigned, by index, a pay premium of 0.3 or none and to train or not,
// crossed, and counts the workers each group loses a year. Employers that
// pay more, and employers that train, must lose fewer (Burdett & Mortensen
// 1998; brief §9). Offers arrive once a year so that six replications
// separate the groups by several standard errors.
func TestPayAndTrainingLowerQuits(t *testing.T) {
	t.Parallel()
	var left, exposure [2][2]float64 // [pays more][trains]
	for rep := range 6 {
		cfg := smallConfig(4, 2)
		cfg.SpinUpYears = 0
		cfg.Labour.Wages.OfferRate = 1
		r, err := New(&cfg, rand.NewPCG(11, uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		group := func(i int) (int, int) { return i % 2, (i / 2) % 2 }
		for !r.Done() {
			for i := range r.employers {
				e := &r.employers[i]
				pays, trains := group(i)
				e.premium = 0.3 * float32(pays)
				e.trains = trains == 1
				r.price(e)
				r.setQuits(e)
				e.leavers = 0
			}
			before := make([]int32, len(r.employers))
			for i := range r.employers {
				e := &r.employers[i]
				before[i] = e.filled[0] + e.filled[1] + e.filled[2]
			}
			r.Step()
			for i := range r.employers {
				e := &r.employers[i]
				pays, trains := group(i)
				left[pays][trains] += float64(e.leavers)
				exposure[pays][trains] += float64(before[i]) / 12
			}
		}
	}
	rate := func(p, tr int) float64 { return left[p][tr] / exposure[p][tr] }
	se := func(p, tr int) float64 { return math.Sqrt(left[p][tr]) / exposure[p][tr] }
	for tr := range 2 {
		d := rate(0, tr) - rate(1, tr)
		if s := math.Hypot(se(0, tr), se(1, tr)); d < 3*s {
			t.Errorf("trains=%d: separations a year %.3f paying the bargain, %.3f paying 30%% more: difference %.3f, want > 3 SE (%.3f)",
				tr, rate(0, tr), rate(1, tr), d, 3*s)
		}
	}
	for p := range 2 {
		d := rate(p, 0) - rate(p, 1)
		if s := math.Hypot(se(p, 0), se(p, 1)); d < 3*s {
			t.Errorf("pays more=%d: separations a year %.3f without training, %.3f with: difference %.3f, want > 3 SE (%.3f)",
				p, rate(p, 0), rate(p, 1), d, 3*s)
		}
	}
	t.Logf("separations a year [pays more][trains]: %.3f %.3f / %.3f %.3f", rate(0, 0), rate(0, 1), rate(1, 0), rate(1, 1))
}
