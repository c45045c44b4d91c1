package experiment

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

// fuzzLoad resolves base: without reading files: "tiny" to tinyBase, the
// test scenario small.yaml, and anything else to a shipped scenario.
func fuzzLoad(small []byte) func(string) (*model.Config, error) {
	return func(base string) (*model.Config, error) {
		switch base {
		case "tiny":
			return tinyBase(), nil
		case "small.yaml":
			return scenarios.Parse(base, small)
		}
		return scenarios.Embedded(base)
	}
}

// FuzzParse checks that no experiment file makes Parse panic, hang or
// build more than its limits allow: it returns an experiment with at most
// MaxRuns runs and its design built, or a list of problems. go test runs
// the seeds: the shipped examples, the test files and inputs with anchors,
// aliases and merge keys; .ci/fuzz fuzzes it for a time.
func FuzzParse(f *testing.F) {
	small, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range Shipped() {
		data, err := ReadShipped(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.experiment.yaml"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"name: e\nbase: tiny\nparameters: &p\n  - {<<: *p}\n",
		"name: e\nbase: tiny\nparameters:\n  - &q {path: behaviour.noise, values: [0.1, 0.2]}\n  - *q\n",
		"name: e\nparameters:\n  - {path: behaviour.noise, values: [0.1, 0.2]}\nbase_scenario: &b\n  name: x\n  behaviour: {<<: *b}\n",
		"name: e\nbase: tiny\nr: &r {path: behaviour.noise, range: [0, 0.1]}\ndesign: {method: lhs, points: 4}\nparameters: [*r, {<<: *r, path: behaviour.trust_gain}]\n",
		"name: big\nbase: tiny\nreplications: 1000000\ndesign: {method: lhs, points: 1000000}\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1]}\n",
		"name: h\nbase: tiny\ndesign: {method: hysteresis}\nhysteresis: {path: policies.network.budget, values: [0, 1e6], years: 1}\n",
	} {
		f.Add([]byte(s))
	}
	load := fuzzLoad(small)
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Parse("f.yaml", data, load)
		if err != nil {
			var list scenarios.ErrorList
			if e != nil || !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse = %v, %v: want nil and a list of problems", e, err)
			}
			return
		}
		if e == nil || e.Base == nil {
			t.Fatal("Parse returned neither an experiment with its base nor an error")
		}
		if e.Runs() > MaxRuns || len(e.Points)*max(1, len(e.Params)) > MaxPointValues {
			t.Fatalf("%d runs and %d points of %d parameters: past the limits", e.Runs(), len(e.Points), len(e.Params))
		}
		if _, err := e.Resolved(); err != nil {
			t.Fatalf("Resolved: %v", err)
		}
	})
}
