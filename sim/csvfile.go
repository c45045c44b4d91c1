package sim

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"skillsim/model"
)

// longHeader is the header of the files in long format of a run's
// sectors and colleges: one value a row, named by unit (sector or
// college) and metric.
func longHeader(unit string) []string {
	return []string{"rep", "step", "date", unit, "metric", "value"}
}

// writeCSV writes an output file as CSV: header, then the rows that rows
// writes to cw, buffered and flushed at the end.
func writeCSV(w io.Writer, header []string, rows func(cw *csv.Writer) error) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := rows(cw); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// setStep sets the first three cells of an output row, the replication,
// step and date an observation was made at.
func setStep(row []string, rep, step int, date model.Month) {
	row[0] = strconv.Itoa(rep)
	row[1] = strconv.Itoa(step)
	row[2] = date.String()
}

// newCSVReader returns a reader of an output file as CSV with fields
// cells a row, reusing its record.
func newCSVReader(r io.Reader, fields int) *csv.Reader {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = fields
	return cr
}

// readCSV reads the output file named file (for errors) as CSV: its first
// line must be header, and each later line is passed to row with its
// line number (from 2). Errors are prefixed with file.
func readCSV(r io.Reader, file string, header []string, row func(line int, cells []string) error) error {
	cr := newCSVReader(r, len(header))
	got, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", file, err)
	}
	if !slices.Equal(got, header) {
		return fmt.Errorf("%s: header %q, want %q", file, got, header)
	}
	return readRows(cr, file, row)
}

// readRows passes each line left in cr to row with its line number,
// counting the header as line 1. Errors of the CSV are prefixed with file.
func readRows(cr *csv.Reader, file string, row func(line int, cells []string) error) error {
	for line := 2; ; line++ {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err := row(line, cells); err != nil {
			return err
		}
	}
}

// observation returns the observation of replication rep at step, and
// false when res has no such replication or step.
func (res *Result) observation(rep, step int) (*model.Observation, bool) {
	if rep < 0 || rep >= len(res.Reps) || step < 0 || step >= len(res.Reps[rep].Observations) {
		return nil, false
	}
	return &res.Reps[rep].Observations[step], true
}

// setFinals sets each replication's Final to its last observation, once
// a reader has filled the observations in.
func (res *Result) setFinals() {
	for i := range res.Reps {
		rp := &res.Reps[i]
		rp.Final = rp.Observations[len(rp.Observations)-1]
	}
}

// sectorIndex maps each sector's name in the output files to its index
// in cfg.
func sectorIndex(cfg *model.Config) map[string]int {
	idx := make(map[string]int, len(cfg.Sectors))
	for s := range cfg.Sectors {
		idx[sectorName(cfg, s)] = s
	}
	return idx
}
