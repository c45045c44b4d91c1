package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"skillsim/analysis"
	"skillsim/calibrate"
	"skillsim/experiment"
	"skillsim/model"
	"skillsim/outdir"
	"skillsim/patterns"
	"skillsim/plots"
	"skillsim/scenarios"
	"skillsim/sim"
	"skillsim/sweep"
	"slices"
	"strconv"
	"strings"
)

// readSection reads the results in dir into a section, by the files it
// holds. Every error is a *DirError: the directory is not what a report
// can read.
func readSection(dir string, validation bool) (*section, error) {
	has := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	var (
		s   *section
		err error
	)
	switch {
	case has(sim.FileSummary) && has(sim.FileResolved):
		s, err = readRunSection(dir, validation)
	case has(sim.FileCompare):
		s, err = readCompareSection(dir)
	case has(sweep.FileExperiment):
		s, err = readExperimentSection(dir)
	case has(calibrate.FilePredictive) && has(calibrate.FilePosterior):
		s, err = readCalibrationSection(dir)
	default:
		return nil, &DirError{dir, fmt.Errorf("holds no results: neither a run (%s), a comparison (%s), an experiment (%s) nor a calibration (%s)", sim.FileSummary, sim.FileCompare, sweep.FileExperiment, calibrate.FilePredictive)}
	}
	if err != nil {
		return nil, &DirError{dir, err}
	}
	s.Dir = dir
	return s, nil
}

// readFigures sets s.Figures to the figures in dir (readFigures), and
// when there are none adds the note whyNone, so that the reader knows why
// the tables stand alone.
func (s *section) readFigures(dir, whyNone string) error {
	figs, err := readFigures(dir)
	if err != nil {
		return err
	}
	s.Figures = figs
	if len(figs) == 0 {
		s.Notes = append(s.Notes, whyNone)
	}
	return nil
}

// readFigures returns the figures listed in dir/figures.json, with their
// PNGs. It returns no figures and no error when there is no figures.json.
func readFigures(dir string) ([]figure, error) {
	read, err := outdir.ReadFigures(dir)
	if err != nil {
		return nil, err
	}
	var figs []figure
	for _, f := range read {
		figs = append(figs, figure{ID: f.Name, Caption: f.Caption, PNG: f.PNGData})
	}
	return figs, nil
}

// drawFigures draws figs as PNG for a report.
func drawFigures(figs []*plots.Figure) ([]figure, error) {
	out := make([]figure, len(figs))
	for i, f := range figs {
		w, err := f.WriterTo("png")
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if _, err := w.WriteTo(&b); err != nil {
			return nil, err
		}
		out[i] = figure{ID: f.Name, Caption: f.Caption, PNG: b.Bytes()}
	}
	return out, nil
}

// num formats a number for a table: 4 significant digits, "n/a" if
// missing or not finite.
func num(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return "n/a"
	}
	return strconv.FormatFloat(*v, 'g', 4, 64)
}

func numv(v float64) string { return num(&v) }

// interval formats a mean with its interval: "0.31 [0.29, 0.33]".
func interval(mean, low, high *float64) string {
	return fmt.Sprintf("%s [%s, %s]", num(mean), num(low), num(high))
}

// metricOrder lists the indicators as a report's tables do: the headline
// ones first, then the rest in column order.
func metricOrder() []model.Metric {
	ms := slices.Clone(sim.Headline)
	for m := range model.NumMetrics {
		if !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	return ms
}

// readFile opens dir/name and reads it with read.
func readFile[T any](dir, name string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}

func readRunSection(dir string, validation bool) (*section, error) {
	if _, err := outdir.ReadSet(dir, "run"); err != nil {
		return nil, err
	}
	resolved, err := scenarios.ReadFile(filepath.Join(dir, sim.FileResolved))
	if err != nil {
		return nil, err
	}
	cfg, err := scenarios.Parse(filepath.Join(dir, sim.FileResolved), resolved)
	if err != nil {
		return nil, err
	}
	sum, err := readFile(dir, sim.FileSummary, sim.ReadSummary)
	if err != nil {
		return nil, err
	}
	s := &section{
		Kind:      "run",
		Title:     "Scenario " + cfg.Name,
		Questions: []question{{cfg.Name, cfg.Question}},
	}
	counts := map[string]int{}
	for _, r := range sum.Reps {
		counts[r.Regime]++
	}
	regimes := table{Caption: "Regime at the end of the run", Header: []string{"regime", "share of replications", "replications"}}
	var said []string
	for i, g := range model.RegimeNames() {
		regimes.Rows = append(regimes.Rows, []string{g, percentOf(&sum.Regimes[i]), strconv.Itoa(counts[g])})
		said = append(said, fmt.Sprintf("%s %d", g, counts[g]))
	}
	s.Summary = append(s.Summary, fmt.Sprintf("%d replications of %d steps from %s to %s, master seed %d. Regime at the end: %s.",
		sum.Replications, sum.Steps, sum.Start, sum.End, sum.Seed, strings.Join(said, ", ")))
	finals := table{
		Caption: fmt.Sprintf("Indicators in %s: mean over %d replications with its 95%% interval", sum.End, sum.Replications),
		Header:  []string{"indicator", "unit", "name in the files", "mean [95% interval]"},
	}
	for _, m := range metricOrder() {
		iv := sum.Metrics[m]
		finals.Rows = append(finals.Rows, []string{plots.MetricTitle(m), plots.MetricUnit(m), m.String(), interval(&iv.Mean, &iv.Low, &iv.High)})
	}
	s.Tables = append(s.Tables, regimes, finals)

	s.Figures, err = readFigures(filepath.Join(dir, outdir.FiguresDir))
	if err != nil {
		return nil, err
	}
	var res *sim.Result
	loadRes := func() error {
		if res != nil {
			return nil
		}
		res, err = readRun(dir, cfg)
		return err
	}
	if len(s.Figures) == 0 {
		if err := loadRes(); err != nil {
			return nil, err
		}
		figs, err := plots.RunFigures(res)
		if err != nil {
			return nil, err
		}
		if s.Figures, err = drawFigures(figs); err != nil {
			return nil, err
		}
		s.Notes = append(s.Notes, "The run wrote no figures; these were drawn from timeseries.csv and sectors.csv (the partnership network needs the run itself).")
	}
	if validation && cfg.Name == "baseline" {
		if err := loadRes(); err != nil {
			return nil, err
		}
		s.Validation = validationTable(res)
	}
	s.Provenance = []fact{
		{"scenario", cfg.Name},
		{"results made by", "skillsim " + sum.Version},
		{"master seed", strconv.FormatUint(sum.Seed, 10)},
		{"replications", fmt.Sprintf("%d, replication r drawing from PCG(%d, r)", sum.Replications, sum.Seed)},
		{"dates", fmt.Sprintf("%s to %s, %d steps of %d months", cfg.Start, cfg.End, sum.Steps, cfg.StepMonths)},
		{"directory", dir},
	}
	s.Resolved = []resolvedFile{{sim.FileResolved, string(resolved)}}
	return s, nil
}

// percentOf formats a share in per cent.
func percentOf(v *float64) string {
	if v == nil || !isFinite(*v) {
		return "n/a"
	}
	return strconv.FormatFloat(100**v, 'f', 0, 64) + "%"
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// validationTable checks res against the patterns observed in England and
// London (patterns.England) and tabulates the outcomes as
// docs/validation.md does.
func validationTable(res *sim.Result) *table {
	outs := patterns.Check(res, patterns.England)
	pass := 0
	t := &table{Header: []string{"id", "use", "pattern", "observed", "source", "tolerance", "model mean [95% interval]", "result"}}
	for _, o := range outs {
		result := "fail"
		if o.Pass {
			result = "pass"
			pass++
		}
		g := func(v float64) string {
			if !isFinite(v) {
				return "n/a"
			}
			return strconv.FormatFloat(v, 'g', 3, 64)
		}
		t.Rows = append(t.Rows, []string{o.ID, o.Use.String(), o.Name, o.Observed, o.Source, fmt.Sprintf("[%s, %s]", g(o.Low), g(o.High)),
			fmt.Sprintf("%s [%s, %s]", g(o.Mean.Mean), g(o.Mean.Low), g(o.Mean.High)), result})
	}
	t.Caption = fmt.Sprintf("Validation against the patterns observed in England and London: %d of %d pattern statistics pass (docs/validation.md explains the failures)", pass, len(outs))
	return t
}

// readRun rebuilds the result of a run from its timeseries.csv and
// sectors.csv (values to 8 significant digits), with sim's readers.
func readRun(dir string, cfg *model.Config) (*sim.Result, error) {
	res, err := readFile(dir, sim.FileTimeseries, func(r io.Reader) (*sim.Result, error) { return sim.ReadTimeseries(r, cfg) })
	if err != nil {
		return nil, err
	}
	_, err = readFile(dir, sim.FileSectors, func(r io.Reader) (*sim.Result, error) { return res, sim.ReadSectors(r, res) })
	return res, err
}

func readCompareSection(dir string) (*section, error) {
	if _, err := outdir.ReadSet(dir, "comparison"); err != nil {
		return nil, err
	}
	cmp, err := readFile(dir, sim.FileCompare, sim.ReadCompareCSV)
	if err != nil {
		return nil, err
	}
	names := cmp.Names
	s := &section{Kind: "comparison", Title: "Comparison of " + strings.Join(names, ", ")}
	var seed uint64
	reps := 0
	for _, name := range names {
		if !isFileName(name) {
			return nil, fmt.Errorf("%s: scenario name %q cannot name a file", sim.FileCompare, name)
		}
		file := filepath.Join(dir, name+sim.ResolvedSuffix)
		data, err := scenarios.ReadFile(file)
		if err != nil {
			return nil, err
		}
		cfg, err := scenarios.Parse(file, data)
		if err != nil {
			return nil, err
		}
		seed, reps = cfg.Seed, cfg.Replications
		s.Questions = append(s.Questions, question{name, cfg.Question})
		s.Resolved = append(s.Resolved, resolvedFile{name + sim.ResolvedSuffix, string(data)})
	}
	s.Summary = append(s.Summary, fmt.Sprintf("%d scenarios with common random numbers: %d replications each, master seed %d, replication r of every scenario drawing from PCG(%d, r). Differences are from %s, paired by replication.",
		len(names), reps, seed, seed, names[0]))

	regimes := table{Caption: "Regime at the end, share of replications", Header: append([]string{"scenario"}, model.RegimeNames()...)}
	for _, name := range names {
		row := []string{name}
		k := slices.Index(names, name)
		for g := range model.NumRegimes {
			row = append(row, percentOf(&cmp.Regimes[k][g]))
		}
		regimes.Rows = append(regimes.Rows, row)
	}
	finals := table{Caption: "Final indicators: mean over replications [95% interval]", Header: append([]string{"indicator"}, names...)}
	diffs := table{Caption: fmt.Sprintf("Difference from %s, paired by replication: mean [95%% interval]; * marks an interval that excludes 0", names[0]), Header: []string{"indicator"}}
	diffs.Header = append(diffs.Header, names[1:]...)
	for _, m := range metricOrder() {
		row := []string{plots.MetricTitle(m)}
		drow := []string{plots.MetricTitle(m)}
		for k := range names {
			c, dc := cmp.Metrics[k][m], cmp.Diffs[k][m]
			row = append(row, interval(&c.Mean, &c.Low, &c.High))
			if k > 0 {
				d := interval(&dc.Mean, &dc.Low, &dc.High)
				if dc.Low > 0 || dc.High < 0 {
					d += " *"
				}
				drow = append(drow, d)
			}
		}
		finals.Rows = append(finals.Rows, row)
		diffs.Rows = append(diffs.Rows, drow)
	}
	s.Tables = append(s.Tables, regimes, diffs, finals)
	if err := s.readFigures(filepath.Join(dir, outdir.FiguresDir),
		"The comparison wrote no figures (it was run with -plots=false); its tables follow."); err != nil {
		return nil, err
	}
	s.Provenance = []fact{
		{"scenarios", strings.Join(names, ", ")},
		{"common master seed", strconv.FormatUint(seed, 10)},
		{"replications", strconv.Itoa(reps)},
		{"directory", dir},
	}
	return s, nil
}

func readExperimentSection(dir string) (*section, error) {
	if _, err := sweep.Verify(dir); err != nil {
		return nil, err
	}
	if _, err := sweep.VerifyAnalysis(dir); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "experiment.resolved.yaml")
	data, err := scenarios.ReadFile(file)
	if err != nil {
		return nil, err
	}
	exp, err := experiment.Parse(file, data, func(string) (*model.Config, error) {
		return nil, errors.New("the resolved experiment should hold its base scenario inline")
	})
	if err != nil {
		return nil, err
	}
	s := &section{Kind: "experiment", Title: "Experiment " + exp.Name}
	base := exp.BaseName
	if base == "" {
		base = exp.Base.Name
	}
	s.Questions = []question{{base + " (the base scenario)", exp.Base.Question}}
	var params []string
	for _, p := range exp.Params {
		params = append(params, p.Path)
	}
	s.Summary = append(s.Summary, fmt.Sprintf("Design %s over %s: %d design points × %d replications, master seed %d; outputs %s.",
		exp.Method, strings.Join(params, ", "), len(exp.Points), exp.Replications, exp.Seed, strings.Join(exp.Outputs, ", ")))
	an := filepath.Join(dir, "analysis")
	readJSON := func(name string, v any) (bool, error) {
		b, err := os.ReadFile(filepath.Join(an, name))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return true, json.Unmarshal(b, v)
	}
	var loop struct {
		Up, Down, Width *float64
		OK              bool
		Reason          string
	}
	if ok, err := readJSON("loop.json", &loop); err != nil {
		return nil, err
	} else if ok {
		t := table{Caption: "Hysteresis loop: where the share in co-production crosses one half", Header: []string{"branch", "tipping value"}}
		t.Rows = [][]string{{"up (lever rising)", num(loop.Up)}, {"down (lever falling)", num(loop.Down)}, {"width (up − down)", num(loop.Width)}}
		if !loop.OK {
			t.Caption += ": " + loop.Reason
		}
		s.Tables = append(s.Tables, t)
	}
	var tip struct {
		OK               bool
		Reason           string
		Value, Low, High *float64
	}
	if ok, err := readJSON("tipping.json", &tip); err != nil {
		return nil, err
	} else if ok {
		t := table{Caption: "Tipping point: where half the runs reach co-production", Header: []string{"parameter", "tipping value [95% interval]"}}
		v := interval(tip.Value, tip.Low, tip.High)
		if !tip.OK {
			v = "none: " + tip.Reason
		}
		t.Rows = [][]string{{params[0], v}}
		s.Tables = append(s.Tables, t)
	}
	var sobol []analysis.SobolIndex
	if ok, err := readJSON("sobol.json", &sobol); err != nil {
		return nil, err
	} else if ok {
		t := table{Caption: "Sobol indices with 95% bootstrap intervals", Header: []string{"output", "parameter", "first order S1", "total order ST"}}
		for _, x := range sobol {
			t.Rows = append(t.Rows, []string{x.Output, x.Param, interval(&x.S1, &x.S1Low, &x.S1High), interval(&x.ST, &x.STLow, &x.STHigh)})
		}
		s.Tables = append(s.Tables, t)
	}
	var morris []struct {
		Output, Param string
		MuStar        *float64 `json:"mu_star"`
		Sigma         *float64
		R             int
	}
	if ok, err := readJSON("morris.json", &morris); err != nil {
		return nil, err
	} else if ok {
		t := table{Caption: "Morris elementary effects", Header: []string{"output", "parameter", "μ*", "σ", "effects"}}
		for _, x := range morris {
			t.Rows = append(t.Rows, []string{x.Output, x.Param, num(x.MuStar), num(x.Sigma), strconv.Itoa(x.R)})
		}
		s.Tables = append(s.Tables, t)
	}
	var prim analysis.PRIMResult
	if ok, err := readJSON("prim.json", &prim); err != nil {
		return nil, err
	} else if ok && prim.Chosen >= 0 && prim.Chosen < len(prim.Trajectory) {
		b := prim.Trajectory[prim.Chosen]
		t := table{Caption: fmt.Sprintf("PRIM box for co-production (%s): density %s, coverage %s, mass %s",
			prim.Rule, numv(b.Density), numv(b.Coverage), numv(b.Mass)), Header: []string{"parameter", "low", "high"}}
		for _, l := range b.Limits {
			t.Rows = append(t.Rows, []string{l.Param, numv(l.Low), numv(l.High)})
		}
		if len(b.Limits) == 0 {
			t.Rows = append(t.Rows, []string{"(none: the box is the whole space sampled)", "", ""})
		}
		s.Tables = append(s.Tables, t)
	}
	if err := s.readFigures(filepath.Join(an, outdir.FiguresDir),
		"The analysis drew no figures (skillsim analyze -plots=false, or not analysed yet)."); err != nil {
		return nil, err
	}
	s.Provenance = []fact{
		{"experiment", exp.Name},
		{"method", exp.Method},
		{"master seed", fmt.Sprintf("%d, run i drawing from PCG(%d, i)", exp.Seed, exp.Seed)},
		{"design seed", strconv.FormatUint(exp.DesignSeed, 10)},
		{"replications per point", strconv.Itoa(exp.Replications)},
		{"directory", dir},
	}
	s.Resolved = []resolvedFile{{"experiment.resolved.yaml", string(data)}}
	return s, nil
}

// isFileName reports whether name can be used as a file name in a
// directory.
func isFileName(name string) bool {
	return filepath.IsLocal(name) && filepath.Base(name) == name
}
