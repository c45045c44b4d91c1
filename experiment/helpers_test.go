package experiment

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

// tinyBase returns the default scenario shrunk to 1,500 people, a
// thirtieth of the employers and college places and two years, so that a
// run takes a few milliseconds.
func tinyBase() *model.Config {
	cfg := model.DefaultConfig()
	cfg.Name = "tiny"
	cfg.Population.Persons = 1500
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = math.Round(e.Micro / 30)
		e.SmallMedium = math.Round(e.SmallMedium / 30)
		e.Large = math.Round(e.Large / 30)
	}
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places /= 30
	}
	cfg.End = cfg.Start + 24
	cfg.Replications = 2
	return &cfg
}

// load resolves "tiny" to tinyBase, a shipped scenario's name to it, and
// anything else to a file under testdata.
func load(base string) (*model.Config, error) {
	if base == "tiny" {
		return tinyBase(), nil
	}
	data, err := os.ReadFile(filepath.Join("testdata", base))
	if os.IsNotExist(err) {
		return scenarios.Embedded(base)
	}
	if err != nil {
		return nil, err
	}
	return scenarios.Parse(base, data)
}

// mustParse parses an experiment given as text, failing the test on error.
func mustParse(t *testing.T, text string) *Experiment {
	t.Helper()
	e, err := Parse("test.yaml", []byte(text), load)
	if err != nil {
		t.Fatalf("Parse:\n%v\n--- file:\n%s", err, text)
	}
	return e
}

// near reports whether a and b are equal within 1e-12.
func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12 {
			return false
		}
	}
	return true
}
