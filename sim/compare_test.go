package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"skillsim/model"
)

// compareConfig returns the default scenario shrunk to 2,000 people, a
// twenty-fifth of the employers and college places, and two years, named
// name, for comparison tests.
func compareConfig(name string) *model.Config {
	cfg := model.DefaultConfig()
	cfg.Name = name
	cfg.Population.Persons = 2000
	cfg.Sectors = slices.Clone(cfg.Sectors)
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = math.Round(e.Micro / 25)
		e.SmallMedium = math.Round(e.SmallMedium / 25)
		e.Large = math.Max(1, math.Round(e.Large/25))
	}
	cfg.Colleges = slices.Clone(cfg.Colleges)
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places = max(1, cfg.Colleges[i].Places/25)
	}
	cfg.End = cfg.Start + 24
	cfg.Replications = 4
	return &cfg
}

// compare runs Compare and fails the test on error.
func compare(t *testing.T, cfgs []*model.Config, opt Options) *Comparison {
	t.Helper()
	c, err := Compare(context.Background(), cfgs, opt)
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return c
}

// compareCSV returns the CSV of c, parsed into records.
func compareCSV(t *testing.T, c *Comparison) (raw []byte, records [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCompareCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("compare.csv does not parse: %v", err)
	}
	return b.Bytes(), records
}

func TestCompareWithItselfIsZero(t *testing.T) {
	t.Parallel()
	a := compareConfig("a")
	b := compareConfig("a_again")
	c := compare(t, []*model.Config{a, b}, Options{Reps: 3, Workers: 2})
	for k := range c.Diffs {
		for m, d := range c.Diffs[k] {
			if d != (Interval{}) {
				t.Errorf("scenario %d, %s: difference %+v, want exactly zero", k, model.Metric(m), d)
			}
		}
	}
	if c.Summaries[0].Regimes != c.Summaries[1].Regimes {
		t.Errorf("regime shares %v and %v differ", c.Summaries[0].Regimes, c.Summaries[1].Regimes)
	}
	_, records := compareCSV(t, c)
	for _, rec := range records[1:] {
		if rec[0] != "a_again" {
			continue
		}
		want := "0"
		if strings.HasPrefix(rec[1], regimeSharePrefix) {
			if rec[5] != want || rec[6] != "" || rec[7] != "" {
				t.Errorf("row %q: want diff_mean 0 and no interval", rec)
			}
			continue
		}
		if rec[5] != want || rec[6] != want || rec[7] != want {
			t.Errorf("row %q: want zero difference and interval", rec)
		}
	}
}

func TestCompareCommonRandomNumbers(t *testing.T) {
	t.Parallel()
	a := compareConfig("a")
	a.Seed = 7
	b := compareConfig("b")
	b.Seed = 99 // ignored: every scenario runs with the first one's seed
	b.Replications = 1
	b.Initial.HighSpecShare = 0.4
	c := compare(t, []*model.Config{a, b}, Options{Workers: 3})
	if c.Seed != 7 || c.Reps != a.Replications {
		t.Errorf("seed %d reps %d, want 7 and %d", c.Seed, c.Reps, a.Replications)
	}
	if b.Seed != 99 || b.Replications != 1 {
		t.Errorf("Compare modified its input: seed %d replications %d", b.Seed, b.Replications)
	}
	for k, cfg := range []*model.Config{a, b} {
		res := c.Results[k]
		if res.Config.Seed != 7 || res.Config.Replications != a.Replications || res.Config.Name != cfg.Name {
			t.Errorf("scenario %d ran as %s with seed %d and %d replications",
				k, res.Config.Name, res.Config.Seed, res.Config.Replications)
		}
		// Replication r of each scenario is the replication r that Run
		// gives with the common seed.
		want := *cfg
		want.Seed = 7
		single, err := Run(context.Background(), &want, Options{Reps: a.Replications, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		for r := range single.Reps {
			if res.Reps[r].Seed != [2]uint64{7, uint64(r)} || res.Reps[r].Final.Region != single.Reps[r].Final.Region {
				t.Errorf("scenario %d replication %d differs from Run with seed 7", k, r)
			}
		}
	}
}

func TestCompareDetectsDifference(t *testing.T) {
	t.Parallel()
	a := compareConfig("low")
	b := compareConfig("high")
	// The co-producing start of scenarios/bistable-high.yaml.
	in := &b.Initial
	in.HighSpecShare, in.CollegeUseShare, in.CoproductionShare = 0.6, 0.35, 0.6
	in.Trust, in.Currency, in.TrainingShare, in.VocationalShare = 0.7, 0.7, 0.5, 0.6
	// Three months: the test is of the comparison, not of whether the
	// tiny region keeps its start (at a twenty-fifth of the region and the
	// calibrated defaults some replications of the co-producing start lose
	// their ties within two years; ODD §9 gives the full-scale states).
	a.End, b.End = a.Start+3, b.Start+3
	c := compare(t, []*model.Config{a, b}, Options{Reps: 3})
	// The starts differ in co-production (the strategy shares no longer
	// differ since the strategy is chosen by profit, ODD §10).
	d := c.Diffs[1][model.CoproductionShare]
	if !(d.Low > 0) {
		t.Errorf("coproduction_share: difference %+v, want an interval above 0", d)
	}
	want := c.Summaries[1].Metrics[model.CoproductionShare].Mean - c.Summaries[0].Metrics[model.CoproductionShare].Mean
	if !scalar.EqualWithinAbsOrRel(d.Mean, want, 1e-12, 1e-12) {
		t.Errorf("mean paired difference %v, want the difference of means %v", d.Mean, want)
	}
	var out bytes.Buffer
	if err := WriteCompareReport(&out, c); err != nil {
		t.Fatal(err)
	}
	t.Logf("report:\n%s", out.String())
	for _, want := range []string{"common master seed 1", "low ", "high ", "high − low", "coproduction_share"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	for line := range strings.Lines(out.String()) {
		if strings.Contains(line, "coproduction_share") && !strings.HasSuffix(line, " *\n") {
			t.Errorf("difference excluding 0 not flagged: %q", line)
		}
	}
}

func TestCompareWorkersDoNotChangeOutput(t *testing.T) {
	t.Parallel()
	cfgs := []*model.Config{compareConfig("a"), compareConfig("b"), compareConfig("c")}
	cfgs[1].Initial.HighSpecShare = 0.3
	cfgs[2].Initial.CollegeUseShare = 0.3
	var outs [2][]byte
	for i, w := range []int{1, 4} {
		c := compare(t, cfgs, Options{Reps: 3, Workers: w})
		raw, _ := compareCSV(t, c)
		var rep bytes.Buffer
		if err := WriteCompareReport(&rep, c); err != nil {
			t.Fatal(err)
		}
		outs[i] = append(raw, rep.Bytes()...)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("output differs between 1 and 4 workers:\n%s\n---\n%s", outs[0], outs[1])
	}
}

// fixedComparison returns a comparison of two scenarios with three
// replications whose final indicators are fixed: every indicator of
// scenario a ends at 1, 2, 3 and of scenario b at 2, 4, 6, so that the
// paired differences are 1, 2, 3.
func fixedComparison() *Comparison {
	c := &Comparison{Seed: 5, Reps: 3}
	regimes := [][]model.Regime{
		{model.LowSkills, model.LowSkills, model.Transitional},
		{model.LowSkills, model.Coproduction, model.Coproduction},
	}
	for k, name := range []string{"a", "b"} {
		cfg := &model.Config{Name: name, Seed: 5, Replications: 3}
		res := &Result{Config: cfg, Seed: 5}
		for r := range 3 {
			var o model.Observation
			for m := range o.Region {
				o.Region[m] = float64((k + 1) * (r + 1))
			}
			res.Reps = append(res.Reps, Rep{Index: r, Seed: RepSeed(5, r), Observations: []model.Observation{o}, Final: o, Regime: regimes[k][r]})
		}
		c.Results = append(c.Results, res)
	}
	c.summarize()
	return c
}

func TestPairedDifferenceInterval(t *testing.T) {
	t.Parallel()
	c := fixedComparison()
	// d = 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.30265273, half width
	// 4.30265273 / √3.
	half := 4.302652729911275 / math.Sqrt(3)
	for m, d := range c.Diffs[1] {
		if !scalar.EqualWithinAbsOrRel(d.Mean, 2, 1e-12, 1e-12) ||
			!scalar.EqualWithinAbsOrRel(d.Low, 2-half, 1e-9, 1e-9) ||
			!scalar.EqualWithinAbsOrRel(d.High, 2+half, 1e-9, 1e-9) {
			t.Errorf("%s: difference %+v, want 2 ± %v", model.Metric(m), d, half)
		}
	}
	for m, d := range c.Diffs[0] {
		if d != (Interval{}) {
			t.Errorf("%s: baseline difference %+v, want zero", model.Metric(m), d)
		}
	}
}

func TestWriteCompareCSV(t *testing.T) {
	t.Parallel()
	c := fixedComparison()
	_, records := compareCSV(t, c)
	wantHeader := []string{"scenario", "metric", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"}
	if !slices.Equal(records[0], wantHeader) {
		t.Fatalf("header %q, want %q", records[0], wantHeader)
	}
	rowsPer := int(model.NumMetrics) + int(model.NumRegimes)
	if got := len(records) - 1; got != 2*rowsPer {
		t.Fatalf("%d rows, want %d", got, 2*rowsPer)
	}
	for _, want := range [][]string{
		// Scenario a: mean of 1, 2, 3 with half width t(0.975, 2)/√3; no diff.
		{"a", "high_skill_strategy_share", "2", "-0.48413771", "4.4841377", "", "", ""},
		{"a", "self_employment_share", "2", "-0.48413771", "4.4841377", "", "", ""},
		{"a", "regime_share:low-skills", "0.66666667", "", "", "", "", ""},
		{"a", "regime_share:transitional", "0.33333333", "", "", "", "", ""},
		{"a", "regime_share:co-production", "0", "", "", "", "", ""},
		// Scenario b: mean of 2, 4, 6; paired differences 1, 2, 3.
		{"b", "mean_wage", "4", "-0.96827542", "8.9682754", "2", "-0.48413771", "4.4841377"},
		{"b", "regime_share:low-skills", "0.33333333", "", "", "-0.33333333", "", ""},
		{"b", "regime_share:transitional", "0", "", "", "-0.33333333", "", ""},
		{"b", "regime_share:co-production", "0.66666667", "", "", "0.66666667", "", ""},
	} {
		if !slices.ContainsFunc(records, func(rec []string) bool { return slices.Equal(rec, want) }) {
			t.Errorf("no row %q", want)
		}
	}
	// Metrics in column order, then regimes, scenario by scenario.
	for i, rec := range records[1:] {
		k, j := i/rowsPer, i%rowsPer
		wantScenario := []string{"a", "b"}[k]
		wantMetric := ""
		if j < int(model.NumMetrics) {
			wantMetric = model.Metric(j).String()
		} else {
			wantMetric = regimeSharePrefix + model.Regime(j-int(model.NumMetrics)).String()
		}
		if rec[0] != wantScenario || rec[1] != wantMetric {
			t.Errorf("row %d is %s,%s, want %s,%s", i+1, rec[0], rec[1], wantScenario, wantMetric)
		}
	}
}

func TestWriteCompareReportFlags(t *testing.T) {
	t.Parallel()
	c := fixedComparison()
	// Make one headline difference exclude 0 and keep another spanning it.
	c.Diffs[1][model.MeanWage] = Interval{Mean: 5, Low: 1, High: 9}
	c.Diffs[1][model.Productivity] = Interval{Mean: -5, Low: -9, High: -1}
	var b bytes.Buffer
	if err := WriteCompareReport(&b, c); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"2 scenarios, 3 replications each, common master seed 5",
		"  a  low-skills 67% (2), transitional 33% (1), co-production 0% (0)\n",
		"  b  low-skills 33% (1), transitional 0% (0), co-production 67% (2)\n",
		"b − a",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	for line := range strings.Lines(out) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "mean_wage", "productivity":
			if !strings.HasSuffix(line, " *\n") {
				t.Errorf("interval excluding 0 not flagged: %q", line)
			}
		case "high_skill_strategy_share", "mean_trust":
			if strings.HasSuffix(line, " *\n") {
				t.Errorf("interval containing 0 flagged: %q", line)
			}
		}
	}
}

func TestCompareErrors(t *testing.T) {
	t.Parallel()
	a, b := compareConfig("a"), compareConfig("b")
	ctx := context.Background()
	if _, err := Compare(ctx, []*model.Config{a}, Options{}); !errors.Is(err, ErrTooFewScenarios) {
		t.Errorf("one scenario: error %v, want ErrTooFewScenarios", err)
	}
	if _, err := Compare(ctx, []*model.Config{a, b, compareConfig("a")}, Options{}); err == nil || !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("duplicate names: error %v", err)
	}
	zero := compareConfig("zero")
	zero.Replications = 0
	if _, err := Compare(ctx, []*model.Config{zero, b}, Options{}); !errors.Is(err, ErrNoReplications) {
		t.Errorf("no replications: error %v, want ErrNoReplications", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Compare(cancelled, []*model.Config{a, b}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

func TestWriteCompareTimeseries(t *testing.T) {
	t.Parallel()
	c := fixedComparison()
	// Two steps for every replication of b, so the rows are told apart.
	for r := range c.Results[1].Reps {
		rep := &c.Results[1].Reps[r]
		o := rep.Observations[0]
		o.Step, o.Date = 1, model.MonthOf(2020, 2)
		rep.Observations = append(rep.Observations, o)
	}
	var buf bytes.Buffer
	if err := WriteCompareTimeseries(&buf, c); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string{"scenario", "rep", "step", "date", "regime"}, model.MetricNames()...)
	if !slices.Equal(records[0], want) {
		t.Fatalf("header %q, want %q", records[0], want)
	}
	if len(records) != 1+3+6 {
		t.Fatalf("%d rows, want 9 after the header", len(records)-1)
	}
	for i, w := range [][]string{
		{"a", "0", "0", "0000-00", "1"}, {"a", "2", "0", "0000-00", "3"},
		{"b", "0", "0", "0000-00", "2"}, {"b", "0", "1", "2020-02", "2"}, {"b", "2", "1", "2020-02", "6"},
	} {
		row := records[[]int{1, 3, 4, 5, 9}[i]]
		got := append(slices.Clone(row[:3]), row[5])
		if !slices.Equal(got, []string{w[0], w[1], w[2], w[4]}) {
			t.Errorf("row %v, want scenario, rep, step %v and value %s", row[:5], w[:3], w[4])
		}
	}
}
