package analysis

import (
	"io"
	"math"
	"math/rand/v2"
	"strconv"
)

// SobolIndex holds the first- and total-order Sobol indices of one
// parameter for one output, with 95% bootstrap percentile intervals.
//
// Sobol fills Index and the numbers; Output and Param are labels for the
// caller to set (they are the first two columns of WriteSobolCSV).
type SobolIndex struct {
	Output  string  `json:"output"`
	Param   string  `json:"param"`
	Index   int     `json:"index"`   // the parameter's column i in the design
	N       int     `json:"n"`       // design rows used
	Dropped int     `json:"dropped"` // design rows dropped for a non-finite output
	S1      float64 `json:"s1"`      // first-order index
	S1Low   float64 `json:"s1_low"`
	S1High  float64 `json:"s1_high"`
	ST      float64 `json:"st"` // total-order index
	STLow   float64 `json:"st_low"`
	STHigh  float64 `json:"st_high"`
	// ZeroVariance is set when the output does not vary over the design
	// (V = 0, relative to the outputs' magnitude, or fewer than two rows):
	// the indices are then reported as 0 rather than 0/0.
	ZeroVariance bool `json:"zero_variance"`
}

// Sobol estimates first- and total-order Sobol indices from a Saltelli
// (2010) design of N rows: fA[j] and fB[j] are the outputs at row j of the
// sample matrices A and B, and fAB[i][j] the output at row j of A_B^i,
// matrix A with column i taken from B, for each of the k = len(fAB)
// parameters. With
//
//	V    = (1/2N) Σ_j (y_j − ȳ)²  over the 2N values y = fA ∪ fB,
//	S_i  = (1/N) Σ_j fB_j · (fAB_ij − fA_j) / V        (Saltelli et al. 2010),
//	ST_i = (1/2N) Σ_j (fA_j − fAB_ij)² / V             (Jansen 1999),
//
// S_i is the share of the output's variance due to parameter i alone and
// ST_i the share due to i including all its interactions.
//
// A row j whose output is NaN or infinite in fA, fB or any fAB[i] (a failed
// run) is dropped from every matrix; Dropped counts them. If the output does
// not vary (V ≤ (10⁻¹⁰·max|y|)², or N < 2) every index and interval is 0
// and ZeroVariance is set.
//
// The intervals are 95% bootstrap percentile intervals: rows j are
// resampled with replacement boot times, drawing from rng, and all indices
// recomputed on each resample. With boot = 0 the intervals collapse to the
// estimates and rng may be nil. Sobol panics if the slices' lengths differ.
func Sobol(fA, fB []float64, fAB [][]float64, boot int, rng *rand.Rand) []SobolIndex {
	n := len(fA)
	if len(fB) != n {
		panic("analysis: Sobol: len(fA) != len(fB)")
	}
	for i := range fAB {
		if len(fAB[i]) != n {
			panic("analysis: Sobol: len(fAB[i]) != len(fA)")
		}
	}
	if boot > 0 && rng == nil {
		panic("analysis: Sobol: nil rng with boot > 0")
	}
	k := len(fAB)

	// Keep the rows where every output is finite.
	rows := make([]int, 0, n)
	for j := range n {
		ok := finite(fA[j]) && finite(fB[j])
		for i := 0; ok && i < k; i++ {
			ok = finite(fAB[i][j])
		}
		if ok {
			rows = append(rows, j)
		}
	}

	s1, st, zero := sobolEstimate(fA, fB, fAB, rows)
	out := make([]SobolIndex, k)
	for i := range out {
		out[i] = SobolIndex{
			Index: i, N: len(rows), Dropped: n - len(rows),
			S1: s1[i], S1Low: s1[i], S1High: s1[i],
			ST: st[i], STLow: st[i], STHigh: st[i],
			ZeroVariance: zero,
		}
	}
	if boot <= 0 || zero {
		return out
	}

	bs1 := make([][]float64, k)
	bst := make([][]float64, k)
	for i := range k {
		bs1[i] = make([]float64, boot)
		bst[i] = make([]float64, boot)
	}
	sample := make([]int, len(rows))
	for b := range boot {
		for r := range sample {
			sample[r] = rows[rng.IntN(len(rows))]
		}
		s1b, stb, _ := sobolEstimate(fA, fB, fAB, sample)
		for i := range k {
			bs1[i][b] = s1b[i]
			bst[i][b] = stb[i]
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = percentileInterval(bs1[i])
		out[i].STLow, out[i].STHigh = percentileInterval(bst[i])
	}
	return out
}

// sobolEstimate returns S_i and ST_i computed over the given rows (which
// may repeat), and whether the variance is zero, in which case the indices
// are 0.
func sobolEstimate(fA, fB []float64, fAB [][]float64, rows []int) (s1, st []float64, zero bool) {
	k := len(fAB)
	s1 = make([]float64, k)
	st = make([]float64, k)
	n := float64(len(rows))
	if len(rows) < 2 {
		return s1, st, true
	}
	var sum, maxAbs float64
	for _, j := range rows {
		sum += fA[j] + fB[j]
		maxAbs = math.Max(maxAbs, math.Max(math.Abs(fA[j]), math.Abs(fB[j])))
	}
	mean := sum / (2 * n)
	var ss float64
	for _, j := range rows {
		da, db := fA[j]-mean, fB[j]-mean
		ss += da*da + db*db
	}
	v := ss / (2 * n)
	if tol := 1e-10 * maxAbs; v <= tol*tol {
		return s1, st, true
	}
	for i := range k {
		var a, t float64
		for _, j := range rows {
			d := fAB[i][j] - fA[j]
			a += fB[j] * d
			t += d * d
		}
		s1[i] = a / n / v
		st[i] = t / (2 * n) / v
	}
	return s1, st, false
}

// WriteSobolCSV writes idx as CSV with the header
//
//	output,param,index,n,dropped,s1,s1_low,s1_high,st,st_low,st_high,zero_variance
//
// one row per index, in the order given.
func WriteSobolCSV(w io.Writer, idx []SobolIndex) error {
	header := []string{"output", "param", "index", "n", "dropped", "s1", "s1_low", "s1_high", "st", "st_low", "st_high", "zero_variance"}
	return writeCSV(w, header, func(emit func(...string) error) error {
		for _, s := range idx {
			err := emit(s.Output, s.Param, strconv.Itoa(s.Index), strconv.Itoa(s.N), strconv.Itoa(s.Dropped),
				formatFloat(s.S1), formatFloat(s.S1Low), formatFloat(s.S1High),
				formatFloat(s.ST), formatFloat(s.STLow), formatFloat(s.STHigh),
				strconv.FormatBool(s.ZeroVariance))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
