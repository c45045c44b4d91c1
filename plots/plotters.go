package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rect is a filled rectangle in data coordinates.
type rect struct {
	x0, x1, y0, y1 float64
}

// rects draws filled rectangles in data coordinates, in one colour: the
// bars of grouped bar charts and of the hour-glass, whose widths are in
// data units so whiskers can sit on them.
type rects struct {
	rs    []rect
	color color.Color
}

// Plot implements plot.Plotter.
func (r *rects) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, b := range r.rs {
		pts := []vg.Point{
			{X: tx(b.x0), Y: ty(b.y0)}, {X: tx(b.x1), Y: ty(b.y0)},
			{X: tx(b.x1), Y: ty(b.y1)}, {X: tx(b.x0), Y: ty(b.y1)},
		}
		c.FillPolygon(r.color, c.ClipPolygonXY(pts))
	}
}

// DataRange implements plot.DataRanger.
func (r *rects) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range r.rs {
		xmin, xmax = math.Min(xmin, math.Min(b.x0, b.x1)), math.Max(xmax, math.Max(b.x0, b.x1))
		ymin, ymax = math.Min(ymin, math.Min(b.y0, b.y1)), math.Max(ymax, math.Max(b.y0, b.y1))
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer.
func (r *rects) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(r.color, []vg.Point{
		c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y},
	})
}

// whiskers draws interval whiskers with caps: from (x, lo) to (x, hi),
// or from (lo, y) to (hi, y) when horizontal.
type whiskers struct {
	pos, lo, hi []float64
	horizontal  bool
	color       color.Color
}

// Plot implements plot.Plotter.
func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := draw.LineStyle{Color: w.color, Width: vg.Points(1.5)}
	cap := vg.Points(4)
	for i := range w.pos {
		if !finite(w.pos[i], w.lo[i], w.hi[i]) {
			continue
		}
		if w.horizontal {
			y, x0, x1 := ty(w.pos[i]), tx(w.lo[i]), tx(w.hi[i])
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x0, Y: y}, {X: x1, Y: y}})...)
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x0, Y: y - cap}, {X: x0, Y: y + cap}})...)
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x1, Y: y - cap}, {X: x1, Y: y + cap}})...)
			continue
		}
		x, y0, y1 := tx(w.pos[i]), ty(w.lo[i]), ty(w.hi[i])
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x, Y: y0}, {X: x, Y: y1}})...)
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x - cap, Y: y0}, {X: x + cap, Y: y0}})...)
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x - cap, Y: y1}, {X: x + cap, Y: y1}})...)
	}
}

// DataRange implements plot.DataRanger.
func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	pmin, pmax := math.Inf(1), math.Inf(-1)
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for i := range w.pos {
		if !finite(w.pos[i], w.lo[i], w.hi[i]) {
			continue
		}
		pmin, pmax = math.Min(pmin, w.pos[i]), math.Max(pmax, w.pos[i])
		vmin, vmax = math.Min(vmin, math.Min(w.lo[i], w.hi[i])), math.Max(vmax, math.Max(w.lo[i], w.hi[i]))
	}
	if w.horizontal {
		return vmin, vmax, pmin, pmax
	}
	return pmin, pmax, vmin, vmax
}

// refLine draws a reference line across the plot at x = v (vertical) or
// y = v, dashed.
type refLine struct {
	v        float64
	vertical bool
	color    color.Color
	dashed   bool
}

// Plot implements plot.Plotter.
func (r *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := draw.LineStyle{Color: r.color, Width: vg.Points(1.5)}
	if r.dashed {
		sty.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	}
	if r.vertical {
		x := tx(r.v)
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: x, Y: c.Min.Y}, {X: x, Y: c.Max.Y}})...)
		return
	}
	y := ty(r.v)
	c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})...)
}

// Thumbnail implements plot.Thumbnailer.
func (r *refLine) Thumbnail(c *draw.Canvas) {
	sty := draw.LineStyle{Color: r.color, Width: vg.Points(1.5)}
	if r.dashed {
		sty.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	}
	y := c.Center().Y
	c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
}

// labels returns text labels at the given points in the house style.
func labels(xys plotter.XYs, texts []string, xa draw.XAlignment, ya draw.YAlignment, offset vg.Point) (*plotter.Labels, error) {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i] = textStyle(TextSize, xa, ya)
	}
	l.Offset = offset
	return l, nil
}

// nominalTicks labels the whole numbers 0, 1, … with names, for bars and
// dot plots whose positions are categories.
type nominalTicks []string

// Ticks implements plot.Ticker.
func (n nominalTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for i, name := range n {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: name})
	}
	return ticks
}
