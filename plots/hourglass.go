package plots

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/model"
	"skillsim/sim"
)

// jobLevels are the indicators of the hour-glass, from the bottom.
var jobLevels = []model.Metric{model.LowSkillJobShare, model.IntermediateJobShare, model.HighSkillJobShare}

// intervalAt returns the mean over the replications of res of indicator m
// at step i, with its 95% interval.
func intervalAt(res *sim.Result, i int, m model.Metric) sim.Interval {
	var vals []float64
	for _, rep := range res.Reps {
		if i < len(rep.Observations) {
			if v := rep.Observations[i].Region[m]; finite(v) {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) == 0 {
		return sim.Interval{Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
	}
	return sim.MeanCI95(vals)
}

// absPercentTicks labels a two-sided share axis with the absolute value in
// per cent, as a population pyramid does.
type absPercentTicks struct{}

// Ticks implements plot.Ticker.
func (absPercentTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = percent(math.Abs(ticks[i].Value))
		}
	}
	return ticks
}

// HourGlass draws the jobs by skill level (low, intermediate, high: the
// shares of filled jobs) at the start and at the end of the run as a
// population pyramid: the start to the left of the axis, the end to the
// right, low-skill jobs at the bottom. Each bar is the mean over
// replications, with a whisker for its 95% interval and its value written
// beside it. Polarisation shows as a waist: the intermediate bar shrinking
// while the others grow.
func HourGlass(res *sim.Result) (*plot.Plot, error) {
	if len(res.Reps) == 0 || len(res.Reps[0].Observations) == 0 {
		return nil, errors.New("plots: hour-glass: no observations")
	}
	obs := res.Reps[0].Observations
	last := len(obs) - 1
	start, end := obs[0].Date, obs[last].Date
	title := fmt.Sprintf("%s: jobs by skill level, %d and %d\nshare of filled jobs, mean of %d replications with 95%% interval", res.Config.Name, start.Year(), end.Year(), len(res.Reps))
	p := newPlot(title, fmt.Sprintf("share of filled jobs: ← %s | %s →", start, end), "")
	p.X.Tick.Marker = absPercentTicks{}
	p.Y.Tick.Marker = nominalTicks{"low", "intermediate\n(level 3)", "high\n(level 4+)"}
	addGrid(p, true, false)

	left := &rects{color: skyBlue}
	right := &rects{color: blue}
	var (
		pos, lo, hi []float64
		xys         plotter.XYs
		texts       []string
		lxys        plotter.XYs
		ltexts      []string
	)
	widest := 0.0
	for y, m := range jobLevels {
		a, b := intervalAt(res, 0, m), intervalAt(res, last, m)
		fy := float64(y)
		if finite(a.Mean) {
			left.rs = append(left.rs, rect{x0: -a.Mean, x1: 0, y0: fy - 0.35, y1: fy + 0.35})
			pos, lo, hi = append(pos, fy), append(lo, -a.Low), append(hi, -a.High)
			lxys = append(lxys, plotter.XY{X: -math.Max(a.Mean, a.High), Y: fy})
			ltexts = append(ltexts, percent(a.Mean))
			widest = math.Max(widest, a.High)
		}
		if finite(b.Mean) {
			right.rs = append(right.rs, rect{x0: 0, x1: b.Mean, y0: fy - 0.35, y1: fy + 0.35})
			pos, lo, hi = append(pos, fy), append(lo, b.Low), append(hi, b.High)
			xys = append(xys, plotter.XY{X: math.Max(b.Mean, b.High), Y: fy})
			texts = append(texts, percent(b.Mean))
			widest = math.Max(widest, b.High)
		}
	}
	p.Add(left, right, &refLine{v: 0, vertical: true, color: black})
	p.Add(&whiskers{pos: pos, lo: lo, hi: hi, horizontal: true, color: black})
	if len(xys) > 0 {
		l, err := labels(xys, texts, draw.XLeft, draw.YCenter, vg.Point{X: vg.Points(6)})
		if err != nil {
			return nil, err
		}
		p.Add(l)
	}
	if len(lxys) > 0 {
		l, err := labels(lxys, ltexts, draw.XRight, draw.YCenter, vg.Point{X: -vg.Points(6)})
		if err != nil {
			return nil, err
		}
		p.Add(l)
	}
	p.Legend.Add(start.String()+" (start)", left)
	p.Legend.Add(end.String()+" (end)", right)
	p.Legend.Top = true
	// Symmetric, with room for the value labels and the legend.
	w := math.Max(widest, 0.05) * 1.35
	p.X.Min, p.X.Max = -w, w
	p.Y.Min, p.Y.Max = -0.5, 3.1
	return p, nil
}
