package experiment

import (
	"testing"
)

func TestSobolSequenceKnownPoints(t *testing.T) {
	t.Parallel()
	// Joe and Kuo's generator, scipy.stats.qmc.Sobol(3, scramble=False)
	// and Apache Commons Math's SobolSequenceGenerator(3) all give these.
	want := [][]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
		{0.1875, 0.3125, 0.9375},
		{0.6875, 0.8125, 0.4375},
	}
	got := SobolSequence(len(want), 3)
	for i := range want {
		for d := range want[i] {
			if got[i][d] != want[i][d] {
				t.Errorf("point %d, dimension %d: %v, want %v", i, d+1, got[i][d], want[i][d])
			}
		}
	}
	// A point far into a higher dimension: point 15 of dimension 8
	// (s = 5, a = 2, m = 1 1 5 5 17) is 1342177280/2³² = 0.3125.
	if x := SobolSequence(16, 8)[15][7]; x != 0.3125 {
		t.Errorf("point 15, dimension 8: %v, want 0.3125", x)
	}
}

// Every dimension's first 2^m points are one in each of 2^m equal
// intervals: what makes the direction numbers valid (m_k odd and below
// 2^k) and the recurrence right.
func TestSobolSequenceStratifies(t *testing.T) {
	t.Parallel()
	const m = 10
	pts := SobolSequence(1<<m, MaxSobolDims)
	for d := range MaxSobolDims {
		for _, level := range []int{1, 4, m} {
			seen := make([]bool, 1<<level)
			for _, p := range pts[:1<<level] {
				seen[int(p[d]*float64(int(1)<<level))] = true
			}
			for j, s := range seen {
				if !s {
					t.Errorf("dimension %d: no point of the first %d in interval %d", d+1, 1<<level, j)
					break
				}
			}
		}
	}
	// Two dimensions together: the first 2^(2l) points of dimensions 1
	// and 2 fill every square of a 2^l×2^l grid (a (0, m, 2)-net).
	const l = 4
	seen := make(map[[2]int]bool)
	for _, p := range pts[:1<<(2*l)] {
		seen[[2]int{int(p[0] * (1 << l)), int(p[1] * (1 << l))}] = true
	}
	if len(seen) != 1<<(2*l) {
		t.Errorf("dimensions 1 and 2: %d of %d squares hold a point", len(seen), 1<<(2*l))
	}
}

func TestSobolSequencePanics(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ n, dim int }{{1, 0}, {1, MaxSobolDims + 1}, {-1, 2}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SobolSequence(%d, %d) did not panic", c.n, c.dim)
				}
			}()
			SobolSequence(c.n, c.dim)
		}()
	}
}

func TestMaxSobolDimsMatchesTheTable(t *testing.T) {
	t.Parallel()
	if MaxSobolDims != len(joeKuo)+1 {
		t.Errorf("MaxSobolDims = %d, but the table holds %d dimensions", MaxSobolDims, len(joeKuo)+1)
	}
}
