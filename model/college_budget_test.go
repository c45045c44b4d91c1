package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestStepBudget(t *testing.T) {
	t.Parallel()
	cb := DefaultCollegeBehaviour() // target 2 months, recovery 3 years, adjustment 0.5 a year
	// In a month staff close 1/24 of the gap to what spending leaves.
	const monthStaff = 40 - (40-(120-20.0/24-80))/24
	for _, c := range []struct {
		name                        string
		in                          collegeBudget
		dt                          float64
		spending, staff, costs, bal float64
	}{
		// At its plan (income covers committed costs and wanted staff,
		// reserves at target) nothing moves.
		{"steady", collegeBudget{income: 120, committed: 80, want: 40, spending: 120, staff: 40, balance: 20}, 1, 120, 40, 120, 20},
		// Income falls: spending closes half the gap to the plan in a
		// year, partnership staff half the gap to what spending leaves,
		// and costs (committed + staff, above spending) are paid from
		// reserves.
		{"cut", collegeBudget{income: 100, committed: 80, want: 40, spending: 120, staff: 40, balance: 20}, 1, 110, 35, 115, 5},
		// Reserves below target: the plan spends less than income to
		// rebuild them (income + (0 − 20)/3).
		{"rebuild", collegeBudget{income: 120, committed: 80, want: 40, spending: 120, staff: 40, balance: 0}, 1, 120 - 10.0/3, 40 - 10.0/6, 80 + 40 - 10.0/6, 10.0 / 6},
		// Committed costs above income: no staff, costs are the committed
		// costs whatever the plan.
		{"insolvent", collegeBudget{income: 50, committed: 80, want: 40, spending: 80, staff: 0, balance: 0}, 1, 80 - 0.5*(30+80*2.0/12/3), 0, 80, -30},
		// A month: the adjustment is rate·dt.
		{"month", collegeBudget{income: 100, committed: 80, want: 40, spending: 120, staff: 40, balance: 20}, 1.0 / 12, 120 - 20.0/24, monthStaff, 80 + monthStaff, 20 + (100-80-monthStaff)/12},
	} {
		b := c.in
		costs, staff := stepBudget(&b, &cb, c.dt)
		if !near(b.spending, c.spending) || !near(staff, c.staff) || !near(b.staff, c.staff) || !near(costs, c.costs) || !near(b.balance, c.bal) {
			t.Errorf("%s: spending %v staff %v costs %v balance %v, want %v %v %v %v", c.name, b.spending, staff, costs, b.balance, c.spending, c.staff, c.costs, c.bal)
		}
	}
}

func TestBudgetSettles(t *testing.T) {
	t.Parallel()
	// Over the spin-up's horizon a college with constant income settles
	// at break-even with its reserves at target, from any start.
	cb := DefaultCollegeBehaviour()
	for _, start := range []collegeBudget{
		{income: 500, committed: 300, want: 150, spending: 450, staff: 150, balance: 75},
		{income: 500, committed: 300, want: 150, spending: 900, staff: 0, balance: -400},
		{income: 500, committed: 300, want: 150, spending: 100, staff: 150, balance: 2000},
	} {
		b := start
		var costs float64
		for range 12 * 50 {
			costs, _ = stepBudget(&b, &cb, 1.0/12)
		}
		if math.Abs(costs-b.income) > 0.01 || math.Abs(b.balance-cb.ReserveTargetMonths/12*costs) > 0.01 || math.Abs(b.staff-b.want) > 0.01 {
			t.Errorf("from %+v: costs %.2f balance %.2f staff %.2f after 50 years, want %v, %v, %v", start, costs, b.balance, b.staff, b.income, cb.ReserveTargetMonths/12*b.income, b.want)
		}
	}
}

func TestPlannedPlaces(t *testing.T) {
	t.Parallel()
	cb := DefaultCollegeBehaviour()
	cb.ProvisionHeadroom = 0.5
	for _, c := range []struct {
		name                          string
		w                             float64
		learners, employers, fallback []float64
		establishment                 float64
		want                          []float64
	}{
		// Places follow learners, with headroom.
		{"learners", 0, []float64{10, 30}, []float64{1, 1}, []float64{1, 1}, 100, []float64{15, 45}},
		// The mission weight moves places towards employers' demand.
		{"mission", 0.5, []float64{10, 30}, []float64{3, 1}, []float64{1, 1}, 100, []float64{0.5 * 60 * (0.25 + 0.75), 0.5 * 60 * (0.75 + 0.25)}},
		// At most the establishment.
		{"capped", 0, []float64{50, 50}, []float64{1, 1}, []float64{1, 1}, 60, []float64{30, 30}},
		// No learners yet: the whole establishment by interest.
		{"no learners", 0, []float64{0, 0}, []float64{1, 1}, []float64{1, 3}, 100, []float64{25, 75}},
		// No employers' demand: learners alone, whatever the weight.
		{"no posts", 1, []float64{10, 30}, []float64{0, 0}, []float64{1, 1}, 100, []float64{15, 45}},
	} {
		cb.ProvisionEmployerWeight = c.w
		got := make([]float64, len(c.want))
		plannedPlaces(got, c.learners, c.employers, c.fallback, c.establishment, &cb)
		for s := range got {
			if !near(got[s], c.want[s]) {
				t.Errorf("%s: places %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}

func TestInDifficulty(t *testing.T) {
	t.Parallel()
	cb := DefaultCollegeBehaviour() // difficulty below 1 month of costs
	for _, c := range []struct {
		balance, costs float64
		want           bool
	}{
		{100, 1200, false}, // exactly one month
		{99, 1200, true},
		{-5, 1200, true},
		{500, 1200, false},
	} {
		if got := inDifficulty(c.balance, c.costs, &cb); got != c.want {
			t.Errorf("balance %v costs %v: difficulty %v, want %v", c.balance, c.costs, got, c.want)
		}
	}
}

func TestAreaReviewMergesTheWeak(t *testing.T) {
	t.Parallel()
	months := map[int]float64{0: 3, 1: -1, 2: 5, 3: 0.5}
	m := func(c int) float64 { return months[c] }
	for _, c := range []struct {
		name     string
		idx      []int
		weak     []bool
		survivor int
		absorbed []int
	}{
		{"none weak", []int{0, 1, 2}, []bool{false, false, false}, 2, nil},
		{"one weak", []int{0, 1}, []bool{false, true}, 0, []int{1}},
		{"strongest survives", []int{0, 1, 2, 3}, []bool{false, true, false, true}, 2, []int{1, 3}},
		{"all weak", []int{1, 3}, []bool{true, true}, 3, []int{1}},
		{"the strong one is not absorbed", []int{2, 1}, []bool{false, true}, 2, []int{1}},
	} {
		survivor, absorbed := strongest(c.idx, c.weak, m)
		if len(c.absorbed) > 0 && survivor != c.survivor || len(absorbed) != len(c.absorbed) {
			t.Errorf("%s: survivor %d absorbs %v, want %d absorbing %v", c.name, survivor, absorbed, c.survivor, c.absorbed)
			continue
		}
		for i := range absorbed {
			if absorbed[i] != c.absorbed[i] {
				t.Errorf("%s: absorbs %v, want %v", c.name, absorbed, c.absorbed)
			}
		}
	}
}

func TestReviewMergesOnlyCollegesInDifficulty(t *testing.T) {
	t.Parallel()
	// A review of two colleges merges them only when one has been in
	// difficulty for difficulty_months; the weak one is absorbed by the
	// strong one, whatever the order the review names them in, and the
	// survivor takes its learners, budget and places.
	for _, weak := range []int{-1, 0, 1} {
		cfg := smallConfig(20, 1)
		r, err := New(&cfg, rand.NewPCG(3, 1))
		if err != nil {
			t.Fatal(err)
		}
		r.Step()
		for c := range r.colleges {
			r.colleges[c].balance = r.colleges[c].costs / 12 * 3
			r.colleges[c].weakMonths = 0
		}
		if weak >= 0 {
			r.colleges[weak].weakMonths = cfg.Behaviour.Colleges.DifficultyMonths
			r.colleges[weak].balance = -1
		}
		before := r.colleges[0].enrolled + r.colleges[1].enrolled
		balance := r.colleges[0].balance + r.colleges[1].balance
		r.merge(&Merger{Colleges: []string{cfg.Colleges[0].Name, cfg.Colleges[1].Name}, StaffTurnover: 0.5})
		merged := r.colleges[0].merged || r.colleges[1].merged
		if merged != (weak >= 0) {
			t.Errorf("weak college %d: merged %v", weak, merged)
			continue
		}
		if weak < 0 {
			continue
		}
		keep := &r.colleges[1-weak]
		if !r.colleges[weak].merged || keep.merged {
			t.Errorf("weak college %d: the weak one merged %v, the strong one %v", weak, r.colleges[weak].merged, keep.merged)
		}
		if keep.enrolled != before || !near(keep.balance, balance) || r.activeColleges != len(cfg.Colleges)-1 {
			t.Errorf("weak college %d: survivor has %d learners and £%.0f, want %d and £%.0f; %d active colleges", weak, keep.enrolled, keep.balance, before, balance, r.activeColleges)
		}
	}
}
