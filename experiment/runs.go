package experiment

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"skillsim/model"
	"skillsim/number"
	"skillsim/scenarios"
)

// Runs returns the number of runs, the rows of runs.csv:
// len(Points)·Replications.
func (e *Experiment) Runs() int { return len(e.Points) * e.Replications }

// RunInfo returns the design point and replication of run i. For every
// method but hysteresis, run = point·Replications + rep; for hysteresis,
// run = rep·(2n−1) + step, so that one replication's lever steps are
// consecutive runs (the point is the lever step). It panics if i is not in
// [0, Runs()).
func (e *Experiment) RunInfo(i int) (point, rep int) {
	if i < 0 || i >= e.Runs() {
		panic(fmt.Sprintf("experiment: run %d out of range [0, %d)", i, e.Runs()))
	}
	if e.Method == Hysteresis {
		s := e.Hysteresis.Steps()
		return i % s, i / s
	}
	return i / e.Replications, i % e.Replications
}

// Run returns the index of the run at a design point and replication, the
// inverse of RunInfo.
func (e *Experiment) Run(point, rep int) int {
	if point < 0 || point >= len(e.Points) || rep < 0 || rep >= e.Replications {
		panic(fmt.Sprintf("experiment: point %d, replication %d out of range", point, rep))
	}
	if e.Method == Hysteresis {
		return rep*e.Hysteresis.Steps() + point
	}
	return point*e.Replications + rep
}

// Units returns the number of units of execution: Runs() for every method
// but hysteresis, where a unit is one replication's continuing run
// (Replications units of 2n−1 runs each).
func (e *Experiment) Units() int {
	if e.Method == Hysteresis {
		return e.Replications
	}
	return e.Runs()
}

// Unit returns the unit of execution run i belongs to: i itself, or for
// hysteresis its replication. Execute runs whole units, so a shard should
// hold whole units: a hysteresis replication split between shards is run
// in full by each.
func (e *Experiment) Unit(i int) int {
	if e.Method == Hysteresis {
		_, rep := e.RunInfo(i)
		return rep
	}
	return i
}

// Stream returns the index of the random number stream run i draws from,
// with the master seed: rand.NewPCG(Seed, Stream(i)). It is i, so that no
// two runs share random numbers, except
//
//   - with CommonRandomNumbers, where it is the run's replication rep:
//     replication rep of every design point draws from stream rep, and
//     points differ only in their parameters;
//   - for hysteresis, where the replication's continuing run draws from
//     the stream of its first run, rep·(2n−1), for every lever step.
func (e *Experiment) Stream(i int) uint64 {
	switch {
	case e.Method == Hysteresis:
		_, rep := e.RunInfo(i)
		return uint64(rep * e.Hysteresis.Steps())
	case e.CommonRandomNumbers:
		_, rep := e.RunInfo(i)
		return uint64(rep)
	}
	return uint64(i)
}

// Config returns the scenario of design point p: a copy of the base with
// the point's values set by scenarios.SetPath (a linked parameter's value
// setting each of its links, Link.At; the levers' switches,
// policies.<lever>.in_force, set last) and the seed set to the experiment's,
// validated with model.Config.Validate. It never changes e.Base. On a
// point the model rejects it returns the config and Validate's error
// (model.ValidationErrors).
//
// For hysteresis, point p is lever step p: the lever's block (for a path
// under policies.<lever>) is in force for the whole run, from the run's
// start with no end, and End is Start + (p+1)·Years. The config is
// validated with End at the end of the last step, so that levers whose
// dates fall in later steps are accepted in the early ones.
func (e *Experiment) Config(p int) (*model.Config, error) {
	if p < 0 || p >= len(e.Points) {
		panic(fmt.Sprintf("experiment: point %d out of range [0, %d)", p, len(e.Points)))
	}
	cfg := scenarios.Clone(e.Base)
	cfg.Seed = e.Seed
	// Every field first, then the levers' switches, so that a lever
	// switched off stays off whatever else the point sets in it.
	type set struct {
		path string
		v    float64
	}
	var sets, switches []set
	for j, prm := range e.Params {
		x := e.Points[p][j]
		if prm.Links == nil {
			sets = append(sets, set{prm.Path, x})
		}
		for _, l := range prm.Links {
			sets = append(sets, set{l.Path, l.At(x, prm.Low, prm.High)})
		}
	}
	for _, s := range sets {
		if scenarios.IsSwitch(s.path) {
			switches = append(switches, s)
			continue
		}
		if err := scenarios.SetPath(cfg, s.path, s.v); err != nil {
			return cfg, err
		}
	}
	for _, s := range switches {
		if err := scenarios.SetPath(cfg, s.path, s.v); err != nil {
			return cfg, err
		}
	}
	if e.Method != Hysteresis {
		return cfg, cfg.Validate()
	}
	h := e.Hysteresis
	if per := scenarios.LeverPeriod(cfg, h.Path); per != nil {
		*per = model.Period{Start: cfg.Start}
	}
	cfg.End = cfg.Start + model.Month(h.Steps()*h.Months())
	err := cfg.Validate()
	cfg.End = cfg.Start + model.Month((p+1)*h.Months())
	return cfg, err
}

// Header returns the columns of runs.csv:
//
//	run,point,rep,seed,<path 1>,…,<path k>,regime,<metric 1>,…,<metric m>,error
//
// with every metric of model.MetricNames() in order; for hysteresis,
//
//	run,point,rep,seed,<lever path>,phase,regime,<metrics>,error.
func (e *Experiment) Header() []string {
	h := []string{"run", "point", "rep", "seed"}
	for _, p := range e.Params {
		h = append(h, p.Path)
	}
	if e.Method == Hysteresis {
		h = append(h, "phase")
	}
	h = append(h, "regime")
	h = append(h, model.MetricNames()...)
	return append(h, "error")
}

// Result is the outcome of one run.
type Result struct {
	// Run, Point and Rep are the run's index, design point and replication.
	Run, Point, Rep int
	// Seed is the run's seed pair {S, stream}: it drew from
	// rand.NewPCG(Seed[0], Seed[1]). Seed[1] is Run, except with common
	// random numbers and for hysteresis
	// (see Experiment.Stream).
	Seed [2]uint64
	// Values are the point's parameter values, shared with
	// Experiment.Points: do not modify them.
	Values []float64
	// Regime is the regime of the final observation (model.Classify).
	Regime model.Regime
	// Final holds the final regional indicators, indexed by model.Metric.
	Final [model.NumMetrics]float64
	// Err is nil, or why the run failed: the point's scenario is invalid,
	// the model could not build it, or it panicked. Regime and Final are
	// then meaningless.
	Err error
	// Series holds the regional indicators at step 0 and after every step
	// (Sectors left nil), only when the experiment asks for timeseries.
	// For hysteresis it holds the lever step's own steps; the first lever
	// step also holds step 0.
	Series []model.Observation
}

// AppendRow appends r's line of runs.csv to buf, newline included, and
// returns the extended buffer. Parameter values are written exactly
// (the shortest form that reads back exactly, in fixed notation unless
// tiny or huge), metrics as package number writes them (8 significant
// digits, empty when undefined); a failed run has an empty regime and empty metrics, and its
// error message with line breaks replaced by "; ", always double-quoted
// (quotes doubled). The line depends only on r, never on when or where
// the run ran.
func (e *Experiment) AppendRow(buf []byte, r *Result) []byte {
	if len(r.Values) != len(e.Params) {
		panic("experiment: result has the wrong number of values")
	}
	buf = strconv.AppendInt(buf, int64(r.Run), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(r.Point), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(r.Rep), 10)
	buf = append(buf, ',')
	buf = strconv.AppendUint(buf, r.Seed[0], 10)
	buf = append(buf, ':')
	buf = strconv.AppendUint(buf, r.Seed[1], 10)
	for _, v := range r.Values {
		buf = append(buf, ',')
		buf = appendValue(buf, v)
	}
	if e.Method == Hysteresis {
		buf = append(buf, ',')
		buf = append(buf, e.Phase(r.Point)...)
	}
	buf = append(buf, ',')
	if r.Err == nil {
		buf = append(buf, r.Regime.String()...)
	}
	for _, v := range r.Final {
		buf = append(buf, ',')
		if r.Err == nil {
			buf = number.Append(buf, v)
		}
	}
	buf = append(buf, ',')
	if r.Err != nil {
		buf = appendQuoted(buf, errorText(r.Err))
	}
	return append(buf, '\n')
}

// appendValue appends a parameter value exactly, in the shortest form
// that reads back as v: in fixed notation (2000000, 0.025) for magnitudes
// from 1e-4 to 1e15, and otherwise with an exponent.
func appendValue(buf []byte, v float64) []byte {
	if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e15) {
		return strconv.AppendFloat(buf, v, 'f', -1, 64)
	}
	return strconv.AppendFloat(buf, v, 'g', -1, 64)
}

// errorText is an error's message on one line.
func errorText(err error) string {
	s := strings.ReplaceAll(err.Error(), "\r\n", "; ")
	s = strings.ReplaceAll(s, "\n", "; ")
	return strings.ReplaceAll(s, "\r", "; ")
}

// appendQuoted appends s as a double-quoted CSV field.
func appendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	buf = append(buf, strings.ReplaceAll(s, `"`, `""`)...)
	return append(buf, '"')
}

// ParseRunIndex returns the run index of a line of runs.csv or of the
// journal, as AppendRow writes it. It reports false for a line that is
// not one: no trailing newline (a half-written line), the wrong number of
// fields, a run index out of range, or a point or replication that does
// not match the run index.
func (e *Experiment) ParseRunIndex(line []byte) (int, bool) {
	if len(line) == 0 || line[len(line)-1] != '\n' || bytes.IndexByte(line, '\n') != len(line)-1 {
		return 0, false
	}
	rd := csv.NewReader(bytes.NewReader(line))
	rd.FieldsPerRecord = len(e.Header())
	rec, err := rd.Read()
	if err != nil {
		return 0, false
	}
	if _, err := rd.Read(); err != io.EOF {
		return 0, false
	}
	run, err1 := strconv.Atoi(rec[0])
	point, err2 := strconv.Atoi(rec[1])
	rep, err3 := strconv.Atoi(rec[2])
	if err1 != nil || err2 != nil || err3 != nil || run < 0 || run >= e.Runs() {
		return 0, false
	}
	if p, r := e.RunInfo(run); p != point || r != rep {
		return 0, false
	}
	return run, true
}
