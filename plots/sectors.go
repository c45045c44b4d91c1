package plots

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"

	"skillsim/model"
	"skillsim/sim"
)

// sectorBars are the sector indicators of Sectors, with their names for
// the legend.
var sectorBars = []struct {
	m    model.SectorMetric
	name string
}{
	{model.SectorTurnoverRate, "turnover (leavers per year)"},
	{model.SectorVacancyRate, "vacancies per job"},
	{model.SectorTrainingShare, "employers training"},
	{model.SectorCoproductionShare, "ties in co-production"},
}

// sectorInterval returns the mean over the replications of res of sector
// s's indicator m at the final step, with its 95% interval.
func sectorInterval(res *sim.Result, s int, m model.SectorMetric) sim.Interval {
	var vals []float64
	for _, rep := range res.Reps {
		if s < len(rep.Final.Sectors) {
			if v := rep.Final.Sectors[s][m]; finite(v) {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) == 0 {
		return sim.Interval{Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
	}
	return sim.MeanCI95(vals)
}

// Sectors draws the sectors side by side at the end of the run: for each
// sector a group of four bars (staff turnover, vacancies per job, share of
// employers training, share of ties in co-production), each the mean over
// replications with a whisker for its 95% interval.
func Sectors(res *sim.Result) (*plot.Plot, error) {
	if len(res.Reps) == 0 {
		return nil, errors.New("plots: sectors: no replications")
	}
	ns := len(res.Reps[0].Final.Sectors)
	if ns == 0 {
		return nil, errors.New("plots: sectors: no sector observations")
	}
	end := res.Reps[0].Final.Date
	title := fmt.Sprintf("%s: sectors in %s\nmean of %d replications with 95%% interval", res.Config.Name, end, len(res.Reps))
	p := newPlot(title, "", "share")
	p.Y.Tick.Marker = percentTicks{}
	addGrid(p, false, true)
	names := make(nominalTicks, ns)
	for s := range ns {
		name := fmt.Sprintf("sector %d", s)
		if s < len(res.Config.Sectors) {
			name = res.Config.Sectors[s].Name
		}
		names[s] = strings.ReplaceAll(name, "_", " ")
	}
	p.X.Tick.Marker = names
	const width = 0.8 // of a group, in units of the sector axis
	bw := width / float64(len(sectorBars))
	top := 0.0
	for j, b := range sectorBars {
		bars := &rects{color: Color(j)}
		w := &whiskers{color: black}
		for s := range ns {
			iv := sectorInterval(res, s, b.m)
			if !finite(iv.Mean) {
				continue
			}
			x0 := float64(s) - width/2 + float64(j)*bw
			bars.rs = append(bars.rs, rect{x0: x0 + 0.1*bw, x1: x0 + 0.9*bw, y0: 0, y1: iv.Mean})
			w.pos, w.lo, w.hi = append(w.pos, x0+bw/2), append(w.lo, iv.Low), append(w.hi, iv.High)
			top = math.Max(top, math.Max(iv.Mean, iv.High))
		}
		p.Add(bars, w)
		p.Legend.Add(b.name, bars)
	}
	p.X.Min, p.X.Max = -0.5, float64(ns)-0.5
	p.Y.Min = 0
	// Room above the bars for the legend.
	p.Y.Max = math.Max(top, 0.01) * 1.45
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}
