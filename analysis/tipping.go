package analysis

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// ErrTooFewLevels is returned by TippingPoint when the runs have fewer than
// two distinct parameter values, between which a crossing could lie.
var ErrTooFewLevels = errors.New("analysis: fewer than two parameter levels")

// Level is the share of successes among the runs at one parameter value.
type Level struct {
	X float64 `json:"x"`
	Proportion
}

// TippingResult is the tipping point of one parameter: the value at which
// half the runs reach success.
type TippingResult struct {
	// Levels holds the share of successes at each distinct value, sorted.
	Levels []Level `json:"levels"`
	// OK reports whether the share crosses 0.5 from below; if not, Value,
	// Low and High are NaN (null in JSON) and Reason says why.
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"`
	// Value is the tipping value; [Low, High] its 95% bootstrap interval.
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// Boot is the number of bootstrap resamples, Crossed how many of them
	// crossed 0.5 (the interval is over those).
	Boot    int `json:"boot"`
	Crossed int `json:"crossed"`
}

// MarshalJSON writes r with its undefined values as null.
func (r TippingResult) MarshalJSON() ([]byte, error) {
	type plain TippingResult
	return json.Marshal(struct {
		plain
		Value nullable `json:"value"`
		Low   nullable `json:"low"`
		High  nullable `json:"high"`
	}{plain(r), nullable(r.Value), nullable(r.Low), nullable(r.High)})
}

// TippingPoint finds where the share of successful runs crosses one half
// as parameter x rises. The runs are grouped by their distinct x values
// x_1 < … < x_L (exact equality), each with share p_l; the tipping value is
// found at the first l with p_{l−1} < 0.5 ≤ p_l, by linear interpolation,
//
//	x* = x_{l−1} + (0.5 − p_{l−1}) / (p_l − p_{l−1}) · (x_l − x_{l−1}).
//
// If there is no such l (the share stays below one half, is at least one
// half everywhere, or only falls through it) the result has OK false and a
// Reason; that is a finding, not an error.
//
// The 95% interval is a bootstrap percentile interval: boot times, the
// replications at each level are resampled with replacement (drawing from
// rng) and x* recomputed; resamples without a crossing are left out and
// counted (Crossed is the number kept). With boot = 0, or no crossing, no
// resampling is done and rng may be nil; with boot = 0 the interval
// collapses to x*.
//
// TippingPoint returns ErrTooFewLevels, with the levels it found, if x has
// fewer than two distinct values. It panics if len(x) ≠ len(success).
func TippingPoint(x []float64, success []bool, boot int, rng *rand.Rand) (TippingResult, error) {
	if len(x) != len(success) {
		panic("analysis: TippingPoint: length mismatch")
	}
	if boot > 0 && rng == nil {
		panic("analysis: TippingPoint: nil rng with boot > 0")
	}
	res := TippingResult{Levels: levels(x, success), Value: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if len(res.Levels) < 2 {
		res.Reason = "fewer than two parameter levels"
		return res, ErrTooFewLevels
	}
	xs := make([]float64, len(res.Levels))
	ps := make([]float64, len(res.Levels))
	for l, lv := range res.Levels {
		xs[l], ps[l] = lv.X, lv.Share
	}
	v, ok := crossing(xs, ps)
	if !ok {
		res.Reason = noCrossingReason(xs, ps)
		return res, nil
	}
	res.OK, res.Value, res.Low, res.High = true, v, v, v
	if boot <= 0 {
		return res, nil
	}
	res.Boot = boot
	vals := make([]float64, 0, boot)
	for range boot {
		for l, lv := range res.Levels {
			s := 0
			for range lv.N {
				if rng.IntN(lv.N) < lv.Successes {
					s++
				}
			}
			ps[l] = float64(s) / float64(lv.N)
		}
		if v, ok := crossing(xs, ps); ok {
			vals = append(vals, v)
		}
	}
	res.Crossed = len(vals)
	res.Low, res.High = percentileInterval(vals)
	return res, nil
}

// levels returns the share of successes at each distinct value of x, sorted.
func levels(x []float64, success []bool) []Level {
	idx := make([]int, len(x))
	for j := range idx {
		idx[j] = j
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	var out []Level
	for a := 0; a < len(idx); {
		b, s := a, 0
		for ; b < len(idx) && x[idx[b]] == x[idx[a]]; b++ {
			if success[idx[b]] {
				s++
			}
		}
		out = append(out, Level{X: x[idx[a]], Proportion: Wilson(s, b-a)})
		a = b
	}
	return out
}

// crossing returns where shares ps over sorted xs first cross 0.5 from
// below, by linear interpolation, and whether they do.
func crossing(xs, ps []float64) (float64, bool) {
	for l := 1; l < len(xs); l++ {
		if ps[l-1] < 0.5 && ps[l] >= 0.5 {
			t := (0.5 - ps[l-1]) / (ps[l] - ps[l-1])
			return xs[l-1] + t*(xs[l]-xs[l-1]), true
		}
	}
	return math.NaN(), false
}

// noCrossingReason says why shares ps over xs do not cross 0.5 from below.
func noCrossingReason(xs, ps []float64) string {
	lo, hi := 0, 0
	for l := range ps {
		if ps[l] < ps[lo] {
			lo = l
		}
		if ps[l] > ps[hi] {
			hi = l
		}
	}
	switch {
	case ps[hi] < 0.5:
		return fmt.Sprintf("the share stays below 0.5 (at most %s, at %s)", formatFloat(ps[hi]), formatFloat(xs[hi]))
	case ps[lo] >= 0.5:
		return fmt.Sprintf("the share is at least 0.5 everywhere (at least %s, at %s)", formatFloat(ps[lo]), formatFloat(xs[lo]))
	default:
		return "the share only falls through 0.5 as the parameter rises"
	}
}

// WriteTippingCSV writes the levels of r as CSV with the header
//
//	<xName>,n,successes,share,share_low,share_high,tipping,tipping_low,tipping_high,ok
//
// (xName defaults to x), one row per level; the last four columns repeat
// the tipping value, its interval and OK on every row (empty when there is
// no crossing).
func WriteTippingCSV(w io.Writer, xName string, r TippingResult) error {
	header := []string{cmp.Or(xName, "x"), "n", "successes", "share", "share_low", "share_high", "tipping", "tipping_low", "tipping_high", "ok"}
	return writeCSV(w, header, func(emit func(...string) error) error {
		for _, l := range r.Levels {
			err := emit(formatFloat(l.X), strconv.Itoa(l.N), strconv.Itoa(l.Successes),
				formatFloat(l.Share), formatFloat(l.Low), formatFloat(l.High),
				formatFloat(r.Value), formatFloat(r.Low), formatFloat(r.High), strconv.FormatBool(r.OK))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
