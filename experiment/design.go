package experiment

import (
	"math"
	"math/rand/v2"
)

// designStream is the PCG stream of the design's random numbers. Runs use
// streams 0, 1, 2, ... so the design never shares a generator with a run.
const designStream = 1 << 63

// DesignRand returns the generator of a design's random numbers:
// rand.New(rand.NewPCG(seed, 1<<63)).
func DesignRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, designStream)) }

// numPoints returns the number of design points e's design has, as a
// float64 so that a product of many levels cannot overflow: it is exact up
// to 2⁵³ and the order of magnitude beyond.
func (e *Experiment) numPoints() float64 {
	k := float64(len(e.Params))
	switch e.Method {
	case Grid:
		n := 1.0
		for _, p := range e.Params {
			n *= float64(len(p.Values))
		}
		return n
	case LHS:
		return float64(e.Samples)
	case Sobol:
		return float64(e.Samples) * (k + 2)
	case Morris:
		return float64(e.Samples) * (k + 1)
	case Hysteresis:
		return float64(e.Hysteresis.Steps())
	}
	panic("experiment: unknown method " + e.Method)
}

// build fills in e.Points (and the Morris steps) from the design.
func (e *Experiment) build() {
	switch e.Method {
	case Grid:
		e.Points = gridPoints(e.Params)
	case LHS:
		e.Points = e.scale(LatinHypercube(e.Samples, len(e.Params), DesignRand(e.DesignSeed)))
	case Sobol:
		e.Points = e.scale(Saltelli(e.Samples, len(e.Params)))
	case Morris:
		var unit [][]float64
		unit, e.morrisParam = MorrisTrajectories(e.Samples, len(e.Params), e.Levels, DesignRand(e.DesignSeed))
		e.Points = e.scale(unit)
	case Hysteresis:
		v := e.Hysteresis.Values
		n := len(v)
		e.Points = make([][]float64, 0, 2*n-1)
		for s := range 2*n - 1 {
			i := s
			if s >= n {
				i = 2*n - 2 - s
			}
			e.Points = append(e.Points, []float64{v[i]})
		}
	}
}

// gridPoints returns the full factorial of the parameters' values, the
// first parameter varying slowest.
func gridPoints(params []Param) [][]float64 {
	n := 1
	for _, p := range params {
		n *= len(p.Values)
	}
	k := len(params)
	flat := make([]float64, n*k)
	pts := make([][]float64, n)
	for i := range n {
		pt := flat[i*k : (i+1)*k : (i+1)*k]
		r := i
		for j := k - 1; j >= 0; j-- {
			m := len(params[j].Values)
			pt[j] = params[j].Values[r%m]
			r /= m
		}
		pts[i] = pt
	}
	return pts
}

// scale maps points in the unit hypercube to the parameters' ranges,
// x ↦ Low + x·(High − Low), rounding whole-number parameters. It scales
// in place and returns unit.
func (e *Experiment) scale(unit [][]float64) [][]float64 {
	for _, pt := range unit {
		for j, x := range pt {
			p := &e.Params[j]
			v := p.Low + x*(p.High-p.Low)
			if x == 1 {
				v = p.High
			}
			if p.Whole {
				v = math.Round(v)
			}
			pt[j] = v
		}
	}
	return unit
}

// unitMatrix returns an n×k matrix with one backing array.
func unitMatrix(n, k int) [][]float64 {
	flat := make([]float64, n*k)
	m := make([][]float64, n)
	for i := range m {
		m[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	return m
}

// LatinHypercube returns n points in the unit hypercube [0, 1)^k, one in
// each of the n strata [i/n, (i+1)/n) of every dimension: for each
// dimension j in turn, a random permutation π_j of 0…n−1 from rng and
// then n uniform draws u_ij give x_ij = (π_j(i) + u_ij)/n.
func LatinHypercube(n, k int, rng *rand.Rand) [][]float64 {
	m := unitMatrix(n, k)
	for j := range k {
		perm := rng.Perm(n)
		for i := range n {
			m[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return m
}

// Saltelli returns the N·(k+2) points of Saltelli's (2010) scheme in the
// unit hypercube: two N×k matrices A and B, followed by the k matrices
// A_B^i, each A with its column i taken from B. Point block·N + row is row
// row of block block, where block 0 is A, 1 is B and 2+i is A_B^i.
//
// A and B are the two halves of a 2k-dimensional Sobol' sequence
// (SobolSequence): row r of A is columns 1…k of point skip+r and row r of
// B columns k+1…2k, where skip, the smallest power of two ≥ N, leaves out
// the point 0 (which would make row 0 of A equal to that of B) together
// with the block it opens, so that for N a power of two A and B are still
// balanced: one point in each of N equal intervals of every column. This
// is what SALib's saltelli.sample does. The design draws no random
// numbers. It panics if 2k exceeds MaxSobolDims.
func Saltelli(n, k int) [][]float64 {
	skip := 1
	for skip < n {
		skip <<= 1
	}
	seq := SobolSequence(skip+n, 2*k)[skip:]
	m := unitMatrix(n*(k+2), k)
	for r := range n {
		copy(m[r], seq[r][:k])
		copy(m[n+r], seq[r][k:])
	}
	for i := range k {
		for r := range n {
			pt := m[(2+i)*n+r]
			copy(pt, m[r])
			pt[i] = m[n+r][i]
		}
	}
	return m
}

// MorrisTrajectories returns r Morris (1991) trajectories of k+1 points
// each on the levels-level grid {0, 1/(levels−1), …, 1}^k (levels even),
// trajectory t occupying points t·(k+1) … t·(k+1)+k, and for each point
// the parameter it changes from the point before (−1 at the start of a
// trajectory).
//
// The step is Δ = levels/(2(levels−1)). For each trajectory, rng draws,
// for every parameter j, a base level b_j from the lower half of the grid
// {0, …, levels/2 − 1} and a direction: up from b_j/(levels−1), or down
// from b_j/(levels−1) + Δ; then an order π of the parameters. Point m of
// the trajectory (m ≥ 1) moves parameter π(m−1) by Δ in its direction,
// so consecutive points differ in exactly one parameter, by exactly Δ,
// and every point lies on the grid.
func MorrisTrajectories(r, k, levels int, rng *rand.Rand) (points [][]float64, param []int) {
	if levels < 2 || levels%2 != 0 {
		panic("experiment: Morris levels must be even and at least 2")
	}
	half := levels / 2
	step := float64(levels - 1)
	points = unitMatrix(r*(k+1), k)
	param = make([]int, r*(k+1))
	idx := make([]int, k)
	dir := make([]int, k)
	for t := range r {
		for j := range k {
			idx[j] = rng.IntN(half)
			dir[j] = 1
			if rng.IntN(2) == 1 {
				dir[j] = -1
				idx[j] += half
			}
		}
		order := rng.Perm(k)
		base := t * (k + 1)
		for m := 0; m <= k; m++ {
			if m == 0 {
				param[base] = -1
			} else {
				j := order[m-1]
				idx[j] += dir[j] * half
				param[base+m] = j
			}
			for j := range k {
				points[base+m][j] = float64(idx[j]) / step
			}
		}
	}
	return points, param
}

// MorrisDelta returns the Morris step Δ = levels/(2(levels−1)) in the unit
// scale.
func MorrisDelta(levels int) float64 { return float64(levels) / (2 * float64(levels-1)) }

// MorrisStep reports, for point p of a Morris design, the parameter j in
// which it differs from point p−1 and the signed change
// delta = Points[p][j] − Points[p−1][j] in the parameter's own units
// (±Δ·(High−Low), unless rounding a whole-number parameter changed it; it
// may then even be 0, and the step says nothing). ok is false at the start
// of a trajectory (p a multiple of k+1), for p out of range and for other
// methods. The elementary effect of parameter j on output y is
// (y(p) − y(p−1))/delta in the parameter's units, or
// (y(p) − y(p−1))·(High−Low)/delta in the unit scale.
func (e *Experiment) MorrisStep(p int) (param int, delta float64, ok bool) {
	if e.Method != Morris || p < 0 || p >= len(e.morrisParam) || e.morrisParam[p] < 0 {
		return -1, 0, false
	}
	j := e.morrisParam[p]
	return j, e.Points[p][j] - e.Points[p-1][j], true
}

// SobolPoint returns the index of row row of block block of a Saltelli
// design: block·N + row, where N is Samples and block 0 is A, 1 is B and
// 2+i is A_B^i (A with column i from B).
func (e *Experiment) SobolPoint(block, row int) int {
	if e.Method != Sobol || block < 0 || block >= len(e.Params)+2 || row < 0 || row >= e.Samples {
		panic("experiment: SobolPoint out of range or not a sobol design")
	}
	return block*e.Samples + row
}

// Phase returns the phase of point p of a hysteresis design: "up" for the
// first len(Values) lever steps (the lever raised, its top value
// included) and "down" for the rest; "" for other methods.
func (e *Experiment) Phase(p int) string {
	if e.Method != Hysteresis {
		return ""
	}
	if p < len(e.Hysteresis.Values) {
		return "up"
	}
	return "down"
}
