package scenarios

import (
	"testing"

	"skillsim/model"
)

func TestLabel(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"policies.network.budget":          "network budget (£ per year)",
		"sectors.social_care.quit_rate":    "social care quit rate (probability per year)",
		"initial.high_spec_share":          "initial high spec share (share of employers)",
		"population.school_leavers.level2": "population school leavers level2 (share)",
		"colleges.newham.places":           "newham places (learner places)",
		"package_size":                     "package size",
	} {
		if got := Label(path); got != want {
			t.Errorf("Label(%s) = %q, want %q", path, got, want)
		}
	}
}

// Every parameter path has a unit in the reference, so no experiment
// figure falls back to a bare name.
func TestEveryPathHasAUnit(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	for _, p := range Paths(&cfg) {
		if Unit(p) == "" {
			t.Errorf("docs/scenarios.md gives no unit for %s (as %s)", p, generic(p))
		}
	}
}
