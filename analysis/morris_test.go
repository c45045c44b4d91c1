package analysis

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// morrisDesign draws r trajectories of f over [0, 1]^k on a grid of p
// levels with step Δ = p/(2(p−1)) (Morris 1991).
func morrisDesign(f func([]float64) float64, k, r, p int, rng *rand.Rand) []Trajectory {
	delta := float64(p) / (2 * float64(p-1))
	var out []Trajectory
	for range r {
		x := make([]float64, k)
		for i := range x {
			// A base level from which +Δ stays on the grid.
			x[i] = float64(rng.IntN(p/2)) / float64(p-1)
		}
		t := Trajectory{Y: []float64{f(x)}}
		for _, i := range rng.Perm(k) {
			d := delta
			if x[i]+d > 1+1e-12 {
				d = -delta
			}
			x[i] += d
			t.Y = append(t.Y, f(x))
			t.Param = append(t.Param, i)
			t.Delta = append(t.Delta, d)
		}
		out = append(out, t)
	}
	return out
}

func TestMorris(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		traj            []Trajectory
		mu, muStar, sig []float64
		r               []int
	}{
		{
			// f = 3x1 − 2x2 + 0x3: EE constant, σ = 0, μ* = |a|.
			name: "linear",
			traj: morrisDesign(func(x []float64) float64 { return 3*x[0] - 2*x[1] }, 3, 10, 4, rand.New(rand.NewPCG(1, 1))),
			mu:   []float64{3, -2, 0}, muStar: []float64{3, 2, 0}, sig: []float64{0, 0, 0},
			r: []int{10, 10, 10},
		},
		{
			// By hand: parameter 0 has effects +2 and −2 (μ = 0, μ* = 2,
			// σ = √8), parameter 1 has effects 1 and 3 (μ = μ* = 2, σ = √2);
			// the NaN output (a failed run) ending the second trajectory
			// drops parameter 2's effect there, leaving its one effect of 1.
			name: "by hand",
			traj: []Trajectory{
				{Y: []float64{0, 1, 2, 3}, Param: []int{0, 1, 2}, Delta: []float64{0.5, 1, 1}},
				{Y: []float64{0, -1, 0, math.NaN()}, Param: []int{0, 1, 2}, Delta: []float64{0.5, 1.0 / 3, 1}},
			},
			mu:     []float64{0, 2, 1},
			muStar: []float64{2, 2, 1},
			sig:    []float64{math.Sqrt(8), math.Sqrt2, 0},
			r:      []int{2, 2, 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx := Morris(tc.traj)
			if len(idx) != len(tc.mu) {
				t.Fatalf("got %d indices, want %d", len(idx), len(tc.mu))
			}
			for i, m := range idx {
				if m.Index != i || m.R != tc.r[i] {
					t.Errorf("param %d: index %d, r %d; want r %d", i, m.Index, m.R, tc.r[i])
				}
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"μ", m.Mu, tc.mu[i]}, {"μ*", m.MuStar, tc.muStar[i]}, {"σ", m.Sigma, tc.sig[i]}} {
					if math.Abs(c.got-c.want) > 1e-9 {
						t.Errorf("param %d: %s = %g, want %g", i, c.name, c.got, c.want)
					}
				}
			}
		})
	}
}

func TestMorrisUnusedParameter(t *testing.T) {
	t.Parallel()
	idx := Morris([]Trajectory{{Y: []float64{0, 1}, Param: []int{2}, Delta: []float64{0.5}}})
	if len(idx) != 3 || idx[0].R != 0 || idx[0].MuStar != 0 || idx[2].Mu != 2 || idx[2].Sigma != 0 {
		t.Errorf("got %+v", idx)
	}
}

func TestNewTrajectory(t *testing.T) {
	t.Parallel()
	low, high := []float64{0, 10}, []float64{1, 20}
	tr, err := NewTrajectory([][]float64{{0, 10}, {0, 15}, {0.5, 15}}, []float64{1, 2, 3}, low, high)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Param[0] != 1 || tr.Param[1] != 0 || tr.Delta[0] != 0.5 || tr.Delta[1] != 0.5 || len(tr.Y) != 3 {
		t.Errorf("got %+v", tr)
	}
	for _, x := range [][][]float64{{{0, 10}, {0, 10}}, {{0, 10}, {1, 20}}} {
		if _, err := NewTrajectory(x, []float64{1, 2}, low, high); !errors.Is(err, ErrNotOneAtATime) {
			t.Errorf("%v: err = %v, want ErrNotOneAtATime", x, err)
		}
	}
}

func TestWriteMorrisCSV(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	idx := []MorrisIndex{{Output: "mean_wage", Param: "levy.rate", Index: 1, R: 4, Mu: -2, MuStar: 2.5, Sigma: math.Sqrt2}}
	if err := WriteMorrisCSV(&buf, idx); err != nil {
		t.Fatal(err)
	}
	want := "output,param,index,r,mu,mu_star,sigma\nmean_wage,levy.rate,1,4,-2,2.5,1.4142136\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
