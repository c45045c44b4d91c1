package analysis

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat"
)

// Trajectory is one Morris trajectory: outputs Y[0..k] at k+1 design points
// where point s differs from point s−1 in parameter Param[s−1] alone, by
// Delta[s−1] in the unit scale of that parameter (its range mapped to
// [0, 1]); Delta is signed.
type Trajectory struct {
	Y     []float64 `json:"y"`
	Param []int     `json:"param"`
	Delta []float64 `json:"delta"`
}

// MorrisIndex holds the elementary-effects statistics of one parameter for
// one output. Morris fills Index and the numbers; Output and Param are
// labels for the caller to set.
type MorrisIndex struct {
	Output string  `json:"output"`
	Param  string  `json:"param"`
	Index  int     `json:"index"`   // the parameter's index i
	R      int     `json:"r"`       // number of elementary effects
	Mu     float64 `json:"mu"`      // mean elementary effect
	MuStar float64 `json:"mu_star"` // mean absolute elementary effect
	Sigma  float64 `json:"sigma"`   // sample standard deviation of the effects
}

// Morris computes the elementary-effects statistics (Morris 1991;
// Campolongo et al. 2007) of trajectories traj. Step s of a trajectory
// gives parameter i = Param[s−1] the elementary effect
//
//	EE = (Y[s] − Y[s−1]) / Delta[s−1],
//
// and, over the R effects of parameter i,
//
//	μ  = (1/R) Σ EE,   μ* = (1/R) Σ |EE|,   σ = √( Σ (EE − μ)² / (R − 1) ).
//
// μ* ranks influence (effects of opposite sign do not cancel), σ flags
// nonlinearity or interactions. A step where either output is NaN or
// infinite (a failed run) gives no effect. The result has one entry per
// parameter 0..max(Param); a parameter with no effects has R = 0 and zero
// statistics, and σ is 0 when R < 2. Morris panics if a trajectory's
// lengths disagree (len(Y) ≠ len(Param)+1 or len(Delta) ≠ len(Param)), a
// Param is negative or a Delta is zero.
func Morris(traj []Trajectory) []MorrisIndex {
	k := 0
	for _, t := range traj {
		if len(t.Y) != len(t.Param)+1 || len(t.Delta) != len(t.Param) {
			panic("analysis: Morris: trajectory lengths disagree")
		}
		for s, p := range t.Param {
			if p < 0 {
				panic("analysis: Morris: negative parameter index")
			}
			if t.Delta[s] == 0 {
				panic("analysis: Morris: zero step")
			}
			k = max(k, p+1)
		}
	}
	ee := make([][]float64, k)
	for _, t := range traj {
		for s, p := range t.Param {
			y0, y1 := t.Y[s], t.Y[s+1]
			if finite(y0) && finite(y1) {
				ee[p] = append(ee[p], (y1-y0)/t.Delta[s])
			}
		}
	}
	out := make([]MorrisIndex, k)
	for i, e := range ee {
		out[i] = MorrisIndex{Index: i, R: len(e)}
		if len(e) == 0 {
			continue
		}
		var abs float64
		for _, v := range e {
			abs += math.Abs(v)
		}
		out[i].MuStar = abs / float64(len(e))
		if len(e) < 2 {
			out[i].Mu = e[0]
			continue
		}
		out[i].Mu, out[i].Sigma = stat.MeanStdDev(e, nil)
	}
	return out
}

// ErrNotOneAtATime is returned by NewTrajectory when consecutive points do
// not differ in exactly one parameter.
var ErrNotOneAtATime = errors.New("analysis: consecutive points do not differ in exactly one parameter")

// NewTrajectory builds a Trajectory from its design points x[0..k] (each a
// vector of parameter values) and outputs y[0..k], with parameter i ranging
// over [low[i], high[i]]: step s changes the one parameter i in which x[s]
// and x[s−1] differ, by
//
//	Delta = (x[s][i] − x[s−1][i]) / (high[i] − low[i]).
//
// It returns an error wrapping ErrNotOneAtATime if some consecutive points
// differ in no parameter or in more than one. NewTrajectory panics if the
// lengths disagree or a range is empty.
func NewTrajectory(x [][]float64, y, low, high []float64) (Trajectory, error) {
	if len(x) != len(y) || len(low) != len(high) {
		panic("analysis: NewTrajectory: length mismatch")
	}
	for i := range low {
		if !(high[i] > low[i]) {
			panic("analysis: NewTrajectory: empty range")
		}
	}
	t := Trajectory{Y: append([]float64(nil), y...)}
	for s := 1; s < len(x); s++ {
		if len(x[s]) != len(low) || len(x[s-1]) != len(low) {
			panic("analysis: NewTrajectory: point length mismatch")
		}
		changed := -1
		for i := range low {
			if x[s][i] != x[s-1][i] {
				if changed >= 0 {
					changed = -2
					break
				}
				changed = i
			}
		}
		if changed < 0 {
			return Trajectory{}, fmt.Errorf("step %d: %w", s, ErrNotOneAtATime)
		}
		t.Param = append(t.Param, changed)
		t.Delta = append(t.Delta, (x[s][changed]-x[s-1][changed])/(high[changed]-low[changed]))
	}
	return t, nil
}

// WriteMorrisCSV writes idx as CSV with the header
//
//	output,param,index,r,mu,mu_star,sigma
//
// one row per index, in the order given.
func WriteMorrisCSV(w io.Writer, idx []MorrisIndex) error {
	header := []string{"output", "param", "index", "r", "mu", "mu_star", "sigma"}
	return writeCSV(w, header, func(emit func(...string) error) error {
		for _, m := range idx {
			err := emit(m.Output, m.Param, strconv.Itoa(m.Index), strconv.Itoa(m.R),
				formatFloat(m.Mu), formatFloat(m.MuStar), formatFloat(m.Sigma))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
