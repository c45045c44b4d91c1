package calibrate

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFreeCoordinatesRoundTrip(t *testing.T) {
	lo, hi := []float64{0, -2, 10}, []float64{1, 3, 10.5}
	for _, th := range [][]float64{{0.3, 0, 10.1}, {0.999, -1.99, 10.49}, {0.5, 2.5, 10.25}} {
		back := toBox(toFree(th, lo, hi), lo, hi)
		for j := range th {
			if math.Abs(back[j]-th[j]) > 1e-9*(hi[j]-lo[j]) {
				t.Errorf("θ %v → φ → θ %v", th, back)
			}
		}
	}
	// The prior's edges map to finite coordinates.
	for _, f := range toFree([]float64{0, 3, 10}, lo, hi) {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			t.Errorf("an edge of the prior maps to %v", f)
		}
	}
}

// TestWalkKeepsTheFlatPrior checks the move of generation g ≥ 1 with
// every simulation accepted (an infinite tolerance): a Metropolis–Hastings
// walk in the free coordinates with the Jacobian in its test must leave a
// flat prior invariant. Particles drawn from the prior and moved 30 times
// by a correlated kernel keep the uniform's mean and variance in each
// coordinate, within 4 standard errors; without the Jacobian the walk
// would pile them up at the edges of the box.
func TestWalkKeepsTheFlatPrior(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lo, hi := []float64{0, 0, 0}, []float64{1, 1, 1}
	l := mat.NewTriDense(3, mat.Lower, []float64{1.5, 0, 0, 0.9, 1.2, 0, -0.6, 0.3, 0.8})
	const n, moves = 4000, 30
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = []float64{rng.Float64(), rng.Float64(), rng.Float64()}
	}
	for range moves {
		for i, th := range pts {
			from := toFree(th, lo, hi)
			to := propose(rng, from, l)
			if math.Log(rng.Float64()) < logJacobian(to)-logJacobian(from) {
				pts[i] = toBox(to, lo, hi)
			}
		}
	}
	for j := range 3 {
		mean, sq := 0.0, 0.0
		for _, p := range pts {
			mean += p[j] / n
			sq += p[j] * p[j] / n
		}
		v := sq - mean*mean
		if se := math.Sqrt(1.0 / 12 / n); math.Abs(mean-0.5) > 4*se {
			t.Errorf("coordinate %d: mean %.4f after %d moves, want 0.5 ± %.4f", j, mean, moves, 4*se)
		}
		// The variance of a sample variance of a uniform is (1/80 − 1/144)/n.
		if se := math.Sqrt((1.0/80 - 1.0/144) / n); math.Abs(v-1.0/12) > 4*se {
			t.Errorf("coordinate %d: variance %.4f after %d moves, want 1/12 ± %.4f", j, v, moves, 4*se)
		}
	}
}
