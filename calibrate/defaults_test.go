package calibrate_test

import (
	"math"
	"strings"
	"testing"

	"skillsim/calibrate"
	"skillsim/model"
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

// TestDefaultsArePosteriorMedians checks that no calibrated value is a
// hand-set default: each parameter the shipped England calibration fits
// has, in the baseline and in every shipped scenario that has it, its
// posterior median to two significant figures (docs/ODD.md §8.11), and
// the stored results cover every parameter of the shipped calibration
// file. A default moved by hand, or a calibration re-run without its
// medians carried into the defaults, fails here.
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
	// The levy's real rules (a lever switched on by a path starts from
	// them) carry the medians too.
	levy := model.DefaultConfig()
	scenarios.SwitchOn(&levy, "levy")
	for _, m := range res.Posterior {
		if !strings.HasPrefix(m.Path, "policies.levy.") {
			continue
		}
		v, err := scenarios.GetPath(&levy, m.Path)
		if err != nil {
			t.Errorf("model.DefaultLevy: %s: %v", m.Path, err)
			continue
		}
		if want := roundSignificant(m.Median, significantFigures); math.Abs(v-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("model.DefaultLevy: %s is %g, the England posterior median is %.4g (%.*g to %d significant figures)", m.Path, v, m.Median, significantFigures, want, significantFigures)
		}
	}
	for _, name := range scenarios.Names() {
		cfg, err := scenarios.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Posterior {
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
