package analysis

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s, n            int
		share, low, hig float64
	}{
		{0, 10, 0, 0, 0.27753},
		{5, 10, 0.5, 0.23659, 0.76341},
		{10, 10, 1, 0.72247, 1},
		{1, 3, 1.0 / 3, 0.06149, 0.79234},
		{0, 0, 0, 0, 1},
	} {
		p := Wilson(tc.s, tc.n)
		if p.N != tc.n || p.Successes != tc.s || math.Abs(p.Share-tc.share) > 1e-12 ||
			math.Abs(p.Low-tc.low) > 5e-5 || math.Abs(p.High-tc.hig) > 5e-5 {
			t.Errorf("Wilson(%d, %d) = %+v, want share %g in [%g, %g]", tc.s, tc.n, p, tc.share, tc.low, tc.hig)
		}
	}
}
