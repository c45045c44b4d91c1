package scenarios

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"skillsim/model"
)

func TestSetPath(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path string
		v    float64
		get  func(*model.Config) float64
		want float64
	}{
		{"sectors.social_care.quit_rate", 0.3, func(c *model.Config) float64 { return c.Sectors[2].QuitRate }, 0.3},
		{"sectors.rest.employers.micro", 12, func(c *model.Config) float64 { return c.Sectors[3].Employers.Micro }, 12},
		{"colleges.hackney.outreach", 0.7, func(c *model.Config) float64 { return c.Colleges[2].Outreach }, 0.7},
		{"colleges.newham.places", 812.5, func(c *model.Config) float64 { return float64(c.Colleges[0].Places) }, 813},
		{"population.persons", 1500.4, func(c *model.Config) float64 { return float64(c.Population.Persons) }, 1500},
		{"population.attainment.level4", 0.4, func(c *model.Config) float64 { return c.Population.Attainment.Level4 }, 0.4},
		{"labour_market.applicants", 2.5, func(c *model.Config) float64 { return float64(c.Labour.Applicants) }, 3},
		{"labour_market.migrant_access.low", 0.05, func(c *model.Config) float64 { return c.Labour.MigrantAccess.Low }, 0.05},
		{"behaviour.noise", 0.1, func(c *model.Config) float64 { return c.Behaviour.Noise }, 0.1},
		{"initial.high_spec_share", 0.5, func(c *model.Config) float64 { return c.Initial.HighSpecShare }, 0.5},
		{"employer_size.large", 400, func(c *model.Config) float64 { return c.EmployerSize.Large }, 400},
		{"step_months", 3, func(c *model.Config) float64 { return float64(c.StepMonths) }, 3},
		{"policies.network.budget", 1e6, func(c *model.Config) float64 { return c.Policies.Network.Budget }, 1e6},
		{"policies.levy.expiry_months", 17.5, func(c *model.Config) float64 { return float64(c.Policies.Levy.ExpiryMonths) }, 18},
		{"policies.levy.anticipation", -2.5, func(c *model.Config) float64 { return float64(c.Policies.Levy.Anticipation) }, -3},
		{"policies.devolution.coordination", 0.2, func(c *model.Config) float64 { return c.Policies.Devolution.Coordination }, 0.2},
		{"behaviour.network.threshold_mean", 0.35, func(c *model.Config) float64 { return c.Behaviour.Network.ThresholdMean }, 0.35},
		{"behaviour.partnership.size_weight.large", 2, func(c *model.Config) float64 { return c.Behaviour.Partnership.SizeWeight.Large }, 2},
		{"education.degree_months", 47.6, func(c *model.Config) float64 { return float64(c.Education.DegreeMonths) }, 48},
		{"labour_market.matching.poaching_tries", 9.5, func(c *model.Config) float64 { return float64(c.Labour.Matching.PoachingTries) }, 10},
		{"policies.network.seed_trust", 0.8, func(c *model.Config) float64 { return c.Policies.Network.SeedTrust }, 0.8},
	} {
		cfg := model.DefaultConfig()
		if err := SetPath(&cfg, c.path, c.v); err != nil {
			t.Errorf("SetPath(%s, %v): %v", c.path, c.v, err)
			continue
		}
		if got := c.get(&cfg); got != c.want {
			t.Errorf("SetPath(%s, %v) set %v, want %v", c.path, c.v, got, c.want)
		}
	}
}

func TestSetPathSwitchesOnALeverWithItsRealRules(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	if cfg.Policies.Network != nil {
		t.Fatal("the default config has a network; the test needs it off")
	}
	if err := SetPath(&cfg, "policies.network.seed", 0.2); err != nil {
		t.Fatal(err)
	}
	want := model.DefaultNetwork()
	want.Seed = 0.2
	if *cfg.Policies.Network != want {
		t.Errorf("network switched on as %+v, want the real rules with seed 0.2: %+v", *cfg.Policies.Network, want)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("the config with a switched-on network is invalid: %v", err)
	}
}

func TestSetPathErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path    string
		v       float64
		nearest string // a path the suggestions must include
		reason  string // text the reason must include
	}{
		{"policies.network.budgt", 1, "policies.network.budget", ""},
		{"sectors.social_care.quitrate", 1, "sectors.social_care.quit_rate", ""},
		{"sectors.socialcare.quit_rate", 1, "sectors.social_care.quit_rate", "no sector named socialcare"},
		{"colleges.camden.outreach", 1, "colleges.newham.outreach", "no college named camden"},
		{"behaviour.noise.extra", 1, "behaviour.noise", ""},
		{"behaviour", 1, "", ""},
		{"policies.network.start", 1, "", ""}, // a month
		{"name", 1, "", ""},
		{"seed", 1, "", ""},
		{"replications", 1, "", ""},
		{"policies.levy.co_investment", 1, "", ""}, // a schedule
		{"sectors.rest", 1, "", ""},
	} {
		cfg := model.DefaultConfig()
		err := SetPath(&cfg, c.path, c.v)
		var pe *PathError
		if !errors.As(err, &pe) {
			t.Errorf("SetPath(%s): %v, want a *PathError", c.path, err)
			continue
		}
		if n := len(pe.Nearest); n < 3 || n > 5 {
			t.Errorf("SetPath(%s) suggests %d paths, want 3 to 5", c.path, n)
		}
		if c.nearest != "" && !slices.Contains(pe.Nearest, c.nearest) {
			t.Errorf("SetPath(%s) suggests %v, want %s among them", c.path, pe.Nearest, c.nearest)
		}
		if !strings.Contains(pe.Reason, c.reason) {
			t.Errorf("SetPath(%s) gives reason %q, want it to say %q", c.path, pe.Reason, c.reason)
		}
		if cfg.Policies.Network != nil {
			t.Errorf("SetPath(%s) failed but switched the network on", c.path)
		}
	}
	cfg := model.DefaultConfig()
	for _, v := range []float64{math.NaN(), math.Inf(1)} {
		if err := SetPath(&cfg, "behaviour.noise", v); err == nil {
			t.Errorf("SetPath(behaviour.noise, %v) was accepted", v)
		}
	}
	if err := SetPath(&cfg, "population.persons", 1e300); err == nil {
		t.Error("SetPath(population.persons, 1e300) was accepted")
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	paths := Paths(&cfg)
	for _, want := range []string{
		"step_months", "population.persons", "sectors.digital_tech.quit_rate",
		"sectors.rest.high_spec_jobs.intermediate", "colleges.barking_dagenham.outreach",
		"labour_market.migrant_access.high", "behaviour.pipeline_weight",
		"initial.vocational_share", "policies.levy.rate", "policies.network.damping",
	} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths lacks %s", want)
		}
	}
	for _, p := range paths {
		if p == "seed" || p == "replications" || strings.HasSuffix(p, ".start") || strings.HasSuffix(p, ".end") || strings.Contains(p, ".name") {
			t.Errorf("Paths lists %s, which is not a parameter", p)
		}
		c := model.DefaultConfig()
		if err := SetPath(&c, p, 1); err != nil {
			t.Errorf("Paths lists %s but SetPath fails: %v", p, err)
		}
	}
	if !slices.Equal(paths, Paths(&cfg)) {
		t.Error("Paths is not deterministic")
	}
}

func TestCloneSharesNothingSetPathChanges(t *testing.T) {
	t.Parallel()
	base := model.DefaultConfig()
	lv := model.DefaultLevy()
	base.Policies.Levy = &lv
	c := Clone(&base)
	for _, p := range []string{"sectors.rest.quit_rate", "colleges.newham.outreach", "policies.levy.rate"} {
		if err := SetPath(c, p, 0.42); err != nil {
			t.Fatal(err)
		}
	}
	if base.Sectors[3].QuitRate == 0.42 || base.Colleges[0].Outreach == 0.42 || base.Policies.Levy.Rate == 0.42 {
		t.Error("setting a clone changed the original")
	}
}

func TestSwitchOn(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	if cfg.Policies.Network != nil || cfg.Policies.Levy != nil {
		t.Fatal("the default config has a network or a levy; the test needs them off")
	}
	if !SwitchOn(&cfg, "network") {
		t.Error("SwitchOn(network) on a config without one reported false")
	}
	if cfg.Policies.Network == nil || *cfg.Policies.Network != model.DefaultNetwork() {
		t.Errorf("SwitchOn(network) gave %+v, want the real rules %+v", cfg.Policies.Network, model.DefaultNetwork())
	}
	cfg.Policies.Network.Budget = 5
	if SwitchOn(&cfg, "network") || cfg.Policies.Network.Budget != 5 {
		t.Error("SwitchOn(network) changed a network in force")
	}
	SwitchOn(&cfg, "levy")
	if cfg.Policies.Levy == nil || cfg.Policies.Levy.Rate != model.DefaultLevy().Rate {
		t.Errorf("SwitchOn(levy) gave %+v", cfg.Policies.Levy)
	}
	defer func() {
		if recover() == nil {
			t.Error("SwitchOn(levi) did not panic")
		}
	}()
	SwitchOn(&cfg, "levi")
}

func TestLeverPeriod(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	if p := LeverPeriod(&cfg, "policies.network.budget"); p != nil {
		t.Errorf("LeverPeriod of a lever that is off = %+v, want nil", p)
	}
	SwitchOn(&cfg, "network")
	p := LeverPeriod(&cfg, "policies.network.budget")
	if p != &cfg.Policies.Network.Period {
		t.Errorf("LeverPeriod(policies.network.budget) = %p, want the network's own period %p", p, &cfg.Policies.Network.Period)
	}
	for _, path := range []string{"behaviour.noise", "policies.network", "population.persons"} {
		if p := LeverPeriod(&cfg, path); p != nil {
			t.Errorf("LeverPeriod(%s) = %+v, want nil", path, p)
		}
	}
}

func TestLeverSwitch(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	paths := Paths(&cfg)
	for _, want := range []string{"policies.network.in_force", "policies.levy.in_force", "policies.area_reviews.in_force"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths lacks %s", want)
		}
	}
	if err := SetPath(&cfg, "policies.network.in_force", 0.25); err != nil || cfg.Policies.Network == nil || *cfg.Policies.Network != model.DefaultNetwork() {
		t.Errorf("in_force 0.25: %v, network %+v; want the network on with its real rules", err, cfg.Policies.Network)
	}
	cfg.Policies.Network.Budget = 7
	if err := SetPath(&cfg, "policies.network.in_force", 1); err != nil || cfg.Policies.Network.Budget != 7 {
		t.Errorf("in_force 1 on a network in force changed it: %v, %+v", err, cfg.Policies.Network)
	}
	if err := SetPath(&cfg, "policies.network.in_force", 0); err != nil || cfg.Policies.Network != nil {
		t.Errorf("in_force 0: %v, network %+v; want none", err, cfg.Policies.Network)
	}
	if IsWhole(&cfg, "policies.network.in_force") || CheckPath(&cfg, "policies.network.in_force") != nil {
		t.Error("a switch is a whole number or an invalid path")
	}
	for _, bad := range []string{"policies.nework.in_force", "behaviour.in_force", "policies.network.budget.in_force", "policies.in_force"} {
		if CheckPath(&cfg, bad) == nil {
			t.Errorf("CheckPath(%s) accepted it", bad)
		}
	}
	if Unit("policies.levy.in_force") == "" {
		t.Error("no unit for a switch")
	}
}
