package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPeelQuantile(t *testing.T) {
	t.Parallel()
	seq := make([]float64, 20)
	for i := range seq {
		seq[i] = float64(i)
	}
	for _, tc := range []struct {
		data []float64
		q    float64
		want float64
	}{
		{seq, 0.05, 0.5},  // i = 0.95: between 0 and 1
		{seq, 0.95, 18.5}, // i = 18.05: between 18 and 19
		{[]float64{1, 1, 1, 2, 3}, 0.05, 1.5},
		{[]float64{1, 2, 3, 3, 3}, 0.95, 2.5},
		{[]float64{2, 2, 2}, 0.05, 2},
		{[]float64{2, 2, 2}, 0.95, 2},
	} {
		if got := peelQuantile(tc.data, tc.q); got != tc.want {
			t.Errorf("peelQuantile(%v, %g) = %g, want %g", tc.data, tc.q, got, tc.want)
		}
	}
}

func TestPRIMOneDimension(t *testing.T) {
	t.Parallel()
	// x = 0..19, y = x ≥ 10: each step peels one point from below (the
	// upper peel would lower the density), until the box [9.5, 19] holds
	// exactly the cases of interest.
	var X [][]float64
	var y []bool
	for i := range 20 {
		X = append(X, []float64{float64(i)})
		y = append(y, i >= 10)
	}
	r := PRIM(X, []string{"x"}, y, PRIMOptions{})
	if len(r.Trajectory) != 11 {
		t.Fatalf("trajectory of %d boxes, want 11", len(r.Trajectory))
	}
	for s, b := range r.Trajectory {
		if b.Step != s || b.N != 20-s || b.Hits != 10 || b.Coverage != 1 || b.Density != 10/float64(20-s) {
			t.Errorf("box %d: %+v", s, b)
		}
		if s == 0 && len(b.Limits) != 0 {
			t.Errorf("box 0 restricts %v", b.Limits)
		}
		if s > 0 && (len(b.Limits) != 1 || b.Limits[0].Low != float64(s)-0.5 || b.Limits[0].High != 19) {
			t.Errorf("box %d: limits %+v", s, b.Limits)
		}
	}
	if r.Chosen != 10 || r.Rule != RuleDensity || r.Positives != 10 || r.N != 20 {
		t.Errorf("chosen %d by %q, positives %d", r.Chosen, r.Rule, r.Positives)
	}
	if r.Options != (PRIMOptions{Alpha: 0.05, MinMass: 0.05, Threshold: 0.8}) {
		t.Errorf("options %+v", r.Options)
	}
}

func TestPRIMScenarioDiscovery(t *testing.T) {
	t.Parallel()
	// y = x1 > 0.6 && x2 < 0.3 over [0, 1]³; x3 is irrelevant.
	rng := rand.New(rand.NewPCG(1, 1))
	var X [][]float64
	var y []bool
	for range 2000 {
		x := []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		X = append(X, x)
		y = append(y, x[0] > 0.6 && x[1] < 0.3)
	}
	names := []string{"x1", "x2", "x3"}
	r := PRIM(X, names, y, PRIMOptions{})
	if r.Chosen < 0 || r.Rule != RuleDensity {
		t.Fatalf("chosen %d by %q", r.Chosen, r.Rule)
	}
	b := r.Trajectory[r.Chosen]
	if b.Density <= 0.8 || b.Coverage <= 0.7 {
		t.Errorf("chosen box density %.3f, coverage %.3f", b.Density, b.Coverage)
	}
	// The box with every parameter's range, restricted or not.
	box := [][2]float64{{0, 1}, {0, 1}, {0, 1}}
	for _, l := range b.Limits {
		box[l.Index] = [2]float64{l.Low, l.High}
		if l.Param != names[l.Index] {
			t.Errorf("limit %+v misnamed", l)
		}
	}
	want := [][2]float64{{0.6, 1}, {0, 0.3}, {0, 1}}
	for d := range want {
		if math.Abs(box[d][0]-want[d][0]) > 0.1 || math.Abs(box[d][1]-want[d][1]) > 0.1 {
			t.Errorf("%s in [%.3f, %.3f], want [%g, %g] ± 0.1", names[d], box[d][0], box[d][1], want[d][0], want[d][1])
		}
	}
	for s := 1; s < len(r.Trajectory); s++ {
		p, q := r.Trajectory[s-1], r.Trajectory[s]
		if !(q.Mass < p.Mass) || !(q.Density > p.Density) || q.Coverage > p.Coverage || q.Mass < 0.05 {
			t.Errorf("step %d: %+v after %+v", s, q, p)
		}
	}

	var buf bytes.Buffer
	if err := WritePRIMCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "step,chosen,coverage,density,mass,n,hits,restricted,x1_low,x1_high,x2_low,x2_high,x3_low,x3_high" ||
		len(lines) != len(r.Trajectory)+1 || !strings.HasPrefix(lines[1], "0,false,1,") || !strings.HasSuffix(lines[1], ",0,,,,,,") {
		t.Errorf("csv starts\n%s\n%s", lines[0], lines[1])
	}
	if !strings.Contains(lines[r.Chosen+1], ",true,") {
		t.Errorf("chosen row %s", lines[r.Chosen+1])
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("json: %v", err)
	}
}

func TestPRIMFallbackRule(t *testing.T) {
	t.Parallel()
	// y independent of X at rate 0.3: no box reaches density 0.8, so the
	// box with the greatest density·coverage is chosen.
	rng := rand.New(rand.NewPCG(5, 5))
	var X [][]float64
	var y []bool
	for range 1000 {
		X = append(X, []float64{rng.Float64(), rng.Float64()})
		y = append(y, rng.Float64() < 0.3)
	}
	r := PRIM(X, []string{"a", "b"}, y, PRIMOptions{})
	if r.Rule != RuleDensityCoverage {
		t.Fatalf("rule %q", r.Rule)
	}
	for i, b := range r.Trajectory {
		c := r.Trajectory[r.Chosen]
		if b.Density >= 0.8 || b.Density*b.Coverage > c.Density*c.Coverage {
			t.Errorf("box %d (%+v) beats the chosen %d", i, b, r.Chosen)
		}
	}
}

func TestPRIMDegenerate(t *testing.T) {
	t.Parallel()
	if r := PRIM(nil, []string{"a"}, nil, PRIMOptions{}); r.Chosen != -1 || len(r.Trajectory) != 0 {
		t.Errorf("no data: %+v", r)
	}
	// No cases of interest: nothing to peel towards.
	r := PRIM([][]float64{{0}, {1}, {2}}, []string{"a"}, []bool{false, false, false}, PRIMOptions{})
	if len(r.Trajectory) != 1 || r.Trajectory[0].Coverage != 0 || r.Trajectory[0].Density != 0 || r.Chosen != 0 {
		t.Errorf("no positives: %+v", r)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("json: %v", err)
	}
}
