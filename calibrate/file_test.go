package calibrate

import (
	"strings"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

func TestParseErrors(t *testing.T) {
	t.Parallel()
	load := exampleLoader()
	const ok = "base: recovery-region.yaml\ntargets: recovery-targets.yaml\nparameters:\n  - {path: sectors.rest.quit_rate, range: [0.03, 0.2]}\n"
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"valid", ok, nil},
		{"empty", "", []string{"c.yaml:1:1: the file is empty"}},
		{"unknown key", ok + "methd: {particles: 10}\n", []string{"c.yaml:5:1: methd: unknown field (did you mean method?)"}},
		{"bad path", strings.Replace(ok, "rest.quit_rate", "rest.quit_rat", 1), []string{"c.yaml:4:12: parameters[0].path:", "quit_rate"}},
		{"inverted range", strings.Replace(ok, "[0.03, 0.2]", "[0.2, 0.03]", 1), []string{"c.yaml:4:", "parameters[0].range"}},
		{"no base", strings.Replace(ok, "base: recovery-region.yaml\n", "", 1), []string{"base: missing"}},
		{"bad base", strings.Replace(ok, "recovery-region.yaml", "nowhere.yaml", 1), []string{"c.yaml:1:7: base:"}},
		{"bad targets", strings.Replace(ok, "recovery-targets.yaml", "recovery-region.yaml", 1), []string{"c.yaml:2:10: targets: the targets file", "statistics"}},
		{"particles", ok + "method: {particles: 1}\n", []string{"c.yaml:5:21: method.particles: 1 is out of range"}},
		{"quantile", ok + "method: {quantile: 1.5}\n", []string{"method.quantile: 1.5 is out of range"}},
		{"wrong type", ok + "method: {particles: many}\n", []string{"c.yaml:5:21: method.particles: \"many\" is not a whole number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.yaml), load)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

// TestInputSum checks what a calibration's results are tied to (resume
// refuses a directory begun from other inputs): not the comments of its
// file, nor the base's default of a calibrated field, but every other
// field of the base and every prior.
func TestInputSum(t *testing.T) {
	t.Parallel()
	const ok = "base: recovery-region.yaml\ntargets: recovery-targets.yaml\nparameters:\n  - {path: sectors.rest.quit_rate, range: [0.03, 0.2]}\n"
	sum := func(yaml string, edit func(c *Calibration)) string {
		t.Helper()
		load := exampleLoader()
		if edit != nil {
			inner := load.Scenario
			load.Scenario = func(n string) (*model.Config, error) {
				cfg, err := inner(n)
				if err == nil {
					c := &Calibration{Base: cfg}
					edit(c)
				}
				return cfg, err
			}
		}
		c, err := Parse("c.yaml", []byte(yaml), load)
		if err != nil {
			t.Fatal(err)
		}
		return c.sum
	}
	base := sum(ok, nil)
	const sched = "base: baseline\ntargets: recovery-targets.yaml\nparameters:\n  - {path: policies.levy.non_levy_funding.2017-05, range: [0.5, 1]}\n"
	schedBase := sum(sched, nil)
	setRest := func(path string, v float64) func(c *Calibration) {
		return func(c *Calibration) {
			if err := scenarios.SetPath(c.Base, path, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name string
		yaml string
		edit func(c *Calibration)
		same bool
	}{
		{"a comment", "# a note\n" + ok, nil, true},
		{"the calibrated field's default", ok, setRest("sectors.rest.quit_rate", 0.123), true},
		{"another field of the base", ok, setRest("sectors.rest.training_cost", 7), false},
		{"a prior", strings.Replace(ok, "0.03, 0.2", "0.03, 0.25", 1), nil, false},
		{"the seed", ok + "seed: 99\n", nil, false},
		{"a calibrated schedule entry's default", sched, setRest("policies.levy.non_levy_funding.2017-05", 0.55), true},
		{"another entry of that schedule", sched, setRest("policies.levy.non_levy_funding.2019-04", 0.55), false},
	} {
		if c.yaml == sched {
			if got := sum(c.yaml, c.edit) == schedBase; got != c.same {
				t.Errorf("%s: sum unchanged %v, want %v", c.name, got, c.same)
			}
			continue
		}
		if got := sum(c.yaml, c.edit) == base; got != c.same {
			t.Errorf("%s: sum unchanged %v, want %v", c.name, got, c.same)
		}
	}
}
