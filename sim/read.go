package sim

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"skillsim/model"
	"skillsim/number"
)

// ReadTimeseries reads timeseries.csv as WriteTimeseries writes it for a
// run of cfg, and returns the run's Result: every replication's regional
// indicators and regime at every step (values to the file's 8
// significant digits, Sectors and SectorRegimes allocated and zero), Final
// the last step and Regime its regime. Replications must come in order, each with its steps in order
// from 0.
func ReadTimeseries(r io.Reader, cfg *model.Config) (*Result, error) {
	want := append([]string{"rep", "step", "date", RegimeMetric}, model.MetricNames()...)
	cr := newCSVReader(r, len(want))
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("timeseries: header: %w", err)
	}
	if !slices.Equal(header, want) {
		return nil, fmt.Errorf("timeseries: header %q, want rep, step, date, regime and the %d indicators of this skillsim", header, model.NumMetrics)
	}
	res := &Result{Config: cfg, Seed: cfg.Seed}
	ns := len(cfg.Sectors)
	err = readRows(cr, "timeseries", func(line int, row []string) error {
		rep, err1 := strconv.Atoi(row[0])
		step, err2 := strconv.Atoi(row[1])
		var date model.Month
		err3 := date.UnmarshalText([]byte(row[2]))
		regime, ok := model.ParseRegime(row[3])
		if errors.Join(err1, err2, err3) != nil || rep < 0 || step < 0 || !ok {
			return fmt.Errorf("timeseries: line %d: bad rep, step, date or regime", line)
		}
		if rep == len(res.Reps) {
			res.Reps = append(res.Reps, Rep{Index: rep, Seed: RepSeed(cfg.Seed, rep)})
		}
		if rep != len(res.Reps)-1 {
			return fmt.Errorf("timeseries: line %d: replication %d out of order", line, rep)
		}
		rp := &res.Reps[rep]
		if step != len(rp.Observations) {
			return fmt.Errorf("timeseries: line %d: step %d of replication %d out of order", line, step, rep)
		}
		o := model.Observation{Step: step, Date: date, Regime: regime,
			Sectors: make([][model.NumSectorMetrics]float64, ns), SectorRegimes: make([]model.Regime, ns)}
		for m := range model.NumMetrics {
			var err error
			if o.Region[m], err = number.Parse(row[4+m]); err != nil {
				return fmt.Errorf("timeseries: line %d: %s: %w", line, model.Metric(m), err)
			}
		}
		rp.Observations = append(rp.Observations, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(res.Reps) == 0 {
		return nil, errors.New("timeseries: no rows")
	}
	res.setFinals()
	for i := range res.Reps {
		res.Reps[i].Regime = res.Reps[i].Final.Regime
	}
	return res, nil
}

// ReadSectors reads sectors.csv as WriteSectors writes it into res, the
// Result ReadTimeseries read of the same run: the sector indicators and
// regimes (the metric regime) of every replication and step, Final's
// included.
func ReadSectors(r io.Reader, res *Result) error {
	sectorIndex := sectorIndex(res.Config)
	metricIndex := indexOf(model.SectorMetricNames())
	err := readCSV(r, "sectors", longHeader("sector"), func(line int, row []string) error {
		rep, err1 := strconv.Atoi(row[0])
		step, err2 := strconv.Atoi(row[1])
		s, ok1 := sectorIndex[row[3]]
		o, ok := res.observation(rep, step)
		if row[4] == RegimeMetric {
			g, ok2 := model.ParseRegime(row[5])
			if errors.Join(err1, err2) != nil || !ok1 || !ok2 || !ok {
				return fmt.Errorf("sectors: line %d: bad row %q", line, row)
			}
			o.SectorRegimes[s] = g
			return nil
		}
		m, ok2 := metricIndex[row[4]]
		v, err3 := number.Parse(row[5])
		if errors.Join(err1, err2, err3) != nil || !ok1 || !ok2 || !ok {
			return fmt.Errorf("sectors: line %d: bad row %q", line, row)
		}
		o.Sectors[s][m] = v
		return nil
	})
	if err != nil {
		return err
	}
	res.setFinals()
	return nil
}

// SummaryFile is summary.json as ReadSummary reads it.
type SummaryFile struct {
	RunInfo
	// Reps holds each replication's seed pair and regime, by number.
	Reps []SummaryRep `json:"reps"`
	// Metrics holds each indicator's mean final value with its 95%
	// interval, indexed by model.Metric (NaN where the file has null).
	Metrics [model.NumMetrics]Interval `json:"-"`
	// Regimes holds the share of replications ending in each regime,
	// indexed by model.Regime.
	Regimes [model.NumRegimes]float64 `json:"-"`
}

// SummaryRep is one replication of summary.json.
type SummaryRep struct {
	Rep    int       `json:"rep"`
	Seed   [2]uint64 `json:"seed"`
	Regime string    `json:"regime"`
}

// ReadSummary reads summary.json as WriteSummary writes it. Every
// indicator and regime of this skillsim must be present.
func ReadSummary(r io.Reader) (*SummaryFile, error) {
	var raw struct {
		SummaryFile
		Metrics map[string]struct {
			Mean number.JSON `json:"mean"`
			Low  number.JSON `json:"ci95_low"`
			High number.JSON `json:"ci95_high"`
		} `json:"metrics"`
		RegimeShares map[string]number.JSON `json:"regime_shares"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	s := raw.SummaryFile
	for m, name := range model.MetricNames() {
		iv, ok := raw.Metrics[name]
		if !ok {
			return nil, fmt.Errorf("summary: no indicator %s", name)
		}
		s.Metrics[m] = Interval{float64(iv.Mean), float64(iv.Low), float64(iv.High)}
	}
	for g := range model.NumRegimes {
		v, ok := raw.RegimeShares[g.String()]
		if !ok {
			return nil, fmt.Errorf("summary: no regime share of %s", g)
		}
		s.Regimes[g] = float64(v)
	}
	return &s, nil
}

// A CompareFile is compare.csv as ReadCompareCSV reads it.
type CompareFile struct {
	// Names are the scenarios, in the file's order (the first is the
	// baseline).
	Names []string
	// Metrics holds, by scenario, each indicator's mean final value with
	// its interval, indexed by model.Metric.
	Metrics [][model.NumMetrics]Interval
	// Diffs holds, by scenario, each indicator's mean paired difference
	// from the first scenario with its interval (NaN for the first).
	Diffs [][model.NumMetrics]Interval
	// Regimes holds, by scenario, the share of replications ending in
	// each regime.
	Regimes [][model.NumRegimes]float64
}

// ReadCompareCSV reads compare.csv as WriteCompareCSV writes it: every
// scenario with every indicator and regime of this skillsim.
func ReadCompareCSV(r io.Reader) (*CompareFile, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = 8
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	want := []string{"scenario", "metric", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"}
	if len(rows) == 0 || !slices.Equal(rows[0], want) {
		return nil, fmt.Errorf("compare: want the header %q", want)
	}
	per := int(model.NumMetrics) + int(model.NumRegimes)
	if (len(rows)-1)%per != 0 || len(rows) == 1 {
		return nil, fmt.Errorf("compare: %d rows, not %d per scenario", len(rows)-1, per)
	}
	c := &CompareFile{}
	metrics := model.MetricNames()
	for i, row := range rows[1:] {
		k, j := i/per, i%per
		if j == 0 {
			c.Names = append(c.Names, row[0])
			c.Metrics = append(c.Metrics, [model.NumMetrics]Interval{})
			c.Diffs = append(c.Diffs, [model.NumMetrics]Interval{})
			c.Regimes = append(c.Regimes, [model.NumRegimes]float64{})
		}
		var v [6]float64
		for x := range v {
			if v[x], err = number.Parse(row[2+x]); err != nil {
				return nil, fmt.Errorf("compare: line %d: %w", i+2, err)
			}
		}
		switch {
		case row[0] != c.Names[k]:
			return nil, fmt.Errorf("compare: line %d: scenario %q, want %q", i+2, row[0], c.Names[k])
		case j < int(model.NumMetrics) && row[1] == metrics[j]:
			c.Metrics[k][j] = Interval{v[0], v[1], v[2]}
			c.Diffs[k][j] = Interval{v[3], v[4], v[5]}
		case j >= int(model.NumMetrics) && row[1] == regimeSharePrefix+model.Regime(j-int(model.NumMetrics)).String():
			c.Regimes[k][j-int(model.NumMetrics)] = v[0]
		default:
			return nil, fmt.Errorf("compare: line %d: metric %q out of place", i+2, row[1])
		}
	}
	return c, nil
}
