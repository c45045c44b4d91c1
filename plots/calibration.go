package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/scenarios"
)

// Marginal is a parameter's posterior sample and its prior range, for
// Marginals and Pairs.
type Marginal struct {
	// Path names the parameter.
	Path string
	// Low and High bound its uniform prior.
	Low, High float64
	// Sample is the posterior sample, equally weighted.
	Sample []float64
	// True, if not NaN, is a known true value (a recovery test) drawn as
	// a dashed line.
	True float64
}

// Marginals draws a histogram of each parameter's posterior sample over
// its prior range (20 bins), with the known true value when given: one
// plot per parameter, two to a row.
func Marginals(ms []Marginal) (*Figure, error) {
	if len(ms) == 0 {
		return nil, errors.New("plots: marginals: no parameters")
	}
	var ps []*plot.Plot
	for _, m := range ms {
		p := newPlot(scenarios.Name(m.Path), m.Path, "share of the posterior sample")
		p.Title.TextStyle.Font.Size = LabelSize
		const bins = 20
		w := (m.High - m.Low) / bins
		counts := make([]float64, bins)
		n := 0.0
		for _, x := range m.Sample {
			if !finite(x) {
				continue
			}
			b := int(math.Floor((x - m.Low) / w))
			counts[max(0, min(b, bins-1))]++
			n++
		}
		bars := &rects{color: blue}
		for b, c := range counts {
			if n > 0 {
				c /= n
			}
			x0 := m.Low + float64(b)*w
			bars.rs = append(bars.rs, rect{x0: x0 + w*0.04, x1: x0 + w*0.96, y0: 0, y1: c})
		}
		addGrid(p, false, true)
		p.Add(bars)
		p.Legend.Add("posterior", bars)
		if !math.IsNaN(m.True) {
			tl := &refLine{v: m.True, vertical: true, color: vermillion, dashed: true}
			p.Add(tl)
			p.Legend.Add("true value", tl)
		}
		p.Legend.Top = true
		p.X.Min, p.X.Max = m.Low, m.High
		p.Y.Min = 0
		p.Y.Tick.Marker = percentTicks{}
		ps = append(ps, p)
	}
	return panelOf("marginals", "The posterior of each calibrated parameter, as a histogram over its prior range (a flat histogram is an unidentified parameter).",
		"Marginal posteriors", ps), nil
}

// Pairs draws the posterior sample of two parameters against each other
// over their prior ranges, titled with their correlation r.
func Pairs(x, y Marginal, r float64) (*Figure, error) {
	if len(x.Sample) != len(y.Sample) || len(x.Sample) == 0 {
		return nil, errors.New("plots: pairs: samples of different or no length")
	}
	p := newPlot(fmt.Sprintf("The most correlated pair: r = %.2f", r), x.Path, y.Path)
	xys := make(plotter.XYs, 0, len(x.Sample))
	for i := range x.Sample {
		if finite(x.Sample[i], y.Sample[i]) {
			xys = append(xys, plotter.XY{X: x.Sample[i], Y: y.Sample[i]})
		}
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: translucent(blue, 0x99), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	addGrid(p, true, true)
	p.Add(sc)
	p.Legend.Add("posterior particle", sc)
	if !math.IsNaN(x.True) && !math.IsNaN(y.True) {
		tv, err := plotter.NewScatter(plotter.XYs{{X: x.True, Y: y.True}})
		if err != nil {
			return nil, err
		}
		tv.GlyphStyle = draw.GlyphStyle{Color: vermillion, Radius: vg.Points(6), Shape: draw.CrossGlyph{}}
		p.Add(tv)
		p.Legend.Add("true value", tv)
	}
	p.Legend.Top = true
	p.X.Min, p.X.Max = x.Low, x.High
	p.Y.Min, p.Y.Max = y.Low, y.High
	return single("pairs", "The posterior sample of the two most correlated parameters: a ridge means the targets constrain a combination of them, not each.", p), nil
}

// PredictiveInterval is a statistic's posterior predictive interval and
// its observation, for Predictive.
type PredictiveInterval struct {
	// ID labels the statistic; Predict says it was held out.
	ID      string
	Predict bool
	// Observed is the observed value and Scale half the width of its
	// tolerance.
	Observed, Scale float64
	// Median, Low and High are the posterior predictive median and 90%
	// interval.
	Median, Low, High float64
}

// Predictive draws each statistic's posterior predictive median and 90%
// interval against its observation, in units of the statistic's
// tolerance: (value − observed) / (half the tolerance's width), so that
// the observation is 0 and its tolerance the band from −1 to 1. Fitted
// statistics are blue, held-out ones orange.
func Predictive(ps []PredictiveInterval) (*Figure, error) {
	if len(ps) == 0 {
		return nil, errors.New("plots: predictive: no statistics")
	}
	p := newPlot("Posterior predictive against the observations", "(model − observed) / half the tolerance", "")
	n := len(ps)
	names := make(nominalTicks, n)
	band := &rects{color: lightGrey, rs: []rect{{x0: -1, x1: 1, y0: -0.5, y1: float64(n) - 0.5}}}
	p.Add(band)
	p.Legend.Add("tolerance", band)
	var fit, held plotter.XYs
	fw := &whiskers{horizontal: true, color: blue}
	hw := &whiskers{horizontal: true, color: orange}
	for i, s := range ps {
		y := float64(n - 1 - i)
		names[n-1-i] = s.ID
		z := func(v float64) float64 { return (v - s.Observed) / s.Scale }
		w, pts := fw, &fit
		if s.Predict {
			w, pts = hw, &held
		}
		w.pos, w.lo, w.hi = append(w.pos, y), append(w.lo, z(s.Low)), append(w.hi, z(s.High))
		if finite(z(s.Median)) {
			*pts = append(*pts, plotter.XY{X: z(s.Median), Y: y})
		}
	}
	addGrid(p, true, false)
	p.Add(fw, hw, &refLine{v: 0, vertical: true, color: black})
	for _, set := range []struct {
		xys   plotter.XYs
		w     *whiskers
		c     color.Color
		label string
	}{{fit, fw, blue, "fitted: median and 90% interval"}, {held, hw, orange, "held out: median and 90% interval"}} {
		if len(set.xys) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(set.xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: set.c, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(set.label, sc)
	}
	p.Legend.Top = true
	p.Y.Tick.Marker = names
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5+0.8
	f := single("predictive", "Each statistic's posterior predictive median and 90% interval, in units of its tolerance around the observation (0): fitted statistics blue, held-out predictions orange.", p)
	f.Height = max(Height, vg.Length(n)*0.6*vg.Centimeter+4*vg.Centimeter)
	return f, nil
}
