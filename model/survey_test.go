package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSurveyDefinitions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name                  string
		slots, filled, qual   [NumJobLevels]int32
		open                  [NumJobLevels]int32
		shortage              uint8
		vac, hard, short, gap int32
	}{
		{"no vacancies", [3]int32{5, 2, 1}, [3]int32{5, 2, 1}, [3]int32{5, 2, 1}, [3]int32{1, 1, 1}, 7, 0, 0, 0, 0},
		{"new vacancies are not hard to fill", [3]int32{5, 2, 1}, [3]int32{4, 1, 0}, [3]int32{4, 1, 0}, [3]int32{}, 7, 3, 0, 0, 0},
		{"open through two rounds", [3]int32{5, 2, 1}, [3]int32{4, 1, 0}, [3]int32{4, 1, 0}, [3]int32{2, 1, 1}, 0, 3, 3, 0, 0},
		{"hard to fill is at most the vacancies", [3]int32{5, 4, 1}, [3]int32{4, 3, 1}, [3]int32{4, 3, 1}, [3]int32{3, 3, 3}, 0, 2, 2, 0, 0},
		{"skill shortage only where applicants lacked the qualification", [3]int32{5, 4, 2}, [3]int32{3, 1, 0}, [3]int32{3, 1, 0}, [3]int32{2, 3, 1}, 1<<JobIntermediate | 1<<JobHigh, 7, 6, 4, 0},
		{"a reason without a hard-to-fill vacancy counts nothing", [3]int32{5, 4, 2}, [3]int32{3, 1, 0}, [3]int32{3, 1, 0}, [3]int32{}, 0b111, 7, 0, 0, 0},
		{"skills gaps at intermediate and high levels", [3]int32{5, 4, 2}, [3]int32{5, 4, 2}, [3]int32{5, 1, 1}, [3]int32{}, 0, 0, 0, 0, 4},
		{"over-filled posts count no vacancy", [3]int32{2, 1, 0}, [3]int32{3, 1, 1}, [3]int32{3, 0, 1}, [3]int32{1, 1, 1}, 0, 0, 0, 0, 1},
	} {
		e := employer{slots: c.slots, filled: c.filled, qualified: c.qual, open: c.open, shortage: c.shortage}
		got := e.survey()
		want := surveyCounts{vacancies: c.vac, hard: c.hard, shortage: c.short, gap: c.gap}
		if got != want {
			t.Errorf("%s: survey() = %+v, want %+v", c.name, got, want)
		}
	}
}

func TestOverqualified(t *testing.T) {
	t.Parallel()
	want := map[[2]uint8]bool{
		{Level2, JobLow}: false, {Level3, JobLow}: true, {Level4, JobLow}: true,
		{Level2, JobIntermediate}: false, {Level3, JobIntermediate}: false, {Level4, JobIntermediate}: true,
		{Level3, JobHigh}: false, {Level4, JobHigh}: false, {LevelEntry, JobLow}: false,
	}
	for c, w := range want {
		if got := overqualified(c[0], c[1]); got != w {
			t.Errorf("overqualified(level %d, job %d) = %v, want %v", c[0], c[1], got, w)
		}
	}
}

// surveyRegion builds a small region that runs for years, from the high
// start if high.
func surveyRegion(t *testing.T, seed uint64, years int, high bool) *Region {
	t.Helper()
	cfg := smallConfig(25, years)
	if high {
		highStart(&cfg)
	}
	r, err := New(&cfg, rand.NewPCG(seed, 3))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestOverqualifiedSharesFollowTheLevels(t *testing.T) {
	t.Parallel()
	r := surveyRegion(t, 1, 1, false)
	for range 6 {
		r.Step()
	}
	var o Observation
	r.Observe(&o)
	if v := o.Region[OverqualifiedShare]; v <= 0 || v >= 1 {
		t.Errorf("over-qualified share %v, want inside (0, 1)", v)
	}
	// Nobody above their job's level: no one is over-qualified.
	for i := range r.persons {
		if p := &r.persons[i]; p.working() {
			p.level = requiredLevel[p.jobLevel]
		}
	}
	r.Observe(&o)
	if o.Region[OverqualifiedShare] != 0 || o.Region[GraduateOverqualified] != 0 {
		t.Errorf("with every worker at their job's level: over-qualified %v, graduates %v, want 0",
			o.Region[OverqualifiedShare], o.Region[GraduateOverqualified])
	}
	for s := range o.Sectors {
		if o.Sectors[s][SectorOverqualifiedShare] != 0 {
			t.Errorf("sector %d over-qualified share %v, want 0", s, o.Sectors[s][SectorOverqualifiedShare])
		}
	}
	// Every worker a graduate: those not in high jobs are over-qualified.
	var employees, notHigh float64
	for i := range r.persons {
		if p := &r.persons[i]; p.working() {
			p.level = Level4
			employees++
			if p.jobLevel != JobHigh {
				notHigh++
			}
		}
	}
	r.Observe(&o)
	want := notHigh / employees
	if math.Abs(o.Region[OverqualifiedShare]-want) > 1e-12 || math.Abs(o.Region[GraduateOverqualified]-want) > 1e-12 {
		t.Errorf("every worker a graduate: over-qualified %v and %v, want %v",
			o.Region[OverqualifiedShare], o.Region[GraduateOverqualified], want)
	}
}

// checkGroups checks the employer-group survey g of r against recounts.
func checkGroups(t *testing.T, r *Region, g *GroupObservation, separations float64) {
	t.Helper()
	nS := len(r.sectors)
	if len(g.Sectors) != nS+1 {
		t.Fatalf("%d sector entries, want %d", len(g.Sectors), nS+1)
	}
	var employers, jobs []float64 = make([]float64, nS+1), make([]float64, nS+1)
	for i := range r.employers {
		e := &r.employers[i]
		for _, s := range []int{int(e.sector), nS} {
			employers[s]++
			jobs[s] += float64(e.filled[0] + e.filled[1] + e.filled[2])
		}
	}
	dimensions := [][]EmployerGroup{
		{GroupTrains, GroupNoTraining},
		{GroupHighSpec, GroupLowSpec},
		{GroupMicro, GroupSmallMedium, GroupLarge},
		{GroupCoproducing, GroupTransactional, GroupUntied},
	}
	for s := range nS + 1 {
		for _, dim := range dimensions {
			var n, j, leavers float64
			for _, gr := range dim {
				x := &g.Sectors[s][gr]
				n += x[GroupEmployers]
				j += x[GroupJobs]
				leavers += x[GroupTurnoverRate] * x[GroupJobs] * float64(g.WindowMonths) / 12
			}
			if n != employers[s] || j != jobs[s] {
				t.Errorf("sector %d, groups %v: %v employers and %v jobs, want %v and %v", s, dim, n, j, employers[s], jobs[s])
			}
			if s == nS && math.Abs(leavers-separations) > 1e-6*max(1, separations) {
				t.Errorf("groups %v: %v leavers over the window, want the %v separations", dim, leavers, separations)
			}
		}
		for gr := range NumGroups {
			x := &g.Sectors[s][gr]
			for m := range NumGroupMetrics {
				v := x[m]
				if math.IsNaN(v) || v < 0 {
					t.Fatalf("sector %d %s %s = %v", s, gr, m, v)
				}
				switch m {
				case GroupEmployers, GroupJobs, GroupTurnoverRate, GroupMeanWage:
				default:
					if v > 1 {
						t.Errorf("sector %d %s: share %s = %v above 1", s, gr, m, v)
					}
				}
			}
			if x[GroupSkillShortageVacancyDensity] > x[GroupHardToFillVacancyShare] {
				t.Errorf("sector %d %s: skill-shortage density %v above the hard-to-fill share %v",
					s, gr, x[GroupSkillShortageVacancyDensity], x[GroupHardToFillVacancyShare])
			}
		}
		if v := g.Sectors[s][GroupTrains][GroupTrainingShare]; g.Sectors[s][GroupTrains][GroupEmployers] > 0 && v != 1 {
			t.Errorf("sector %d: training share of trainers %v", s, v)
		}
		if v := g.Sectors[s][GroupNoTraining][GroupTrainingShare]; v != 0 {
			t.Errorf("sector %d: training share of non-trainers %v", s, v)
		}
	}
}

func TestEmployerGroupsAddUp(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		r := surveyRegion(t, seed, 3, seed == 1)
		var g GroupObservation
		r.ObserveGroups(&g)
		checkGroups(t, r, &g, 0)
		separations := 0.0
		for !r.Done() {
			r.Step()
			for s := range r.sectors {
				separations += float64(r.sectors[s].separations)
			}
			if r.step%12 != 5 {
				continue
			}
			r.ObserveGroups(&g)
			if g.Step != r.step || g.Date != r.Date() || g.WindowMonths != 12 && g.Step != 5 {
				t.Fatalf("survey at step %d (%s) over %d months", g.Step, g.Date, g.WindowMonths)
			}
			checkGroups(t, r, &g, separations)
			r.RestartGroupFlows()
			separations = 0
		}
	}
}

func TestSurveyIndicatorsAreOrdered(t *testing.T) {
	t.Parallel()
	r := surveyRegion(t, 4, 4, false)
	var o Observation
	var hard, shortage, gaps, steps float64
	for !r.Done() {
		r.Step()
		r.Observe(&o)
		m := &o.Region
		if m[ShortageDensity] > m[HardToFillShare] || m[HardToFillShare] > 1 {
			t.Fatalf("step %d: skill-shortage density %v, hard-to-fill share %v", r.step, m[ShortageDensity], m[HardToFillShare])
		}
		if m[SkillsGapStaffShare] > m[SkillsGapShare] && m[SkillsGapShare] == 0 {
			t.Fatalf("step %d: staff with gaps but no employer with one", r.step)
		}
		for s := range o.Sectors {
			x := &o.Sectors[s]
			if x[SectorShortageDensity] > x[SectorHardToFillShare] {
				t.Fatalf("step %d sector %d: skill-shortage density %v above hard-to-fill share %v", r.step, s, x[SectorShortageDensity], x[SectorHardToFillShare])
			}
		}
		hard += m[HardToFillShare]
		shortage += m[ShortageDensity]
		gaps += m[SkillsGapShare]
		steps++
	}
	// The model has both kinds of problem: over four years some
	// vacancies stay open through two rounds, some for want of qualified
	// applicants, and some employers hold under-qualified staff.
	if hard/steps <= 0.01 || shortage/steps <= 0.001 || gaps/steps <= 0.01 {
		t.Errorf("mean hard-to-fill share %v, skill-shortage density %v, skills-gap share %v: a measure is never observed",
			hard/steps, shortage/steps, gaps/steps)
	}
}

func TestSurveyingDoesNotChangeTheRun(t *testing.T) {
	t.Parallel()
	run := func(survey bool) [NumMetrics]float64 {
		cfg := smallConfig(25, 3)
		r, _ := New(&cfg, rand.NewPCG(5, 5))
		var g GroupObservation
		for !r.Done() {
			if survey {
				r.ObserveGroups(&g)
				r.RestartGroupFlows()
			}
			r.Step()
		}
		var o Observation
		r.Observe(&o)
		return o.Region
	}
	if run(true) != run(false) {
		t.Error("surveying the employer groups every step changed the outcome")
	}
}
