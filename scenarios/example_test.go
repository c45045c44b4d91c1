package scenarios_test

import (
	"fmt"

	"skillsim/model"
	"skillsim/scenarios"
)

// A scenario file need give only what differs from the defaults; a sector
// listed with its name starts from that sector's defaults.
func ExampleParse() {
	cfg, err := scenarios.Parse("care.yaml", []byte(`name: care
question: Does cheaper partnership working help social care?
sectors:
  - name: social_care
    interest: 0.3
    partnership_cost: 0.05
  - name: rest
    interest: 0.7
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Name, len(cfg.Sectors), cfg.Sectors[0].PartnershipCost, cfg.Sectors[0].QuitRate, cfg.Population.Persons)
	// Output: care 2 0.05 0.14 50000
}

// Parse reports every problem in a file, each with its line, column and field.
func ExampleParse_errors() {
	_, err := scenarios.Parse("bad.yaml", []byte(`name: bad
population:
  persons: many
  low_income_share: 1.4
sectors:
  - name: rest
    quit_rat: 0.2
end: 2010-01
`))
	fmt.Println(err)
	// Output:
	// bad.yaml:3:12: population.persons: "many" is not a whole number; must be a whole number, for example 50000
	// bad.yaml:4:21: population.low_income_share: 1.4 is above 1; must be a share in [0, 1]
	// bad.yaml:5:1: sectors: the sectors' interest shares sum to 0.64 (rest 0.64); must sum to 1
	// bad.yaml:7:5: sectors[0].quit_rat: unknown field (did you mean quit_rate?); the fields here are name, employers, interest, quit_rate, productivity, low_spec_jobs, high_spec_jobs, high_spec_premium, upgrade_investment, graduate_preference, self_employment, partnership_cost, training_cost
	// bad.yaml:8:6: end: 2010-01 is not after start 2015-01; must be a later month, for example 2035-01
}

// Marshal writes every field, so a run's resolved scenario can be saved
// and read again.
func ExampleMarshal() {
	data, err := scenarios.Marshal(scenarios.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := scenarios.Parse("resolved.yaml", data)
	fmt.Println(cfg.Name, err)
	// Output: baseline <nil>
}

func ExampleSetPath() {
	cfg := model.DefaultConfig()
	// The network is off in the default scenario: setting its budget
	// switches it on with its real rules.
	if err := scenarios.SetPath(&cfg, "policies.network.budget", 750000); err != nil {
		fmt.Println(err)
	}
	fmt.Println(cfg.Policies.Network.Budget, cfg.Policies.Network.CostPerTie)
	// Whole-number fields are rounded.
	scenarios.SetPath(&cfg, "colleges.hackney.places", 512.5)
	fmt.Println(cfg.Colleges[2].Places)
	fmt.Println(scenarios.SetPath(&cfg, "sectors.care.quit_rate", 0.2) != nil)
	// Output:
	// 750000 2500
	// 513
	// true
}
