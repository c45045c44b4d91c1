package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// saltelli evaluates f on a Saltelli design of n rows over [lo, hi]^k drawn
// from rng, returning fA, fB and fAB.
func saltelli(f func([]float64) float64, k, n int, lo, hi float64, rng *rand.Rand) (fA, fB []float64, fAB [][]float64) {
	a := make([][]float64, n)
	b := make([][]float64, n)
	for j := range n {
		a[j] = make([]float64, k)
		b[j] = make([]float64, k)
		for i := range k {
			a[j][i] = lo + (hi-lo)*rng.Float64()
			b[j][i] = lo + (hi-lo)*rng.Float64()
		}
	}
	fA = make([]float64, n)
	fB = make([]float64, n)
	fAB = make([][]float64, k)
	for j := range n {
		fA[j] = f(a[j])
		fB[j] = f(b[j])
	}
	row := make([]float64, k)
	for i := range k {
		fAB[i] = make([]float64, n)
		for j := range n {
			copy(row, a[j])
			row[i] = b[j][i]
			fAB[i][j] = f(row)
		}
	}
	return fA, fB, fAB
}

func ishigami(x []float64) float64 {
	const a, b = 7, 0.1
	return math.Sin(x[0]) + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

func TestSobol(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		f      func([]float64) float64
		k      int
		lo, hi float64
		s1, st []float64
		tol    float64
	}{
		{
			// Known values for a = 7, b = 0.1 on [−π, π]³.
			name: "ishigami", f: ishigami, k: 3, lo: -math.Pi, hi: math.Pi,
			s1:  []float64{0.3139, 0.4424, 0},
			st:  []float64{0.5576, 0.4424, 0.2437},
			tol: 0.05,
		},
		{
			// f = x1 + 2x2 + 3x3 + 0x4 on [0, 1]⁴: S_i = ST_i = a_i² / Σ a².
			name: "linear", k: 4, lo: 0, hi: 1,
			f:   func(x []float64) float64 { return x[0] + 2*x[1] + 3*x[2] },
			s1:  []float64{1.0 / 14, 4.0 / 14, 9.0 / 14, 0},
			st:  []float64{1.0 / 14, 4.0 / 14, 9.0 / 14, 0},
			tol: 0.03,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 1))
			fA, fB, fAB := saltelli(tc.f, tc.k, 4096, tc.lo, tc.hi, rng)
			idx := Sobol(fA, fB, fAB, 200, rng)
			if len(idx) != tc.k {
				t.Fatalf("got %d indices, want %d", len(idx), tc.k)
			}
			for i, s := range idx {
				if s.Index != i || s.N != 4096 || s.Dropped != 0 || s.ZeroVariance {
					t.Errorf("index %d: bookkeeping %+v", i, s)
				}
				if math.Abs(s.S1-tc.s1[i]) > tc.tol {
					t.Errorf("S%d = %.4f, want %.4f ± %g", i+1, s.S1, tc.s1[i], tc.tol)
				}
				if math.Abs(s.ST-tc.st[i]) > tc.tol {
					t.Errorf("ST%d = %.4f, want %.4f ± %g", i+1, s.ST, tc.st[i], tc.tol)
				}
				if !(s.S1Low <= s.S1 && s.S1 <= s.S1High) || !(s.STLow <= s.ST && s.ST <= s.STHigh) {
					t.Errorf("index %d: estimate outside its interval: %+v", i, s)
				}
				// The intervals should cover the known values (a seeded
				// check, not a guarantee) and not be absurdly wide.
				if tc.s1[i] < s.S1Low-0.01 || tc.s1[i] > s.S1High+0.01 || s.S1High-s.S1Low > 0.25 {
					t.Errorf("S%d interval [%.4f, %.4f] vs %.4f", i+1, s.S1Low, s.S1High, tc.s1[i])
				}
				if tc.st[i] < s.STLow-0.01 || tc.st[i] > s.STHigh+0.01 || s.STHigh-s.STLow > 0.2 {
					t.Errorf("ST%d interval [%.4f, %.4f] vs %.4f", i+1, s.STLow, s.STHigh, tc.st[i])
				}
			}
		})
	}
}

func TestSobolZeroVariance(t *testing.T) {
	t.Parallel()
	n := 64
	fA, fB := make([]float64, n), make([]float64, n)
	fAB := [][]float64{make([]float64, n), make([]float64, n)}
	for j := range n {
		fA[j], fB[j], fAB[0][j], fAB[1][j] = 0.1, 0.1, 0.1, 0.1
	}
	idx := Sobol(fA, fB, fAB, 50, rand.New(rand.NewPCG(1, 1)))
	for _, s := range idx {
		if !s.ZeroVariance {
			t.Errorf("ZeroVariance not set: %+v", s)
		}
		for _, v := range []float64{s.S1, s.S1Low, s.S1High, s.ST, s.STLow, s.STHigh} {
			if v != 0 {
				t.Errorf("index not 0: %+v", s)
			}
		}
	}
	if _, err := json.Marshal(idx); err != nil {
		t.Errorf("json: %v", err)
	}
}

func TestSobolDropsFailedRows(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(2, 2))
	f := func(x []float64) float64 { return x[0] + 2*x[1] }
	fA, fB, fAB := saltelli(f, 2, 1000, 0, 1, rng)
	fA[3] = math.NaN()
	fAB[1][7] = math.Inf(1)
	fB[7] = math.NaN()
	idx := Sobol(fA, fB, fAB, 0, nil)
	for i, s := range idx {
		if s.N != 998 || s.Dropped != 2 {
			t.Errorf("index %d: n = %d, dropped = %d; want 998, 2", i, s.N, s.Dropped)
		}
		if s.S1 != s.S1Low || s.S1 != s.S1High || math.IsNaN(s.S1) || math.IsNaN(s.ST) {
			t.Errorf("index %d: %+v", i, s)
		}
	}
	if math.Abs(idx[0].ST-0.2) > 0.05 || math.Abs(idx[1].ST-0.8) > 0.05 {
		t.Errorf("ST = %.3f, %.3f; want 0.2, 0.8", idx[0].ST, idx[1].ST)
	}
}

func TestWriteSobolCSV(t *testing.T) {
	t.Parallel()
	idx := []SobolIndex{{Output: "coproduction_share", Param: "behaviour.noise", Index: 0, N: 10,
		S1: 0.123456789, S1Low: 0.1, S1High: 0.2, ST: 1.0 / 3, STLow: 0.25, STHigh: 0.5}}
	var buf bytes.Buffer
	if err := WriteSobolCSV(&buf, idx); err != nil {
		t.Fatal(err)
	}
	want := "output,param,index,n,dropped,s1,s1_low,s1_high,st,st_low,st_high,zero_variance\n" +
		"coproduction_share,behaviour.noise,0,10,0,0.12345679,0.1,0.2,0.33333333,0.25,0.5,false\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	b, err := json.Marshal(idx)
	if err != nil || !strings.Contains(string(b), `"s1_low":0.1`) {
		t.Errorf("json %s, %v", b, err)
	}
}
