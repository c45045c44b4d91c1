package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestLimits checks each maximum: the largest valid value passes and the
// next one is reported at its field, with what would be valid.
func TestLimits(t *testing.T) {
	t.Parallel()
	sectors := func(n int) func(*Config) {
		return func(c *Config) {
			c.Sectors = nil
			for i := range n {
				s := DefaultSector(fmt.Sprintf("s%d", i))
				s.Interest = 1 / float64(n)
				s.Employers = SizeClasses{Micro: 1}
				c.Sectors = append(c.Sectors, s)
			}
		}
	}
	colleges := func(n int) func(*Config) {
		return func(c *Config) {
			c.Colleges = nil
			for i := range n {
				c.Colleges = append(c.Colleges, DefaultCollege(fmt.Sprintf("c%d", i)))
			}
		}
	}
	for _, test := range []struct {
		name       string
		ok, broken func(*Config)
		path, want string
	}{
		{"persons", func(c *Config) { c.Population.Persons = MaxPersons }, func(c *Config) { c.Population.Persons = 1_000_000_000 },
			"population.persons", "1000000000 is above 5000000"},
		{"replications", func(c *Config) { c.Replications = 100 }, func(c *Config) { c.Replications = 1_000_000_000 },
			"replications", "is above 10000"},
		{"employers", func(c *Config) { c.Sectors[0].Employers.Micro = 1000 },
			func(c *Config) { c.Sectors[0].Employers.Micro = 1e12 }, "sectors", "a region may have at most 500000"},
		{"sectors", sectors(MaxSectors), sectors(MaxSectors + 1), "sectors", "there are 256 sectors; a region may have at most 255"},
		{"colleges", colleges(MaxColleges), colleges(MaxColleges + 1), "colleges", "there are 256 colleges; a region may have at most 255"},
		{"steps", func(c *Config) { c.Start, c.End, c.StepMonths = MonthOf(1900, 1), MonthOf(2200, 1), 1 },
			func(c *Config) { c.Start, c.End, c.StepMonths = MonthOf(1900, 1), MonthOf(2200, 2), 1 }, "end", "must take at most 3600 steps"},
		{"recorded values", func(c *Config) { c.Replications = 1 },
			func(c *Config) {
				c.Replications = MaxReplications
				c.Start, c.End = MonthOf(1900, 1), MonthOf(2150, 1)
				sectors(MaxSectors)(c)
			},
			"replications", "more than the 100000000 a run may hold; must be at most"},
		{"fractional employers", func(c *Config) {
			for i := range c.Sectors {
				c.Sectors[i].Employers = SizeClasses{}
			}
			c.Sectors[0].Employers = SizeClasses{Micro: 0.6, SmallMedium: 0.4}
		}, func(c *Config) {
			for i := range c.Sectors {
				c.Sectors[i].Employers = SizeClasses{}
			}
			c.Sectors[0].Employers = SizeClasses{Micro: 0.4, SmallMedium: 0.4, Large: 0.4}
		}, "sectors", "each rounds to 0, so the region would have no employers"},
		{"scenario name", func(c *Config) { c.Name = strings.Repeat("a", MaxNameLength) },
			func(c *Config) { c.Name = strings.Repeat("a", 5<<20) }, "name", "is 5242880 bytes long; must be at most 64"},
		{"sector name", func(c *Config) { c.Sectors[0].Name = strings.Repeat("s", MaxNameLength) },
			func(c *Config) { c.Sectors[0].Name = strings.Repeat("s", MaxNameLength+1) }, "sectors[0].name", "is 65 bytes long; must be at most 64"},
		{"college name", func(c *Config) { c.Colleges[0].Name = strings.Repeat("c", MaxNameLength) },
			func(c *Config) { c.Colleges[0].Name = strings.Repeat("c", MaxNameLength+1) + "!" }, "colleges[0].name", "is 66 bytes long; must be at most 64"},
		{"mean headcount", func(c *Config) { c.EmployerSize.Large = MaxMeanHeadcount },
			func(c *Config) { c.EmployerSize.Large = 1e12 }, "employer_size.large", "is above 100000"},
		{"levy expiry", func(c *Config) { l := DefaultLevy(); l.ExpiryMonths = MaxExpiryMonths; c.Policies.Levy = &l },
			func(c *Config) { l := DefaultLevy(); l.ExpiryMonths = 1_000_000_000; c.Policies.Levy = &l }, "policies.levy.expiry_months", "is above 120"},
	} {
		t.Run(test.name, func(t *testing.T) {
			ok := DefaultConfig()
			test.ok(&ok)
			if err := ok.Validate(); err != nil {
				t.Errorf("at the limit: %v", err)
			}
			c := DefaultConfig()
			test.broken(&c)
			var errs ValidationErrors
			if !errors.As(c.Validate(), &errs) {
				t.Fatalf("past the limit: no error")
			}
			found := false
			for _, e := range errs {
				found = found || e.Path == test.path && strings.Contains(e.Message, test.want)
				if len(e.Message) > 1000 {
					t.Errorf("%s: a message of %d bytes", e.Path, len(e.Message))
				}
			}
			if !found {
				t.Errorf("past the limit: no error at %s containing %q in\n%v", test.path, test.want, errs)
			}
		})
	}
}
