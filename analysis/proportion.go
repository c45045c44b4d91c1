package analysis

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Z95 is the 0.975 quantile of the standard normal distribution, the
// multiplier of a two-sided 95% normal interval.
const Z95 = 1.959963984540054

// Proportion is a share of successes among N trials with its 95% Wilson
// score interval [Low, High].
type Proportion struct {
	N         int     `json:"n"`          // trials
	Successes int     `json:"successes"`  // successes among them
	Share     float64 `json:"share"`      // Successes / N
	Low       float64 `json:"share_low"`  // lower end of the 95% Wilson interval
	High      float64 `json:"share_high"` // upper end of the 95% Wilson interval
}

// Wilson returns the share p = successes/n with its 95% Wilson score
// interval (Wilson 1927),
//
//	(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n),   z = Z95,
//
// which, unlike the normal interval p ± z√(p(1−p)/n), stays inside [0, 1]
// and does not collapse when p is 0 or 1. With n = 0 the share is 0 and the
// interval is [0, 1] (no information). Wilson panics if successes is
// negative or exceeds n.
func Wilson(successes, n int) Proportion {
	if successes < 0 || successes > n {
		panic("analysis: Wilson: successes outside [0, n]")
	}
	if n == 0 {
		return Proportion{Low: 0, High: 1}
	}
	nf := float64(n)
	p := float64(successes) / nf
	z2 := Z95 * Z95
	d := 1 + z2/nf
	c := (p + z2/(2*nf)) / d
	h := Z95 / d * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return Proportion{
		N:         n,
		Successes: successes,
		Share:     p,
		Low:       math.Max(0, c-h),
		High:      math.Min(1, c+h),
	}
}

// percentileInterval returns the 2.5% and 97.5% quantiles of xs (which it
// sorts), linearly interpolated (stat.LinInterp): the bootstrap percentile
// interval (Efron & Tibshirani 1993, §13.3). It returns NaN, NaN for no xs.
func percentileInterval(xs []float64) (lo, hi float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(xs)
	return stat.Quantile(0.025, stat.LinInterp, xs, nil), stat.Quantile(0.975, stat.LinInterp, xs, nil)
}
