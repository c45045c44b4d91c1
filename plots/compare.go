package plots

import (
	"errors"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/model"
	"skillsim/sim"
)

// errNoScenarios is returned for a comparison without scenarios.
var errNoScenarios = errors.New("plots: the comparison has no scenarios")

// CompareSeries plots indicator m of every scenario of c on one time axis:
// each scenario's mean over replications with its 95% band, in the
// scenario's colour (Color(k) for the k-th scenario), with a legend.
func CompareSeries(c *sim.Comparison, m model.Metric) (*plot.Plot, error) {
	if len(c.Results) == 0 {
		return nil, errNoScenarios
	}
	title := fmt.Sprintf("%s by scenario\nmean of %d replications with 95%% band, common random numbers", MetricTitle(m), c.Reps)
	p := newPlot(title, "year", "")
	styleMetricAxis(p, m)
	p.X.Tick.Marker = yearTicks{}
	addGrid(p, false, true)
	bands := make([]band, len(c.Results))
	for k, res := range c.Results {
		bands[k] = bandOf(res, m)
	}
	addStartup(p, bands...)
	if err := addBands(p, bands, c.Names()); err != nil {
		return nil, fmt.Errorf("plots: %s: %w", m, err)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}

// Differences draws small multiples, one per indicator of ms
// (sim.Headline when nil), of each later scenario's paired difference
// from the first (Comparison.Diffs): a dot at the mean difference with a
// whisker for its 95% interval, and a dashed line at zero. An interval
// that misses the line is a difference the replications resolve.
func Differences(c *sim.Comparison, ms []model.Metric) (*Figure, error) {
	if len(c.Results) < 2 {
		return nil, errors.New("plots: differences need at least two scenarios")
	}
	if ms == nil {
		ms = sim.Headline
	}
	names := c.Names()
	base := names[0]
	others := len(names) - 1
	// Scenario k sits at y = others − k, so the second scenario is on top.
	ticks := make(nominalTicks, others)
	for k := 1; k <= others; k++ {
		ticks[others-k] = names[k]
	}
	const cols = 3
	var rows [][]*plot.Plot
	for i, m := range ms {
		if i%cols == 0 {
			rows = append(rows, nil)
		}
		p := newPlot(MetricTitle(m), MetricUnit(m), "")
		p.X.Label.TextStyle.Font.Size = TextSize
		if isShare(m) {
			p.X.Label.Text = MetricUnit(m) + " (points)"
			p.X.Tick.Marker = percentTicks{}
		}
		p.Y.Tick.Marker = ticks
		p.Y.Min, p.Y.Max = -0.5, float64(others)-0.5
		addGrid(p, true, false)
		p.Add(&refLine{v: 0, vertical: true, color: grey, dashed: true})
		for k := 1; k <= others; k++ {
			d := c.Diffs[k][m]
			if !finite(d.Mean, d.Low, d.High) {
				continue
			}
			y := float64(others - k)
			p.Add(&whiskers{pos: []float64{y}, lo: []float64{d.Low}, hi: []float64{d.High}, horizontal: true, color: Color(k)})
			s, err := plotter.NewScatter(plotter.XYs{{X: d.Mean, Y: y}})
			if err != nil {
				return nil, err
			}
			s.GlyphStyle = draw.GlyphStyle{Color: Color(k), Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
			p.Add(s)
		}
		// Keep zero in view, with room either side.
		p.X.Min, p.X.Max = min(p.X.Min, 0), max(p.X.Max, 0)
		if p.X.Min == p.X.Max {
			p.X.Min, p.X.Max = -1, 1
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], p)
	}
	title := fmt.Sprintf("Difference from %s at the end, paired by replication\nmean with 95%% interval, %d replications with common random numbers", base, c.Reps)
	h := PanelHeight * vg.Length(len(rows)) / 3
	h = max(h, Height)
	return &Figure{
		Name:    "differences",
		Caption: fmt.Sprintf("Each scenario's final indicators less %s's, paired by replication (common random numbers): the mean difference with its 95%% interval; an interval clear of the dashed zero line is a resolved difference.", base),
		Width:   PanelWidth, Height: h,
		Drawer: &Panel{Title: title, Plots: rows},
	}, nil
}

// Regimes draws, for each scenario of c, the share of replications ending
// in each regime as one horizontal bar divided by regime.
func Regimes(c *sim.Comparison) (*plot.Plot, error) {
	if len(c.Results) == 0 {
		return nil, errNoScenarios
	}
	n := len(c.Results)
	p := newPlot(fmt.Sprintf("Regime reached by scenario\n%d replications each", c.Reps), "share of replications", "")
	// The bars end at 100%; the legend sits to their right.
	p.X.Tick.Marker = shareTicks{}
	p.X.Min, p.X.Max = 0, 1.4
	ticks := make(nominalTicks, n)
	var bars [model.NumRegimes]rects
	for k, res := range c.Results {
		y := float64(n - 1 - k)
		ticks[n-1-k] = res.Config.Name
		shares := sim.Summarize(res).Regimes
		x := 0.0
		for g, s := range shares {
			bars[g].rs = append(bars[g].rs, rect{x0: x, x1: x + s, y0: y - 0.35, y1: y + 0.35})
			x += s
		}
	}
	p.Y.Tick.Marker = ticks
	for g := range bars {
		bars[g].color = RegimeColor(model.Regime(g))
		p.Add(&bars[g])
		p.Legend.Add(model.Regime(g).String(), &bars[g])
	}
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Legend.Top = true
	return p, nil
}

// shareTicks labels 0 to 100% in steps of 20 points.
type shareTicks struct{}

// Ticks implements plot.Ticker.
func (shareTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for i := 0; i <= 10; i++ {
		t := plot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = percent(t.Value)
		}
		ticks = append(ticks, t)
	}
	return ticks
}
