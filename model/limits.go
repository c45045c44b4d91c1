package model

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// The largest region and run a Config may ask for: limits a workstation
// can hold, so that no file can make a command run out of memory. Validate
// checks them, so validate, run, compare and every sweep point agree.
// A replication in flight takes about 70 bytes per person and 700 per
// employer (2 million people and 200,000 employers: 145 MB), and its
// results 8 bytes per recorded value.
const (
	// MaxPersons is the most people a region may have.
	MaxPersons = 5_000_000
	// MaxEmployers is the most employers a region may have, summed over
	// its sectors and sizes after each count is rounded.
	MaxEmployers = 500_000
	// MaxSectors is the most sectors a region may have.
	MaxSectors = 255
	// MaxColleges is the most colleges a region may have.
	MaxColleges = 255
	// MaxSteps is the most steps a run may take: 300 years of monthly
	// steps.
	MaxSteps = 3600
	// MaxReplications is the most replications a scenario may ask for.
	MaxReplications = 10_000
	// MaxRecordedValues is the most values a run may record: replications
	// × (steps + 1) × (NumMetrics + sectors × NumSectorMetrics + colleges
	// × (NumCollegeMetrics + sectors × NumCollegeSectorMetrics)), 8 bytes
	// each (800 MB).
	MaxRecordedValues = 100_000_000
	// MaxNameLength is the longest name of a scenario, sector or college,
	// in bytes; names become directory and file names.
	MaxNameLength = 64
	// MaxMeanHeadcount is the largest mean headcount of an employer size.
	MaxMeanHeadcount = 100_000
	// MaxExpiryMonths is the longest levy funds may be held before they
	// expire (the levy keeps one account entry per step of it for every
	// levy payer).
	MaxExpiryMonths = 120
	// MaxDisruptionMonths is the longest a merger may disrupt partnership
	// work.
	MaxDisruptionMonths = 120
)

// limits checks c against the maxima above. It runs after the other checks
// and reports nothing they have already reported as out of range.
func (v *validator) limits(c *Config) {
	v.atMost("replications", c.Replications, MaxReplications, "replications")
	v.atMost("population.persons", c.Population.Persons, MaxPersons, "people")
	if steps := c.Steps(); c.StepMonths > 0 && steps > MaxSteps {
		v.addf("end", "the run from %s to %s takes %d steps of %d months; must take at most %d steps", c.Start, c.End, steps, c.StepMonths, MaxSteps)
	}
	if n := len(c.Sectors); n > MaxSectors {
		v.addf("sectors", "there are %d sectors; a region may have at most %d", n, MaxSectors)
	}
	if n := len(c.Colleges); n > MaxColleges {
		v.addf("colleges", "there are %d colleges; a region may have at most %d", n, MaxColleges)
	}
	v.employers(c.Sectors)
	for _, s := range []struct {
		key  string
		mean float64
	}{{"micro", c.EmployerSize.Micro}, {"small_medium", c.EmployerSize.SmallMedium}, {"large", c.EmployerSize.Large}} {
		if s.mean > MaxMeanHeadcount && !math.IsInf(s.mean, 0) {
			v.addf("employer_size."+s.key, "%s is above %d; must be a mean headcount > 0 and at most %d", fmtNum(s.mean), MaxMeanHeadcount, MaxMeanHeadcount)
		}
	}
	if l := c.Policies.Levy; l != nil && l.ExpiryMonths > MaxExpiryMonths {
		v.addf("policies.levy.expiry_months", "%d is above %d; must be a whole number of months from 1 to %d", l.ExpiryMonths, MaxExpiryMonths, MaxExpiryMonths)
	}
	if a := c.Policies.AreaReviews; a != nil {
		for i, m := range a.Mergers {
			if m.DisruptionMonths > MaxDisruptionMonths {
				v.addf(fmt.Sprintf("policies.area_reviews.mergers[%d].disruption_months", i), "%d is above %d; must be a whole number of months from 0 to %d",
					m.DisruptionMonths, MaxDisruptionMonths, MaxDisruptionMonths)
			}
		}
	}
	// What the run records, checked only when its parts are in range.
	steps := c.Steps()
	if c.Replications >= 1 && c.Replications <= MaxReplications && steps >= 1 && steps <= MaxSteps && len(c.Sectors) <= MaxSectors {
		perStep := int(NumMetrics) + len(c.Sectors)*int(NumSectorMetrics) +
			len(c.Colleges)*(int(NumCollegeMetrics)+len(c.Sectors)*int(NumCollegeSectorMetrics))
		if n := c.Replications * (steps + 1) * perStep; n > MaxRecordedValues {
			most := MaxRecordedValues / ((steps + 1) * perStep)
			v.addf("replications", "%d replications of %d steps with %d sectors and %d colleges record %d values, more than the %d a run may hold; must be at most %d replications (or fewer steps, sectors or colleges)",
				c.Replications, steps, len(c.Sectors), len(c.Colleges), n, MaxRecordedValues, most)
		}
	}
}

// atMost checks that n is at most most.
func (v *validator) atMost(path string, n, most int, what string) {
	if n > most {
		v.addf(path, "%d is above %d; must be a whole number of %s from 1 to %d", n, most, what, most)
	}
}

// employers checks the number of employers the model builds: each count
// rounded to a whole number, as New rounds it, summed over sectors and
// sizes. Counts that are negative or not finite are reported by sectors.
func (v *validator) employers(ss []Sector) {
	total := 0.0
	for _, s := range ss {
		for _, n := range []float64{s.Employers.Micro, s.Employers.SmallMedium, s.Employers.Large} {
			if n < 0 || math.IsNaN(n) || math.IsInf(n, 0) {
				return
			}
			total += math.Round(n)
		}
	}
	raw := 0.0
	for _, s := range ss {
		raw += s.Employers.Micro + s.Employers.SmallMedium + s.Employers.Large
	}
	switch {
	case len(ss) == 0:
	case total > MaxEmployers:
		v.addf("sectors", "the sectors have %s employers between them; a region may have at most %d", strconv.FormatFloat(total, 'f', -1, 64), MaxEmployers)
	case total < 1 && raw >= 1:
		// The sum of the counts passed, but each rounds to nothing.
		v.addf("sectors", "the sectors' employer counts sum to %s but each rounds to 0, so the region would have no employers; each count is rounded to a whole number: must give at least one count of 0.5 or more", fmtSum(raw))
	}
}

// quoteName quotes a name for a message, cut short past MaxNameLength.
func quoteName(s string) string {
	if len(s) <= MaxNameLength {
		return strconv.Quote(s)
	}
	cut := MaxNameLength
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + fmt.Sprintf("… (%d bytes)", len(s))
}

// nameLength checks that a name is at most MaxNameLength bytes and reports
// whether it is.
func (v *validator) nameLength(path, name string) bool {
	if len(name) > MaxNameLength {
		v.addf(path, "%s is %d bytes long; must be at most %d", quoteName(name), len(name), MaxNameLength)
		return false
	}
	return true
}
