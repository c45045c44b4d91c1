package analysis

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"strconv"
)

// formatFloat formats v with 8 significant digits, or as the empty string
// when v is NaN or infinite (an undefined value).
func formatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', 8, 64)
}

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

// nullable is a float64 that is written to JSON as null when it is NaN or
// infinite, which JSON cannot represent.
type nullable float64

// MarshalJSON implements json.Marshaler.
func (x nullable) MarshalJSON() ([]byte, error) {
	v := float64(x)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

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
