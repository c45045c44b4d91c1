package sim

import (
	"bytes"
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"skillsim/model"
)

// smallConfig returns the default scenario shrunk to 2,000 people, a
// twentieth of the employers and two years, for tests.
func smallConfig() *model.Config {
	cfg := model.DefaultConfig()
	cfg.Population.Persons = 2000
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = math.Round(e.Micro / 20)
		e.SmallMedium = math.Round(e.SmallMedium / 20)
		e.Large = math.Round(e.Large / 20)
	}
	cfg.End = cfg.Start + 24
	cfg.Replications = 3
	return &cfg
}

// outputs runs cfg on workers goroutines and returns the three files.
func outputs(t *testing.T, cfg *model.Config, workers int) (ts, sectors, summary []byte) {
	t.Helper()
	res, err := Run(context.Background(), cfg, Options{Workers: workers})
	if err != nil {
		t.Fatalf("Run with %d workers: %v", workers, err)
	}
	var a, b, c bytes.Buffer
	if err := WriteTimeseries(&a, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteSectors(&b, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(&c, res); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes(), c.Bytes()
}

func TestWorkersDoNotChangeOutput(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	ts1, sec1, sum1 := outputs(t, cfg, 1)
	ts4, sec4, sum4 := outputs(t, cfg, 4)
	for _, f := range []struct {
		name   string
		w1, w4 []byte
	}{
		{"timeseries.csv", ts1, ts4},
		{"sectors.csv", sec1, sec4},
		{"summary.json", sum1, sum4},
	} {
		if !bytes.Equal(f.w1, f.w4) {
			t.Errorf("%s differs between 1 and 4 workers", f.name)
		}
	}
}

func TestRunShape(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	res, err := Run(context.Background(), cfg, Options{Reps: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reps) != 2 {
		t.Fatalf("got %d replications, want 2", len(res.Reps))
	}
	steps := cfg.Steps()
	for r, rep := range res.Reps {
		if rep.Index != r || rep.Seed != [2]uint64{cfg.Seed, uint64(r)} {
			t.Errorf("rep %d: index %d seed %v", r, rep.Index, rep.Seed)
		}
		if len(rep.Observations) != steps+1 {
			t.Fatalf("rep %d: %d observations, want %d", r, len(rep.Observations), steps+1)
		}
		for i, o := range rep.Observations {
			if o.Step != i {
				t.Errorf("rep %d: observation %d has step %d", r, i, o.Step)
			}
			if len(o.Sectors) != len(cfg.Sectors) {
				t.Errorf("rep %d step %d: %d sectors, want %d", r, i, len(o.Sectors), len(cfg.Sectors))
			}
		}
		if rep.Final.Date != rep.Observations[steps].Date || rep.Regime != model.Classify(&rep.Final) {
			t.Errorf("rep %d: final observation or regime inconsistent", r)
		}
	}

	var ts bytes.Buffer
	if err := WriteTimeseries(&ts, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(ts.String(), "\n"), "\n")
	wantHeader := "rep,step,date,regime," + strings.Join(model.MetricNames(), ",")
	if lines[0] != wantHeader {
		t.Errorf("header %q, want %q", lines[0], wantHeader)
	}
	if got, want := len(lines)-1, 2*(steps+1); got != want {
		t.Errorf("%d rows, want %d", got, want)
	}
	if !strings.HasPrefix(lines[1], "0,0,2015-01,") {
		t.Errorf("first row %q", lines[1])
	}

	var sec bytes.Buffer
	if err := WriteSectors(&sec, res); err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(strings.TrimSuffix(sec.String(), "\n"), "\n")
	if lines[0] != "rep,step,date,sector,metric,value" {
		t.Errorf("sectors header %q", lines[0])
	}
	if got, want := len(lines)-1, 2*(steps+1)*len(cfg.Sectors)*(int(model.NumSectorMetrics)+1); got != want {
		t.Errorf("%d sector rows (indicators and regime), want %d", got, want)
	}

	// What was written reads back as it was: every number to 8 digits,
	// every regime exactly.
	back, err := ReadTimeseries(strings.NewReader(ts.String()), res.Config)
	if err != nil {
		t.Fatal(err)
	}
	if err := ReadSectors(strings.NewReader(sec.String()), back); err != nil {
		t.Fatal(err)
	}
	for r := range res.Reps {
		for i, o := range res.Reps[r].Observations {
			b := back.Reps[r].Observations[i]
			if b.Regime != o.Regime || b.Date != o.Date || !slices.Equal(b.SectorRegimes, o.SectorRegimes) {
				t.Fatalf("rep %d step %d reads back as %v %v %v, wrote %v %v %v", r, i, b.Date, b.Regime, b.SectorRegimes, o.Date, o.Regime, o.SectorRegimes)
			}
			for m, v := range o.Region {
				if math.Abs(b.Region[m]-v) > 1e-7*math.Abs(v) {
					t.Fatalf("rep %d step %d %s reads back as %v, wrote %v", r, i, model.Metric(m), b.Region[m], v)
				}
			}
			for s := range o.Sectors {
				for m, v := range o.Sectors[s] {
					if math.Abs(b.Sectors[s][m]-v) > 1e-7*math.Abs(v) {
						t.Fatalf("rep %d step %d sector %d metric %d reads back as %v, wrote %v", r, i, s, m, b.Sectors[s][m], v)
					}
				}
			}
		}
		if back.Reps[r].Regime != res.Reps[r].Regime {
			t.Errorf("rep %d regime reads back as %v, was %v", r, back.Reps[r].Regime, res.Reps[r].Regime)
		}
	}
	if _, err := ReadTimeseries(strings.NewReader(strings.Replace(ts.String(), ",regime,", ",state,", 1)), res.Config); err == nil || !strings.Contains(err.Error(), "timeseries") {
		t.Errorf("a wrong header read without a named error: %v", err)
	}

	var rep bytes.Buffer
	if err := WriteReport(&rep, res); err != nil {
		t.Fatal(err)
	}
	for _, name := range model.RegimeNames() {
		if !strings.Contains(rep.String(), name) {
			t.Errorf("report does not mention regime %s:\n%s", name, rep.String())
		}
	}
}

func TestStreamReplaysRep(t *testing.T) {
	t.Parallel()
	a, b := Stream(7, 3), Stream(7, 3)
	for range 10 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("two streams with the same seed pair differ")
		}
	}
	if Stream(7, 3).Uint64() == Stream(7, 4).Uint64() {
		t.Error("streams of different replications agree")
	}
	if got := RepSeed(7, 3); got != [2]uint64{7, 3} {
		t.Errorf("RepSeed(7, 3) = %v", got)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := smallConfig()
	calls := 0
	_, err := Run(ctx, cfg, Options{Workers: 1, Progress: func(done, total int) {
		calls++
		if done == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel: err = %v, want %v", err, context.Canceled)
	}
	if calls >= cfg.Replications*cfg.Steps() {
		t.Errorf("run went on to the end (%d steps) after cancel", calls)
	}

	// A context cancelled before the start runs nothing.
	_, err = Run(ctx, cfg, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context: err = %v", err)
	}
}

func TestNoReplications(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	cfg.Replications = 0
	if _, err := Run(context.Background(), cfg, Options{}); !errors.Is(err, ErrNoReplications) {
		t.Errorf("err = %v, want ErrNoReplications", err)
	}
}

func TestMeanCI95(t *testing.T) {
	t.Parallel()
	const tol = 1e-8
	for _, test := range []struct {
		x         []float64
		mean      float64
		halfWidth float64
	}{
		// t(0.975, 1) = 12.706204736; s = √2, s/√2 = 1.
		{[]float64{1, 3}, 2, 12.706204736174707},
		// t(0.975, 4) = 2.7764451051977; s = √2.5, s/√5 = √0.5.
		{[]float64{1, 2, 3, 4, 5}, 3, 2.7764451051977987 * math.Sqrt(0.5)},
		// t(0.975, 9) = 2.2621571627410; 0..9: s = √(55/6), n = 10.
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 4.5, 2.2621571627409915 * math.Sqrt(55.0/6/10)},
		// t(0.975, 2) = 4.3026527297; s = 1, n = 3.
		{[]float64{1, 2, 3}, 2, 4.302652729749464 / math.Sqrt(3)},
		// One value: the interval is the value.
		{[]float64{0.4}, 0.4, 0},
		// No spread: a zero-width interval.
		{[]float64{2, 2, 2}, 2, 0},
	} {
		got := MeanCI95(test.x)
		if math.Abs(got.Mean-test.mean) > tol ||
			math.Abs(got.Low-(test.mean-test.halfWidth)) > 1e-6 ||
			math.Abs(got.High-(test.mean+test.halfWidth)) > 1e-6 {
			t.Errorf("MeanCI95(%v) = %+v, want mean %v ± %v", test.x, got, test.mean, test.halfWidth)
		}
	}
}

func TestRegimeShares(t *testing.T) {
	t.Parallel()
	L, T, C := model.LowSkills, model.Transitional, model.Coproduction
	for _, test := range []struct {
		regimes []model.Regime
		want    [model.NumRegimes]float64
	}{
		{nil, [3]float64{0, 0, 0}},
		{[]model.Regime{L}, [3]float64{1, 0, 0}},
		{[]model.Regime{C, C}, [3]float64{0, 0, 1}},
		{[]model.Regime{L, T, C, L}, [3]float64{0.5, 0.25, 0.25}},
		{[]model.Regime{T, T, T, C, L}, [3]float64{0.2, 0.6, 0.2}},
	} {
		got := RegimeShares(test.regimes)
		for g := range got {
			if math.Abs(got[g]-test.want[g]) > 1e-12 {
				t.Errorf("RegimeShares(%v) = %v, want %v", test.regimes, got, test.want)
				break
			}
		}
	}
}

func TestSummaryListsAllRegimes(t *testing.T) {
	t.Parallel()
	res, err := Run(context.Background(), smallConfig(), Options{Reps: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteSummary(&b, res); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`"low-skills"`, `"transitional"`, `"co-production"`, `"seed": [`, `"ci95_low"`, `"skillsim_version"`} {
		if !strings.Contains(s, want) {
			t.Errorf("summary.json lacks %s:\n%s", want, s)
		}
	}
}

func TestRunTies(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	cfg.Replications = 2
	plain, err := Run(context.Background(), cfg, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), cfg, Options{Workers: 2, Ties: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, rep := range plain.Reps {
		if rep.Ties != nil {
			t.Errorf("rep %d: Ties set without Options.Ties", r)
		}
	}
	if res.Reps[1].Ties != nil {
		t.Errorf("rep 1: Ties set; only replication 0 keeps them")
	}
	ties := res.Reps[0].Ties
	if ties == nil {
		t.Fatal("rep 0: no Ties with Options.Ties")
	}
	if ties.Date != res.Reps[0].Final.Date {
		t.Errorf("Ties.Date = %s, want the final date %s", ties.Date, res.Reps[0].Final.Date)
	}
	if len(ties.Colleges) != len(cfg.Colleges) || len(ties.Ties) != len(ties.Employers) {
		t.Errorf("Ties: %d colleges (want %d), %d ties for %d employers", len(ties.Colleges), len(cfg.Colleges), len(ties.Ties), len(ties.Employers))
	}
	// Keeping the ties changes no result.
	for r := range res.Reps {
		a, b := plain.Reps[r].Observations, res.Reps[r].Observations
		for i := range a {
			if a[i].Region != b[i].Region {
				t.Fatalf("rep %d step %d: Options.Ties changed the indicators", r, i)
			}
		}
	}
}
