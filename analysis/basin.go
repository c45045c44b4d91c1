package analysis

import (
	"cmp"
	"io"
	"slices"
	"strconv"
)

// BasinCell is one cell of a basin map over two parameters: the runs at
// (X, Y) and the share of them that reached success (co-production), with
// its 95% Wilson interval.
type BasinCell struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	Proportion
}

// Basin groups runs by their distinct (x[j], y[j]) pairs and returns, per
// pair, the share of runs with success[j], with count n and 95% Wilson
// interval (see Wilson): the basin of attraction of success over the two
// parameters. Cells are sorted by X, then Y. Pairs are grouped by exact
// equality, as a grid design writes them. Basin panics if the lengths of
// x, y and success differ.
func Basin(x, y []float64, success []bool) []BasinCell {
	if len(x) != len(y) || len(x) != len(success) {
		panic("analysis: Basin: length mismatch")
	}
	type key struct{ x, y float64 }
	type count struct{ n, s int }
	counts := map[key]count{}
	for j := range x {
		c := counts[key{x[j], y[j]}]
		c.n++
		if success[j] {
			c.s++
		}
		counts[key{x[j], y[j]}] = c
	}
	cells := make([]BasinCell, 0, len(counts))
	for k, c := range counts {
		cells = append(cells, BasinCell{X: k.x, Y: k.y, Proportion: Wilson(c.s, c.n)})
	}
	slices.SortFunc(cells, func(a, b BasinCell) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y))
	})
	return cells
}

// WriteBasinCSV writes cells as CSV with the header
//
//	<xName>,<yName>,n,successes,share,share_low,share_high
//
// (xName and yName default to x and y when empty), one row per cell.
func WriteBasinCSV(w io.Writer, xName, yName string, cells []BasinCell) error {
	header := []string{cmp.Or(xName, "x"), cmp.Or(yName, "y"), "n", "successes", "share", "share_low", "share_high"}
	return writeCSV(w, header, func(emit func(...string) error) error {
		for _, c := range cells {
			err := emit(formatFloat(c.X), formatFloat(c.Y), strconv.Itoa(c.N), strconv.Itoa(c.Successes),
				formatFloat(c.Share), formatFloat(c.Low), formatFloat(c.High))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
