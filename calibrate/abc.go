package calibrate

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"skillsim/patterns"
)

// A particle is one member of a population: a parameter vector with the
// statistics of its simulation and their distance from the targets.
type particle struct {
	// Theta holds the parameters, in Calibration.Params order.
	Theta []float64
	// Stats holds every statistic of the targets (fit and predict), in
	// file order; NaN where undefined.
	Stats []float64
	// Dist is the distance of the fit statistics from the targets
	// (Distance); +Inf when one is undefined.
	Dist float64
	// Parent is the index in the previous population of the particle this
	// one was moved from, or −1 in the prior sample.
	Parent int
	// Simulated says that a simulation was run for the particle's proposal
	// in this generation (a proposal outside the prior is not run), and
	// Accepted that the proposal was accepted.
	Simulated, Accepted bool
	// Proposed is the distance of the proposal simulated in this
	// generation, accepted or not; NaN if none was.
	Proposed float64
}

// Distance is the distance of statistics s from the targets t: the
// Euclidean norm of (s_j − v_j) / h_j over the fit statistics j, with v_j
// the observed value and h_j half the width of the tolerance, so that a
// statistic at the edge of its tolerance adds 1 to the squared distance.
// An undefined statistic makes the distance +Inf.
func Distance(t *patterns.Targets, s []float64) float64 {
	sum := 0.0
	for j, st := range t.Statistics {
		if st.Use != patterns.Fit {
			continue
		}
		z := (s[j] - st.Value) / st.Scale()
		if math.IsNaN(z) || math.IsInf(z, 0) {
			return math.Inf(1)
		}
		sum += z * z
	}
	return math.Sqrt(sum)
}

// quantile returns the α-quantile of x, the ⌈α·n⌉-th smallest value.
func quantile(x []float64, alpha float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	k := int(math.Ceil(alpha*float64(len(s)))) - 1
	return s[max(0, min(k, len(s)-1))]
}

// kernel returns a lower-triangular L with L·Lᵀ = scale·Σ, Σ the sample
// covariance of the parameter vectors pts; a parameter that does not vary
// gets a variance of 1e-6 of its prior's squared width, so that the walk
// can still move it.
func kernel(pts [][]float64, scale float64, lo, hi []float64) *mat.TriDense {
	k := len(lo)
	n := float64(len(pts))
	mean := make([]float64, k)
	for _, p := range pts {
		for j := range k {
			mean[j] += p[j] / n
		}
	}
	cov := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			s := 0.0
			for _, p := range pts {
				s += (p[a] - mean[a]) * (p[b] - mean[b])
			}
			cov.SetSym(a, b, scale*s/math.Max(n-1, 1))
		}
	}
	for jitter := 1e-6; ; jitter *= 10 {
		var ch mat.Cholesky
		if ch.Factorize(cov) {
			var l mat.TriDense
			ch.LTo(&l)
			return &l
		}
		for j := range k {
			w := hi[j] - lo[j]
			cov.SetSym(j, j, cov.At(j, j)+jitter*w*w)
		}
	}
}

// freeMargin keeps a parameter at the very edge of its prior a little
// inside it, where its logit is finite.
const freeMargin = 1e-9

// toFree maps theta, inside the box [lo, hi], to the unbounded
// coordinates φ_j = logit((θ_j − lo_j)/(hi_j − lo_j)) in which the random
// walk moves.
func toFree(theta, lo, hi []float64) []float64 {
	out := make([]float64, len(theta))
	for j, t := range theta {
		u := (t - lo[j]) / (hi[j] - lo[j])
		u = min(max(u, freeMargin), 1-freeMargin)
		out[j] = math.Log(u) - math.Log1p(-u)
	}
	return out
}

// toBox maps the unbounded coordinates phi back into the box [lo, hi].
func toBox(phi, lo, hi []float64) []float64 {
	out := make([]float64, len(phi))
	for j, f := range phi {
		out[j] = lo[j] + (hi[j]-lo[j])/(1+math.Exp(-f))
	}
	return out
}

// logJacobian is log Π σ(φ_j)(1 − σ(φ_j)), the log density in φ of a
// flat prior in θ, up to a constant: log σ(φ) + log(1 − σ(φ)) =
// −softplus(−φ) − softplus(φ).
func logJacobian(phi []float64) float64 {
	s := 0.0
	for _, f := range phi {
		s -= softplus(f) + softplus(-f)
	}
	return s
}

// softplus is log(1 + e^x), computed without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// propose draws a move of theta by the random walk N(0, L·Lᵀ).
func propose(rng *rand.Rand, theta []float64, l *mat.TriDense) []float64 {
	k := len(theta)
	z := make([]float64, k)
	for j := range z {
		z[j] = rng.NormFloat64()
	}
	out := slices.Clone(theta)
	for a := range k {
		for b := 0; b <= a; b++ {
			out[a] += l.At(a, b) * z[b]
		}
	}
	return out
}

// ess is the effective sample size (Σw)² / Σw² of weights w (Kish).
func ess(w []float64) float64 {
	s, s2 := 0.0, 0.0
	for _, x := range w {
		s += x
		s2 += x * x
	}
	if s2 == 0 {
		return 0
	}
	return s * s / s2
}
