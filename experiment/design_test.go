package experiment

import (
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"skillsim/model"
	"skillsim/scenarios"
)

func TestGrid(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
replications: 3
design: {levels: 3}
parameters:
  - {path: behaviour.noise, values: [0.01, 0.02]}
  - {path: colleges.newham.outreach, range: [0, 1]}
  - {path: labour_market.applicants, range: [1, 4], levels: 4}
`)
	if len(e.Points) != 2*3*4 || e.Runs() != 2*3*4*3 {
		t.Fatalf("%d points and %d runs, want 24 and 72", len(e.Points), e.Runs())
	}
	want := [][]float64{{0.01, 0, 1}, {0.01, 0, 2}, {0.01, 0, 3}, {0.01, 0, 4}, {0.01, 0.5, 1}}
	if !reflect.DeepEqual(e.Points[:5], want) {
		t.Errorf("first points %v, want %v (first parameter slowest)", e.Points[:5], want)
	}
	if last := e.Points[23]; !slices.Equal(last, []float64{0.02, 1, 4}) {
		t.Errorf("last point %v, want [0.02 1 4]", last)
	}
	seen := map[[3]float64]bool{}
	for _, p := range e.Points {
		seen[[3]float64(p)] = true
	}
	if len(seen) != 24 {
		t.Errorf("%d distinct points, want 24", len(seen))
	}
}

func TestLatinHypercubeOnePerStratum(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
design: {method: lhs, points: 50, seed: 3}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
  - {path: behaviour.trust_loss, range: [0.2, 0.6]}
  - {path: initial.trust, range: [0, 1]}
`)
	if len(e.Points) != 50 {
		t.Fatalf("%d points, want 50", len(e.Points))
	}
	for j, p := range e.Params {
		strata := make([]int, 50)
		for _, pt := range e.Points {
			u := (pt[j] - p.Low) / (p.High - p.Low)
			if u < 0 || u >= 1 {
				t.Fatalf("parameter %s: %v outside its range", p.Path, pt[j])
			}
			strata[int(u*50)]++
		}
		for s, n := range strata {
			if n != 1 {
				t.Errorf("parameter %s: stratum %d holds %d points, want 1", p.Path, s, n)
			}
		}
	}
	// The columns are permuted independently, not in step.
	if slices.Equal(strataOrder(e, 0), strataOrder(e, 1)) {
		t.Error("two columns visit the strata in the same order")
	}
}

func strataOrder(e *Experiment, j int) []int {
	var out []int
	p := e.Params[j]
	for _, pt := range e.Points {
		out = append(out, int((pt[j]-p.Low)/(p.High-p.Low)*float64(len(e.Points))))
	}
	return out
}

func TestSaltelliLayout(t *testing.T) {
	t.Parallel()
	const n, k = 16, 3
	e := mustParse(t, `
base: tiny
design: {method: sobol, points: 16}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
  - {path: behaviour.trust_loss, range: [0.2, 0.6]}
  - {path: initial.trust, range: [0, 1]}
`)
	if len(e.Points) != n*(k+2) {
		t.Fatalf("%d points, want N·(k+2) = %d", len(e.Points), n*(k+2))
	}
	a := func(r int) []float64 { return e.Points[e.SobolPoint(0, r)] }
	b := func(r int) []float64 { return e.Points[e.SobolPoint(1, r)] }
	for i := range k {
		for r := range n {
			ab := e.Points[(2+i)*n+r]
			if e.SobolPoint(2+i, r) != (2+i)*n+r {
				t.Fatal("SobolPoint disagrees with the documented layout")
			}
			for j := range k {
				want := a(r)[j]
				if j == i {
					want = b(r)[j]
				}
				if ab[j] != want {
					t.Fatalf("A_B^%d row %d column %d is %v, want %v (column %d from B, the others from A)", i, r, j, ab[j], want, i)
				}
			}
		}
	}
	for r := range n {
		if slices.Equal(a(r), b(r)) {
			t.Errorf("A and B share row %d", r)
		}
	}
	// A and B are low-discrepancy, not pseudo-random: with N = 16 each
	// column of each holds one point in each sixteenth of its range.
	for block := range 2 {
		for j, p := range e.Params {
			seen := make([]bool, n)
			for r := range n {
				x := (e.Points[e.SobolPoint(block, r)][j] - p.Low) / (p.High - p.Low)
				seen[min(int(x*n), n-1)] = true
			}
			if slices.Contains(seen, false) {
				t.Errorf("block %d, column %d is not stratified: %v", block, j, seen)
			}
		}
	}
}

func TestSaltelliTooManyParameters(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("base: tiny\ndesign: {method: sobol, points: 8}\nparameters:\n")
	for _, path := range scenarios.Paths(tinyBase())[:MaxSobolDims/2+1] {
		b.WriteString("  - {path: " + path + ", range: [0, 1]}\n")
	}
	_, err := Parse("many.yaml", []byte(b.String()), load)
	if err == nil || !strings.Contains(err.Error(), "many.yaml:3:1: parameters: 21 parameters; a Saltelli design varies at most 20") {
		t.Errorf("a Saltelli design of 21 parameters: %v", err)
	}
}

func TestMorrisTrajectories(t *testing.T) {
	t.Parallel()
	const r, k, levels = 20, 4, 4
	e := mustParse(t, `
base: tiny
design: {method: morris, points: 20, levels: 4, seed: 9}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
  - {path: behaviour.trust_loss, range: [0.2, 0.6]}
  - {path: initial.trust, range: [0, 1]}
  - {path: colleges.newham.outreach, range: [0, 1]}
`)
	if len(e.Points) != r*(k+1) {
		t.Fatalf("%d points, want r·(k+1) = %d", len(e.Points), r*(k+1))
	}
	delta := MorrisDelta(levels)
	if delta != 2.0/3 {
		t.Errorf("Δ = %v, want 2/3 for 4 levels", delta)
	}
	for p, pt := range e.Points {
		for j, x := range pt {
			u := (x - e.Params[j].Low) / (e.Params[j].High - e.Params[j].Low) * (levels - 1)
			if !scalar.EqualWithinAbs(u, math.Round(u), 1e-9) {
				t.Fatalf("point %d parameter %d: %v is off the grid", p, j, x)
			}
		}
		j, d, ok := e.MorrisStep(p)
		if p%(k+1) == 0 {
			if ok {
				t.Errorf("point %d starts a trajectory but MorrisStep reports a step", p)
			}
			continue
		}
		if !ok {
			t.Fatalf("point %d: no Morris step", p)
		}
		changed := 0
		for i := range k {
			if pt[i] != e.Points[p-1][i] {
				changed++
				if i != j {
					t.Errorf("point %d changed parameter %d, MorrisStep says %d", p, i, j)
				}
			}
		}
		if changed != 1 {
			t.Errorf("point %d differs from the one before in %d parameters, want 1", p, changed)
		}
		rng := e.Params[j].High - e.Params[j].Low
		if !scalar.EqualWithinAbs(math.Abs(d), delta*rng, 1e-9) {
			t.Errorf("point %d: step %v, want ±Δ·range = %v", p, d, delta*rng)
		}
	}
	// Every parameter moves once per trajectory.
	for tr := range r {
		var moved []int
		for m := 1; m <= k; m++ {
			j, _, _ := e.MorrisStep(tr*(k+1) + m)
			moved = append(moved, j)
		}
		slices.Sort(moved)
		if !slices.Equal(moved, []int{0, 1, 2, 3}) {
			t.Errorf("trajectory %d moves parameters %v", tr, moved)
		}
	}
}

func TestHysteresisDesign(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
replications: 3
design: {method: hysteresis}
hysteresis: {path: policies.network.budget, values: [0, 100000, 200000], years: 2}
`)
	want := [][]float64{{0}, {100000}, {200000}, {100000}, {0}}
	if !reflect.DeepEqual(e.Points, want) {
		t.Errorf("points %v, want %v", e.Points, want)
	}
	var phases []string
	for p := range e.Points {
		phases = append(phases, e.Phase(p))
	}
	if !slices.Equal(phases, []string{"up", "up", "up", "down", "down"}) {
		t.Errorf("phases %v", phases)
	}
	if e.Runs() != 15 {
		t.Errorf("%d runs, want 3 replications × 5 steps", e.Runs())
	}
	for i := range e.Runs() {
		p, rep := e.RunInfo(i)
		if p != i%5 || rep != i/5 || e.Run(p, rep) != i {
			t.Errorf("run %d: point %d rep %d", i, p, rep)
		}
		if e.Stream(i) != uint64(rep*5) || e.Unit(i) != rep {
			t.Errorf("run %d: stream %d unit %d", i, e.Stream(i), e.Unit(i))
		}
	}
	h := e.Header()
	if strings.Join(h[:7], ",") != "run,point,rep,seed,policies.network.budget,phase,regime" {
		t.Errorf("header %v", h[:7])
	}
	// Each step's scenario runs to the end of its step; the lever is on
	// from the start of the run.
	for p := range e.Points {
		cfg, err := e.Config(p)
		if err != nil {
			t.Fatalf("step %d: %v", p, err)
		}
		if cfg.End != cfg.Start+model.Month(24*(p+1)) {
			t.Errorf("step %d ends %s", p, cfg.End)
		}
		if n := cfg.Policies.Network; n == nil || n.Start != cfg.Start || n.End != nil || n.Budget != e.Points[p][0] {
			t.Errorf("step %d: network %+v", p, n)
		}
	}
	if e.Base.Policies.Network != nil {
		t.Error("Config changed the base")
	}
}

func TestDesignsAreDeterministic(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"lhs", "sobol", "morris"} {
		data, err := os.ReadFile("testdata/" + f + ".experiment.yaml")
		if err != nil {
			t.Fatal(err)
		}
		a, err := Parse(f, data, load)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Parse(f, data, load)
		if !reflect.DeepEqual(a.Points, b.Points) {
			t.Errorf("%s: two parses give different points", f)
		}
	}
	// A different design seed gives a different design; the master seed
	// alone does not change it when the design seed is given.
	base := "base: tiny\ndesign: {method: lhs, points: 10, seed: %s}\nseed: %s\nparameters: [{path: behaviour.noise, range: [0, 1]}]\n"
	p := func(ds, s string) [][]float64 {
		return mustParse(t, strings.Replace(strings.Replace(base, "%s", ds, 1), "%s", s, 1)).Points
	}
	if reflect.DeepEqual(p("1", "1"), p("2", "1")) {
		t.Error("the design seed does not change the design")
	}
	if !reflect.DeepEqual(p("1", "1"), p("1", "2")) {
		t.Error("the master seed changes a design whose seed is given")
	}
}

func TestWholeNumberParametersAreRounded(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
design: {method: lhs, points: 10}
parameters:
  - {path: labour_market.applicants, range: [1, 6]}
`)
	if !e.Params[0].Whole {
		t.Error("applicants is not marked whole")
	}
	for _, pt := range e.Points {
		if pt[0] != math.Round(pt[0]) {
			t.Errorf("applicants %v is not whole", pt[0])
		}
	}
}

func TestResolvedRoundTrip(t *testing.T) {
	t.Parallel()
	files, _ := os.ReadDir("testdata")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".experiment.yaml") {
			continue
		}
		data, err := os.ReadFile("testdata/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		e, err := Parse(f.Name(), data, load)
		if err != nil {
			t.Fatalf("%s: %v", f.Name(), err)
		}
		res, err := e.Resolved()
		if err != nil {
			t.Fatalf("%s: %v", f.Name(), err)
		}
		back, err := Parse("experiment.resolved.yaml", res, nil)
		if err != nil {
			t.Fatalf("%s: Parse of the resolved file:\n%v\n--- resolved:\n%s", f.Name(), err, res)
		}
		if !reflect.DeepEqual(e, back) {
			t.Errorf("%s: the resolved file parses to a different experiment:\n%+v\n%+v", f.Name(), e, back)
		}
		again, _ := back.Resolved()
		if string(again) != string(res) {
			t.Errorf("%s: resolving twice changes the file", f.Name())
		}
	}
}
