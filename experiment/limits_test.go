package experiment

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"skillsim/scenarios"
)

// TestSizeLimits checks that an experiment too big to hold is refused by
// Parse, before anything is built or run, at the field to change.
func TestSizeLimits(t *testing.T) {
	for _, test := range []struct {
		name, text, want string
	}{
		{"runs", "name: big\nbase: tiny\nreplications: 1000000\ndesign: {method: lhs, points: 1000000}\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1]}\n",
			`^test\.yaml:3:15: replications: 1000000 points × 1000000 replications make 1000000000000 runs, more than the 10000000 allowed`},
		{"runs without replications", "name: big\nbase: tiny\ndesign: {method: lhs, points: 1000000}\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1]}\n  - {path: behaviour.trust_gain, range: [0, 0.1]}\n  - {path: behaviour.trust_loss, range: [0, 0.1]}\n  - {path: behaviour.currency_gain, range: [0, 0.1]}\n  - {path: behaviour.currency_decay, range: [0, 0.1]}\n  - {path: behaviour.pipeline_weight, range: [0, 0.1]}\n  - {path: behaviour.let_down_cost, range: [0, 0.1]}\n  - {path: behaviour.network_gain, range: [0, 0.1]}\n  - {path: behaviour.coproduction_gain, range: [0, 0.1]}\n  - {path: behaviour.college_threshold, range: [0, 0.1]}\n  - {path: behaviour.expectation_speed, range: [0, 0.1]}\n",
			`test\.yaml:4:1: parameters: 1000000 points × 11 parameters make a design table of 11000000 values, more than the 10000000 allowed`},
		// The levels of a range were spread before the design's size was
		// checked: 8 GB for these.
		{"grid levels", "name: big\nbase: tiny\ndesign: {method: grid, levels: 1000000000}\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1]}\n",
			`^test\.yaml:3:32: design\.levels: 1000000000 is too many; must be at most 1000000`},
		{"parameter levels", "name: big\nbase: tiny\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1], levels: 1000000000}\n",
			`^test\.yaml:4:54: parameters\[0\]\.levels: 1000000000 is too many; must be at most 1000000`},
	} {
		t.Run(test.name, func(t *testing.T) {
			e, err := Parse("test.yaml", []byte(test.text), load)
			var list scenarios.ErrorList
			if e != nil || !errors.As(err, &list) || !regexp.MustCompile(test.want).MatchString(err.Error()) {
				t.Errorf("Parse = %v, %v\nwant an error matching %s", e, err, test.want)
			}
		})
	}
	// At the limit: 10,000 points × 1,000 replications.
	e := mustParse(t, "name: ok\nbase: tiny\nreplications: 1000\ndesign: {method: lhs, points: 10000}\nparameters:\n  - {path: behaviour.noise, range: [0, 0.1]}\n")
	if e.Runs() != MaxRuns {
		t.Errorf("Runs() = %d, want %d", e.Runs(), MaxRuns)
	}
}

// TestPointPastModelLimit checks that a design point beyond the model's
// limits is a failed run recorded with the model's reason, and that the
// sweep carries on with the other points.
func TestPointPastModelLimit(t *testing.T) {
	e := mustParse(t, "name: huge\nbase: tiny\nreplications: 1\nparameters:\n  - {path: population.persons, values: [1000000000000, 1500]}\n")
	var failed, succeeded []*Result
	err := Execute(context.Background(), e, ExecOptions{Workers: 1}, func(r *Result) error {
		if r.Err != nil {
			failed = append(failed, r)
		} else {
			succeeded = append(succeeded, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || len(succeeded) != 1 || failed[0].Point != 0 {
		t.Fatalf("%d failed, %d succeeded; want point 0 failed and point 1 run", len(failed), len(succeeded))
	}
	if msg := failed[0].Err.Error(); !strings.Contains(msg, "population.persons") || !strings.Contains(msg, "5000000") {
		t.Errorf("the failed run's error does not name the field and its limit: %s", msg)
	}
}
