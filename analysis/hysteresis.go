package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// The phases of a hysteresis experiment: the lever raised, then lowered.
const (
	PhaseUp   = "up"
	PhaseDown = "down"
)

// HysteresisPoint summarises the runs at one lever value in one phase of a
// hysteresis experiment: the share in co-production (success), with its
// 95% Wilson interval, and the mean of each output.
type HysteresisPoint struct {
	Phase string  `json:"phase"`
	Value float64 `json:"value"`
	Proportion
	// Means[m] is the mean of output m over the point's runs with a
	// finite value of it (NaN, null in JSON, if there are none).
	Means []float64 `json:"means"`
}

// MarshalJSON writes p with undefined means as null.
func (p HysteresisPoint) MarshalJSON() ([]byte, error) {
	type plain HysteresisPoint
	return json.Marshal(struct {
		plain
		Means []nullable `json:"means"`
	}{plain(p), nullables(p.Means)})
}

// Hysteresis summarises the two branches of a hysteresis experiment. Row j
// is one run at one step of the lever: lever value values[j], phase
// phase[j] (PhaseUp or PhaseDown), whether it was in co-production
// (success[j]) and its outputs outputs[j] (one slice per row, all of the
// same length m; outputs may be nil for none). Rows are grouped by
// (phase, value) and each group gives
//
//	share    = (number of successes) / n,  with its Wilson interval,
//	Means[m] = (1/n_m) Σ outputs[j][m]     over the group's rows where it is finite.
//
// Points are ordered as the lever moves: the up phase by rising value, then
// the down phase by falling value, then any other phase by name and rising
// value. Hysteresis panics if the lengths disagree.
func Hysteresis(values []float64, phase []string, success []bool, outputs [][]float64) []HysteresisPoint {
	n := len(values)
	if len(phase) != n || len(success) != n || (outputs != nil && len(outputs) != n) {
		panic("analysis: Hysteresis: length mismatch")
	}
	m := 0
	if n > 0 && outputs != nil {
		m = len(outputs[0])
	}
	type key struct {
		phase string
		value float64
	}
	type acc struct {
		n, s  int
		sum   []float64
		count []int
	}
	groups := map[key]*acc{}
	for j := range n {
		k := key{phase[j], values[j]}
		g := groups[k]
		if g == nil {
			g = &acc{sum: make([]float64, m), count: make([]int, m)}
			groups[k] = g
		}
		g.n++
		if success[j] {
			g.s++
		}
		if outputs == nil {
			continue
		}
		if len(outputs[j]) != m {
			panic("analysis: Hysteresis: outputs of different lengths")
		}
		for i, v := range outputs[j] {
			if finite(v) {
				g.sum[i] += v
				g.count[i]++
			}
		}
	}
	points := make([]HysteresisPoint, 0, len(groups))
	for k, g := range groups {
		p := HysteresisPoint{Phase: k.phase, Value: k.value, Proportion: Wilson(g.s, g.n), Means: make([]float64, m)}
		for i := range m {
			p.Means[i] = math.NaN()
			if g.count[i] > 0 {
				p.Means[i] = g.sum[i] / float64(g.count[i])
			}
		}
		points = append(points, p)
	}
	rank := func(ph string) int {
		switch ph {
		case PhaseUp:
			return 0
		case PhaseDown:
			return 1
		}
		return 2
	}
	slices.SortFunc(points, func(a, b HysteresisPoint) int {
		if c := cmp.Or(cmp.Compare(rank(a.Phase), rank(b.Phase)), cmp.Compare(a.Phase, b.Phase)); c != 0 {
			return c
		}
		if a.Phase == PhaseDown {
			return cmp.Compare(b.Value, a.Value)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	return points
}

// HysteresisLoop is the width of a hysteresis loop: the lever values at
// which the share in co-production crosses one half on the way up and on
// the way down.
type HysteresisLoop struct {
	Up    float64 `json:"up"`    // tipping value of the up branch (NaN if none)
	Down  float64 `json:"down"`  // tipping value of the down branch (NaN if none)
	Width float64 `json:"width"` // Up − Down, when both cross
	// OK reports whether both branches cross 0.5; if not, Reason says why.
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"`
}

// MarshalJSON writes l with its undefined values as null.
func (l HysteresisLoop) MarshalJSON() ([]byte, error) {
	type plain HysteresisLoop
	return json.Marshal(struct {
		plain
		Up    nullable `json:"up"`
		Down  nullable `json:"down"`
		Width nullable `json:"width"`
	}{plain(l), nullable(l.Up), nullable(l.Down), nullable(l.Width)})
}

// Loop measures the loop of the points of Hysteresis. On each branch, with
// its shares in order of rising lever value, the tipping value is where
// the share first crosses 0.5 from below, interpolated linearly as in
// TippingPoint. The down branch starts where the up branch turned: it is
// taken to include the up points above its highest value (the top of the
// sweep, which is run once, in the up phase). The width is
//
//	Width = Up − Down,
//
// positive when co-production, once reached, persists down to lower lever
// values than it took to reach it. If a branch does not cross, its value
// and the width are NaN, OK is false and Reason says why.
func Loop(points []HysteresisPoint) HysteresisLoop {
	var up, down []HysteresisPoint
	for _, p := range points {
		switch p.Phase {
		case PhaseUp:
			up = append(up, p)
		case PhaseDown:
			down = append(down, p)
		}
	}
	top := math.Inf(-1)
	for _, p := range down {
		top = math.Max(top, p.Value)
	}
	for _, p := range up {
		if p.Value > top && len(down) > 0 {
			down = append(down, p)
		}
	}
	branch := func(ps []HysteresisPoint) (float64, string) {
		slices.SortFunc(ps, func(a, b HysteresisPoint) int { return cmp.Compare(a.Value, b.Value) })
		xs := make([]float64, len(ps))
		ys := make([]float64, len(ps))
		for i, p := range ps {
			xs[i], ys[i] = p.Value, p.Share
		}
		if len(ps) < 2 {
			return math.NaN(), "fewer than two lever values"
		}
		if v, ok := crossing(xs, ys); ok {
			return v, ""
		}
		return math.NaN(), noCrossingReason(xs, ys)
	}
	l := HysteresisLoop{Width: math.NaN()}
	var whyUp, whyDown string
	l.Up, whyUp = branch(up)
	l.Down, whyDown = branch(down)
	switch {
	case whyUp != "" && whyDown != "":
		l.Reason = fmt.Sprintf("up branch: %s; down branch: %s", whyUp, whyDown)
	case whyUp != "":
		l.Reason = "up branch: " + whyUp
	case whyDown != "":
		l.Reason = "down branch: " + whyDown
	default:
		l.OK = true
		l.Width = l.Up - l.Down
	}
	return l
}

// WriteHysteresisCSV writes points as CSV with the header
//
//	phase,value,n,successes,share,share_low,share_high,<outputs...>
//
// one row per point, the means under the output names given. It panics if
// a point has a different number of means than there are names.
func WriteHysteresisCSV(w io.Writer, outputs []string, points []HysteresisPoint) error {
	header := append([]string{"phase", "value", "n", "successes", "share", "share_low", "share_high"}, outputs...)
	return writeCSV(w, header, func(emit func(...string) error) error {
		row := make([]string, len(header))
		for _, p := range points {
			if len(p.Means) != len(outputs) {
				panic("analysis: WriteHysteresisCSV: means and output names differ in number")
			}
			row[0], row[1], row[2], row[3] = p.Phase, formatFloat(p.Value), strconv.Itoa(p.N), strconv.Itoa(p.Successes)
			row[4], row[5], row[6] = formatFloat(p.Share), formatFloat(p.Low), formatFloat(p.High)
			for i, v := range p.Means {
				row[7+i] = formatFloat(v)
			}
			if err := emit(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteLoopCSV writes l as CSV with the header
//
//	up,down,width,ok,reason
//
// and one row.
func WriteLoopCSV(w io.Writer, l HysteresisLoop) error {
	return writeCSV(w, []string{"up", "down", "width", "ok", "reason"}, func(emit func(...string) error) error {
		return emit(formatFloat(l.Up), formatFloat(l.Down), formatFloat(l.Width), strconv.FormatBool(l.OK), l.Reason)
	})
}
