package sim

import (
	"bytes"
	"context"
	"math"
	"testing"

	"skillsim/model"
)

// TestReadWhatIsWritten writes a run's time series, sectors and summary,
// reads them back and writes them again: the files are the same, so the
// readers lose nothing the writers put in. An undefined value is written
// as an empty cell (null in JSON) and read back as NaN.
func TestReadWhatIsWritten(t *testing.T) {
	cfg := model.DefaultConfig()
	cfg.Population.Persons = 300
	cfg.End = cfg.Start + 12
	res, err := Run(context.Background(), &cfg, Options{Reps: 2, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	res.Reps[1].Observations[1].Region[model.MeanWage] = math.NaN()
	res.Reps[1].Observations[1].Sectors[0][0] = math.NaN()

	var ts, sec, sum bytes.Buffer
	if err := WriteTimeseries(&ts, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteSectors(&sec, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(&sum, res); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(ts.Bytes(), []byte("NaN")) || bytes.Contains(sec.Bytes(), []byte("NaN")) {
		t.Error("NaN spelt out; an undefined value is an empty cell")
	}
	back, err := ReadTimeseries(bytes.NewReader(ts.Bytes()), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ReadSectors(bytes.NewReader(sec.Bytes()), back); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(back.Reps[1].Observations[1].Region[model.MeanWage]) {
		t.Error("an empty cell not read as NaN")
	}
	var ts2, sec2 bytes.Buffer
	WriteTimeseries(&ts2, back)
	WriteSectors(&sec2, back)
	if !bytes.Equal(ts.Bytes(), ts2.Bytes()) || !bytes.Equal(sec.Bytes(), sec2.Bytes()) {
		t.Error("written, read and written again, the CSV files differ")
	}
	for i := range res.Reps {
		if back.Reps[i].Regime != res.Reps[i].Regime || back.Reps[i].Seed != res.Reps[i].Seed {
			t.Errorf("replication %d: regime %v seed %v, want %v %v", i, back.Reps[i].Regime, back.Reps[i].Seed, res.Reps[i].Regime, res.Reps[i].Seed)
		}
	}

	s, err := ReadSummary(bytes.NewReader(sum.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := Summarize(res)
	if s.Scenario != cfg.Name || s.Seed != cfg.Seed || s.Replications != 2 || s.Steps != res.Steps() || len(s.Reps) != 2 || s.Version != Version {
		t.Errorf("summary %+v", s)
	}
	for m := range model.NumMetrics {
		got, w := s.Metrics[m], want.Metrics[m]
		if formatFloat(got.Mean) != formatFloat(w.Mean) || formatFloat(got.High) != formatFloat(w.High) {
			t.Errorf("%s: %v, want %v", model.Metric(m), got, w)
		}
	}
	if s.Regimes != want.Regimes {
		t.Errorf("regimes %v, want %v", s.Regimes, want.Regimes)
	}
}

func TestReadCompareCSV(t *testing.T) {
	cfg := model.DefaultConfig()
	cfg.Population.Persons = 300
	cfg.End = cfg.Start + 6
	other := cfg
	other.Name = "other"
	c, err := Compare(context.Background(), []*model.Config{&cfg, &other}, Options{Reps: 2, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCompareCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	f, err := ReadCompareCSV(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Names) != 2 || f.Names[1] != "other" {
		t.Fatalf("names %q", f.Names)
	}
	for m := range model.NumMetrics {
		if formatFloat(f.Metrics[1][m].Mean) != formatFloat(c.Summaries[1].Metrics[m].Mean) ||
			formatFloat(f.Diffs[1][m].High) != formatFloat(c.Diffs[1][m].High) || !math.IsNaN(f.Diffs[0][m].Mean) {
			t.Errorf("%s read back wrong", model.Metric(m))
		}
	}
	if f.Regimes[0] != c.Summaries[0].Regimes {
		t.Errorf("regimes %v, want %v", f.Regimes[0], c.Summaries[0].Regimes)
	}
}
