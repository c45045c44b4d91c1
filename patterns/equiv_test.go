package patterns

import (
	"context"
	"math"
	"testing"

	"skillsim/scenarios"
	"skillsim/sim"
)

// TestYAMLMatchesGoCode checks on a fixed run that the statistics read
// from england.yaml equal the Go-coded ones they replaced.
func TestYAMLMatchesGoCode(t *testing.T) {
	cfg := scenarios.Default()
	cfg.Replications = 2
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sectors := []string{}
	for _, s := range cfg.Sectors {
		sectors = append(sectors, s.Name)
	}
	if len(legacyEngland) != len(England) {
		t.Fatalf("%d statistics, want %d", len(England), len(legacyEngland))
	}
	for i, l := range legacyEngland {
		y := England[i]
		if l.ID != y.ID || l.Name != y.Name || l.Target != y.Observed || l.Source != y.Source || l.Low != y.Low || l.High != y.High {
			t.Errorf("%s: header differs: %+v vs %+v", l.ID, l, y)
		}
		for r := range res.Reps {
			a := l.Stat(res.Reps[r].Observations, sectors)
			b := y.Of(&res.Reps[r], sectors)
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Errorf("%s rep %d: Go %v, YAML %v", l.ID, r, a, b)
			} else {
				t.Logf("%s rep %d: %v", l.ID, r, a)
			}
		}
	}
}
