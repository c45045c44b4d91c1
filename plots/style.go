package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"skillsim/model"
)

// The sizes of figures: a single plot is Width by Height, a panel of
// small multiples PanelWidth by PanelHeight.
const (
	Width       = 20 * vg.Centimeter
	Height      = 12 * vg.Centimeter
	PanelWidth  = 30 * vg.Centimeter
	PanelHeight = 22 * vg.Centimeter
)

// DPI is the resolution of PNG figures, in dots per inch: a 20 cm figure
// is 1181 pixels wide.
const DPI = 150

// The font sizes: titles, axis labels, and tick labels, legends and
// annotations. None is under 12 points, so a figure stays legible on a
// projector.
const (
	TitleSize = 16
	LabelSize = 14
	TextSize  = 12
)

// The Okabe–Ito palette (M. Okabe and K. Ito, Color Universal Design,
// 2002; B. Wong, Points of view: Color blindness, Nature Methods 8, 441,
// 2011): eight colours that readers with any common colour-vision
// deficiency can tell apart, and grey.
var (
	black         = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	orange        = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	skyBlue       = color.NRGBA{0x56, 0xb4, 0xe9, 0xff}
	bluishGreen   = color.NRGBA{0x00, 0x9e, 0x73, 0xff}
	yellow        = color.NRGBA{0xf0, 0xe4, 0x42, 0xff}
	blue          = color.NRGBA{0x00, 0x72, 0xb2, 0xff}
	vermillion    = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
	reddishPurple = color.NRGBA{0xcc, 0x79, 0xa7, 0xff}
	grey          = color.NRGBA{0x99, 0x99, 0x99, 0xff}
	lightGrey     = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
)

// series is the order in which series take the Okabe–Ito colours: the
// strongest contrasts first, yellow (hard to see on white) last.
var series = [...]color.NRGBA{blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, black, yellow}

// Color returns the colour of the i-th series of a figure: the Okabe–Ito
// colours in the order blue, orange, bluish green, vermillion, reddish
// purple, sky blue, black, yellow, then again.
func Color(i int) color.Color { return series[mod(i, len(series))] }

// regimeColors are the colours of the regimes, indexed by model.Regime:
// the trap vermillion, the co-production trajectory bluish green, the
// regime between them grey.
var regimeColors = [model.NumRegimes]color.Color{vermillion, grey, bluishGreen}

// RegimeColor returns the colour of regime g in every figure.
func RegimeColor(g model.Regime) color.Color {
	if g < 0 || g >= model.NumRegimes {
		return black
	}
	return regimeColors[g]
}

// translucent returns c with the given opacity, for bands.
func translucent(c color.Color, alpha uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = alpha
	return n
}

func mod(i, n int) int { return ((i % n) + n) % n }

// sans is the typeface of every figure: Liberation Sans, embedded in
// gonum/plot, so nothing is downloaded or looked up on the system.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle returns a text style of the given size, aligned as given.
func textStyle(size vg.Length, x text.XAlignment, y text.YAlignment) text.Style {
	return text.Style{
		Color:   black,
		Font:    font.From(sans, size),
		XAlign:  x,
		YAlign:  y,
		Handler: plot.DefaultTextHandler,
	}
}

// boldStyle is textStyle in bold.
func boldStyle(size vg.Length, x text.XAlignment, y text.YAlignment) text.Style {
	s := textStyle(size, x, y)
	s.Font.Weight = xfont.WeightBold
	return s
}

// newPlot returns a plot with the house style: sans-serif text of at
// least TextSize points, a title, axis labels and a light grid.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, TitleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, LabelSize)
		a.Tick.Label.Font = font.From(sans, TextSize)
		a.Label.Padding = vg.Points(4)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Tick.Marker = numberTicks{}
	p.Y.Tick.Marker = numberTicks{}
	p.Legend.TextStyle.Font = font.From(sans, TextSize)
	p.Legend.ThumbnailWidth = vg.Points(24)
	p.Legend.Padding = legendPadding
	return p
}

// addGrid adds light grid lines behind the data.
func addGrid(p *plot.Plot, vertical, horizontal bool) {
	g := plotter.NewGrid()
	g.Vertical.Color = lightGrey
	g.Horizontal.Color = lightGrey
	if !vertical {
		g.Vertical.Width = 0
	}
	if !horizontal {
		g.Horizontal.Width = 0
	}
	p.Add(g)
}

// A Drawer draws a figure on a canvas; *plot.Plot is one.
type Drawer interface {
	Draw(c draw.Canvas)
}

// Figure is a figure ready to be written: its drawing, size, the file
// name it is written under and a caption for reports.
type Figure struct {
	// Name is the file name without extension, such as "timeseries".
	Name string
	// Caption says in a sentence what the figure shows.
	Caption string
	// Width and Height are the figure's size.
	Width, Height vg.Length
	// Drawer draws the figure.
	Drawer Drawer
}

// Formats are the formats Figure.WriterTo writes: PNG for slides and
// documents, SVG for print and the web.
var Formats = []string{"png", "svg"}

// WriterTo draws the figure in format ("png" or "svg") and returns it to
// be written, as plot.Plot.WriterTo does: it does no I/O. A PNG has DPI
// dots per inch on a white background. An SVG names its fonts
// (Liberation Sans) without embedding them.
func (f *Figure) WriterTo(format string) (io.WriterTo, error) {
	if f.Drawer == nil {
		panic("plots: figure " + f.Name + " has no drawer")
	}
	w, h := f.Width, f.Height
	if w == 0 || h == 0 {
		w, h = Width, Height
	}
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
		f.Drawer.Draw(white(draw.New(c)))
		return vgimg.PngCanvas{Canvas: c}, nil
	case "svg":
		c := vgsvg.New(w, h)
		f.Drawer.Draw(white(draw.New(c)))
		return c, nil
	}
	return nil, fmt.Errorf("plots: unsupported format %q (want png or svg)", format)
}

// white paints c white and returns it.
func white(c draw.Canvas) draw.Canvas {
	c.FillPolygon(color.White, []vg.Point{
		c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y},
	})
	return c
}

// single wraps one plot as a figure of the standard size.
func single(name, caption string, p *plot.Plot) *Figure {
	return &Figure{Name: name, Caption: caption, Width: Width, Height: Height, Drawer: p}
}

// Panel is a grid of plots drawn with aligned axes (plot.Align) under a
// common title: small multiples. A nil plot leaves its cell empty.
type Panel struct {
	// Title is drawn across the top; it may have several lines.
	Title string
	// Plots holds the rows of plots.
	Plots [][]*plot.Plot
}

// Draw draws the panel on c.
func (p *Panel) Draw(c draw.Canvas) {
	c = drawTitle(c, p.Title)
	rows := len(p.Plots)
	cols := 0
	for _, r := range p.Plots {
		cols = max(cols, len(r))
	}
	if rows == 0 || cols == 0 {
		return
	}
	grid := make([][]*plot.Plot, rows)
	for j := range grid {
		grid[j] = make([]*plot.Plot, cols)
		copy(grid[j], p.Plots[j])
	}
	// Each plot is drawn in its own tile with its own title. (plot.Align
	// lines up data areas only when the plots' axes take the same room,
	// and otherwise pushed some titles off the figure.)
	tiles := draw.Tiles{
		Rows: rows, Cols: cols,
		PadX: vg.Points(18), PadY: vg.Points(14),
		PadTop: vg.Points(4), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(10),
	}
	for j := range grid {
		for i, pl := range grid[j] {
			if pl == nil {
				continue
			}
			bg := pl.BackgroundColor
			pl.BackgroundColor = nil
			pl.Draw(tiles.At(c, i, j))
			pl.BackgroundColor = bg
		}
	}
}

// titleMargin is the room fitTitle leaves on each side of a title.
const titleMargin = 6 * vg.Millimeter

// fitTitle breaks each line of title that is wider, in the title's font,
// than width less a margin on each side: at the last "; " or ", " (or else
// space) before the line runs out of room, the separator's punctuation
// kept at the end of the first part. A line that cannot be broken is
// left as it is.
func fitTitle(title string, width vg.Length) string {
	sty := textStyle(TitleSize, draw.XCenter, draw.YTop)
	room := width - 2*titleMargin
	var out []string
	for _, line := range strings.Split(title, "\n") {
		for sty.Width(line) > room {
			cut := -1
			for _, sep := range []string{"; ", ", ", " "} {
				for i := strings.LastIndex(line, sep); i > 0; i = strings.LastIndex(line[:i], sep) {
					if sty.Width(line[:i+len(sep)-1]) <= room {
						cut = i + len(sep) - 1
						break
					}
				}
				if cut > 0 {
					break
				}
			}
			if cut <= 0 {
				break
			}
			out = append(out, line[:cut])
			line = strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// drawTitle draws title centred at the top of c and returns the rest of c.
func drawTitle(c draw.Canvas, title string) draw.Canvas {
	if title == "" {
		return c
	}
	sty := textStyle(TitleSize, draw.XCenter, draw.YTop)
	pad := vg.Points(6)
	c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y - pad}, title)
	return draw.Crop(c, 0, 0, 0, -(sty.Height(title) + 2*pad))
}

// yearTicks marks whole years on a time axis whose values are decimal
// years (year + (month−1)/12): labelled major ticks every 1, 2, 5, 10, …
// years, at most about seven of them, and unlabelled minor ticks for the
// years between.
type yearTicks struct{}

// Ticks implements plot.Ticker.
func (yearTicks) Ticks(lo, hi float64) []plot.Tick {
	first, last := int(math.Ceil(lo-1e-9)), int(math.Floor(hi+1e-9))
	span := last - first
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100} {
		step = s
		if span/s <= 7 {
			break
		}
	}
	var ticks []plot.Tick
	for y := first; y <= last; y++ {
		t := plot.Tick{Value: float64(y)}
		if mod(y, step) == 0 {
			t.Label = strconv.Itoa(y)
		} else if span > 40 {
			continue // too many minor ticks to see
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// decimalYear places month m on a time axis: its year plus the months
// gone, over 12.
func decimalYear(m model.Month) float64 {
	return float64(m.Year()) + float64(m.MonthOfYear()-1)/12
}

// numberTicks are plot.DefaultTicks labelled with the fewest digits that
// show the value ("2500", not "2500.00").
type numberTicks struct{}

// Ticks implements plot.Ticker.
func (numberTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			v, _ := strconv.ParseFloat(strconv.FormatFloat(ticks[i].Value, 'g', 10, 64), 64)
			ticks[i].Label = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return ticks
}

// percentTicks labels a share axis in per cent ("25%").
type percentTicks struct{}

// Ticks implements plot.Ticker.
func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = percent(ticks[i].Value)
		}
	}
	return ticks
}

// percent formats a share as a per cent with up to one decimal.
func percent(v float64) string {
	s := strconv.FormatFloat(100*v, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	if s == "-0" {
		s = "0"
	}
	return s + "%"
}

// finite reports whether every value is finite.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
