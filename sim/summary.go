package sim

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"skillsim/model"
)

// Interval is a mean with its 95% confidence interval.
type Interval struct {
	Mean float64 // the sample mean
	Low  float64 // the lower end of the 95% interval
	High float64 // the upper end of the 95% interval
}

// MeanCI95 returns the mean of x and its two-sided 95% confidence interval
// under Student's t distribution:
//
//	mean ± t(0.975, n−1) · s / √n,   s² = sum_i (x_i − mean)² / (n − 1).
//
// With one value the interval is that value on both ends: no spread can be
// estimated from one replication, and a zero-width interval keeps the output
// free of NaN. MeanCI95 panics if x is empty.
func MeanCI95(x []float64) Interval {
	n := len(x)
	if n == 0 {
		panic("sim: MeanCI95 of no values")
	}
	mean := stat.Mean(x, nil)
	if n == 1 {
		return Interval{Mean: mean, Low: mean, High: mean}
	}
	s := stat.StdDev(x, nil)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * s / math.Sqrt(float64(n))
	return Interval{Mean: mean, Low: mean - half, High: mean + half}
}

// RegimeShares returns the share of regimes that are each regime, indexed by
// model.Regime: count(regimes == g) / len(regimes). Every regime is present,
// with 0 for one that does not occur. With no regimes all shares are 0.
func RegimeShares(regimes []model.Regime) [model.NumRegimes]float64 {
	var shares [model.NumRegimes]float64
	if len(regimes) == 0 {
		return shares
	}
	for _, g := range regimes {
		if g < 0 || g >= model.NumRegimes {
			panic("sim: regime out of range")
		}
		shares[g]++
	}
	for g := range shares {
		shares[g] /= float64(len(regimes))
	}
	return shares
}

// Summary is what a run says across its replications.
type Summary struct {
	// Metrics holds, for each regional indicator, the mean of its final
	// value over replications with a 95% interval, indexed by model.Metric.
	Metrics [model.NumMetrics]Interval
	// Regimes holds the share of replications ending in each regime,
	// indexed by model.Regime.
	Regimes [model.NumRegimes]float64
}

// Summarize summarises the final observations of the replications of res.
// It panics if res has no replication.
func Summarize(res *Result) *Summary {
	if len(res.Reps) == 0 {
		panic("sim: Summarize of no replications")
	}
	var s Summary
	x := make([]float64, len(res.Reps))
	for m := range model.NumMetrics {
		for i := range res.Reps {
			x[i] = res.Reps[i].Final.Region[m]
		}
		s.Metrics[m] = MeanCI95(x)
	}
	regimes := make([]model.Regime, len(res.Reps))
	for i := range res.Reps {
		regimes[i] = res.Reps[i].Regime
	}
	s.Regimes = RegimeShares(regimes)
	return &s
}
