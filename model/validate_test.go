package model

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultConfigValidates(t *testing.T) {
	t.Parallel()
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultConfig().Validate() = %v, want nil", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(c *Config)
		path string // the path of the one expected error
		msg  string // a substring of its message
	}{
		{"empty name", func(c *Config) { c.Name = "" }, "name", "is empty"},
		{"name with a slash", func(c *Config) { c.Name = "a/b" }, "name", "not a valid scenario name"},
		{"no replications", func(c *Config) { c.Replications = 0 }, "replications", "0 is below 1; must be a whole number ≥ 1"},
		{"start out of range", func(c *Config) { c.Start = MonthOf(1850, 1) }, "start", "out of range"},
		{"end before start", func(c *Config) { c.End = MonthOf(2010, 1) }, "end", "2010-01 is not after start 2015-01"},
		{"end equals start", func(c *Config) { c.End = c.Start }, "end", "not after start"},
		{"step of 5", func(c *Config) { c.StepMonths = 5; c.End = c.Start + 100 }, "step_months", "one of 1, 2, 3, 4, 6 or 12"},
		{"step of 0", func(c *Config) { c.StepMonths = 0 }, "step_months", "0 is not a valid step"},
		{"span not whole steps", func(c *Config) { c.StepMonths = 12; c.End = MonthOf(2025, 2) }, "end", "must be a month such as 2025-01 or 2026-01"},
		{"negative persons", func(c *Config) { c.Population.Persons = -3 }, "population.persons", "-3 is negative; must be a whole number ≥ 1"},
		{"no persons", func(c *Config) { c.Population.Persons = 0 }, "population.persons", "≥ 1"},
		{"share above 1", func(c *Config) { c.Population.LowIncomeShare = 1.4 }, "population.low_income_share", "1.4 is above 1; must be a share in [0, 1]"},
		{"NaN share", func(c *Config) { c.Population.EmploymentRate = math.NaN() }, "population.employment_rate", "NaN is not a number"},
		{"attainment sum", func(c *Config) { c.Population.Attainment.Level4 = 0.45 }, "population.attainment", "shares sum to 1.1; must sum to 1"},
		{"school leavers negative", func(c *Config) { c.Population.SchoolLeavers.Entry = -0.08; c.Population.SchoolLeavers.Level2 = 0.86 }, "population.school_leavers.entry", "negative"},
		{"no sectors", func(c *Config) { c.Sectors = nil }, "sectors", "at least one sector"},
		{"sector quit rate", func(c *Config) { c.Sectors[2].QuitRate = 1.5 }, "sectors[2].quit_rate", "must be a probability in [0, 1]"},
		{"sector negative employers", func(c *Config) { c.Sectors[1].Employers.Large = -1 }, "sectors[1].employers.large", "-1 is negative"},
		{"sector infinite productivity", func(c *Config) { c.Sectors[0].Productivity = math.Inf(1) }, "sectors[0].productivity", "+Inf is not finite"},
		{"sector zero productivity", func(c *Config) { c.Sectors[0].Productivity = 0 }, "sectors[0].productivity", "0 is not positive"},
		{"job design sum", func(c *Config) { c.Sectors[3].HighSpecJobs.High = 0.5 }, "sectors[3].high_spec_jobs", "must sum to 1 (low + intermediate + high)"},
		{"interest sum", func(c *Config) { c.Sectors = c.Sectors[:3] }, "sectors", "interest shares sum to 0.36"},
		{"no employers", func(c *Config) {
			for i := range c.Sectors {
				c.Sectors[i].Employers = SizeClasses{}
			}
		}, "sectors", "0 employers between them"},
		{"duplicate sector", func(c *Config) { c.Sectors[3].Name = "creative" }, "sectors[3].name", `"creative" is also the name of sectors[1]`},
		{"bad sector name", func(c *Config) { c.Sectors[0].Name = "Digital Tech" }, "sectors[0].name", "not a valid name"},
		{"empty sector name", func(c *Config) { c.Sectors[0].Name = "" }, "sectors[0].name", "is empty"},
		{"no colleges", func(c *Config) { c.Colleges = []College{} }, "colleges", "at least one college"},
		{"negative places", func(c *Config) { c.Colleges[0].Places = -700 }, "colleges[0].places", "-700 is negative; must be a whole number ≥ 0"},
		{"duplicate college", func(c *Config) { c.Colleges[2].Name = "newham" }, "colleges[2].name", "must be unique"},
		{"partnership staff", func(c *Config) { c.Colleges[1].PartnershipStaff = 2 }, "colleges[1].partnership_staff", "above 1"},
		{"employer size", func(c *Config) { c.EmployerSize.Large = 0 }, "employer_size.large", "must be a mean headcount > 0"},
		{"applicants", func(c *Config) { c.Labour.Applicants = 0 }, "labour_market.applicants", "≥ 1"},
		{"migrant access", func(c *Config) { c.Labour.MigrantAccess.High = 1.2 }, "labour_market.migrant_access.high", "must be a probability in [0, 1]"},
		{"noise", func(c *Config) { c.Behaviour.Noise = -0.1 }, "behaviour.noise", "-0.1 is negative; must be a probability in [0, 1]"},
		{"temperature", func(c *Config) { c.Behaviour.RouteTemperature = 0 }, "behaviour.route_temperature", "must be a temperature > 0"},
		{"initial trust", func(c *Config) { c.Initial.Trust = 1.01 }, "initial.trust", "above 1"},
		// The coefficients of the decision rules and flows.
		{"job output", func(c *Config) { c.Labour.JobOutput.Intermediate = 0 }, "labour_market.job_output.intermediate",
			"0 is not positive; must be a multiple of a low job's output > 0"},
		{"routine to high", func(c *Config) { c.Labour.RoutineToHigh = 1.5 }, "labour_market.routine_to_high",
			"1.5 is above 1; must be a share in [0, 1]"},
		{"under-qualified output", func(c *Config) { c.Labour.UnderQualifiedOutput = 1.2 }, "labour_market.under_qualified_output",
			"1.2 is above 1; must be a share in [0, 1]"},
		{"own field", func(c *Config) { c.Labour.Matching.OwnField = -0.25 }, "labour_market.matching.own_field",
			"-0.25 is negative; must be a probability in [0, 1]"},
		{"acceptance exponent", func(c *Config) { c.Labour.Matching.AcceptanceExponent = -3 }, "labour_market.matching.acceptance_exponent",
			"-3 is negative; must be an exponent ≥ 0"},
		{"poaching tries", func(c *Config) { c.Labour.Matching.PoachingTries = -20 }, "labour_market.matching.poaching_tries",
			"-20 is negative; must be a whole number ≥ 0"},
		{"self-employment exit", func(c *Config) { c.Labour.Flows.SelfEmploymentExit = 1.12 }, "labour_market.flows.self_employment_exit",
			"1.12 is above 1; must be a probability in [0, 1]"},
		{"study cost", func(c *Config) { c.Behaviour.Routes.StudyCost = -60 }, "behaviour.routes.study_cost",
			"-60 is negative; must be an amount in £ per month ≥ 0"},
		{"academic bonus may be negative", func(c *Config) { c.Behaviour.Routes.AcademicBonus = math.Inf(-1) }, "behaviour.routes.academic_bonus",
			"-Inf is not finite; must be an amount in £ per month"},
		{"vocational currency", func(c *Config) { c.Behaviour.Routes.VocationalCurrency = 1.6 }, "behaviour.routes.vocational_currency",
			"1.6 is above 1; must be a weight in [0, 1]"},
		{"college choice base", func(c *Config) { c.Behaviour.Routes.CollegeChoiceBase = 0 }, "behaviour.routes.college_choice_base",
			"0 is not positive; must be a weight > 0"},
		{"tie formation", func(c *Config) { c.Behaviour.Partnership.TieFormation = 5 }, "behaviour.partnership.tie_formation",
			"5 is above 1; must be a probability in [0, 1]"},
		{"size weight", func(c *Config) { c.Behaviour.Partnership.SizeWeight.Large = -3 }, "behaviour.partnership.size_weight.large",
			"-3 is negative; must be a number of small/medium-employer equivalents ≥ 0"},
		{"reference funding", func(c *Config) { c.Behaviour.Partnership.ReferenceFunding = 0 }, "behaviour.partnership.reference_funding",
			"0 is not positive; must be an amount in £ per year > 0"},
		{"network threshold mean", func(c *Config) { c.Behaviour.Network.ThresholdMean = 1.35 }, "behaviour.network.threshold_mean",
			"1.35 is above 1; must be a share in [0, 1]"},
		{"network threshold sd", func(c *Config) { c.Behaviour.Network.ThresholdSD = -0.12 }, "behaviour.network.threshold_sd",
			"-0.12 is negative; must be a standard deviation ≥ 0"},
		{"training temperature", func(c *Config) { c.Behaviour.Training.Temperature = 0 }, "behaviour.training.temperature",
			"0 is not positive; must be a temperature > 0"},
		{"apprentice age", func(c *Config) { c.Behaviour.Training.ApprenticeMaxAge = 70 }, "behaviour.training.apprentice_max_age",
			"70 is above 66; must be a whole number of years from 16 to 66"},
		{"course months", func(c *Config) { c.Education.CourseMonths = 0 }, "education.course_months",
			"0 is below 1; must be a whole number of months from 1 to 120"},
		{"degree months", func(c *Config) { c.Education.DegreeMonths = 300 }, "education.degree_months",
			"300 is above 120; must be a whole number of months from 1 to 120"},
		{"degree pass", func(c *Config) { c.Education.DegreePass = 1.85 }, "education.degree_pass",
			"1.85 is above 1; must be a probability in [0, 1]"},
		{"headcount spread", func(c *Config) { c.Initial.HeadcountSpread = 1.6 }, "initial.headcount_spread",
			"1.6 is above 1; must be a spread in [0, 1]"},
		{"initial applicants", func(c *Config) { c.Initial.Applicants = 0 }, "initial.applicants",
			"0 is below 1; must be a whole number ≥ 1"},
		{"upgrade investment", func(c *Config) { c.Sectors[0].UpgradeInvestment = -1 }, "sectors[0].upgrade_investment",
			"-1 is negative; must be a number of months of output per job ≥ 0"},
		{"profit volatility", func(c *Config) { c.Behaviour.Strategy.ProfitVolatility = 6 }, "behaviour.strategy.profit_volatility",
			"6 is above 5; must be an annual volatility in [0, 5]"},
		{"own experience", func(c *Config) { c.Behaviour.Strategy.OwnExperience = 1.5 }, "behaviour.strategy.own_experience",
			"1.5 is above 1; must be a share in [0, 1]"},
		{"selection speed", func(c *Config) { c.Demography.SelectionSpeed = -1 }, "demography.selection_speed",
			"-1 is negative; must be a rate per year in [0, 10]"},
		{"exit rate", func(c *Config) { c.Demography.ExitRate = 2 }, "demography.exit_rate",
			"2 is above 1; must be a probability in [0, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			var errs ValidationErrors
			if !errors.As(err, &errs) {
				t.Fatalf("Validate() = %v, want ValidationErrors", err)
			}
			if len(errs) != 1 {
				t.Fatalf("Validate() gave %d errors, want 1:\n%v", len(errs), err)
			}
			if errs[0].Path != tt.path || !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("Validate() = %q, want path %q and a message containing %q", errs[0], tt.path, tt.msg)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	c := DefaultConfig()
	c.Replications = -1
	c.Population.Persons = 0
	c.Sectors[1].QuitRate = 2
	c.Behaviour.Noise = math.NaN()
	err := c.Validate()
	want := "replications: -1 is negative; must be a whole number ≥ 1\n" +
		"population.persons: 0 is below 1; must be a whole number ≥ 1\n" +
		"sectors[1].quit_rate: 2 is above 1; must be a probability in [0, 1]\n" +
		"behaviour.noise: NaN is not a number; must be a probability in [0, 1]"
	if err == nil || err.Error() != want {
		t.Errorf("Validate() =\n%v\nwant\n%s", err, want)
	}
}

// withEveryLever switches every policy lever of c on with its real rules,
// with one merger.
func withEveryLever(c *Config) {
	levy, dev, net, aus, mig, car := DefaultLevy(), DefaultDevolution(), DefaultNetwork(), DefaultAusterity(), DefaultMigration(), DefaultCareers()
	nf := DefaultNationalFramework()
	sub, inc := DefaultTrainingSubsidy(), DefaultIncentivePayments()
	sub.Sectors = []string{"social_care"}
	m := DefaultMerger()
	m.Colleges, m.Date = []string{"newham", "hackney"}, MonthOf(2017, 8)
	c.Policies = Policies{
		Levy: &levy, Devolution: &dev, Network: &net, Austerity: &aus,
		AreaReviews: &AreaReviews{Mergers: []Merger{m}},
		Migration:   &mig, Careers: &car, NationalFramework: &nf, TrainingSubsidy: &sub, IncentivePayments: &inc,
	}
}

func TestEveryLeverValidates(t *testing.T) {
	t.Parallel()
	c := DefaultConfig()
	withEveryLever(&c)
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultConfig with every lever on: Validate() = %v, want nil", err)
	}
}

func TestValidatePolicies(t *testing.T) {
	t.Parallel()
	m := func(y, mo int) Month { return MonthOf(y, mo) }
	tests := []struct {
		name string
		edit func(p *Policies)
		path string // the path of the one expected error, or "" for none
		msg  string // a substring of its message
	}{
		{"lever before the run", func(p *Policies) { p.Devolution.Start = m(2001, 1) }, "", ""},
		{"lever end at the run's end", func(p *Policies) { p.Network.End = &[]Month{m(2035, 1)}[0] }, "", ""},
		{"schedule before the run", func(p *Policies) { p.Careers.Information[0].From = m(2001, 1) }, "", ""},
		{"subsidy share", func(p *Policies) { p.TrainingSubsidy.Share.Large = 1.2 }, "policies.training_subsidy.share.large",
			"1.2 is above 1; must be a share of the employer's cost in [0, 1]"},
		{"subsidy level", func(p *Policies) { p.TrainingSubsidy.Levels.Level2 = -0.5 }, "policies.training_subsidy.levels.level2",
			"-0.5 is negative; must be a share in [0, 1]"},
		{"subsidy sector", func(p *Policies) { p.TrainingSubsidy.Sectors = []string{"mining"} }, "policies.training_subsidy.sectors[0]",
			`"mining" names no sector`},
		{"subsidy budget", func(p *Policies) { p.TrainingSubsidy.BudgetPerPerson = -3 }, "policies.training_subsidy.budget_per_person",
			"-3 is negative; must be an amount in £ per person per year (0: no cap)"},
		{"subsidy ends before it starts", func(p *Policies) { p.TrainingSubsidy.End = &[]Month{m(2020, 1)}[0] }, "policies.training_subsidy.end",
			"2020-01 is not after start 2022-04"},
		{"incentive negative", func(p *Policies) { p.IncentivePayments.Under25[1].Value = -3000 }, "policies.incentive_payments.under_25[1].value",
			"-3000 is negative; must be an amount in £ per apprentice in [0, 300000]"},
		{"incentive out of order", func(p *Policies) { p.IncentivePayments.Aged25Plus[1].From = m(2020, 1) }, "policies.incentive_payments.aged_25_plus[1].from",
			"out of order"},
		{"announced supply", func(p *Policies) { p.Devolution.AnnouncedSupply = 1.4 }, "policies.devolution.announced_supply",
			"1.4 is above 1; must be a share in [0, 1]"},
		{"network size factor", func(p *Policies) { p.Network.SizeFactor.SmallMedium = 1.6 }, "policies.network.size_factor.small_medium",
			"1.6 is above 1; must be a share in [0, 1]"},
		{"seed trust", func(p *Policies) { p.Network.SeedTrust = -0.6 }, "policies.network.seed_trust",
			"-0.6 is negative; must be a share in [0, 1]"},
		{"lever after the run", func(p *Policies) { p.Network.Start = m(2040, 1) }, "policies.network.start",
			"2040-01 is after the run's end 2035-01; must be within 2015-01 … 2035-01"},
		{"lever at the run's end", func(p *Policies) { p.Network.Start = m(2035, 1) }, "policies.network.start",
			"2035-01 is the run's end"},
		{"lever end after the run", func(p *Policies) { p.Levy.End = &[]Month{m(2035, 2)}[0] }, "policies.levy.end",
			"2035-02 is after the run's end 2035-01"},
		{"lever end before start", func(p *Policies) { p.Devolution.End = &[]Month{m(2018, 1)}[0] }, "policies.devolution.end",
			"2018-01 is not after start 2019-08; must be a later month"},
		{"lever end at start", func(p *Policies) { p.Devolution.End = &[]Month{m(2019, 8)}[0] }, "policies.devolution.end", "not after start"},
		{"standards after the run", func(p *Policies) { p.Levy.Standards.End = &[]Month{m(2036, 1)}[0] }, "policies.levy.standards.end",
			"after the run's end"},
		{"schedule date after the run", func(p *Policies) { p.Levy.Transfers[1].From = m(2040, 1) }, "policies.levy.transfers[1].from",
			"2040-01 is after the run's end 2035-01; must be within 2015-01 … 2035-01"},
		{"schedule out of order", func(p *Policies) {
			p.Levy.CoInvestment = Schedule{{From: m(2019, 4), Value: 0.1}, {From: m(2019, 4), Value: 0.05}}
		}, "policies.levy.co_investment[1].from", "out of order: 2019-04 comes after 2019-04; dates must increase"},
		{"ramp", func(p *Policies) { p.Levy.Ramp = -1 }, "policies.levy.ramp", "-1 is negative; must be a number of years ≥ 0"},
		{"schedule going back", func(p *Policies) { p.Migration.Low[1].From = m(2016, 1) }, "policies.migration.low[1].from",
			"out of order: 2016-01 comes after 2017-01"},
		{"schedule share above 1", func(p *Policies) { p.Careers.Information[1].Value = 1.5 }, "policies.careers.information[1].value",
			"1.5 is above 1; must be a share in [0, 1]"},
		{"multiplier above 2", func(p *Policies) { p.Austerity.AdultBudget[0].Value = 2.5 }, "policies.austerity.adult_budget[0].value",
			"2.5 is above 2; must be a multiplier in [0, 2]"},
		{"multiplier of 2", func(p *Policies) { p.Migration.High[0].Value = 2 }, "", ""},
		{"negative multiplier", func(p *Policies) { p.Migration.Intermediate[0].Value = -0.1 }, "policies.migration.intermediate[0].value", "negative"},
		{"levy rate", func(p *Policies) { p.Levy.Rate = 1.5 }, "policies.levy.rate", "must be a share in [0, 1]"},
		{"expiry", func(p *Policies) { p.Levy.ExpiryMonths = 0 }, "policies.levy.expiry_months", "0 is below 1"},
		{"anticipation", func(p *Policies) { p.Levy.Anticipation = 25 }, "policies.levy.anticipation",
			"25 is above 24; must be a whole number of months from 0 to 24"},
		{"budget", func(p *Policies) { p.Network.Budget = -1 }, "policies.network.budget", "-1 is negative"},
		{"cost per tie", func(p *Policies) { p.Network.CostPerTie = 0 }, "policies.network.cost_per_tie", "0 is not positive"},
		{"disruption", func(p *Policies) { p.AreaReviews.Mergers[0].DisruptionMonths = -2 }, "policies.area_reviews.mergers[0].disruption_months", "-2 is negative"},
		{"no disruption", func(p *Policies) { p.AreaReviews.Mergers[0].DisruptionMonths = 0 }, "", ""},
		{"merger before the run", func(p *Policies) { p.AreaReviews.Mergers[0].Date = m(2014, 1) }, "policies.area_reviews.mergers[0].date",
			"2014-01 is before the run's start 2015-01; a merger happens within the run"},
		{"merger at the run's start", func(p *Policies) { p.AreaReviews.Mergers[0].Date = m(2015, 1) }, "", ""},
		{"merger after the run", func(p *Policies) { p.AreaReviews.Mergers[0].Date = m(2035, 1) }, "policies.area_reviews.mergers[0].date", "the run's end"},
		{"unknown college", func(p *Policies) { p.AreaReviews.Mergers[0].Colleges[1] = "hackny" }, "policies.area_reviews.mergers[0].colleges[1]",
			`"hackny" names no college; the colleges are newham, tower_hamlets, hackney, barking_dagenham`},
		{"one college", func(p *Policies) { p.AreaReviews.Mergers[0].Colleges = []string{"newham"} }, "policies.area_reviews.mergers[0].colleges",
			"names 1 college(s); a merger joins at least 2 colleges"},
		{"college twice", func(p *Policies) { p.AreaReviews.Mergers[0].Colleges = []string{"newham", "hackney", "newham"} },
			"policies.area_reviews.mergers[0].colleges[2]", `"newham" is named twice in this merger (also colleges[0])`},
		{"merged away twice", func(p *Policies) {
			p.AreaReviews.Mergers = append(p.AreaReviews.Mergers, Merger{Colleges: []string{"tower_hamlets", "hackney"}, Date: m(2018, 8)})
		}, "policies.area_reviews.mergers[1].colleges[1]", `"hackney" was merged into newham by mergers[0] on 2017-08; a college merged away cannot merge again`},
		{"merged after merged away", func(p *Policies) {
			// Listed first, dated later: the order of dates counts, not of the list.
			p.AreaReviews.Mergers = append([]Merger{{Colleges: []string{"hackney", "tower_hamlets"}, Date: m(2019, 1)}}, p.AreaReviews.Mergers...)
		}, "policies.area_reviews.mergers[0].colleges[0]", `"hackney" was merged into newham by mergers[1] on 2017-08`},
		{"same date", func(p *Policies) {
			p.AreaReviews.Mergers = append(p.AreaReviews.Mergers, Merger{Colleges: []string{"tower_hamlets", "newham"}, Date: m(2017, 8)})
		}, "policies.area_reviews.mergers[1].colleges[1]", `"newham" is also in mergers[0] on the same date 2017-08; mergers on one date must not share a college`},
		{"survivor merges again", func(p *Policies) {
			p.AreaReviews.Mergers = append(p.AreaReviews.Mergers, Merger{Colleges: []string{"newham", "tower_hamlets"}, Date: m(2019, 8)})
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			withEveryLever(&c)
			tt.edit(&c.Policies)
			err := c.Validate()
			if tt.path == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var errs ValidationErrors
			if !errors.As(err, &errs) {
				t.Fatalf("Validate() = %v, want ValidationErrors", err)
			}
			if len(errs) != 1 {
				t.Fatalf("Validate() gave %d errors, want 1:\n%v", len(errs), err)
			}
			if errs[0].Path != tt.path || !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("Validate() = %q, want path %q and a message containing %q", errs[0], tt.path, tt.msg)
			}
		})
	}
}

// TestValidatePoliciesInvalidRun checks that when the run's own dates are
// invalid, the levers' dates are not checked against them.
func TestValidatePoliciesInvalidRun(t *testing.T) {
	t.Parallel()
	c := DefaultConfig()
	withEveryLever(&c)
	c.End = c.Start
	c.Policies.Network.Start = MonthOf(2040, 1)
	want := "end: 2015-01 is not after start 2015-01; must be a later month, for example 2035-01"
	if err := c.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() =\n%v\nwant\n%s", err, want)
	}
}

// TestValidateChecksEveryField breaks every field of the configuration in
// turn, walking Config by reflection with every policy lever on, and
// checks that Validate reports a problem at that field's YAML path. A
// field added to Config without a check fails here.
func TestValidateChecksEveryField(t *testing.T) {
	t.Parallel()
	// Fields where every value is valid.
	free := map[string]bool{"question": true, "seed": true}
	monthType, monthPtrType := reflect.TypeFor[Month](), reflect.TypeFor[*Month]()
	var walk func(v reflect.Value, path string, visit func(f reflect.Value, path string))
	walk = func(v reflect.Value, path string, visit func(reflect.Value, string)) {
		switch {
		case v.Type() == monthType, v.Type() == monthPtrType:
			// A *Month is visited even when nil: an end can be added.
			visit(v, path)
		case v.Kind() == reflect.Pointer:
			if v.IsNil() {
				t.Fatalf("%s: a nil %v; withEveryLever must switch every lever on", path, v.Type())
			}
			walk(v.Elem(), path, visit)
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				tag, opts, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
				p := tag
				switch {
				case opts == "inline":
					p = path // an embedded Period's keys sit in its lever's block
				case path != "":
					p = path + "." + tag
				}
				walk(v.Field(i), p, visit)
			}
		case v.Kind() == reflect.Slice:
			if v.Len() == 0 {
				t.Fatalf("%s: an empty list; give it an element to break", path)
			}
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
			}
		default:
			visit(v, path)
		}
	}
	base := DefaultConfig()
	withEveryLever(&base)
	if err := base.Validate(); err != nil {
		t.Fatalf("the unbroken config is invalid:\n%v", err)
	}
	var paths []string
	walk(reflect.ValueOf(&base).Elem(), "", func(_ reflect.Value, path string) { paths = append(paths, path) })
	if len(paths) < 150 {
		t.Fatalf("walked only %d fields", len(paths))
	}
	for _, target := range paths {
		if free[target] {
			continue
		}
		c := DefaultConfig()
		withEveryLever(&c)
		walk(reflect.ValueOf(&c).Elem(), "", func(f reflect.Value, path string) {
			if path != target {
				return
			}
			bad := MonthOf(1066, 10)
			switch {
			case f.Type() == monthType && path == "end":
				f.Set(reflect.ValueOf(c.Start))
			case f.Type() == monthType:
				f.Set(reflect.ValueOf(bad))
			case f.Type() == monthPtrType:
				f.Set(reflect.ValueOf(&bad))
			case f.Kind() == reflect.Float64:
				f.SetFloat(math.NaN())
			case f.Kind() == reflect.Int:
				f.SetInt(-1)
			case f.Kind() == reflect.String:
				f.SetString("")
			default:
				t.Fatalf("%s: no bad value for a %v", path, f.Type())
			}
		})
		var errs ValidationErrors
		if !errors.As(c.Validate(), &errs) {
			t.Errorf("%s: broken, but Validate() = nil", target)
			continue
		}
		found := false
		for _, e := range errs {
			found = found || e.Path == target
		}
		if !found {
			t.Errorf("%s: broken, but Validate() reported\n%v", target, errs)
		}
	}
}
