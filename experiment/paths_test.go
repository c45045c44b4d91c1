package experiment

import "testing"

func TestIsStructural(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"population.persons":                 true,
		"initial.trust":                      true,
		"behaviour.network.threshold_mean":   true,
		"behaviour.partnership.tie_lapse":    false,
		"sectors.rest.employers.micro":       true,
		"colleges.newham.places":             true,
		"colleges.newham.outreach":           false,
		"policies.network.budget":            false,
		"population.school_leavers.level2":   false,
		"sectors.rest.partnership_cost":      false,
		"employer_size.micro":                true,
		"step_months":                        true,
		"labour_market.apprenticeship_route": false,
	} {
		if got := isStructural(path); got != want {
			t.Errorf("isStructural(%s) = %v, want %v", path, got, want)
		}
	}
}
