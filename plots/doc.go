// Package plots draws skillsim's figures with gonum/plot: the time series
// of a run, the comparison of scenarios, the hour-glass of jobs by skill
// level, the sectors side by side, the partnership network, and the
// figures of experiments (basin maps, the hysteresis loop, the tipping
// point, Sobol and Morris sensitivity, PRIM boxes).
//
// Every function takes results — a *sim.Result, a *sim.Comparison, a
// *model.Ties or the result types of package analysis — and returns a
// *plot.Plot or a *Figure. The package does no I/O: Figure.WriterTo
// returns an io.WriterTo for PNG or SVG, and the caller writes it (the
// skillsim command writes each figure atomically next to its data).
// RunFigures and CompareFigures return a run's and a comparison's
// standard figures with their file names and captions.
//
// # Style
//
// Figures are made to be read on a projector and in print: a single plot
// is 20 × 12 cm (a panel of small multiples 30 cm wide), PNGs have 150
// dots per inch, text is Liberation Sans (embedded in gonum/plot, so
// nothing is downloaded) of at least 12 points, and every figure has a
// title, axis labels with units and a legend. Dates on time axes are in
// years. Colours come from the Okabe–Ito palette (Color, RegimeColor),
// which readers with the common colour-vision deficiencies can tell apart;
// the basin heat map uses the viridis scale, whose luminance rises
// steadily. A mean over replications is drawn with its 95% Student-t band
// (sim.MeanCI95 at each date), a share of runs with its 95% Wilson
// interval, a Sobol index with its bootstrap interval.
//
// # The partnership network
//
// Network lays out the colleges and the network convener with gonum's
// Eades force-directed layout (graph/layout.EadesR2) from a fixed seed and
// places each college's employers around it on a sunflower spiral, so the
// same network always gives the same picture. At most MaxEmployers tied
// employers are drawn: with more, every k-th in index order is kept, k =
// ⌈n / MaxEmployers⌉, and the title says so.
//
// # Tests
//
// The figures are checked against golden images drawn from small fixed
// data (testdata/*_golden.png) with gonum/plot's cmpimg, as gonum/plot's
// own tests are; a PNG matches when no pixel is further than 0.1 from its
// golden in YIQ colour space (cmpimg.EqualApprox), which tolerates
// differences in anti-aliasing between machines. After a deliberate
// change, regenerate them (cmpimg's -regen flag) and look at them:
//
//	go test ./plots -regen
package plots
