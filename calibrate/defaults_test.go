package calibrate_test

import (
	"math"
	"testing"

	"skillsim/calibrate"
	"skillsim/scenarios"
)

// englandResults is where the England calibration's results are stored.
const englandResults = "results/england"

// SignificantFigures is how many significant figures a default keeps of
// its posterior median.
const significantFigures = 2

// roundSignificant rounds x to n significant figures.
func roundSignificant(x float64, n int) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-float64(n-1))
	return math.Round(x/p) * p
}

// heldBack names the calibrated values whose defaults are not yet their
// posterior medians, with the reason. Adopting them moves the bistable
// pair's attractors so that the strategy indicator no longer separates
// the two starts (docs/ODD.md §8.11: low 0.516, high 0.572, replication
// means overlapping), and the regime rule's method (§9) then labels the
// strategy side by noise; whether the method keeps an indicator that does
// not separate the attractors is a decision about the method, stated
// before it is applied, not one to make by choosing parameters. Until it
// is made these keep the values fitted by hand to the first model.
var heldBack = map[string]string{}

func init() {
	const why = "moves the bistable pair's attractors (ODD §8.11); waits on the regime rule's method"
	for _, p := range []string{
		"behaviour.training.large_apprenticeships", "behaviour.training.temperature",
		"labour_market.apprenticeship_route", "labour_market.matching.acceptance_exponent",
	} {
		heldBack[p] = why
	}
	for _, s := range []string{"digital_tech", "creative", "social_care", "rest"} {
		for _, f := range []string{"quit_rate", "self_employment", "training_cost"} {
			heldBack["sectors."+s+"."+f] = why
		}
	}
}

// TestDefaultsArePosteriorMedians checks that no calibrated value is a
// hand-set default: each parameter the shipped England calibration fits
// has, in the baseline and in every shipped scenario that has it, its
// posterior median to two significant figures (docs/ODD.md §8.11), and
// the stored results cover every parameter of the shipped calibration
// file. A default moved by hand, or a calibration re-run without its
// medians carried into the defaults, fails here. The values held back
// (heldBack) are listed with their reason, and a held-back value that is
// not calibrated any more, or already at its median, fails too, so the
// list cannot go stale.
func TestDefaultsArePosteriorMedians(t *testing.T) {
	res, err := calibrate.ReadResults(englandResults)
	if err != nil {
		t.Fatal(err)
	}
	c, err := calibrate.Load("england")
	if err != nil {
		t.Fatal(err)
	}
	medians := map[string]float64{}
	for _, m := range res.Posterior {
		medians[m.Path] = m.Median
	}
	for _, p := range c.Params {
		if _, ok := medians[p.Path]; !ok {
			t.Errorf("%s is calibrated by calibrate/examples/england.calibration.yaml but has no posterior in %s: run the calibration again and store its results", p.Path, englandResults)
		}
	}
	for p := range heldBack {
		m, ok := medians[p]
		if !ok {
			t.Errorf("%s is held back from its posterior median but not calibrated: remove it from heldBack", p)
			continue
		}
		v, err := scenarios.GetPath(scenarios.Default(), p)
		if err == nil && v == roundSignificant(m, significantFigures) {
			t.Errorf("%s is held back but its default %g is already its posterior median: remove it from heldBack", p, v)
		}
	}
	for _, name := range scenarios.Names() {
		cfg, err := scenarios.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Posterior {
			if _, held := heldBack[m.Path]; held {
				continue
			}
			v, err := scenarios.GetPath(cfg, m.Path)
			if err != nil {
				continue // a lever the scenario does not have
			}
			want := roundSignificant(m.Median, significantFigures)
			if math.Abs(v-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("scenario %s: %s is %g, the England posterior median is %.4g (%.*g to %d significant figures): a calibrated value's default is its posterior median", name, m.Path, v, m.Median, significantFigures, want, significantFigures)
			}
		}
	}
}

func TestRoundSignificant(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{0.07507, 0.075}, {12.49, 12}, {2.313, 2.3}, {0.2601, 0.26}, {0, 0}, {-0.0345, -0.035}, {0.996, 1},
	} {
		if got := roundSignificant(c.x, 2); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("roundSignificant(%g, 2) = %g, want %g", c.x, got, c.want)
		}
	}
}
