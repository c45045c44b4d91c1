package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPostStaffing(t *testing.T) {
	t.Parallel()
	// A vacancy meets applicants with chance min(1, tightness), screens n,
	// fills qualified at f and at all at g = f + (1−f)·meet·u; posts empty
	// at d. Vacant share d/(d+g), qualified share of hires f/g.
	for _, c := range []struct {
		name              string
		q, t              float64
		n                 int
		u, pipeline, d    float64
		vacant, qualified float64
	}{
		{"no seekers: always vacant", 0.3, 0, 3, 0.3, 0, 0.01, 1, 0},
		{"no seekers, pipeline", 0.3, 0, 3, 0.3, 0.2, 0.01, 0.01 / 0.21, 1},
		{"all qualified, slack", 1, 5, 3, 0.3, 0, 0.01, 0.01 / 1.01, 1},
		{"none qualified, slack", 0, 2, 3, 0.3, 0, 0.01, 0.01 / 0.31, 0},
		{"a fifth qualified, slack", 0.2, 1, 3, 0.3, 0, 0.01, 0.01 / (0.488 + 0.512*0.3 + 0.01), 0.488 / (0.488 + 0.512*0.3)},
		{"tight: half the vacancies meet anyone", 0.2, 0.5, 3, 0.3, 0, 0.01, 0.01 / (0.244 + 0.756*0.15 + 0.01), 0.244 / (0.244 + 0.756*0.15)},
	} {
		v, q := postStaffing(c.q, c.t, c.n, c.u, c.pipeline, c.d)
		if math.Abs(v-c.vacant) > 1e-9 || math.Abs(q-c.qualified) > 1e-9 {
			t.Errorf("%s: postStaffing = %v, %v, want %v, %v", c.name, v, q, c.vacant, c.qualified)
		}
	}
	// Scarcer skill: fewer qualified hires and, in a tight market, more
	// vacancy; a pipeline helps.
	v1, q1 := postStaffing(0.1, 0.5, 3, 0.3, 0, 0.01)
	v2, q2 := postStaffing(0.4, 0.5, 3, 0.3, 0, 0.01)
	v3, q3 := postStaffing(0.1, 0.5, 3, 0.3, 0.2, 0.01)
	if !(q1 < q2 && v1 > v2 && q3 > q1 && v3 < v1) {
		t.Errorf("staffing does not improve with supply or pipeline: %v %v / %v %v / %v %v", v1, q1, v2, q2, v3, q3)
	}
}

func TestPostProfits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"market: always qualified, never vacant", marketPost(2000, 1000, 0, 1), 2000},
		{"market: vacant half the time", marketPost(2000, 1000, 0.5, 1), 1000},
		{"market: a quarter under-qualified", marketPost(2000, 1000, 0, 0.75), 1750},
		// 12/0.8 = 15 months of trainee at 1000, 100 months qualified at
		// 2000, cost 16000/0.8 = 20000: (15000 + 200000 − 20000)/115.
		{"trained", trainedPostProfit(2000, 1000, 16000, 12, 0.8, 0.01), 195000.0 / 115},
		{"training never passes", trainedPostProfit(2000, 1000, 16000, 12, 0, 0.01), math.Inf(-1)},
	} {
		if math.Abs(c.got-c.want) > 1e-9 && !(math.IsInf(c.want, -1) && math.IsInf(c.got, -1)) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	// Training pays less the faster trained workers leave (poaching).
	if trainedPostProfit(2000, 1000, 16000, 12, 0.8, 0.03) >= trainedPostProfit(2000, 1000, 16000, 12, 0.8, 0.01) {
		t.Error("trained post does not lose value with a higher loss hazard")
	}
}

func TestOptionMultiple(t *testing.T) {
	t.Parallel()
	// Dixit & Pindyck: β = ½ + √(¼ + 2r/σ²), multiple β/(β−1); no
	// uncertainty, the Marshallian rule (1); more volatility, a higher
	// hurdle.
	for _, c := range []struct {
		rho, sigma, want float64
	}{
		{0.02, 0, 1},
		{0, 0.2, 1},
		{0.02, 0.2, 4.0 / 3}, // r = 0.24, 2r/σ² = 12: β = ½ + 3.5 = 4
		{0.01, 0.2, (0.5 + math.Sqrt(6.25)) / (math.Sqrt(6.25) - 0.5)},
	} {
		if got := optionMultiple(c.rho, c.sigma); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("optionMultiple(%v, %v) = %v, want %v", c.rho, c.sigma, got, c.want)
		}
	}
	if optionMultiple(0.02, 0.4) <= optionMultiple(0.02, 0.2) {
		t.Error("the hurdle does not rise with volatility")
	}
}

func TestSunkInvestmentGivesHysteresis(t *testing.T) {
	t.Parallel()
	// ρ = 0.02, I = 12 months: the annuity is 0.24 of a month's output.
	// With h = 4/3 a low employer upgrades only above a gain of 0.32, a
	// high one leaves only below −0.08; in between neither switches.
	const rho, inv, h = 0.02, 12.0, 4.0 / 3
	for _, c := range []struct {
		name     string
		gain     float64
		high     bool
		recovery float64
		want     bool // on high specification next year (before the logit)
	}{
		{"low, gain above the hurdle: upgrades", 0.35, false, 0, true},
		{"low, gain above the annuity but below the hurdle: waits", 0.30, false, 0, false},
		{"low, small gain: stays low", 0.1, false, 0, false},
		{"high, small gain: stays high", 0.1, true, 0, true},
		{"high, small loss: stays high (no flip back)", -0.05, true, 0, true},
		{"high, large loss: downgrades", -0.1, true, 0, false},
		{"high, small gain but recovers most of the investment: downgrades", 0.01, true, 0.9, false},
	} {
		u := switchingGain(c.gain, c.high, inv, inv, c.recovery, rho, h)
		if got := u > 0; got != c.want {
			t.Errorf("%s: utility %v, on high %v, want %v", c.name, u, got, c.want)
		}
	}
	// Without a sunk investment the two thresholds meet at 0.
	for _, g := range []float64{-0.01, 0.01} {
		if (switchingGain(g, false, 0, 0, 0, rho, h) > 0) != (switchingGain(g, true, 0, 0, 0, rho, h) > 0) {
			t.Errorf("gain %v: no investment, yet the strategy depends on the current one", g)
		}
	}
}

func TestStrategyIsACommitment(t *testing.T) {
	t.Parallel()
	// Seeded: employers whose profit gain sits in the band of hysteresis
	// keep their strategy, whichever it is, year after year: only
	// mistakes move them.
	cfg := smallConfig(4, 1)
	r, err := New(&cfg, rand.NewPCG(5, 1))
	if err != nil {
		t.Fatal(err)
	}
	band := 0
	kept, n := 0, 0
	for i := range r.employers {
		e := &r.employers[i]
		sc := &cfg.Sectors[e.sector]
		hi, _ := r.strategyProfit(e, true)
		lo, _ := r.strategyProfit(e, false)
		gain := (hi - lo) / sc.Productivity
		h := optionMultiple(cfg.Behaviour.Training.Discount, cfg.Behaviour.Strategy.ProfitVolatility)
		bottom := -(h - 1) * cfg.Behaviour.Training.Discount * sc.UpgradeInvestment
		top := h * cfg.Behaviour.Training.Discount * sc.UpgradeInvestment
		if gain < bottom+0.1 || gain > top-0.1 {
			continue
		}
		band++
		for range 10 {
			was := e.highSpec
			r.reviseStrategy(e)
			n++
			if e.highSpec == was {
				kept++
			}
		}
	}
	if band < 20 {
		t.Fatalf("only %d employers in the band of hysteresis", band)
	}
	// Mistakes flip a coin with probability noise (0.02), switching in 1%
	// of revisions: at most a few per cent of revisions may switch.
	if share := float64(kept) / float64(n); share < 0.97 {
		t.Errorf("%d employers in the band kept their strategy in %.3f of revisions, want ≥ 0.95", band, share)
	}
}
