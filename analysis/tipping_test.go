package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// runsAt returns x and success for levels xs with n[l] runs of which s[l]
// succeed, listed in reverse to check sorting.
func runsAt(xs []float64, n, s []int) (x []float64, ok []bool) {
	for l := len(xs) - 1; l >= 0; l-- {
		for i := range n[l] {
			x, ok = append(x, xs[l]), append(ok, i < s[l])
		}
	}
	return x, ok
}

func TestTippingPoint(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		xs     []float64
		n, s   []int
		ok     bool
		value  float64
		reason string
	}{
		{"step", []float64{0, 1, 2, 3, 4, 5, 6}, []int{4, 4, 4, 4, 4, 4, 4}, []int{0, 0, 0, 0, 4, 4, 4}, true, 3.5, ""},
		{"interpolated", []float64{0, 1, 2, 3}, []int{4, 4, 4, 4}, []int{0, 1, 3, 4}, true, 1.5, ""},
		{"exactly one half", []float64{0, 10, 20}, []int{4, 4, 4}, []int{1, 2, 4}, true, 10, ""},
		{"first crossing from below", []float64{0, 1, 2, 3, 4}, []int{2, 2, 2, 2, 2}, []int{2, 0, 2, 0, 2}, true, 1.5, ""},
		{"never reached", []float64{0, 1, 2}, []int{4, 4, 4}, []int{0, 1, 1}, false, math.NaN(), "stays below 0.5"},
		{"always reached", []float64{0, 1, 2}, []int{4, 4, 4}, []int{2, 3, 4}, false, math.NaN(), "at least 0.5 everywhere"},
		{"falling", []float64{0, 1, 2}, []int{4, 4, 4}, []int{4, 2, 0}, false, math.NaN(), "only falls"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, ok := runsAt(tc.xs, tc.n, tc.s)
			r, err := TippingPoint(x, ok, 100, rand.New(rand.NewPCG(1, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Levels) != len(tc.xs) {
				t.Fatalf("got %d levels, want %d", len(r.Levels), len(tc.xs))
			}
			for l, lv := range r.Levels {
				if lv.X != tc.xs[l] || lv.N != tc.n[l] || lv.Successes != tc.s[l] {
					t.Errorf("level %d = %+v", l, lv)
				}
			}
			if r.OK != tc.ok || !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("ok = %v, reason %q; want %v, %q", r.OK, r.Reason, tc.ok, tc.reason)
			}
			if !tc.ok {
				if !math.IsNaN(r.Value) || !math.IsNaN(r.Low) || !math.IsNaN(r.High) {
					t.Errorf("no crossing but value %g in [%g, %g]", r.Value, r.Low, r.High)
				}
				return
			}
			if math.Abs(r.Value-tc.value) > 1e-12 {
				t.Errorf("value = %g, want %g", r.Value, tc.value)
			}
			if !(r.Low <= r.Value && r.Value <= r.High) || r.Boot != 100 || r.Crossed == 0 {
				t.Errorf("interval [%g, %g] around %g, %d of %d resamples", r.Low, r.High, r.Value, r.Crossed, r.Boot)
			}
		})
	}
}

func TestTippingPointStepHasNoSpread(t *testing.T) {
	t.Parallel()
	// All runs below 3.5 fail and all above succeed: every resample is the
	// same, so the interval is a point.
	x, ok := runsAt([]float64{0, 1, 2, 3, 4, 5}, []int{5, 5, 5, 5, 5, 5}, []int{0, 0, 0, 0, 5, 5})
	r, err := TippingPoint(x, ok, 200, rand.New(rand.NewPCG(3, 3)))
	if err != nil || r.Value != 3.5 || r.Low != 3.5 || r.High != 3.5 || r.Crossed != 200 {
		t.Errorf("got %+v, %v", r, err)
	}
}

func TestTippingPointLogistic(t *testing.T) {
	t.Parallel()
	// P(success | x) = 1 / (1 + exp(−(x − 3.3)/0.5)) at x = 0, 0.5, …, 6,
	// 2000 replications each.
	rng := rand.New(rand.NewPCG(7, 7))
	var x []float64
	var ok []bool
	for l := 0; l <= 12; l++ {
		xv := 0.5 * float64(l)
		p := 1 / (1 + math.Exp(-(xv-3.3)/0.5))
		for range 2000 {
			x, ok = append(x, xv), append(ok, rng.Float64() < p)
		}
	}
	r, err := TippingPoint(x, ok, 500, rng)
	if err != nil || !r.OK {
		t.Fatalf("got %+v, %v", r, err)
	}
	// Interpolating the logistic itself between 3 and 3.5 gives 3.297.
	if math.Abs(r.Value-3.3) > 0.05 {
		t.Errorf("tipping value %g, want 3.3 ± 0.05", r.Value)
	}
	if !(r.Low < 3.3 && 3.3 < r.High) || r.High-r.Low > 0.2 || r.High-r.Low <= 0 {
		t.Errorf("interval [%g, %g] should cover 3.3 and be narrow", r.Low, r.High)
	}
}

func TestTippingPointTooFewLevels(t *testing.T) {
	t.Parallel()
	for _, x := range [][]float64{nil, {1, 1, 1}} {
		r, err := TippingPoint(x, make([]bool, len(x)), 10, rand.New(rand.NewPCG(1, 1)))
		if !errors.Is(err, ErrTooFewLevels) || r.OK {
			t.Errorf("%v: got %+v, %v; want ErrTooFewLevels", x, r, err)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Errorf("json: %v", err)
		}
	}
}

func TestWriteTipping(t *testing.T) {
	t.Parallel()
	x, ok := runsAt([]float64{0, 1}, []int{2, 2}, []int{0, 2})
	r, _ := TippingPoint(x, ok, 0, nil)
	var buf bytes.Buffer
	if err := WriteTippingCSV(&buf, "behaviour.noise", r); err != nil {
		t.Fatal(err)
	}
	want := "behaviour.noise,n,successes,share,share_low,share_high,tipping,tipping_low,tipping_high,ok\n" +
		"0,2,0,0,0,0.65761977,0.5,0.5,0.5,true\n" +
		"1,2,2,1,0.34238023,1,0.5,0.5,0.5,true\n"
	if buf.String() != want {
		t.Errorf("csv\n%s\nwant\n%s", buf.String(), want)
	}

	// No crossing: empty cells in CSV, null in JSON.
	x, ok = runsAt([]float64{0, 1}, []int{2, 2}, []int{0, 0})
	r, _ = TippingPoint(x, ok, 0, nil)
	buf.Reset()
	if err := WriteTippingCSV(&buf, "", r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "x,") || !strings.Contains(buf.String(), "\n0,2,0,0,0,0.65761977,,,,false\n") {
		t.Errorf("csv\n%s", buf.String())
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"value":null`, `"low":null`, `"high":null`, `"ok":false`, `"reason":"the share stays below 0.5`, `"levels":[{"x":0,"n":2,`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("json %s lacks %s", b, s)
		}
	}
	if strings.Count(string(b), `"value"`) != 1 {
		t.Errorf("json %s repeats value", b)
	}
}
