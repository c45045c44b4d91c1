package experiment

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"skillsim/model"
	"skillsim/number"
)

// Runs is the content of an experiment's runs.csv.
type Runs struct {
	// Params are the parameter columns, in order: the columns between seed
	// and regime other than phase.
	Params []string
	// HasPhase reports whether there is a phase column (a hysteresis
	// experiment).
	HasPhase bool
	// Metrics are the metric columns, in order: the columns between regime
	// and error (model.MetricNames() as the sweep writes them).
	Metrics []string
	// Rows holds one row per run, in file order.
	Rows []Row
}

// Row is one run of runs.csv.
type Row struct {
	Run, Point, Rep int
	// Seed is the run's seed pair (S, i), written S:i.
	Seed [2]uint64
	// Params holds the values of Runs.Params.
	Params []float64
	// Phase is the hysteresis phase (up or down), or empty.
	Phase string
	// Regime is low-skills, transitional or co-production; empty for a
	// failed run.
	Regime string
	// Metrics holds the values of Runs.Metrics; NaN where the cell is
	// empty (a failed run).
	Metrics []float64
	// Error is empty, or why the run failed.
	Error string
}

// Failed reports whether the run failed (its error is not empty).
func (r *Row) Failed() bool { return r.Error != "" }

// Success reports whether the run reached co-production: its regime is
// model.Coproduction's.
func (r *Row) Success() bool { return r.Regime == model.Coproduction.String() }

// Valid returns the rows of runs that did not fail, in order: the rows the
// analyses use.
func (r *Runs) Valid() []Row {
	out := make([]Row, 0, len(r.Rows))
	for _, row := range r.Rows {
		if !row.Failed() {
			out = append(out, row)
		}
	}
	return out
}

// Failed returns the number of failed runs (rows with an error).
func (r *Runs) Failed() int { return len(r.Rows) - len(r.Valid()) }

// ParamIndex returns the index of parameter column name in Params and in
// every Row.Params, or −1.
func (r *Runs) ParamIndex(name string) int { return slices.Index(r.Params, name) }

// MetricIndex returns the index of metric column name in Metrics and in
// every Row.Metrics, or −1.
func (r *Runs) MetricIndex(name string) int { return slices.Index(r.Metrics, name) }

// ErrRunsHeader is wrapped by the error ReadRuns returns for a header that
// is not that of runs.csv.
var ErrRunsHeader = errors.New("not a runs.csv header")

// ReadRuns parses runs.csv (docs/experiments.md) from r. The header is
//
//	run,point,rep,seed,<parameters>,[phase,]regime,<metrics>,error
//
// the parameter columns being those between seed and regime other than
// phase, and the metric columns those between regime and error. Numbers
// are parsed with strconv; an empty metric cell is NaN. Failed rows (a
// non-empty error) are kept: Runs.Valid drops them and Runs.Failed counts
// them. ReadRuns returns an error, with the line, for a malformed header
// (wrapping ErrRunsHeader), a row with the wrong number of fields, or a
// cell that does not parse.
func ReadRuns(r io.Reader) (*Runs, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("experiment: runs.csv: empty input: %w", ErrRunsHeader)
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: runs.csv: %w", err)
	}
	header = slices.Clone(header)
	cr.FieldsPerRecord = len(header)
	cr.ReuseRecord = true

	regime := slices.Index(header, "regime")
	if len(header) < 6 || !slices.Equal(header[:4], []string{"run", "point", "rep", "seed"}) ||
		regime < 4 || header[len(header)-1] != "error" {
		return nil, fmt.Errorf("experiment: runs.csv: header %q: want run,point,rep,seed,<parameters>,[phase,]regime,<metrics>,error: %w",
			strings.Join(header, ","), ErrRunsHeader)
	}
	runs := &Runs{Metrics: header[regime+1 : len(header)-1]}
	phase := -1
	var params []int
	for c := 4; c < regime; c++ {
		if header[c] == "phase" {
			phase = c
			continue
		}
		params = append(params, c)
		runs.Params = append(runs.Params, header[c])
	}
	runs.HasPhase = phase >= 0

	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return runs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("experiment: runs.csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		bad := func(c int, err error) error {
			return fmt.Errorf("experiment: runs.csv: line %d, column %s: %w", line, header[c], err)
		}
		row := Row{
			Params:  make([]float64, len(params)),
			Regime:  rec[regime],
			Metrics: make([]float64, len(runs.Metrics)),
			Error:   rec[len(rec)-1],
		}
		for c, p := range []*int{&row.Run, &row.Point, &row.Rep} {
			if *p, err = strconv.Atoi(rec[c]); err != nil {
				return nil, bad(c, err)
			}
		}
		s, i, ok := strings.Cut(rec[3], ":")
		if !ok {
			return nil, bad(3, fmt.Errorf("seed %q is not S:i", rec[3]))
		}
		if row.Seed[0], err = strconv.ParseUint(s, 10, 64); err != nil {
			return nil, bad(3, err)
		}
		if row.Seed[1], err = strconv.ParseUint(i, 10, 64); err != nil {
			return nil, bad(3, err)
		}
		for i, c := range params {
			if row.Params[i], err = strconv.ParseFloat(rec[c], 64); err != nil {
				return nil, bad(c, err)
			}
		}
		if phase >= 0 {
			row.Phase = rec[phase]
		}
		for m := range row.Metrics {
			cell := rec[regime+1+m]
			if cell == "" {
				row.Metrics[m] = math.NaN()
				continue
			}
			if row.Metrics[m], err = number.Parse(cell); err != nil {
				return nil, bad(regime+1+m, err)
			}
		}
		runs.Rows = append(runs.Rows, row)
	}
}

// HeaderLine returns the header of runs.csv as its first line, newline
// included: Header joined by commas.
func (e *Experiment) HeaderLine() []byte {
	return []byte(strings.Join(e.Header(), ",") + "\n")
}

// RowRun returns the run index at the start of a line of runs.csv, as
// AppendRow writes it, and false if the line does not start with one.
// Unlike ParseRunIndex it does not check the rest of the line.
func RowRun(row []byte) (int, bool) {
	i := slices.Index(row, ',')
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(row[:i]))
	return n, err == nil && n >= 0
}

// RowFailed reports whether a line of runs.csv, as AppendRow writes it,
// records a failed run: its last column, the error, is not empty.
func RowFailed(row []byte) bool {
	for len(row) > 0 && (row[len(row)-1] == '\n' || row[len(row)-1] == '\r') {
		row = row[:len(row)-1]
	}
	return len(row) > 0 && row[len(row)-1] != ','
}

// RowRegime returns the regime of a line of runs.csv as AppendRow writes
// it for e, and false for a failed run or a line with too few columns.
// Every column before the error is unquoted, so the regime is found by
// counting commas.
func (e *Experiment) RowRegime(row []byte) (model.Regime, bool) {
	col := 4 + len(e.Params) // run, point, rep, seed, the parameters
	if e.Method == Hysteresis {
		col++ // phase
	}
	f := row
	for range col {
		i := slices.Index(f, ',')
		if i < 0 {
			return 0, false
		}
		f = f[i+1:]
	}
	if i := slices.Index(f, ','); i >= 0 {
		f = f[:i]
	}
	for g := range model.NumRegimes {
		if string(f) == g.String() {
			return g, true
		}
	}
	return 0, false
}
