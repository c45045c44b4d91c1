package number

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		v          float64
		csv, jsonv string
	}{
		{0, "0", "0"},
		{1.0 / 3, "0.33333333", "0.33333333"},
		{123456789, "1.2345679e+08", "1.2345679e+08"},
		{-2.5, "-2.5", "-2.5"},
		{math.NaN(), "", "null"},
		{math.Inf(1), "", "null"},
	} {
		if got := Format(test.v); got != test.csv {
			t.Errorf("Format(%v) = %q, want %q", test.v, got, test.csv)
		}
		b, err := json.Marshal(JSON(test.v))
		if err != nil || string(b) != test.jsonv {
			t.Errorf("JSON(%v) = %s, %v, want %s", test.v, b, err, test.jsonv)
		}
		back, err := Parse(test.csv)
		if err != nil {
			t.Fatal(err)
		}
		var j JSON
		if err := json.Unmarshal(b, &j); err != nil {
			t.Fatal(err)
		}
		for _, got := range []float64{back, float64(j)} {
			finite := !math.IsNaN(test.v) && !math.IsInf(test.v, 0)
			if finite && Format(got) != test.csv || !finite && !math.IsNaN(got) {
				t.Errorf("%v read back as %v", test.v, got)
			}
		}
	}
}
