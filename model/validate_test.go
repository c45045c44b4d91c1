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
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultConfig().Validate() = %v, want nil", err)
	}
}

func TestValidate(t *testing.T) {
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

// TestValidateChecksEveryField breaks every field of the configuration in
// turn, walking Config by reflection, and checks that Validate reports a
// problem at that field's YAML path. A field added to Config without a
// check fails here.
func TestValidateChecksEveryField(t *testing.T) {
	// Fields where every value is valid.
	free := map[string]bool{"question": true, "seed": true}
	var walk func(v reflect.Value, path string, visit func(f reflect.Value, path string))
	walk = func(v reflect.Value, path string, visit func(reflect.Value, string)) {
		switch {
		case v.Type() == reflect.TypeFor[Month]():
			visit(v, path)
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
				p := tag
				if path != "" {
					p = path + "." + tag
				}
				walk(v.Field(i), p, visit)
			}
		case v.Kind() == reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
			}
		default:
			visit(v, path)
		}
	}
	var paths []string
	base := DefaultConfig()
	walk(reflect.ValueOf(&base).Elem(), "", func(_ reflect.Value, path string) { paths = append(paths, path) })
	if len(paths) < 50 {
		t.Fatalf("walked only %d fields", len(paths))
	}
	for _, target := range paths {
		if free[target] {
			continue
		}
		c := DefaultConfig()
		walk(reflect.ValueOf(&c).Elem(), "", func(f reflect.Value, path string) {
			if path != target {
				return
			}
			switch {
			case f.Type() == reflect.TypeFor[Month]() && path == "end":
				f.Set(reflect.ValueOf(c.Start))
			case f.Type() == reflect.TypeFor[Month]():
				f.SetInt(int64(MonthOf(1066, 10)))
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
