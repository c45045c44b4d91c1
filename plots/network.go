package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/spatial/r2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"skillsim/model"
)

// MaxEmployers is the most tied employers the network figure draws. A
// region with more is subsampled deterministically: with n tied employers
// in index order, every k-th is drawn, k = ⌈n / MaxEmployers⌉, starting
// with the first, together with its tie; colleges and the convener are
// always drawn. The title says how many are shown.
const MaxEmployers = 300

// layoutUpdates is the number of steps of the Eades layout.
const layoutUpdates = 150

// nodeKind is the kind of a node of the network figure.
type nodeKind int

const (
	collegeNode nodeKind = iota
	convenerNode
	employerNode
)

// netNode is one node of the network figure.
type netNode struct {
	kind    nodeKind
	label   string // colleges: their name
	merged  bool   // colleges: merged into another
	college int    // employers: the node of their college
	coprod  bool   // employers: the tie is co-production
	member  bool   // employers: a network member
}

// netEdge is one edge of the network figure, between nodes a and b.
type netEdge struct {
	a, b int
	kind int // 0 transactional, 1 co-production, 2 convener link
}

// network is the graph drawn: nodes by ID (the index) and edges.
type network struct {
	nodes   []netNode
	edges   []netEdge
	shown   int // tied employers drawn
	stride  int // every stride-th tied employer is drawn
	tied    int // tied employers in all
	coprod  int // co-production ties among all ties
	allTies int
}

// buildNetwork makes the graph of t: colleges first (IDs 0 to C−1), then
// the convener when a network is in force, then the employers drawn.
func buildNetwork(t *model.Ties) *network {
	n := &network{tied: len(t.Employers), allTies: len(t.Ties), stride: 1}
	for _, tie := range t.Ties {
		if tie.Kind == model.CoProduction {
			n.coprod++
		}
	}
	college := map[int]int{}
	for _, c := range t.Colleges {
		college[c.Index] = len(n.nodes)
		n.nodes = append(n.nodes, netNode{kind: collegeNode, label: c.Name, merged: c.Merged})
	}
	convener := -1
	if t.Network {
		convener = len(n.nodes)
		n.nodes = append(n.nodes, netNode{kind: convenerNode, label: "convener"})
		for _, c := range t.Colleges {
			if !c.Merged {
				n.edges = append(n.edges, netEdge{a: convener, b: college[c.Index], kind: 2})
			}
		}
	}
	if len(t.Employers) > MaxEmployers {
		n.stride = (len(t.Employers) + MaxEmployers - 1) / MaxEmployers
	}
	tieOf := map[int]model.Tie{}
	for _, tie := range t.Ties {
		tieOf[tie.Employer] = tie
	}
	for i, e := range t.Employers {
		if i%n.stride != 0 {
			continue
		}
		tie, ok := tieOf[e.Index]
		c, ok2 := college[tie.College]
		if !ok || !ok2 {
			continue
		}
		id := len(n.nodes)
		n.nodes = append(n.nodes, netNode{kind: employerNode, college: c, coprod: tie.Kind == model.CoProduction, member: e.Member})
		n.shown++
		kind := 0
		if tie.Kind == model.CoProduction {
			kind = 1
		}
		n.edges = append(n.edges, netEdge{a: c, b: id, kind: kind})
	}
	return n
}

// orderedGraph is a graph.Graph whose nodes and neighbours iterate in ID
// order, so a layout seeded with a fixed source is reproducible (gonum's
// simple graphs iterate over maps, in random order).
type orderedGraph struct {
	nodes []graph.Node
	adj   [][]int64
}

// newOrderedGraph returns the graph of nodes 0 to size−1 and the edges
// among them.
func newOrderedGraph(size int, edges []netEdge) *orderedGraph {
	g := &orderedGraph{nodes: make([]graph.Node, size), adj: make([][]int64, size)}
	for i := range g.nodes {
		g.nodes[i] = simple.Node(i)
	}
	seen := map[[2]int]bool{}
	for _, e := range edges {
		if e.a >= size || e.b >= size {
			continue
		}
		if e.a == e.b || seen[[2]int{e.a, e.b}] {
			continue
		}
		seen[[2]int{e.a, e.b}], seen[[2]int{e.b, e.a}] = true, true
		g.adj[e.a] = append(g.adj[e.a], int64(e.b))
		g.adj[e.b] = append(g.adj[e.b], int64(e.a))
	}
	for i := range g.adj {
		slices.Sort(g.adj[i])
	}
	return g
}

// Node implements graph.Graph.
func (g *orderedGraph) Node(id int64) graph.Node {
	if id < 0 || id >= int64(len(g.nodes)) {
		return nil
	}
	return g.nodes[id]
}

// Nodes implements graph.Graph.
func (g *orderedGraph) Nodes() graph.Nodes { return iterator.NewOrderedNodes(g.nodes) }

// From implements graph.Graph.
func (g *orderedGraph) From(id int64) graph.Nodes {
	if g.Node(id) == nil {
		return graph.Empty
	}
	ns := make([]graph.Node, len(g.adj[id]))
	for i, v := range g.adj[id] {
		ns[i] = g.nodes[v]
	}
	return iterator.NewOrderedNodes(ns)
}

// HasEdgeBetween implements graph.Graph.
func (g *orderedGraph) HasEdgeBetween(xid, yid int64) bool {
	if g.Node(xid) == nil || g.Node(yid) == nil {
		return false
	}
	_, ok := slices.BinarySearch(g.adj[xid], yid)
	return ok
}

// Edge implements graph.Graph.
func (g *orderedGraph) Edge(uid, vid int64) graph.Edge {
	if !g.HasEdgeBetween(uid, vid) {
		return nil
	}
	return simple.Edge{F: g.nodes[uid], T: g.nodes[vid]}
}

// layoutNetwork places the nodes of n. The backbone — the colleges and
// the convener — is laid out with gonum's Eades force-directed layout
// (layout.EadesR2) started from positions drawn from rand.NewPCG(1, 1),
// and scaled so the closest two backbone nodes are one unit apart. Each
// college's employers then sit around it on a sunflower (Vogel's spiral:
// the j-th of n at angle j·137.5° and a radius growing with √j, so the
// disc is evenly filled), co-production ties inside, transactional
// outside, in a disc whose area grows with their number. A star-shaped
// graph of thousands of employers defeats a force-directed layout (it
// piles them on their college); this keeps the picture readable and the
// same network always gets the same picture.
//
// It returns the nodes' positions and, for each, the radius of the disc of
// employers around it (0 for an employer or a college without any).
func layoutNetwork(n *network) (pos []r2.Vec, radius []float64) {
	pos = make([]r2.Vec, len(n.nodes))
	radius = make([]float64, len(n.nodes))
	backbone := 0
	for backbone < len(n.nodes) && n.nodes[backbone].kind != employerNode {
		backbone++
	}
	if backbone > 1 {
		// Lay the backbone out as a star, so no college drifts off on its
		// own: around the convener when there is one, and otherwise
		// around a hidden hub (node backbone), which is not drawn.
		hub := slices.IndexFunc(n.nodes[:backbone], func(v netNode) bool { return v.kind == convenerNode })
		size := backbone
		if hub < 0 {
			hub, size = backbone, backbone+1
		}
		var spokes []netEdge
		for i := range backbone {
			if i != hub {
				spokes = append(spokes, netEdge{a: hub, b: i})
			}
		}
		g := newOrderedGraph(size, spokes)
		eades := layout.EadesR2{Repulsion: 1, Rate: 0.05, Updates: layoutUpdates, Theta: 0.2, Src: rand.NewPCG(1, 1)}
		opt := layout.NewOptimizerR2(g, eades.Update)
		for opt.Update() {
		}
		for i := range backbone {
			pos[i] = opt.Coord2(int64(i))
		}
		closest := math.Inf(1)
		for i := range backbone {
			for j := range i {
				closest = math.Min(closest, math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y))
			}
		}
		if closest > 0 && !math.IsInf(closest, 0) {
			for i := range backbone {
				pos[i] = r2.Scale(1/closest, pos[i])
			}
		}
	}
	// Each college's employers, co-production first, in node order.
	members := make([][]int, backbone)
	largest := 0
	for i := backbone; i < len(n.nodes); i++ {
		c := n.nodes[i].college
		members[c] = append(members[c], i)
		largest = max(largest, len(members[c]))
	}
	const golden = 2.399963229728653 // π(3 − √5), the golden angle
	for c, ids := range members {
		if len(ids) == 0 {
			continue
		}
		slices.SortStableFunc(ids, func(a, b int) int {
			switch {
			case n.nodes[a].coprod == n.nodes[b].coprod:
				return 0
			case n.nodes[a].coprod:
				return -1
			}
			return 1
		})
		outer := 0.45 * math.Sqrt(float64(len(ids))/float64(largest))
		inner := 0.08
		radius[c] = outer
		for j, id := range ids {
			r := math.Sqrt(inner*inner + (outer*outer-inner*inner)*(float64(j)+0.5)/float64(len(ids)))
			a := float64(j) * golden
			pos[id] = r2.Vec{X: pos[c].X + r*math.Cos(a), Y: pos[c].Y + r*math.Sin(a)}
		}
	}
	return pos, radius
}

// Network draws the partnership network t of scenario name: colleges
// (black squares, labelled; merged colleges hollow), the network convener
// (a vermillion triangle, linked by dashed grey lines to every college)
// when a High Progression and Skills Network is in force, and the
// employers with a tie (grey dots, ringed in vermillion if network
// members) around their college, each tie coloured by its kind: orange
// for transactional, blue for co-production. The layout is described at
// layoutNetwork: gonum's Eades layout from a fixed seed for the colleges
// and convener, a sunflower of employers around each college. At most
// MaxEmployers employers are drawn (see MaxEmployers for the rule).
func Network(t *model.Ties, name string) (*plot.Plot, error) {
	if t == nil {
		return nil, errors.New("plots: network: no ties")
	}
	n := buildNetwork(t)
	pos, radius := layoutNetwork(n)
	share := 0.0
	if n.allTies > 0 {
		share = float64(n.coprod) / float64(n.allTies)
	}
	conv := "no convener"
	if t.Network {
		conv = "a network convener"
	}
	title := fmt.Sprintf("%s: partnership network, %s\n%s with a tie, %s in co-production; %s, %s",
		name, t.Date, count(n.tied, "employer"), percent(share), count(len(t.Colleges), "college"), conv)
	if n.stride > 1 {
		title += fmt.Sprintf("\n(every %d%s employer drawn: %d of %d)", n.stride, ordinalSuffix(n.stride), n.shown, n.tied)
	}
	p := newPlot(fitTitle(title, Width), "", "")
	p.HideAxes()

	edgeColors := [3]color.Color{orange, blue, grey}
	edgeNames := [3]string{"transactional tie", "co-production tie", "convener link"}
	for kind := range 3 {
		e := &edges{pos: pos, color: edgeColors[kind], dashed: kind == 2}
		for _, ed := range n.edges {
			if ed.kind == kind {
				e.pairs = append(e.pairs, [2]int{ed.a, ed.b})
			}
		}
		if len(e.pairs) == 0 {
			continue
		}
		p.Add(e)
		p.Legend.Add(edgeNames[kind], e)
	}
	type group struct {
		name  string
		glyph draw.GlyphStyle
		keep  func(netNode) bool
	}
	groups := []group{
		{"employer", draw.GlyphStyle{Color: grey, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, func(v netNode) bool { return v.kind == employerNode }},
		{"network member", draw.GlyphStyle{Color: vermillion, Radius: vg.Points(4), Shape: draw.RingGlyph{}}, func(v netNode) bool { return v.kind == employerNode && v.member }},
		{"college", draw.GlyphStyle{Color: black, Radius: vg.Points(7), Shape: draw.BoxGlyph{}}, func(v netNode) bool { return v.kind == collegeNode && !v.merged }},
		{"merged college", draw.GlyphStyle{Color: black, Radius: vg.Points(7), Shape: draw.SquareGlyph{}}, func(v netNode) bool { return v.kind == collegeNode && v.merged }},
		{"network convener", draw.GlyphStyle{Color: vermillion, Radius: vg.Points(9), Shape: draw.PyramidGlyph{}}, func(v netNode) bool { return v.kind == convenerNode }},
	}
	var lxys plotter.XYs
	var ltexts []string
	for _, gr := range groups {
		var xys plotter.XYs
		for i, v := range n.nodes {
			if gr.keep(v) {
				xys = append(xys, plotter.XY{X: pos[i].X, Y: pos[i].Y})
				if v.kind != employerNode {
					// The label sits above the node's cluster.
					lxys = append(lxys, plotter.XY{X: pos[i].X, Y: pos[i].Y + radius[i]})
					ltexts = append(ltexts, v.label)
				}
			}
		}
		if len(xys) == 0 {
			continue
		}
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, fmt.Errorf("plots: network: %w", err)
		}
		s.GlyphStyle = gr.glyph
		p.Add(s)
		p.Legend.Add(gr.name, legendGlyph(gr.glyph))
	}
	if len(lxys) > 0 {
		l, err := labels(lxys, ltexts, draw.XCenter, draw.YBottom, vg.Point{Y: vg.Points(10)})
		if err != nil {
			return nil, fmt.Errorf("plots: network: %w", err)
		}
		for i := range l.TextStyle {
			l.TextStyle[i] = boldStyle(TextSize, draw.XCenter, draw.YBottom)
		}
		p.Add(l)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	// Keep circles round: the data area of a Width × Height figure is
	// about 1.75 times as wide as it is high. Leave room on the left for
	// the legend and at the top for the labels.
	xr, yr := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	pad := 0.1 * math.Max(math.Max(xr, yr), 0.5)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = p.X.Min-pad, p.X.Max+pad, p.Y.Min-pad, p.Y.Max+pad
	xr, yr = p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	// The network takes the right 70% of the width, centred there; the
	// legend the rest.
	const aspect = 1.75
	w := math.Max(aspect*yr, xr/0.7)
	h := w / aspect
	right := p.X.Max + (0.7*w-xr)/2
	p.X.Min, p.X.Max = right-w, right
	mid := (p.Y.Min + p.Y.Max) / 2
	p.Y.Min, p.Y.Max = mid-h/2, mid+h/2
	return p, nil
}

// count writes n things: "1 college", "3 colleges".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// ordinalSuffix returns the English ordinal suffix of k: "st", "nd", "rd"
// or "th".
func ordinalSuffix(k int) string {
	switch {
	case k%100 >= 11 && k%100 <= 13:
		return "th"
	case k%10 == 1:
		return "st"
	case k%10 == 2:
		return "nd"
	case k%10 == 3:
		return "rd"
	}
	return "th"
}

// edges draws straight edges between laid-out nodes.
type edges struct {
	pos    []r2.Vec
	pairs  [][2]int
	color  color.Color
	dashed bool
}

func (e *edges) style() draw.LineStyle {
	sty := draw.LineStyle{Color: e.color, Width: vg.Points(1.2)}
	if e.dashed {
		sty.Width = vg.Points(0.8)
		sty.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	return sty
}

// Plot implements plot.Plotter.
func (e *edges) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := e.style()
	for _, pr := range e.pairs {
		a, b := e.pos[pr[0]], e.pos[pr[1]]
		c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{{X: tx(a.X), Y: ty(a.Y)}, {X: tx(b.X), Y: ty(b.Y)}})...)
	}
}

// DataRange implements plot.DataRanger.
func (e *edges) DataRange() (xmin, xmax, ymin, ymax float64) {
	var xys plotter.XYs
	for _, pr := range e.pairs {
		for _, i := range pr {
			xys = append(xys, plotter.XY{X: e.pos[i].X, Y: e.pos[i].Y})
		}
	}
	return plotter.XYRange(xys)
}

// Thumbnail implements plot.Thumbnailer.
func (e *edges) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	sty := e.style()
	sty.Width = vg.Points(2)
	c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
}

// legendPadding is the space between a legend's entries (newPlot sets
// it), so that markers of radius legendRadius do not touch.
const legendPadding = vg.Length(2)

// legendRadius is the largest radius of a glyph in a legend: a glyph
// drawn at its full size in the figure (a college, the convener) would
// overlap the entries above and below it, whose rows are about one line
// of TextSize text, plus legendPadding, apart.
const legendRadius = vg.Length(0.4 * TextSize)

// legendGlyph is a legend thumbnail of a glyph style, no larger than
// legendRadius.
type legendGlyph draw.GlyphStyle

// Thumbnail implements plot.Thumbnailer.
func (g legendGlyph) Thumbnail(c *draw.Canvas) {
	sty := draw.GlyphStyle(g)
	sty.Radius = min(sty.Radius, legendRadius)
	c.DrawGlyph(sty, c.Center())
}
