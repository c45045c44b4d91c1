package analysis

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"skillsim/number"
)

// formatFloat formats v as package number does: 8 significant digits, or
// the empty string when v is NaN or infinite (an undefined value).
func formatFloat(v float64) string { return number.Format(v) }

// writeCSV writes header and then the rows that rows emits, as CSV.
func writeCSV(w io.Writer, header []string, rows func(emit func(...string) error) error) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	emit := func(row ...string) error { return cw.Write(row) }
	if err := rows(emit); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// nullable is a float64 written to JSON as package number writes it: 8
// significant digits, or null when it is NaN or infinite.
type nullable = number.JSON

// nullables converts xs for JSON output.
func nullables(xs []float64) []nullable {
	if xs == nil {
		return nil
	}
	out := make([]nullable, len(xs))
	for i, v := range xs {
		out[i] = nullable(v)
	}
	return out
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
