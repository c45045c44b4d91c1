// Package number is the one format of numbers in skillsim's output files:
// 8 significant digits, and one spelling of an undefined value (NaN or
// infinite): an empty cell in CSV, null in JSON.
//
// Eight significant digits keep a file byte-identical across worker
// counts and machines while holding more precision than any indicator
// needs; Parse reads back what Append writes.
package number

import (
	"math"
	"strconv"
)

// Digits is the number of significant digits of a number in an output
// file.
const Digits = 8

// Append appends v with Digits significant digits (strconv 'g' format),
// or nothing when v is NaN or infinite.
func Append(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	return strconv.AppendFloat(b, v, 'g', Digits, 64)
}

// Format returns v as Append writes it.
func Format(v float64) string { return string(Append(nil, v)) }

// Parse reads a number as Append writes it: an empty cell is NaN. It
// also reads "NaN", as files written before this format spelled it.
func Parse(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// JSON is a float64 that marshals to JSON with Digits significant digits,
// or as null when it is NaN or infinite (which JSON cannot represent),
// and unmarshals null as NaN.
type JSON float64

// MarshalJSON implements json.Marshaler.
func (x JSON) MarshalJSON() ([]byte, error) {
	v := float64(x)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return Append(nil, v), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (x *JSON) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = JSON(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	*x = JSON(v)
	return err
}
