package sim

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"

	"skillsim/model"
	"skillsim/number"
)

// formatFloat formats v as every number in the output files is
// (package number: 8 significant digits, empty when undefined).
func formatFloat(v float64) string { return number.Format(v) }

// WriteTimeseries writes the regional indicators of every replication and
// step of res as CSV with the header
//
//	rep,step,date,regime,<model.MetricNames()...>
//
// one row per replication and step, in that order; date is YYYY-MM and
// regime the region's regime at that step (model.Observation.Regime).
func WriteTimeseries(w io.Writer, res *Result) error {
	return writeSeries(w, []*Result{res}, false)
}

// WriteCompareTimeseries writes the time series behind a comparison's
// figures: the regional indicators of every scenario, replication and
// step of c as CSV with the header
//
//	scenario,rep,step,date,regime,<model.MetricNames()...>
//
// one row per scenario (in the order compared), replication and step,
// numbers as WriteTimeseries writes them. Replication r of every scenario
// drew from the same stream, so rows with the same rep are paired.
func WriteCompareTimeseries(w io.Writer, c *Comparison) error {
	return writeSeries(w, c.Results, true)
}

// writeSeries writes the time series of results, each row opened by its
// scenario's name when named.
func writeSeries(w io.Writer, results []*Result, named bool) error {
	header := append([]string{"rep", "step", "date", RegimeMetric}, model.MetricNames()...)
	if named {
		header = append([]string{"scenario"}, header...)
	}
	return writeCSV(w, header, func(cw *csv.Writer) error {
		row := make([]string, len(header))
		for _, res := range results {
			cells := row
			if named {
				row[0] = res.Config.Name
				cells = row[1:]
			}
			for _, rep := range res.Reps {
				for i := range rep.Observations {
					o := &rep.Observations[i]
					setStep(cells, rep.Index, o.Step, o.Date)
					cells[3] = o.Regime.String()
					for m, v := range o.Region {
						cells[4+m] = formatFloat(v)
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// WriteSectors writes the sector indicators of every replication and step
// of res as CSV in long format with the header
//
//	rep,step,date,sector,metric,value
//
// ordered by replication, step, sector (in configuration order) and metric
// (in model.SectorMetricNames order, then the metric regime, whose value is
// the sector's regime at that step by name, model.Observation.SectorRegimes).
func WriteSectors(w io.Writer, res *Result) error {
	return writeCSV(w, longHeader("sector"), func(cw *csv.Writer) error {
		names := model.SectorMetricNames()
		row := make([]string, 6)
		for _, rep := range res.Reps {
			for i := range rep.Observations {
				o := &rep.Observations[i]
				setStep(row, rep.Index, o.Step, o.Date)
				for s, vals := range o.Sectors {
					row[3] = sectorName(res.Config, s)
					for m, v := range vals {
						row[4] = names[m]
						row[5] = formatFloat(v)
						if err := cw.Write(row); err != nil {
							return err
						}
					}
					if s < len(o.SectorRegimes) {
						row[4] = RegimeMetric
						row[5] = o.SectorRegimes[s].String()
						if err := cw.Write(row); err != nil {
							return err
						}
					}
				}
			}
		}
		return nil
	})
}

// RegimeMetric is the name of the column of timeseries.csv, and of the
// metric of sectors.csv, that holds the regime at each step.
const RegimeMetric = "regime"

// sectorName returns the name of sector s of cfg.
func sectorName(cfg *model.Config, s int) string {
	if s < len(cfg.Sectors) {
		return cfg.Sectors[s].Name
	}
	return "sector" + strconv.Itoa(s)
}

// RunInfo is what summary.json says first about a run.
type RunInfo struct {
	Scenario     string      `json:"scenario"`         // the scenario's name
	Version      string      `json:"skillsim_version"` // the skillsim that ran it
	Seed         uint64      `json:"seed"`             // the master seed
	Replications int         `json:"replications"`
	Steps        int         `json:"steps"`
	StepMonths   int         `json:"step_months"`
	Start        model.Month `json:"start"`
	End          model.Month `json:"end"`
}

// summaryJSON is the layout of summary.json.
type summaryJSON struct {
	RunInfo
	Reps         []repJSON        `json:"reps"`
	Metrics      orderedObject    `json:"metrics"`
	RegimeShares orderedObject    `json:"regime_shares"`
	RegimeRule   model.RegimeRule `json:"regime_rule"`
}

type repJSON struct {
	Rep           int           `json:"rep"`
	Seed          [2]uint64     `json:"seed"`
	Regime        string        `json:"regime"`
	RegimeRecord  recordJSON    `json:"regime_record"`
	SectorRecords orderedObject `json:"sector_regime_records"`
	Final         orderedObject `json:"final"`
}

// recordJSON is a regime record: the share of observed steps in each
// regime and the first date of each change of regime, keyed "from>to".
type recordJSON struct {
	TimeShares   orderedObject `json:"time_shares"`
	FirstChanges orderedObject `json:"first_changes"`
}

// regimeRecord summarises a sequence of regimes at the given dates.
func regimeRecord(regimes []model.Regime, dates []model.Month) recordJSON {
	var rec recordJSON
	var n [model.NumRegimes]float64
	var first [model.NumRegimes][model.NumRegimes]model.Month
	var seen [model.NumRegimes][model.NumRegimes]bool
	for i, g := range regimes {
		if g >= 0 && g < model.NumRegimes {
			n[g]++
		}
		if i > 0 && regimes[i-1] != g && !seen[regimes[i-1]][g] {
			seen[regimes[i-1]][g] = true
			first[regimes[i-1]][g] = dates[i]
		}
	}
	for g := range model.NumRegimes {
		rec.TimeShares.add(g.String(), num(ratio(n[g], float64(len(regimes)))))
	}
	// Changes in date order.
	type change struct {
		key  string
		date model.Month
	}
	var cs []change
	for a := range model.NumRegimes {
		for b := range model.NumRegimes {
			if seen[a][b] {
				cs = append(cs, change{a.String() + ">" + b.String(), first[a][b]})
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y change) int { return int(x.date) - int(y.date) })
	for _, c := range cs {
		rec.FirstChanges.add(c.key, c.date.String())
	}
	return rec
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

type intervalJSON struct {
	Mean num `json:"mean"`
	Low  num `json:"ci95_low"`
	High num `json:"ci95_high"`
}

// num is a number of summary.json (package number: 8 significant
// digits, null when undefined).
type num = number.JSON

// orderedObject is a JSON object whose keys keep their order (a Go map
// would sort them), so metrics appear in column order.
type orderedObject struct {
	keys []string
	vals []any
}

func (o *orderedObject) add(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// seedPairRE matches a seed pair as MarshalIndent writes it.
var seedPairRE = regexp.MustCompile(`"seed": \[\s*(\d+),\s*(\d+)\s*\]`)

// WriteSummary writes summary.json: the scenario name, the skillsim
// version, the master seed, the number of replications and steps, for each
// replication its seed pair [master, rep], regime and final indicators by
// name, for each indicator the mean over replications of its final value
// with its 95% interval (mean, ci95_low, ci95_high), and the share of
// replications in each regime (regime_shares, all three regimes listed).
// Each replication also has its regime_record — the share of observed
// steps in each regime (time_shares) and the first date of each change of
// regime (first_changes, keyed "from>to", in date order) — and the same
// for each sector (sector_regime_records); regime_rule gives the bars the
// regimes were read with (model.DefaultRegimeRule).
// Numbers have 8 significant digits; NaN or infinite values are null.
func WriteSummary(w io.Writer, res *Result) error {
	sum := Summarize(res)
	names := model.MetricNames()
	out := summaryJSON{RunInfo: RunInfo{
		Scenario:     res.Config.Name,
		Version:      Version,
		Seed:         res.Seed,
		Replications: len(res.Reps),
		Steps:        res.Steps(),
		StepMonths:   res.Config.StepMonths,
		Start:        res.Config.Start,
		End:          res.Config.End,
	},
		RegimeRule: model.DefaultRegimeRule,
	}
	for _, rep := range res.Reps {
		rj := repJSON{Rep: rep.Index, Seed: rep.Seed, Regime: rep.Regime.String()}
		regimes := make([]model.Regime, len(rep.Observations))
		dates := make([]model.Month, len(rep.Observations))
		for i := range rep.Observations {
			regimes[i] = rep.Observations[i].Regime
			dates[i] = rep.Observations[i].Date
		}
		rj.RegimeRecord = regimeRecord(regimes, dates)
		for s := range res.Config.Sectors {
			for i := range rep.Observations {
				regimes[i] = model.Transitional
				if s < len(rep.Observations[i].SectorRegimes) {
					regimes[i] = rep.Observations[i].SectorRegimes[s]
				}
			}
			rj.SectorRecords.add(sectorName(res.Config, s), regimeRecord(regimes, dates))
		}
		for m, v := range rep.Final.Region {
			rj.Final.add(names[m], num(v))
		}
		out.Reps = append(out.Reps, rj)
	}
	for m, iv := range sum.Metrics {
		out.Metrics.add(names[m], intervalJSON{num(iv.Mean), num(iv.Low), num(iv.High)})
	}
	for g, share := range sum.Regimes {
		out.RegimeShares.add(model.Regime(g).String(), num(share))
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	// MarshalIndent spreads every array over lines; keep seed pairs on one.
	b = seedPairRE.ReplaceAll(b, []byte(`"seed": [$1, $2]`))
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// Headline lists the headline indicators: the two sides of the trap
// (strategies and ties), the shape of the labour market, the college
// relationship, skills, young people's jobs, wages and output. They are
// the indicators WriteReport and WriteCompareReport print, the panels of
// the figures (package plots) and the first rows of a report's tables.
var Headline = []model.Metric{
	model.HighSkillStrategyShare,
	model.CoproductionShare,
	model.IntermediateJobShare,
	model.EmployerCollegeUseShare,
	model.MeanTrust,
	model.Level3PlusShare,
	model.YouthEmploymentRate,
	model.MeanWage,
	model.Productivity,
}

// WriteReport writes a short human summary of res: the regime shares and
// the headline indicators at the end of the run with their 95% intervals.
func WriteReport(w io.Writer, res *Result) error {
	sum := Summarize(res)
	cfg := res.Config
	bw := bufio.NewWriter(w)
	n := len(res.Reps)
	fmt.Fprintf(bw, "scenario %s: %d replication%s of %d steps from %s, master seed %d\n",
		cfg.Name, n, plural(n), res.Steps(), cfg.Start, res.Seed)
	fmt.Fprintf(bw, "regimes:")
	writeRegimeShares(bw, res, sum)
	fmt.Fprintf(bw, "\n")
	end := res.Reps[0].Final.Date
	fmt.Fprintf(bw, "indicators at %s (mean over replications [95%% interval]):\n", end)
	for _, m := range Headline {
		iv := sum.Metrics[m]
		fmt.Fprintf(bw, "  %-26s %10.4g  [%.4g, %.4g]\n", m, iv.Mean, iv.Low, iv.High)
	}
	return bw.Flush()
}

// writeRegimeShares writes the share of res's replications ending in
// each regime, from its summary sum, with their number: " low-skills 60%
// (6), transitional 30% (3), co-production 10% (1)".
func writeRegimeShares(w io.Writer, res *Result, sum *Summary) {
	var counts [model.NumRegimes]int
	for _, rep := range res.Reps {
		counts[rep.Regime]++
	}
	for g, share := range sum.Regimes {
		sep := ","
		if g == 0 {
			sep = ""
		}
		fmt.Fprintf(w, "%s %s %.0f%% (%d)", sep, model.Regime(g), 100*share, counts[g])
	}
}

// plural returns the ending of a count's noun: "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
