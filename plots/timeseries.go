package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/model"
	"skillsim/sim"
)

// band is an indicator's mean over replications at each date with its 95%
// interval: Mean[i] ± the Student-t half-width at X[i] (sim.MeanCI95 of
// the replications' values at step i; replications without a finite
// value at that step are left out, and a step with none is NaN).
type band struct {
	X, Mean, Low, High []float64
}

// bandOf returns the band of indicator m over the replications of res.
// Every replication is taken to have the dates of the first.
func bandOf(res *sim.Result, m model.Metric) band {
	if len(res.Reps) == 0 {
		return band{}
	}
	obs0 := res.Reps[0].Observations
	b := band{
		X:    make([]float64, len(obs0)),
		Mean: make([]float64, len(obs0)),
		Low:  make([]float64, len(obs0)),
		High: make([]float64, len(obs0)),
	}
	vals := make([]float64, 0, len(res.Reps))
	for i := range obs0 {
		b.X[i] = decimalYear(obs0[i].Date)
		vals = vals[:0]
		for _, rep := range res.Reps {
			if i < len(rep.Observations) {
				if v := rep.Observations[i].Region[m]; finite(v) {
					vals = append(vals, v)
				}
			}
		}
		if len(vals) == 0 {
			b.Mean[i], b.Low[i], b.High[i] = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		iv := sim.MeanCI95(vals)
		b.Mean[i], b.Low[i], b.High[i] = iv.Mean, iv.Low, iv.High
	}
	return b
}

// addBand adds b to p as a line for the mean over a translucent polygon
// between the interval's bounds, in colour c, with a legend entry name
// (none if name is empty). Steps where the mean is not finite break the
// line and the band.
func addBand(p *plot.Plot, b band, c int, name string) error {
	return addBands(p, []band{b}, []string{name})
}

// addBands adds several bands to p, the k-th in colour k: every band's
// polygon first, then every mean line, so no band hides a line.
func addBands(p *plot.Plot, bs []band, names []string) error {
	var lines []plot.Plotter
	for k, b := range bs {
		col := Color(k)
		first := true
		for from := 0; from < len(b.X); {
			if !finite(b.Mean[from], b.Low[from], b.High[from]) {
				from++
				continue
			}
			to := from
			for to < len(b.X) && finite(b.Mean[to], b.Low[to], b.High[to]) {
				to++
			}
			n := to - from
			mean := make(plotter.XYs, n)
			poly := make(plotter.XYs, 2*n)
			for i := range n {
				x := b.X[from+i]
				mean[i] = plotter.XY{X: x, Y: b.Mean[from+i]}
				poly[i] = plotter.XY{X: x, Y: b.Low[from+i]}
				poly[2*n-1-i] = plotter.XY{X: x, Y: b.High[from+i]}
			}
			pg, err := plotter.NewPolygon(poly)
			if err != nil {
				return err
			}
			pg.Color = translucent(col, 0x50)
			pg.LineStyle.Width = 0
			l, err := plotter.NewLine(mean)
			if err != nil {
				return err
			}
			l.Color = col
			l.Width = vg.Points(2)
			p.Add(pg)
			lines = append(lines, l)
			if first && names[k] != "" {
				p.Legend.Add(names[k], pg, l)
			}
			first = false
			from = to
		}
	}
	p.Add(lines...)
	return nil
}

// regimeCounts counts the replications of res ending in each regime.
func regimeCounts(res *sim.Result) [model.NumRegimes]int {
	var n [model.NumRegimes]int
	for _, rep := range res.Reps {
		if rep.Regime >= 0 && rep.Regime < model.NumRegimes {
			n[rep.Regime]++
		}
	}
	return n
}

// RegimeText says which regimes the replications of res ended in, such as
// "regime in 2035-01: low-skills 18 of 20, transitional 2, co-production 0".
func RegimeText(res *sim.Result) string {
	n := regimeCounts(res)
	var b strings.Builder
	end := model.Month(0)
	if len(res.Reps) > 0 {
		end = res.Reps[0].Final.Date
	}
	fmt.Fprintf(&b, "regime in %s:", end)
	for g, k := range n {
		if g == 0 {
			fmt.Fprintf(&b, " %s %d of %d", model.Regime(g), k, len(res.Reps))
		} else {
			fmt.Fprintf(&b, ", %s %d", model.Regime(g), k)
		}
	}
	return b.String()
}

// styleMetricAxis labels p's y axis with m's unit, in per cent for a share.
func styleMetricAxis(p *plot.Plot, m model.Metric) {
	p.Y.Label.Text = MetricUnit(m)
	if isShare(m) {
		p.Y.Tick.Marker = percentTicks{}
	}
}

// TimeSeries plots indicator m of res over time: the mean over
// replications at each date with its 95% band, the dates in years, and
// the regimes the replications ended in under the title.
func TimeSeries(res *sim.Result, m model.Metric) (*plot.Plot, error) {
	title := fmt.Sprintf("%s: %s\n%s", res.Config.Name, MetricTitle(m), RegimeText(res))
	p := newPlot(title, "year", "")
	styleMetricAxis(p, m)
	p.X.Tick.Marker = yearTicks{}
	addGrid(p, false, true)
	name := fmt.Sprintf("mean of %d replications, 95%% band", len(res.Reps))
	b := bandOf(res, m)
	addStartup(p, b)
	if err := addBand(p, b, 0, name); err != nil {
		return nil, fmt.Errorf("plots: %s: %w", m, err)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}

// TimeSeriesPanel draws small multiples of the indicators ms of res over
// time (sim.Headline when ms is nil), three to a row, each the mean over
// replications with its 95% band, under a title naming the scenario and
// the regimes reached.
func TimeSeriesPanel(res *sim.Result, ms []model.Metric) (*Figure, error) {
	if ms == nil {
		ms = sim.Headline
	}
	const cols = 3
	var rows [][]*plot.Plot
	for i, m := range ms {
		if i%cols == 0 {
			rows = append(rows, nil)
		}
		p := newPlot(MetricTitle(m), "", "")
		p.Title.TextStyle.Font.Size = LabelSize
		styleMetricAxis(p, m)
		p.Y.Label.TextStyle.Font.Size = TextSize
		p.X.Tick.Marker = yearTicks{}
		addGrid(p, false, true)
		b := bandOf(res, m)
		addStartup(p, b)
		if err := addBand(p, b, 0, ""); err != nil {
			return nil, fmt.Errorf("plots: %s: %w", m, err)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], p)
	}
	title := fmt.Sprintf("%s: mean of %d replications with 95%% band\n%s", res.Config.Name, len(res.Reps), RegimeText(res))
	h := PanelHeight * vg.Length(len(rows)) / 3
	h = max(h, Height)
	return &Figure{
		Name:    "timeseries",
		Caption: fmt.Sprintf("sim.Headline indicators of %s over time: the mean of %d replications with its 95%% band; %s.", res.Config.Name, len(res.Reps), RegimeText(res)),
		Width:   PanelWidth, Height: h,
		Drawer: &Panel{Title: title, Plots: rows},
	}, nil
}

// StartupMonths is the start-up of a run: its first year, in which the
// region settles from the initial state it was built in (the initial
// workforce's skill gaps being trained away, the first ties forming).
// What happens then is the model finding its feet, not the dynamics a
// scenario asks about, so time axes shade it and label it "start-up".
const StartupMonths = 12

// startup shades the start-up of a run on a time axis: a light grey
// column from the run's start, From, to StartupMonths later, labelled
// "start-up" at its top. It adds nothing to the data range.
type startup struct {
	From float64 // the run's start, in decimal years
}

// Plot implements plot.Plotter.
func (s startup) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	x0 := max(tx(s.From), c.Min.X)
	x1 := min(tx(s.From+StartupMonths/12.0), c.Max.X)
	if x1 <= x0 {
		return
	}
	c.FillPolygon(translucent(grey, 0x30), []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
	// The label reads upwards from the foot of the column, inside it.
	sty := textStyle(TextSize, draw.XLeft, draw.YTop)
	sty.Rotation = math.Pi / 2
	c.FillText(sty, vg.Point{X: x0 + vg.Points(2), Y: c.Min.Y + vg.Points(4)}, "start-up")
}

// addStartup shades the start-up of every distinct start among the
// bands' first dates, beneath what is already on p.
func addStartup(p *plot.Plot, bs ...band) {
	var seen []float64
	for _, b := range bs {
		if len(b.X) == 0 || slices.Contains(seen, b.X[0]) {
			continue
		}
		seen = append(seen, b.X[0])
		p.Add(startup{From: b.X[0]})
	}
}
