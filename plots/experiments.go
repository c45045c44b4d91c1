package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/analysis"
	"skillsim/scenarios"
)

// viridis returns the colour map of the basin heat map: viridis (S. van
// der Walt and N. Smith, 2015), sequential, with luminance rising
// steadily from dark purple to yellow, so it reads in grey and for
// colour-blind readers. It is rebuilt from five of its colours with
// gonum's luminance interpolation.
func viridis() palette.ColorMap {
	cm, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{0x44, 0x01, 0x54, 0xff},
		color.NRGBA{0x3b, 0x52, 0x8b, 0xff},
		color.NRGBA{0x21, 0x91, 0x8c, 0xff},
		color.NRGBA{0x5e, 0xc9, 0x62, 0xff},
		color.NRGBA{0xfd, 0xe7, 0x25, 0xff},
	})
	if err != nil {
		panic("plots: viridis: " + err.Error())
	}
	cm.SetMin(0)
	cm.SetMax(1)
	return cm
}

// basinGrid is the GridXYZ of a basin map: the distinct X and Y values,
// sorted, and the share at each (NaN where no run was).
type basinGrid struct {
	xs, ys []float64
	z      [][]float64 // z[c][r]
}

func (g *basinGrid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g *basinGrid) Z(c, r int) float64 { return g.z[c][r] }
func (g *basinGrid) X(c int) float64    { return g.xs[c] }
func (g *basinGrid) Y(r int) float64    { return g.ys[r] }
func (g *basinGrid) Min() float64       { return 0 }
func (g *basinGrid) Max() float64       { return 1 }
func (g *basinGrid) index(v float64, vs []float64) int {
	i, _ := slices.BinarySearch(vs, v)
	return i
}

// newBasinGrid arranges cells on the grid of their distinct values.
func newBasinGrid(cells []analysis.BasinCell) *basinGrid {
	g := &basinGrid{}
	for _, c := range cells {
		g.xs = append(g.xs, c.X)
		g.ys = append(g.ys, c.Y)
	}
	slices.Sort(g.xs)
	slices.Sort(g.ys)
	g.xs, g.ys = slices.Compact(g.xs), slices.Compact(g.ys)
	g.z = make([][]float64, len(g.xs))
	for i := range g.z {
		g.z[i] = make([]float64, len(g.ys))
		for j := range g.z[i] {
			g.z[i][j] = math.NaN()
		}
	}
	for _, c := range cells {
		g.z[g.index(c.X, g.xs)][g.index(c.Y, g.ys)] = c.Share
	}
	return g
}

// valueTicks labels an axis at the given values, when there are few
// enough to read; otherwise at round numbers.
type valueTicks []float64

// Ticks implements plot.Ticker.
func (v valueTicks) Ticks(lo, hi float64) []plot.Tick {
	if len(v) > 12 {
		return numberTicks{}.Ticks(lo, hi)
	}
	ticks := make([]plot.Tick, len(v))
	for i, x := range v {
		ticks[i] = plot.Tick{Value: x, Label: formatValue(x)}
	}
	return ticks
}

// formatValue writes a parameter value briefly: 250000 as 250k, 2e6 as
// 2M, 0.005 as 0.005.
func formatValue(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e6 && math.Mod(a, 1e5) == 0:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case a >= 1e3 && math.Mod(a, 100) == 0:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// colorBar draws a plot with a vertical colour bar to the right of its
// data area.
type colorBar struct {
	p     *plot.Plot
	cm    palette.ColorMap
	label string
}

// barWidth is the room the colour bar takes: the bar and its labels.
const barWidth = 3.6 * vg.Centimeter

// Draw implements Drawer.
func (b *colorBar) Draw(c draw.Canvas) {
	main := draw.Crop(c, 0, -barWidth, 0, 0)
	b.p.Draw(main)
	da := b.p.DataCanvas(main)
	x0 := main.Max.X + 0.5*vg.Centimeter
	x1 := x0 + 0.6*vg.Centimeter
	const steps = 100
	h := da.Max.Y - da.Min.Y
	for i := range steps {
		col, err := b.cm.At(b.cm.Min() + (b.cm.Max()-b.cm.Min())*(float64(i)+0.5)/steps)
		if err != nil {
			continue
		}
		y0 := da.Min.Y + h*vg.Length(i)/steps
		y1 := da.Min.Y + h*vg.Length(i+1)/steps + vg.Points(0.3)
		c.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	}
	sty := textStyle(TextSize, draw.XLeft, draw.YCenter)
	line := draw.LineStyle{Color: black, Width: vg.Points(1)}
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		v := b.cm.Min() + t*(b.cm.Max()-b.cm.Min())
		y := da.Min.Y + h*vg.Length(t)
		c.StrokeLine2(line, x1, y, x1+vg.Points(4), y)
		c.FillText(sty, vg.Point{X: x1 + vg.Points(6), Y: y}, percent(v))
	}
	lsty := textStyle(TextSize, draw.XCenter, draw.YBottom)
	c.FillText(lsty, vg.Point{X: (x0 + x1) / 2, Y: da.Max.Y + vg.Points(6)}, b.label)
}

// Basin draws a basin map: over parameters xName and yName, each cell of
// cells coloured by the share of its runs that reached co-production, on
// the viridis scale from 0 to 100% with a colour bar, and the share
// written in the cell when there are at most 100 cells. Cells without
// runs are light grey.
func Basin(cells []analysis.BasinCell, xName, yName string) (*Figure, error) {
	if len(cells) == 0 {
		return nil, errors.New("plots: basin: no cells")
	}
	g := newBasinGrid(cells)
	n := 0
	for _, c := range cells {
		n = max(n, c.N)
	}
	cm := viridis()
	h := plotter.NewHeatMap(g, cm.Palette(256))
	h.NaN = lightGrey
	p := newPlot(fmt.Sprintf("Basin of co-production\nshare of runs reaching co-production, up to %d runs a cell", n), scenarios.Label(xName), scenarios.Label(yName))
	p.Add(h)
	p.X.Tick.Marker = valueTicks(g.xs)
	p.Y.Tick.Marker = valueTicks(g.ys)
	p.X.Padding, p.Y.Padding = 0, 0
	if len(cells) <= 100 {
		for _, dark := range []bool{true, false} {
			var xys plotter.XYs
			var texts []string
			for _, c := range cells {
				if (c.Share < 0.55) == dark {
					xys = append(xys, plotter.XY{X: c.X, Y: c.Y})
					texts = append(texts, percent(math.Round(100*c.Share)/100))
				}
			}
			if len(xys) == 0 {
				continue
			}
			l, err := labels(xys, texts, draw.XCenter, draw.YCenter, vg.Point{})
			if err != nil {
				return nil, err
			}
			for i := range l.TextStyle {
				if dark {
					l.TextStyle[i].Color = color.White
				}
			}
			p.Add(l)
		}
	}
	return &Figure{
		Name:    "basin",
		Caption: fmt.Sprintf("The basin of co-production: the share of runs reaching co-production for each combination of %s and %s.", scenarios.Name(xName), scenarios.Name(yName)),
		Width:   Width, Height: Height,
		Drawer: &colorBar{p: p, cm: cm, label: "share"},
	}, nil
}

// addShares adds to p the shares of points at x as a line through dots,
// with whiskers for their 95% Wilson intervals, in colour c, with a legend
// entry name.
func addShares(p *plot.Plot, x []float64, props []analysis.Proportion, c color.Color, shape draw.GlyphDrawer, dashed bool, name string) error {
	if len(x) == 0 {
		return nil
	}
	xys := make(plotter.XYs, len(x))
	w := &whiskers{color: c}
	for i := range x {
		xys[i] = plotter.XY{X: x[i], Y: props[i].Share}
		w.pos, w.lo, w.hi = append(w.pos, x[i]), append(w.lo, props[i].Low), append(w.hi, props[i].High)
	}
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	l.Color, l.Width = c, vg.Points(2)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(5), Shape: shape}
	p.Add(w, l, s)
	p.Legend.Add(name, l, s)
	return nil
}

// Hysteresis draws the two branches of a hysteresis experiment on lever:
// the share of runs in co-production at each lever value as the lever
// rises (blue, solid, dots) and falls (orange, dashed, triangles), each
// with its 95% Wilson interval, and the tipping values of loop (where each
// branch crosses one half) as vertical lines. The down branch starts
// where the up branch turned, as analysis.Loop takes it.
func Hysteresis(points []analysis.HysteresisPoint, loop analysis.HysteresisLoop, lever string) (*plot.Plot, error) {
	var up, down []analysis.HysteresisPoint
	for _, p := range points {
		switch p.Phase {
		case analysis.PhaseUp:
			up = append(up, p)
		case analysis.PhaseDown:
			down = append(down, p)
		}
	}
	if len(up) == 0 {
		return nil, errors.New("plots: hysteresis: no up branch")
	}
	sortByValue := func(ps []analysis.HysteresisPoint) {
		slices.SortStableFunc(ps, func(a, b analysis.HysteresisPoint) int { return cmpFloat(a.Value, b.Value) })
	}
	sortByValue(up)
	if len(down) > 0 {
		top := math.Inf(-1)
		for _, p := range down {
			top = math.Max(top, p.Value)
		}
		for _, p := range up {
			if p.Value > top {
				down = append(down, p)
			}
		}
		sortByValue(down)
	}
	width := "the loop's width is undefined: " + loop.Reason
	if loop.OK {
		width = fmt.Sprintf("loop width %s (up %s, down %s)", formatValue(loop.Width), formatValue(loop.Up), formatValue(loop.Down))
	}
	p := newPlot(fmt.Sprintf("Hysteresis in %s\n%s", scenarios.Name(lever), width), scenarios.Label(lever), "share of runs in co-production")
	p.Y.Tick.Marker = percentTicks{}
	addGrid(p, false, true)
	p.Add(&refLine{v: 0.5, color: grey, dashed: true})
	split := func(ps []analysis.HysteresisPoint) ([]float64, []analysis.Proportion) {
		x := make([]float64, len(ps))
		pr := make([]analysis.Proportion, len(ps))
		for i, q := range ps {
			x[i], pr[i] = q.Value, q.Proportion
		}
		return x, pr
	}
	x, pr := split(up)
	if err := addShares(p, x, pr, blue, draw.CircleGlyph{}, false, "lever rising"); err != nil {
		return nil, err
	}
	x, pr = split(down)
	if err := addShares(p, x, pr, orange, draw.TriangleGlyph{}, true, "lever falling"); err != nil {
		return nil, err
	}
	if finite(loop.Up) {
		p.Add(&refLine{v: loop.Up, vertical: true, color: blue, dashed: true})
	}
	if finite(loop.Down) {
		p.Add(&refLine{v: loop.Down, vertical: true, color: orange, dashed: true})
	}
	p.X.Tick.Marker = valueTicks(x)
	p.Y.Min, p.Y.Max = 0, 1
	return p, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Tipping draws the share of runs reaching co-production at each value
// of param with its 95% Wilson interval, and the tipping value, where the
// share crosses one half, as a vertical line in a band for its 95%
// bootstrap interval.
func Tipping(r analysis.TippingResult, param string) (*plot.Plot, error) {
	if len(r.Levels) == 0 {
		return nil, errors.New("plots: tipping: no levels")
	}
	what := "the share does not cross one half: " + r.Reason
	if r.OK {
		what = fmt.Sprintf("tipping value %s, 95%% interval [%s, %s]", formatValue(r.Value), formatValue(r.Low), formatValue(r.High))
	}
	p := newPlot(fmt.Sprintf("Tipping point in %s\n%s", scenarios.Name(param), what), scenarios.Label(param), "share of runs in co-production")
	p.Y.Tick.Marker = percentTicks{}
	addGrid(p, false, true)
	if r.OK && finite(r.Low, r.High) {
		b, err := plotter.NewPolygon(plotter.XYs{{X: r.Low, Y: 0}, {X: r.High, Y: 0}, {X: r.High, Y: 1}, {X: r.Low, Y: 1}})
		if err != nil {
			return nil, err
		}
		b.Color = translucent(vermillion, 0x30)
		b.LineStyle.Width = 0
		p.Add(b)
		line := &refLine{v: r.Value, vertical: true, color: vermillion}
		p.Add(line)
		p.Legend.Add("tipping value, 95% interval", b, line)
	}
	p.Add(&refLine{v: 0.5, color: grey, dashed: true})
	x := make([]float64, len(r.Levels))
	pr := make([]analysis.Proportion, len(r.Levels))
	for i, l := range r.Levels {
		x[i], pr[i] = l.X, l.Proportion
	}
	if err := addShares(p, x, pr, blue, draw.CircleGlyph{}, false, "share of runs, 95% interval"); err != nil {
		return nil, err
	}
	p.X.Tick.Marker = valueTicks(x)
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}

// outputs returns the outputs named in order of first appearance.
func outputs[T any](idx []T, output func(T) string) []string {
	var names []string
	for _, x := range idx {
		if o := output(x); !slices.Contains(names, o) {
			names = append(names, o)
		}
	}
	return names
}

// panelOf lays plots out two to a row and sizes the figure for them.
func panelOf(name, caption, title string, ps []*plot.Plot) *Figure {
	const cols = 2
	var rows [][]*plot.Plot
	for i, p := range ps {
		if i%cols == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], p)
	}
	h := max(Height, 11*vg.Centimeter*vg.Length(len(rows))+2*vg.Centimeter)
	w := Width
	if len(ps) > 1 {
		w = PanelWidth
	}
	return &Figure{Name: name, Caption: caption, Width: w, Height: h, Drawer: &Panel{Title: title, Plots: rows}}
}

// Sobol draws, for each output of idx, the first-order (S1, blue) and
// total-order (ST, orange) Sobol index of every parameter as horizontal
// bars with whiskers for their 95% bootstrap intervals: S1 is the share of
// the output's variance due to the parameter alone, ST the share including
// its interactions. One plot per output, two to a row.
func Sobol(idx []analysis.SobolIndex) (*Figure, error) {
	if len(idx) == 0 {
		return nil, errors.New("plots: sobol: no indices")
	}
	var ps []*plot.Plot
	for _, o := range outputs(idx, func(s analysis.SobolIndex) string { return s.Output }) {
		var rows []analysis.SobolIndex
		for _, s := range idx {
			if s.Output == o {
				rows = append(rows, s)
			}
		}
		title := outputTitle(o)
		if rows[0].ZeroVariance {
			title += " (does not vary)"
		}
		p := newPlot(title, "Sobol index (share of variance)", "")
		p.Title.TextStyle.Font.Size = LabelSize
		n := len(rows)
		names := make(nominalTicks, n)
		s1 := &rects{color: blue}
		st := &rects{color: orange}
		w := &whiskers{horizontal: true, color: black}
		for i, s := range rows {
			y := float64(n - 1 - i)
			names[n-1-i] = scenarios.Name(s.Param)
			s1.rs = append(s1.rs, rect{x0: 0, x1: s.S1, y0: y + 0.02, y1: y + 0.36})
			st.rs = append(st.rs, rect{x0: 0, x1: s.ST, y0: y - 0.36, y1: y - 0.02})
			w.pos, w.lo, w.hi = append(w.pos, y+0.19, y-0.19), append(w.lo, s.S1Low, s.STLow), append(w.hi, s.S1High, s.STHigh)
		}
		addGrid(p, true, false)
		p.Add(s1, st, w, &refLine{v: 0, vertical: true, color: black})
		p.Legend.Add("first order S1", s1)
		p.Legend.Add("total order ST", st)
		p.Legend.Top = true
		p.Y.Tick.Marker = names
		p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5+0.6
		p.X.Min = math.Min(p.X.Min, 0)
		p.X.Max = math.Max(p.X.Max, 1)
		ps = append(ps, p)
	}
	return panelOf("sobol", "Sobol sensitivity indices of each output: first order (the parameter alone) and total order (with its interactions), with 95% bootstrap intervals.",
		"Sobol indices with 95% bootstrap intervals", ps), nil
}

// Morris draws, for each output of idx, each parameter's Morris μ* (the
// mean absolute elementary effect: its overall influence) against σ (the
// spread of its effects: non-linearity or interactions) as a labelled
// dot. One plot per output, two to a row.
func Morris(idx []analysis.MorrisIndex) (*Figure, error) {
	if len(idx) == 0 {
		return nil, errors.New("plots: morris: no indices")
	}
	var ps []*plot.Plot
	for _, o := range outputs(idx, func(m analysis.MorrisIndex) string { return m.Output }) {
		p := newPlot(outputTitle(o), "μ* (mean absolute effect)", "σ (spread of effects)")
		p.Title.TextStyle.Font.Size = LabelSize
		addGrid(p, true, true)
		var xys plotter.XYs
		var names []string
		for _, m := range idx {
			if m.Output == o && finite(m.MuStar, m.Sigma) {
				xys = append(xys, plotter.XY{X: m.MuStar, Y: m.Sigma})
				names = append(names, scenarios.Name(m.Param))
			}
		}
		if len(xys) > 0 {
			s, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, err
			}
			s.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
			l, err := labels(xys, names, draw.XLeft, draw.YCenter, vg.Point{X: vg.Points(8)})
			if err != nil {
				return nil, err
			}
			p.Add(s, l)
		}
		p.X.Min, p.Y.Min = 0, 0
		// Room on the right for the labels.
		p.X.Max = math.Max(p.X.Max*1.45, 1e-9)
		p.Y.Max = math.Max(p.Y.Max*1.1, 1e-9)
		ps = append(ps, p)
	}
	return panelOf("morris", "Morris screening of each output: a parameter far to the right matters; one high up acts non-linearly or through interactions.",
		"Morris elementary effects: μ* against σ", ps), nil
}

// PRIMTradeoff draws the peeling trajectory of r: each box's coverage
// (the share of all runs reaching co-production that it holds) against
// its density (the share of its runs that reach it), from the whole
// space at the bottom right towards small dense boxes, with the density
// threshold dashed and the chosen box ringed.
func PRIMTradeoff(r analysis.PRIMResult) (*plot.Plot, error) {
	if len(r.Trajectory) == 0 {
		return nil, errors.New("plots: prim: no boxes")
	}
	p := newPlot(fmt.Sprintf("PRIM peeling trajectory for co-production\n%d runs, %d reaching co-production; chosen: %s", r.N, r.Positives, r.Rule), "coverage (share of co-production runs in the box)", "density (share of the box's runs)")
	p.X.Tick.Marker = percentTicks{}
	p.Y.Tick.Marker = percentTicks{}
	addGrid(p, true, true)
	xys := make(plotter.XYs, len(r.Trajectory))
	for i, b := range r.Trajectory {
		xys[i] = plotter.XY{X: b.Coverage, Y: b.Density}
	}
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return nil, err
	}
	l.Color, l.Width = blue, vg.Points(1.5)
	s.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	th := &refLine{v: r.Options.Threshold, color: grey, dashed: true}
	p.Add(th, l, s)
	p.Legend.Add("boxes, peeled in turn", l, s)
	p.Legend.Add(fmt.Sprintf("density threshold %s", percent(r.Options.Threshold)), th)
	if r.Chosen >= 0 && r.Chosen < len(r.Trajectory) {
		b := r.Trajectory[r.Chosen]
		c, err := plotter.NewScatter(plotter.XYs{{X: b.Coverage, Y: b.Density}})
		if err != nil {
			return nil, err
		}
		c.GlyphStyle = draw.GlyphStyle{Color: vermillion, Radius: vg.Points(10), Shape: draw.RingGlyph{}}
		p.Add(c)
		p.Legend.Add(fmt.Sprintf("chosen box (step %d)", b.Step), c)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1.02, 0, 1.02
	p.Legend.Left = true
	return p, nil
}

// PRIMBox draws the limits of r's chosen box: for each parameter it
// restricts, the range sampled (grey) and the box's range within it
// (blue) on a common scale from the least to the greatest value sampled,
// with the limits written at the ends.
func PRIMBox(r analysis.PRIMResult) (*plot.Plot, error) {
	if r.Chosen < 0 || r.Chosen >= len(r.Trajectory) {
		return nil, errors.New("plots: prim: no chosen box")
	}
	b := r.Trajectory[r.Chosen]
	title := fmt.Sprintf("PRIM box for co-production: density %s, coverage %s\n%d of %d runs, restricting %d of %d parameters",
		percent(b.Density), percent(b.Coverage), b.N, r.N, len(b.Limits), len(r.Params))
	p := newPlot(title, "position in the range sampled", "")
	p.X.Tick.Marker = percentTicks{}
	n := len(b.Limits)
	if n == 0 {
		p.Title.Text += "\n(the box is the whole space sampled)"
		p.HideY()
		p.X.Min, p.X.Max = 0, 1
		return p, nil
	}
	full := &rects{color: lightGrey}
	box := &rects{color: blue}
	names := make(nominalTicks, n)
	var lxys, rxys plotter.XYs
	var ltexts, rtexts []string
	for i, lim := range b.Limits {
		y := float64(n - 1 - i)
		names[n-1-i] = scenarios.Name(lim.Param)
		lo, hi := 0.0, 1.0
		for _, in := range r.Init {
			if in.Index == lim.Index && in.High > in.Low {
				lo = (lim.Low - in.Low) / (in.High - in.Low)
				hi = (lim.High - in.Low) / (in.High - in.Low)
			}
		}
		full.rs = append(full.rs, rect{x0: 0, x1: 1, y0: y - 0.3, y1: y + 0.3})
		box.rs = append(box.rs, rect{x0: lo, x1: hi, y0: y - 0.3, y1: y + 0.3})
		lxys, ltexts = append(lxys, plotter.XY{X: lo, Y: y + 0.3}), append(ltexts, formatValue(lim.Low))
		rxys, rtexts = append(rxys, plotter.XY{X: hi, Y: y + 0.3}), append(rtexts, formatValue(lim.High))
	}
	p.Add(full, box)
	p.Legend.Add("range sampled", full)
	p.Legend.Add("chosen box", box)
	for _, side := range []struct {
		xys   plotter.XYs
		texts []string
		align draw.XAlignment
	}{{lxys, ltexts, draw.XRight}, {rxys, rtexts, draw.XLeft}} {
		l, err := labels(side.xys, side.texts, side.align, draw.YBottom, vg.Point{Y: vg.Points(2)})
		if err != nil {
			return nil, err
		}
		p.Add(l)
	}
	p.Y.Tick.Marker = names
	p.X.Min, p.X.Max = -0.15, 1.15
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4+0.5
	p.Legend.Top = true
	return p, nil
}
