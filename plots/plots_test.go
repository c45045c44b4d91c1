package plots

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"skillsim/model"
	"skillsim/sim"
)

// The golden images are compared with gonum/plot's cmpimg, and
//
//	go test ./plots -regen
//
// (cmpimg.GenerateTestData) rewrites them.

// goldenDelta is the tolerance of the golden comparison
// (cmpimg.EqualApprox): how far, in YIQ colour space scaled to [0, 1], a
// pixel may differ. Text and anti-aliasing may shift slightly between
// machines; a changed figure moves pixels much further.
const goldenDelta = 0.1

// checkGolden compares the PNG of f with testdata/<name>_golden.png.
func checkGolden(t *testing.T, name string, f *Figure) {
	t.Helper()
	got := encode(t, f, "png")
	path := filepath.Join("testdata", name+"_golden.png")
	if *cmpimg.GenerateTestData {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./plots -regen to make it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		out := filepath.Join(t.TempDir(), name+".png")
		os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from %s (the image drawn is %s; go test ./plots -regen accepts it)", name, path, out)
	}
}

// encode draws f in format.
func encode(t *testing.T, f *Figure, format string) []byte {
	t.Helper()
	w, err := f.WriterTo(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fixtureComparison compares three fixture runs.
func fixtureComparison() *sim.Comparison {
	c := &sim.Comparison{Seed: 1, Reps: 3}
	for k, shift := range []float64{0.05, 0.2, 0.4} {
		c.Results = append(c.Results, fixtureResult([]string{"baseline", "levy-only", "coproduction"}[k], shift))
	}
	base := c.Results[0]
	for _, res := range c.Results {
		c.Summaries = append(c.Summaries, sim.Summarize(res))
		var d [model.NumMetrics]sim.Interval
		x := make([]float64, len(res.Reps))
		for m := range d {
			for r := range x {
				x[r] = res.Reps[r].Final.Region[m] - base.Reps[r].Final.Region[m] + 0.01*float64((r*m)%3)
			}
			d[m] = sim.MeanCI95(x)
		}
		c.Diffs = append(c.Diffs, d)
	}
	return c
}

// wrap makes a plot constructor a figure constructor.
func wrap(p *plot.Plot, err error) (*Figure, error) {
	if err != nil {
		return nil, err
	}
	return single("", "", p), nil
}

// goldenFigures are the figures of the golden tests, on fixed data.
var goldenFigures = []struct {
	name string
	make func() (*Figure, error)
}{
	{"timeseries", func() (*Figure, error) { return TimeSeriesPanel(fixtureResult("baseline", 0.2), nil) }},
	{"timeseries_one", func() (*Figure, error) {
		return wrap(TimeSeries(fixtureResult("baseline", 0.2), model.CoproductionShare))
	}},
	{"compare", func() (*Figure, error) { return wrap(CompareSeries(fixtureComparison(), model.HighSkillStrategyShare)) }},
	{"differences", func() (*Figure, error) { return Differences(fixtureComparison(), nil) }},
	{"regimes", func() (*Figure, error) { return wrap(Regimes(fixtureComparison())) }},
	{"hourglass", func() (*Figure, error) { return wrap(HourGlass(fixtureResult("baseline", 0.05))) }},
	{"sectors", func() (*Figure, error) { return wrap(Sectors(fixtureResult("baseline", 0.2))) }},
	{"network", func() (*Figure, error) { return wrap(Network(fixtureTies(), "coproduction")) }},
	{"basin", func() (*Figure, error) {
		return Basin(fixtureBasin(), "policies.network.budget", "policies.devolution.coordination")
	}},
	{"hysteresis", func() (*Figure, error) {
		pts, loop := fixtureHysteresis()
		return wrap(Hysteresis(pts, loop, "policies.network.budget"))
	}},
	{"tipping", func() (*Figure, error) { return wrap(Tipping(fixtureTipping(), "policies.network.budget")) }},
	{"sobol", func() (*Figure, error) { return Sobol(fixtureSobol()) }},
	{"morris", func() (*Figure, error) { return Morris(fixtureMorris()) }},
	{"prim_tradeoff", func() (*Figure, error) { return wrap(PRIMTradeoff(fixturePRIM())) }},
	{"prim_box", func() (*Figure, error) { return wrap(PRIMBox(fixturePRIM())) }},
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, g := range goldenFigures {
		t.Run(g.name, func(t *testing.T) {
			f, err := g.make()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, g.name, f)
		})
	}
}

// TestSVG checks that every figure also draws as well-formed SVG.
func TestSVG(t *testing.T) {
	t.Parallel()
	for _, g := range goldenFigures {
		f, err := g.make()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(encode(t, f, "svg")))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: SVG is not well-formed XML: %v", g.name, err)
				break
			}
		}
	}
}

func TestWriterToFormats(t *testing.T) {
	t.Parallel()
	f, err := wrap(Regimes(fixtureComparison()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriterTo("gif"); err == nil {
		t.Error("WriterTo(gif): no error")
	}
	img, err := png.Decode(bytes.NewReader(encode(t, f, "png")))
	if err != nil {
		t.Fatal(err)
	}
	// 20 cm at 150 dpi.
	if got, want := img.Bounds().Dx(), 1181; got != want {
		t.Errorf("PNG width %d pixels, want %d", got, want)
	}
}

func TestRunFigures(t *testing.T) {
	t.Parallel()
	res := fixtureResult("baseline", 0.2)
	figs, err := RunFigures(res)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"timeseries", "hourglass", "sectors"}
	for _, m := range sim.Headline {
		want = append(want, "timeseries-"+metricFile(m.String()))
	}
	checkNames(t, figs, want)
	res.Reps[0].Ties = fixtureTies()
	figs, err = RunFigures(res)
	if err != nil {
		t.Fatal(err)
	}
	checkNames(t, figs, append(want[:3:3], append([]string{"network"}, want[3:]...)...))
	if _, err := RunFigures(&sim.Result{Config: res.Config}); err == nil {
		t.Error("RunFigures of no replications: no error")
	}
}

func TestCompareFigures(t *testing.T) {
	t.Parallel()
	figs, err := CompareFigures(fixtureComparison())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"differences", "regimes"}
	for _, m := range sim.Headline {
		want = append(want, "compare-"+metricFile(m.String()))
	}
	checkNames(t, figs, want)
}

func checkNames(t *testing.T, figs []*Figure, want []string) {
	t.Helper()
	var got []string
	for _, f := range figs {
		got = append(got, f.Name)
		if f.Caption == "" {
			t.Errorf("figure %s has no caption", f.Name)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("figures %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("figures %q, want %q", got, want)
		}
	}
}

// TestNetworkSubsample checks the rule of MaxEmployers and that the
// layout is the same every time.
func TestNetworkSubsample(t *testing.T) {
	t.Parallel()
	ties := &model.Ties{Date: model.MonthOf(2030, 1)}
	for c := range 3 {
		ties.Colleges = append(ties.Colleges, model.TieCollege{Index: c, Name: "C"})
	}
	const n = 1000
	for i := range n {
		ties.Employers = append(ties.Employers, model.TieEmployer{Index: 2 * i})
		ties.Ties = append(ties.Ties, model.Tie{Employer: 2 * i, College: i % 3})
	}
	net := buildNetwork(ties)
	if net.stride != 4 || net.shown != 250 || net.tied != n {
		t.Errorf("stride %d, shown %d of %d; want every 4th, 250 of %d", net.stride, net.shown, net.tied, n)
	}
	if len(net.nodes) != 3+250 || len(net.edges) != 250 {
		t.Errorf("%d nodes and %d edges, want 253 and 250", len(net.nodes), len(net.edges))
	}
	a, _ := layoutNetwork(net)
	b, _ := layoutNetwork(buildNetwork(ties))
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("node %d placed at %v, then at %v", i, a[i], b[i])
		}
	}
	small := buildNetwork(fixtureTies())
	if small.stride != 1 || small.shown != 40 {
		t.Errorf("40 employers: stride %d, shown %d; want all", small.stride, small.shown)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	if _, err := Network(nil, "x"); err == nil {
		t.Error("Network(nil): no error")
	}
	if _, err := Basin(nil, "x", "y"); err == nil {
		t.Error("Basin(nil): no error")
	}
	if _, err := Sobol(nil); err == nil {
		t.Error("Sobol(nil): no error")
	}
	if _, err := Differences(&sim.Comparison{Results: fixtureComparison().Results[:1]}, nil); err == nil {
		t.Error("Differences of one scenario: no error")
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "0%"}, {0.25, "25%"}, {0.125, "12.5%"}, {-0.0001, "0%"}, {1, "100%"}} {
		if got := percent(c.v); got != c.want {
			t.Errorf("percent(%g) = %q, want %q", c.v, got, c.want)
		}
	}
	for _, c := range []struct {
		v    float64
		want string
	}{{250000, "250k"}, {2e6, "2M"}, {0.005, "0.005"}, {0, "0"}, {1500000, "1.5M"}} {
		if got := formatValue(c.v); got != c.want {
			t.Errorf("formatValue(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestAnalysisFigures(t *testing.T) {
	t.Parallel()
	pts, loop := fixtureHysteresis()
	tip := fixtureTipping()
	prim := fixturePRIM()
	a := &Analyses{
		Sobol: fixtureSobol(), Morris: fixtureMorris(),
		Basin: fixtureBasin(), BasinX: "x", BasinY: "y",
		Tipping: &tip, TippingParam: "x",
		Hysteresis: pts, Loop: loop, Lever: "x",
		PRIM: &prim,
	}
	figs, err := AnalysisFigures(a)
	if err != nil {
		t.Fatal(err)
	}
	checkNames(t, figs, []string{"basin", "tipping", "hysteresis", "sobol", "morris", "prim-tradeoff", "prim-box"})
	figs, err = AnalysisFigures(&Analyses{})
	if err != nil || len(figs) != 0 {
		t.Errorf("no analyses: %d figures, %v", len(figs), err)
	}
}

// A long scenario name and many colleges and employers make a subtitle
// wider than the figure: it is broken into lines that fit.
func TestNetworkTitleFits(t *testing.T) {
	t.Parallel()
	ties := fixtureTies()
	for c := range 16 {
		ties.Colleges = append(ties.Colleges, model.TieCollege{Index: 100 + c, Name: "extra"})
	}
	for i := range 2000 {
		ties.Employers = append(ties.Employers, model.TieEmployer{Index: 10000 + i})
		ties.Ties = append(ties.Ties, model.Tie{Employer: 10000 + i, College: 100 + i%16})
	}
	p, err := Network(ties, "a-scenario-with-a-rather-long-descriptive-name")
	if err != nil {
		t.Fatal(err)
	}
	sty := textStyle(TitleSize, draw.XCenter, draw.YTop)
	lines := strings.Split(p.Title.Text, "\n")
	for _, line := range lines {
		if w := sty.Width(line); w > Width-2*titleMargin {
			t.Errorf("title line %q is %v wide; the figure is %v", line, w, Width)
		}
	}
	if len(lines) < 4 || !strings.Contains(p.Title.Text, "colleges, a network convener") && !strings.Contains(p.Title.Text, "no convener") {
		t.Errorf("title %q", p.Title.Text)
	}
	// A title that fits is left alone.
	if got := fitTitle("short\ntitle", Width); got != "short\ntitle" {
		t.Errorf("fitTitle of a short title = %q", got)
	}
}

// The legend's glyphs are no taller than a legend row, so they do not
// overlap: a college (radius 7 points) or the convener (9) in the figure
// is drawn smaller in the legend.
func TestLegendGlyphsFitTheirRows(t *testing.T) {
	t.Parallel()
	row := textStyle(TextSize, draw.XLeft, draw.YCenter).Height("M") + legendPadding
	if 2*legendRadius > row {
		t.Errorf("legend glyphs of radius %v overlap rows %v apart", legendRadius, row)
	}
	rec := &recorder.Canvas{}
	c := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 24, Y: 14}}}
	legendGlyph(draw.GlyphStyle{Radius: vg.Points(9), Shape: draw.CircleGlyph{}}).Thumbnail(&c)
	for _, a := range rec.Actions {
		if f, ok := a.(*recorder.Fill); ok {
			for _, comp := range f.Path {
				if comp.Type == vg.ArcComp && comp.Radius > legendRadius {
					t.Errorf("thumbnail drawn with radius %v, above %v", comp.Radius, legendRadius)
				}
			}
		}
	}
	if len(rec.Actions) == 0 {
		t.Error("the thumbnail drew nothing")
	}
}
