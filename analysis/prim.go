package analysis

import (
	"io"
	"math"
	"slices"
	"strconv"
)

// PRIMOptions configures PRIM. A zero field takes its default.
type PRIMOptions struct {
	// Alpha is the peeling fraction: the share of the box's points removed
	// by one peel (default 0.05, as in the EMA Workbench).
	Alpha float64 `json:"alpha"`
	// MinMass is the least mass (share of all points) a box may have
	// (default 0.05).
	MinMass float64 `json:"min_mass"`
	// Threshold is the density a box must reach to be chosen (default 0.8).
	Threshold float64 `json:"threshold"`
}

// The defaults of PRIMOptions.
const (
	DefaultPRIMAlpha     = 0.05
	DefaultPRIMMinMass   = 0.05
	DefaultPRIMThreshold = 0.8
)

// Limit is a box's range [Low, High] in one parameter.
type Limit struct {
	Param string  `json:"param"`
	Index int     `json:"index"` // the parameter's column in X
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// PRIMBox is one box on the peeling trajectory.
type PRIMBox struct {
	Step int `json:"step"` // 0 for the box around all the data
	// Limits are the box's ranges in the restricted parameters only: those
	// whose range is narrower than the data's (PRIMResult.Init).
	Limits   []Limit `json:"limits"`
	N        int     `json:"n"`        // points in the box
	Hits     int     `json:"hits"`     // points in the box with y true
	Coverage float64 `json:"coverage"` // Hits / (points with y true), 0 if there are none
	Density  float64 `json:"density"`  // Hits / N
	Mass     float64 `json:"mass"`     // N / (all points)
}

// PRIMResult is the outcome of PRIM: the peeling trajectory and the box
// chosen from it.
type PRIMResult struct {
	Params    []string    `json:"params"`
	Options   PRIMOptions `json:"options"`   // with defaults filled in
	N         int         `json:"n"`         // points
	Positives int         `json:"positives"` // points with y true
	// Init is the box around all the data: each parameter's minimum and
	// maximum.
	Init       []Limit   `json:"init"`
	Trajectory []PRIMBox `json:"trajectory"`
	// Chosen is the index in Trajectory of the chosen box (−1 if there
	// are no points), and Rule the rule that chose it: RuleDensity or
	// RuleDensityCoverage.
	Chosen int    `json:"chosen"`
	Rule   string `json:"rule"`
}

// The rules by which PRIM chooses a box from the trajectory.
const (
	RuleDensity         = "last box with density >= threshold"
	RuleDensityCoverage = "max density*coverage"
)

// PRIM runs the peeling phase of the Patient Rule Induction Method
// (Friedman & Fisher 1999) for scenario discovery, as the EMA Workbench
// does (Kwakkel 2017): it looks for a box in the parameter space where the
// cases of interest (y true; here, runs reaching co-production) are dense.
// X[j] holds the parameter values of point j, one per name in names.
//
// Peeling starts from the box around all the data and, at each step, tries
// for every parameter two peels: removing the points below the Alpha
// quantile or above the (1 − Alpha) quantile of the parameter's values in
// the box (quantiles as in the Workbench, moved to lie midway between
// distinct values; the new limit is the quantile). Of these candidates it
// takes the one with the greatest objective (the Workbench's default
// "lenient1"),
//
//	obj = (ȳ_new − ȳ_old) / (n_old − n_new),
//
// the gain in density per point removed; ties go to the candidate that
// restricts fewer parameters, then to the first (parameters in order,
// upper peel before lower). Peeling stops when the best candidate would
// take the mass below MinMass, would remove no point, or does not raise
// the density (obj ≤ 0). Every box on the way is recorded with
//
//	coverage = hits in box / all hits,  density = hits in box / points in box,
//	mass     = points in box / all points.
//
// The chosen box is the last box on the trajectory with density ≥
// Threshold: peeling only ever raises density, so this is the box with the
// highest density, and the Workbench's default choice (the end of the
// trajectory) whenever that is dense enough. If no box reaches the
// threshold, the box with the greatest density·coverage is chosen instead,
// the best compromise between the two (the first such box on ties). There
// is no pasting phase, and every parameter is peeled as real-valued (the
// Workbench peels integer and categorical parameters differently).
//
// PRIM panics if the lengths of X, names and y disagree, if X holds a NaN
// or infinity, or if an option is out of range (Alpha outside (0, 0.5),
// MinMass or Threshold outside (0, 1]).
func PRIM(X [][]float64, names []string, y []bool, opt PRIMOptions) PRIMResult {
	if len(X) != len(y) {
		panic("analysis: PRIM: len(X) != len(y)")
	}
	k := len(names)
	for _, row := range X {
		if len(row) != k {
			panic("analysis: PRIM: row length != len(names)")
		}
		for _, v := range row {
			if !finite(v) {
				panic("analysis: PRIM: non-finite value in X")
			}
		}
	}
	if opt.Alpha == 0 {
		opt.Alpha = DefaultPRIMAlpha
	}
	if opt.MinMass == 0 {
		opt.MinMass = DefaultPRIMMinMass
	}
	if opt.Threshold == 0 {
		opt.Threshold = DefaultPRIMThreshold
	}
	if !(opt.Alpha > 0 && opt.Alpha < 0.5) || !(opt.MinMass > 0 && opt.MinMass <= 1) || !(opt.Threshold > 0 && opt.Threshold <= 1) {
		panic("analysis: PRIM: option out of range")
	}

	n := len(X)
	res := PRIMResult{Params: append([]string(nil), names...), Options: opt, N: n, Chosen: -1}
	if n == 0 {
		return res
	}
	for _, v := range y {
		if v {
			res.Positives++
		}
	}
	initLo := slices.Clone(X[0])
	initHi := slices.Clone(X[0])
	for _, row := range X {
		for d, v := range row {
			initLo[d] = math.Min(initLo[d], v)
			initHi[d] = math.Max(initHi[d], v)
		}
	}
	res.Init = make([]Limit, k)
	for d := range k {
		res.Init[d] = Limit{Param: names[d], Index: d, Low: initLo[d], High: initHi[d]}
	}

	restricted := func(lo, hi []float64) int {
		r := 0
		for d := range k {
			if lo[d] != initLo[d] || hi[d] != initHi[d] {
				r++
			}
		}
		return r
	}
	record := func(lo, hi []float64, in []int) {
		b := PRIMBox{Step: len(res.Trajectory), N: len(in), Mass: float64(len(in)) / float64(n)}
		for _, j := range in {
			if y[j] {
				b.Hits++
			}
		}
		b.Density = float64(b.Hits) / float64(b.N)
		if res.Positives > 0 {
			b.Coverage = float64(b.Hits) / float64(res.Positives)
		}
		for d := range k {
			if lo[d] != initLo[d] || hi[d] != initHi[d] {
				b.Limits = append(b.Limits, Limit{Param: names[d], Index: d, Low: lo[d], High: hi[d]})
			}
		}
		res.Trajectory = append(res.Trajectory, b)
	}
	hits := func(in []int) int {
		h := 0
		for _, j := range in {
			if y[j] {
				h++
			}
		}
		return h
	}

	lo, hi := slices.Clone(initLo), slices.Clone(initHi)
	in := make([]int, n)
	for j := range in {
		in[j] = j
	}
	record(lo, hi, in)
	vals := make([]float64, 0, n)
	for {
		meanOld := float64(hits(in)) / float64(len(in))
		type peel struct {
			obj    float64
			free   int // parameters left unrestricted
			d      int
			upper  bool
			limit  float64
			inside []int
		}
		var best *peel
		for d := range k {
			vals = vals[:0]
			for _, j := range in {
				vals = append(vals, X[j][d])
			}
			slices.Sort(vals)
			for _, upper := range []bool{true, false} {
				var limit float64
				var inside []int
				if upper {
					limit = peelQuantile(vals, 1-opt.Alpha)
					for _, j := range in {
						if X[j][d] <= limit {
							inside = append(inside, j)
						}
					}
				} else {
					limit = peelQuantile(vals, opt.Alpha)
					for _, j := range in {
						if X[j][d] >= limit {
							inside = append(inside, j)
						}
					}
				}
				meanNew := 0.0
				if len(inside) > 0 {
					meanNew = float64(hits(inside)) / float64(len(inside))
				}
				obj := 0.0
				if meanNew != meanOld && len(inside) != len(in) {
					obj = (meanNew - meanOld) / math.Abs(float64(len(in)-len(inside)))
				}
				nlo, nhi := lo, hi
				if upper {
					nhi = slices.Clone(hi)
					nhi[d] = limit
				} else {
					nlo = slices.Clone(lo)
					nlo[d] = limit
				}
				p := &peel{obj: obj, free: k - restricted(nlo, nhi), d: d, upper: upper, limit: limit, inside: inside}
				if best == nil || p.obj > best.obj || (p.obj == best.obj && p.free > best.free) {
					best = p
				}
			}
		}
		if best == nil {
			break
		}
		mass := float64(len(best.inside)) / float64(n)
		if len(best.inside) == 0 || mass < opt.MinMass || len(best.inside) >= len(in) || best.obj <= 0 {
			break
		}
		lo, hi = slices.Clone(lo), slices.Clone(hi)
		if best.upper {
			hi[best.d] = best.limit
		} else {
			lo[best.d] = best.limit
		}
		in = best.inside
		record(lo, hi, in)
	}

	res.Chosen, res.Rule = chooseBox(res.Trajectory, opt.Threshold)
	return res
}

// chooseBox returns the index of the last box with density ≥ threshold,
// or, if there is none, of the first box with the greatest
// density·coverage, and the rule used.
func chooseBox(traj []PRIMBox, threshold float64) (int, string) {
	for i := len(traj) - 1; i >= 0; i-- {
		if traj[i].Density >= threshold {
			return i, RuleDensity
		}
	}
	best := 0
	for i, b := range traj {
		if b.Density*b.Coverage > traj[best].Density*traj[best].Coverage {
			best = i
		}
	}
	return best, RuleDensityCoverage
}

// peelQuantile returns the q quantile of sorted data as the EMA Workbench
// computes it for peeling (after sdtoolkit): at position i = (n−1)q, the
// mean of the values at floor(i) and ceil(i), where for an upper quantile
// (q > 0.5) the lower index moves down, and for a lower quantile the upper
// index moves up, until the two values differ (or the end is reached), so
// that the limit falls between distinct values.
func peelQuantile(data []float64, q float64) float64 {
	i := float64(len(data)-1) * q
	lo, hi := int(math.Floor(i)), int(math.Ceil(i))
	if q > 0.5 {
		for data[lo] == data[hi] && lo > 0 {
			lo--
		}
	} else {
		for data[lo] == data[hi] && hi < len(data)-1 {
			hi++
		}
	}
	return (data[lo] + data[hi]) / 2
}

// WritePRIMCSV writes the peeling trajectory of r as CSV with the header
//
//	step,chosen,coverage,density,mass,n,hits,restricted,<param>_low,<param>_high,...
//
// one row per box, with a low and high column for every parameter, empty
// where the box does not restrict it; chosen is true on the chosen box.
func WritePRIMCSV(w io.Writer, r PRIMResult) error {
	header := []string{"step", "chosen", "coverage", "density", "mass", "n", "hits", "restricted"}
	for _, p := range r.Params {
		header = append(header, p+"_low", p+"_high")
	}
	return writeCSV(w, header, func(emit func(...string) error) error {
		row := make([]string, len(header))
		for i, b := range r.Trajectory {
			clear(row)
			row[0], row[1] = strconv.Itoa(b.Step), strconv.FormatBool(i == r.Chosen)
			row[2], row[3], row[4] = formatFloat(b.Coverage), formatFloat(b.Density), formatFloat(b.Mass)
			row[5], row[6], row[7] = strconv.Itoa(b.N), strconv.Itoa(b.Hits), strconv.Itoa(len(b.Limits))
			for _, l := range b.Limits {
				row[8+2*l.Index], row[9+2*l.Index] = formatFloat(l.Low), formatFloat(l.High)
			}
			if err := emit(row...); err != nil {
				return err
			}
		}
		return nil
	})
}
