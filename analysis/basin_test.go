package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

func TestBasin(t *testing.T) {
	t.Parallel()
	// Two parameters on a 2×2 grid, listed out of order, with 10, 10, 3
	// and 1 runs.
	var x, y []float64
	var ok []bool
	add := func(xv, yv float64, n, s int) {
		for i := range n {
			x, y, ok = append(x, xv), append(y, yv), append(ok, i < s)
		}
	}
	add(1, 0.5, 10, 5)
	add(0, 0.5, 10, 0)
	add(1, 0.1, 3, 1)
	add(0, 0.1, 1, 1)
	add(1, 0.5, 0, 0)
	want := []struct {
		x, y      float64
		n, s      int
		low, high float64
	}{
		{0, 0.1, 1, 1, 0.20654, 1},
		{0, 0.5, 10, 0, 0, 0.27753},
		{1, 0.1, 3, 1, 0.06149, 0.79234},
		{1, 0.5, 10, 5, 0.23659, 0.76341},
	}
	cells := Basin(x, y, ok)
	if len(cells) != len(want) {
		t.Fatalf("got %d cells, want %d", len(cells), len(want))
	}
	for i, w := range want {
		c := cells[i]
		if c.X != w.x || c.Y != w.y || c.N != w.n || c.Successes != w.s ||
			c.Share != float64(w.s)/float64(w.n) || math.Abs(c.Low-w.low) > 5e-5 || math.Abs(c.High-w.high) > 5e-5 {
			t.Errorf("cell %d = %+v, want %+v", i, c, w)
		}
	}
	var buf bytes.Buffer
	if err := WriteBasinCSV(&buf, "policies.network.budget", "", cells[:1]); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "policies.network.budget,y,n,successes,share,share_low,share_high\n0,0.1,1,1,1,0.20654931,1\n"; got != want {
		t.Errorf("csv\n%s\nwant\n%s", got, want)
	}
	b, err := json.Marshal(cells[0])
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	// For 1 success in 1 run the Wilson lower limit is 1/(1 + z²).
	want1 := map[string]float64{"x": 0, "y": 0.1, "n": 1, "successes": 1, "share": 1, "share_low": 1 / (1 + Z95*Z95), "share_high": 1}
	if len(got) != len(want1) {
		t.Errorf("json %s, want the keys of %v", b, want1)
	}
	for k, v := range want1 {
		if g, ok := got[k]; !ok || math.Abs(g-v) > 1e-12 {
			t.Errorf("json %s: %s = %v, want %v", b, k, g, v)
		}
	}

}
