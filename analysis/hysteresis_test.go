package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// hysteresisRuns builds rows for lever values raised 0, 1, 2, 3 and lowered
// 2, 1, 0 with 5 replications, s successes at each step, and outputs
// (value, success as 0/1).
func hysteresisRuns(sUp, sDown []int) (values []float64, phase []string, ok []bool, outputs [][]float64) {
	add := func(ph string, v float64, s int) {
		for i := range 5 {
			y := 0.0
			if i < s {
				y = 1
			}
			values, phase, ok = append(values, v), append(phase, ph), append(ok, i < s)
			outputs = append(outputs, []float64{v, y})
		}
	}
	for i, s := range sUp {
		add(PhaseUp, float64(i), s)
	}
	for i, s := range sDown {
		add(PhaseDown, float64(len(sDown)-1-i), s)
	}
	return values, phase, ok, outputs
}

func TestHysteresis(t *testing.T) {
	t.Parallel()
	values, phase, ok, outputs := hysteresisRuns([]int{0, 0, 1, 5}, []int{5, 5, 2})
	outputs[0][1] = math.NaN() // a missing output is left out of its mean
	points := Hysteresis(values, phase, ok, outputs)
	want := []struct {
		phase string
		value float64
		share float64
	}{
		{PhaseUp, 0, 0}, {PhaseUp, 1, 0}, {PhaseUp, 2, 0.2}, {PhaseUp, 3, 1},
		{PhaseDown, 2, 1}, {PhaseDown, 1, 1}, {PhaseDown, 0, 0.4},
	}
	if len(points) != len(want) {
		t.Fatalf("got %d points, want %d", len(points), len(want))
	}
	for i, w := range want {
		p := points[i]
		if p.Phase != w.phase || p.Value != w.value || p.N != 5 || math.Abs(p.Share-w.share) > 1e-12 {
			t.Errorf("point %d = %+v, want %+v", i, p, w)
		}
		if len(p.Means) != 2 || p.Means[0] != w.value || math.Abs(p.Means[1]-w.share) > 1e-12 {
			t.Errorf("point %d means %v, want [%g %g]", i, p.Means, w.value, w.share)
		}
	}

	// Up: share 0.2 at 2, 1 at 3: 2 + 0.3/0.8. Down (with the top at 3):
	// 0.4 at 0, 1 at 1: 0 + 0.1/0.6.
	l := Loop(points)
	up, down := 2+0.3/0.8, 0.1/0.6
	if !l.OK || math.Abs(l.Up-up) > 1e-12 || math.Abs(l.Down-down) > 1e-12 || math.Abs(l.Width-(up-down)) > 1e-12 {
		t.Errorf("loop %+v, want up %g, down %g", l, up, down)
	}

	var buf bytes.Buffer
	if err := WriteHysteresisCSV(&buf, []string{"lever", "coproduction"}, points[:1]); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "phase,value,n,successes,share,share_low,share_high,lever,coproduction\nup,0,5,0,0,0,0.43448246,0,0\n"; got != want {
		t.Errorf("csv\n%s\nwant\n%s", got, want)
	}
}

func TestLoopIrreversible(t *testing.T) {
	t.Parallel()
	// Once reached, co-production persists all the way down: the down
	// branch never crosses, so there is no width.
	values, phase, ok, outputs := hysteresisRuns([]int{0, 1, 4, 5}, []int{5, 5, 5})
	points := Hysteresis(values, phase, ok, outputs)
	points[0].Means[0] = math.NaN()
	l := Loop(points)
	if l.OK || math.Abs(l.Up-(1+0.3/0.6)) > 1e-12 || !math.IsNaN(l.Down) || !math.IsNaN(l.Width) ||
		!strings.HasPrefix(l.Reason, "down branch: the share is at least 0.5 everywhere") {
		t.Errorf("loop %+v", l)
	}
	b, err := json.Marshal(l)
	if err != nil || !strings.Contains(string(b), `"down":null`) || !strings.Contains(string(b), `"width":null`) {
		t.Errorf("json %s, %v", b, err)
	}
	b, err = json.Marshal(points[0])
	if err != nil || !strings.Contains(string(b), `"means":[null,0]`) || strings.Count(string(b), "means") != 1 {
		t.Errorf("json %s, %v", b, err)
	}
	var buf bytes.Buffer
	if err := WriteLoopCSV(&buf, l); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "up,down,width,ok,reason\n1.5,,,false,\"down branch:") {
		t.Errorf("csv %s", buf.String())
	}
}

func TestHysteresisNoOutputs(t *testing.T) {
	t.Parallel()
	points := Hysteresis([]float64{1, 1, 0}, []string{PhaseUp, PhaseUp, PhaseDown}, []bool{true, false, true}, nil)
	if len(points) != 2 || points[0].Phase != PhaseUp || points[0].Share != 0.5 || len(points[0].Means) != 0 || points[1].Phase != PhaseDown {
		t.Errorf("got %+v", points)
	}
	if l := Loop(points); l.OK || !strings.Contains(l.Reason, "fewer than two") {
		t.Errorf("loop %+v", l)
	}
}
