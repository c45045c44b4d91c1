package model

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestDeriveRegimeRule(t *testing.T) {
	for _, c := range []struct {
		low, high Attractor
		want      RegimeRule
	}{
		{Attractor{0, 0}, Attractor{0.6, 0.3}, RegimeRule{0.2, 0.1, 0.4, 0.2}},
		{Attractor{0.0557, 0.0101}, Attractor{0.4692, 0.4780}, RegimeRule{0.19, 0.17, 0.33, 0.32}},
		{Attractor{0.1, 0.1}, Attractor{0.1, 0.1}, RegimeRule{0.1, 0.1, 0.1, 0.1}},
	} {
		if got := DeriveRegimeRule(c.low, c.high); got != c.want {
			t.Errorf("DeriveRegimeRule(%v, %v) = %+v, want %+v", c.low, c.high, got, c.want)
		}
	}
}

func TestRegimeRuleClassify(t *testing.T) {
	g := RegimeRule{LowSkillsMaxHighSkill: 0.2, LowSkillsMaxTies: 0.1, CoproductionMinHighSkill: 0.4, CoproductionMinTies: 0.3}
	for _, c := range []struct {
		h, ties float64
		want    Regime
	}{
		{0.05, 0.01, LowSkills},
		{0.19, 0.09, LowSkills},
		{0.2, 0.05, Transitional}, // at the low-skills bar is no longer the trap
		{0.05, 0.1, Transitional},
		{0.4, 0.3, Coproduction}, // at both co-production bars
		{0.9, 0.29, Transitional},
		{0.39, 0.9, Transitional},
		{0.3, 0.2, Transitional},
	} {
		if got := g.Classify(c.h, c.ties); got != c.want {
			t.Errorf("Classify(%v, %v) = %v, want %v", c.h, c.ties, got, c.want)
		}
	}
}

func TestDefaultRegimeRuleIsDerived(t *testing.T) {
	// The rule in force is the stated method applied to the recorded
	// attractors, not bars set by hand.
	if DefaultRegimeRule != DeriveRegimeRule(DefaultAttractors[0], DefaultAttractors[1]) {
		t.Errorf("DefaultRegimeRule %+v is not derived from DefaultAttractors", DefaultRegimeRule)
	}
	for i, a := range DefaultAttractors {
		if g := DefaultRegimeRule.Classify(a.HighSkill, a.Ties); g != [2]Regime{LowSkills, Coproduction}[i] {
			t.Errorf("attractor %d %+v is classified %v", i, a, g)
		}
	}
}

func TestRegimeIsTheRuleOnTheYearsMean(t *testing.T) {
	// Observation.Regime is the rule applied to the mean of the past
	// twelve monthly readings of the two indicators.
	cfg := smallConfig(25, 6)
	cfg.SpinUpYears = 0
	highStart(&cfg)
	r, err := New(&cfg, rand.NewPCG(3, 1))
	if err != nil {
		t.Fatal(err)
	}
	var hist [][2]float64
	var o Observation
	r.Observe(&o)
	hist = append(hist, [2]float64{o.Region[HighSkillStrategyShare], o.Region[CoproductionShare]})
	changes := 0
	last := o.Regime
	for !r.Done() {
		r.Step()
		r.Observe(&o)
		hist = append(hist, [2]float64{o.Region[HighSkillStrategyShare], o.Region[CoproductionShare]})
		from := max(0, len(hist)-12)
		var h, c float64
		for _, x := range hist[from:] {
			h += x[0]
			c += x[1]
		}
		n := float64(len(hist) - from)
		if want := DefaultRegimeRule.Classify(h/n, c/n); o.Regime != want {
			t.Fatalf("step %d: regime %v, want %v (year's mean %.4f, %.4f)", o.Step, o.Regime, want, h/n, c/n)
		}
		if o.Regime != last {
			changes++
			last = o.Regime
		}
		for s, g := range o.SectorRegimes {
			if g < 0 || g >= NumRegimes {
				t.Fatalf("sector %d regime %d", s, g)
			}
		}
	}
	if len(o.SectorRegimes) != len(cfg.Sectors) {
		t.Errorf("%d sector regimes for %d sectors", len(o.SectorRegimes), len(cfg.Sectors))
	}
}

// headline are the shares whose jump in the first year after step 0 the
// start test bounds.
var headline = []Metric{HighSkillStrategyShare, CoproductionShare, IntermediateJobShare, EmployerTrainingShare, EmployerCollegeUseShare, Level3PlusShare, VacancyRate}

func TestStartObeysTheRules(t *testing.T) {
	// After the spin-up, step 0 is a state the rules keep: over 20
	// replications of a small plain region from the low start, and of the
	// high start, no headline share moves by more than 1 percentage point
	// on average in the first year or by more than 2 over the first ten
	// (no slow drift either) — or, where the small region's noise is
	// larger, by more than k standard errors of the mean
	// (startTestCritical) — and
	// training spend at step 0 is within a tenth of its value a year on,
	// or k standard errors of the mean move. (Without a spin-up the
	// low start loses two thirds of its high-skill employers in the first
	// year.) Nor do the replications cycle: a state the rules keep is not
	// one phase of a two-year cycle, so the January readings of each
	// headline share in years 0–10 must not alternate (twoYearCycle; the
	// referee's S9: a cycle had been supposed and allowed for, but none
	// was measured — the January readings are white noise or persistent).
	// Sectors
	// are checked at full scale (experiment/examples/attractors.yaml): in
	// a region a tenth of the size a sector of 60 employers is not the
	// sector of 600 — small digital tech keeps declining long after the
	// full-size one has settled.
	for _, start := range []string{"low", "high"} {
		cfg := smallConfig(10, 10)
		if start == "high" {
			highStart(&cfg)
		}
		const reps = 20
		var jump, drift, jump2, drift2 [NumMetrics]float64
		var spend0, spend1, spendMove2 float64
		// jan[rep][m][y] is replication rep's reading of m at January of year y.
		var jan [reps][NumMetrics][11]float64
		for rep := range reps {
			r, err := New(&cfg, rand.NewPCG(11, uint64(rep)))
			if err != nil {
				t.Fatal(err)
			}
			var o0, o1, o10, oy Observation
			r.Observe(&o0)
			for _, m := range headline {
				jan[rep][m][0] = o0.Region[m]
			}
			for !r.Done() {
				r.Step()
				if r.step == 12/cfg.StepMonths {
					r.Observe(&o1)
				}
				if y := r.step * cfg.StepMonths / 12; r.step*cfg.StepMonths%12 == 0 && y <= 10 {
					r.Observe(&oy)
					for _, m := range headline {
						jan[rep][m][y] = oy.Region[m]
					}
				}
			}
			r.Observe(&o10)
			for _, m := range headline {
				j, d := o1.Region[m]-o0.Region[m], o10.Region[m]-o0.Region[m]
				jump[m] += j / reps
				drift[m] += d / reps
				jump2[m] += j * j / reps
				drift2[m] += d * d / reps
			}
			spend0 += o0.Region[TrainingSpendPerEmployee] / reps
			spend1 += o1.Region[TrainingSpendPerEmployee] / reps
			move := o1.Region[TrainingSpendPerEmployee] - o0.Region[TrainingSpendPerEmployee]
			spendMove2 += move * move / reps
		}
		// A small region is noisy: a mean move counts against the start only
		// beyond k standard errors of the mean over replications, k the
		// two-sided Student-t critical value that holds the chance of any
		// false alarm among the test's comparisons to 1% (Bonferroni).
		se := func(mean, sq float64) float64 { return math.Sqrt(max(0, sq-mean*mean) / (reps - 1)) }
		k := startTestCritical(reps)
		for _, m := range headline {
			sj, sd := se(jump[m], jump2[m]), se(drift[m], drift2[m])
			if math.Abs(jump[m]) > max(0.01, k*sj) || math.Abs(drift[m]) > max(0.02, k*sd) {
				t.Errorf("%s start: %s moves %+.3f (s.e. %.3f) in the first year and %+.3f (s.e. %.3f) in ten, want within ±0.01 and ±0.02 or %.1f standard errors",
					start, m, jump[m], sj, drift[m], sd, k)
			}
			cycle := 0.0
			for rep := range reps {
				cycle += twoYearCycle(jan[rep][m][:]) / reps
			}
			t.Logf("%s start: %s, lag-1 autocorrelation of the detrended January readings, mean over replications %+.2f", start, m, cycle)
			if cycle < -0.5 {
				t.Errorf("%s start: %s alternates from year to year (mean lag-1 autocorrelation of the detrended January readings %+.2f, want ≥ −0.5): a two-year cycle", start, m, cycle)
			}
		}
		// Training spend per employee moves by ±100–150 between one year and
		// the next in a single replication of the small region: the same
		// three standard errors apply.
		if ss := se(spend1-spend0, spendMove2); spend0 <= 0 || math.Abs(spend1-spend0) > max(0.1*spend0, k*ss) {
			t.Errorf("%s start: training spend per employee %.0f at step 0 and %.0f a year on (s.e. of the move %.0f), want within a tenth or %.1f standard errors", start, spend0, spend1, ss, k)
		}
	}
}

// startTestCritical is the number of standard errors beyond which
// TestStartObeysTheRules counts a mean move over reps replications
// against the start: the two-sided Student-t critical value with reps − 1
// degrees of freedom at 1%/30, for its 30 comparisons (two starts, seven
// headline shares at two horizons, and training spend), so that the
// chance of a false alarm anywhere in the test is at most 1%
// (Bonferroni). With three standard errors and 10 replications a false
// alarm came about once in sixteen seeds, as often at step 0 as between
// years 5 and 6 (the S9 placebo).
func startTestCritical(reps int) float64 {
	const comparisons, family = 30, 0.01
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(reps - 1)}.Quantile(1 - family/comparisons/2)
}

// twoYearCycle is the lag-1 autocorrelation of a series of yearly
// readings after its least-squares line is removed: near −1 for a series
// that alternates (a two-year cycle), about −0.18 on average for white
// noise of 11 readings (the removed line's bias; the mean of 10 such
// series has s.d. 0.08 and falls below −0.41 once in a thousand, by
// simulation), positive for a persistent series, and −0.56 on average
// for white noise plus a two-year cycle whose amplitude equals the
// noise's s.d. It is 0 for a series on a line.
func twoYearCycle(x []float64) float64 {
	n := float64(len(x))
	var st, sx, stt, stx float64
	for i, v := range x {
		ti := float64(i)
		st += ti
		sx += v
		stt += ti * ti
		stx += ti * v
	}
	slope := (n*stx - st*sx) / (n*stt - st*st)
	icept := (sx - slope*st) / n
	var c, v, prev float64
	for i, xi := range x {
		d := xi - icept - slope*float64(i)
		v += d * d
		if i > 0 {
			c += d * prev
		}
		prev = d
	}
	if v < 1e-24 {
		return 0
	}
	return c / v
}

func TestTwoYearCycle(t *testing.T) {
	alternate := make([]float64, 11)
	trendy := make([]float64, 11)
	slow := make([]float64, 11)
	line := make([]float64, 11)
	for i := range alternate {
		alternate[i] = float64(1 - 2*(i%2))
		trendy[i] = 0.3*float64(1-2*(i%2)) + 0.1*float64(i)
		slow[i] = math.Sin(2 * math.Pi * float64(i) / 10)
		line[i] = 0.5 - 0.02*float64(i)
	}
	for _, c := range []struct {
		name   string
		x      []float64
		lo, hi float64
	}{
		{"a two-year cycle", alternate, -1, -0.8},
		{"a two-year cycle on a trend", trendy, -1, -0.8},
		{"a ten-year wave", slow, 0.3, 1},
		{"a straight line", line, 0, 0},
	} {
		if got := twoYearCycle(c.x); got < c.lo || got > c.hi {
			t.Errorf("%s: twoYearCycle = %.3f, want in [%g, %g]", c.name, got, c.lo, c.hi)
		}
	}
}

func TestAttractorsLast(t *testing.T) {
	// One parameter set, no levers, two starts: each stays in its own
	// basin for 200 years after the spin-up in a small region (a fifth of
	// the default, 10 replications) — the mean over replications, the
	// attractor, in its regime in at least 90% of the yearly readings, no
	// replication ever reaching the opposite regime — and the high state's
	// high-skill and co-production shares show no trend above 1
	// percentage point per decade after the first 20 years
	// (least-squares slope of the mean over replications of yearly
	// readings). Each replication's years in its regime are logged: since
	// part 2 some settle at their own level in the middle third of the
	// high-skill indicator (ODD §10). The regime is read with the rule the method of ODD §9
	// derives from this region's own attractors (both starts' means after
	// year 50): a small region's attractors differ from the full region's
	// (at a fifth, high-skill 0.85 against 0.88 from the high start), and
	// the full region's bars, a third of the distance from each attractor,
	// would read its noise as regime changes. The full region's record of
	// every year is checked by experiment/examples/attractors.yaml, its
	// labels by scenarios' TestShippedRegimes. At a tenth of the region,
	// noise lets the low start's co-production escape (ODD §10).
	if testing.Short() {
		t.Skip("200-year runs")
	}
	const reps, years = 10, 200
	// series[start][rep][year] = (high-skill share, co-production share).
	var series [2][reps][][2]float64
	for si, start := range []string{"low", "high"} {
		cfg := smallConfig(5, years)
		if start == "high" {
			highStart(&cfg)
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2)
		for rep := range reps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				r, err := New(&cfg, rand.NewPCG(21, uint64(rep)))
				if err != nil {
					t.Error(err)
					return
				}
				var o Observation
				ys := make([][2]float64, 0, years+1)
				r.Observe(&o)
				ys = append(ys, [2]float64{o.Region[HighSkillStrategyShare], o.Region[CoproductionShare]})
				for !r.Done() {
					r.Step()
					if r.Date().MonthOfYear() == cfg.Start.MonthOfYear() {
						r.Observe(&o)
						ys = append(ys, [2]float64{o.Region[HighSkillStrategyShare], o.Region[CoproductionShare]})
					}
				}
				series[si][rep] = ys
			}()
		}
		wg.Wait()
	}
	if t.Failed() {
		return
	}
	// Step 1 of the method on this region: the attractors.
	var attr [2]Attractor
	for si := range series {
		var h, c, n float64
		for _, ys := range series[si] {
			for y := 50; y < len(ys); y++ {
				h += ys[y][0]
				c += ys[y][1]
				n++
			}
		}
		attr[si] = Attractor{HighSkill: h / n, Ties: c / n}
	}
	rule := DeriveRegimeRule(attr[0], attr[1])
	t.Logf("attractors of the small region: low %+v, high %+v; rule %+v", attr[0], attr[1], rule)
	for si, want := range []Regime{LowSkills, Coproduction} {
		for rep, ys := range series[si] {
			inRegime, opposite := 0, false
			for _, v := range ys[1:] {
				g := rule.Classify(v[0], v[1])
				if g == want {
					inRegime++
				}
				opposite = opposite || g == Coproduction-want
			}
			t.Logf("%v start rep %d: %d of %d years in %v, opposite regime reached: %v", want, rep, inRegime, len(ys)-1, want, opposite)
			if opposite {
				t.Errorf("%v start rep %d reached the opposite regime", want, rep)
			}
		}
		inRegime := 0
		for y := 1; y <= years; y++ {
			var h, c float64
			for _, ys := range series[si] {
				h += ys[y][0] / reps
				c += ys[y][1] / reps
			}
			if rule.Classify(h, c) == want {
				inRegime++
			}
		}
		if float64(inRegime) < 0.9*years {
			t.Errorf("%v start: the mean over replications is in %v in %d of %d years, want at least 90%%", want, want, inRegime, years)
		}
	}
	for i, name := range []string{"high_skill_strategy_share", "coproduction_share"} {
		var xs, ys []float64
		for y := 20; y <= years; y++ {
			m := 0.0
			for _, rs := range series[1] {
				m += rs[y][i] / reps
			}
			xs = append(xs, float64(y))
			ys = append(ys, m)
		}
		if slope := olsSlope(xs, ys) * 10; math.Abs(slope) > 0.01 {
			t.Errorf("high state: %s trends %+.4f per decade after year 20, want within ±0.01", name, slope)
		}
	}
}

// olsSlope is the least-squares slope of y on x.
func olsSlope(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i] / float64(len(x))
		my += y[i] / float64(len(y))
	}
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	return sxy / sxx
}

func TestRoutineDriftFollowsTheCalendar(t *testing.T) {
	mix := [NumJobLevels]float64{0.6, 0.22, 0.18}
	for _, c := range []struct {
		name string
		d    float64
		m    Month
		want [NumJobLevels]float64
	}{
		{"no decline", 0, MonthOf(2040, 1), mix},
		{"at the base year", 0.01, MonthOf(2015, 1), mix},
		{"ten years on", 0.01, MonthOf(2025, 1), [NumJobLevels]float64{0.6 + 0.11*(1-math.Pow(0.99, 10)), 0.22 * math.Pow(0.99, 10), 0.18 + 0.11*(1-math.Pow(0.99, 10))}},
		{"ten years before", 0.01, MonthOf(2005, 1), [NumJobLevels]float64{0.6 + 0.11*(1-math.Pow(0.99, -10)), 0.22 * math.Pow(0.99, -10), 0.18 + 0.11*(1-math.Pow(0.99, -10))}},
		{"long before: no share below 0", 0.5, MonthOf(1950, 1), [NumJobLevels]float64{0.6 - 0.18, 0.22 + 0.36, 0}},
	} {
		got := routineDrift(mix, c.d, c.m, 2015, 0.5)
		sum := 0.0
		for k := range got {
			sum += got[k]
			if math.Abs(got[k]-c.want[k]) > 1e-12 || got[k] < 0 {
				t.Errorf("%s: routineDrift = %v, want %v", c.name, got, c.want)
				break
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: shares sum to %v", c.name, sum)
		}
	}
}

func TestJobDesignOfADateDoesNotDependOnTheStart(t *testing.T) {
	// Two runs of the same region starting in 1995 and 2015, with routine
	// decline, design an employer's jobs identically in January 2024.
	var slots [2][NumJobLevels]int32
	for i, start := range []Month{MonthOf(1995, 1), MonthOf(2015, 1)} {
		cfg := smallConfig(50, 1)
		cfg.SpinUpYears = 0
		cfg.Labour.RoutineDecline = 0.02
		cfg.Start, cfg.End = start, MonthOf(2025, 1)
		r, err := New(&cfg, rand.NewPCG(1, 1))
		if err != nil {
			t.Fatal(err)
		}
		r.step = (int(MonthOf(2024, 1)) - int(start)) / cfg.StepMonths
		e := employer{sector: 3, headcount: 200, dither: 0.5, highSpec: true}
		r.design(&e)
		slots[i] = e.slots
	}
	if slots[0] != slots[1] {
		t.Errorf("January 2024 designs: %v from a 1995 start, %v from a 2015 start", slots[0], slots[1])
	}
}
