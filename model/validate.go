package model

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// FieldError is one problem with one field of a Config.
type FieldError struct {
	// Path is the YAML key path of the field, such as population.persons,
	// sectors[2].quit_rate or colleges[0].places. A problem with a whole
	// block (a distribution that does not sum to 1, an empty list) names
	// the block, such as population.attainment or sectors.
	Path string
	// Message says what is wrong with the value and what would be valid.
	Message string
}

// Error returns "path: message".
func (e FieldError) Error() string { return e.Path + ": " + e.Message }

// ValidationErrors lists every problem Validate found, in the order of the
// fields of Config.
type ValidationErrors []FieldError

// Error returns the problems one per line.
func (l ValidationErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sumTolerance is how far from 1 the shares of a distribution (Levels, a
// job design, the sectors' interest shares) may sum.
const sumTolerance = 1e-6

// stepChoices are the valid values of Config.StepMonths: the step lengths
// that divide a year.
var stepChoices = []int{1, 2, 3, 4, 6, 12}

// The first and last months a Config may name, as Month.UnmarshalText reads them.
var (
	firstMonth = MonthOf(1900, 1)
	lastMonth  = MonthOf(2200, 12)
)

// nameRE is the form of sector and college names.
var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// scenarioNameRE is the form of scenario names, which name output directories.
var scenarioNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// Validate checks every field of c and returns nil or ValidationErrors
// listing every problem. Counts must be whole numbers at or above their
// least value, shares and probabilities must lie in [0, 1], distributions
// must sum to 1 within 1e-6, temperatures and productivity must be
// positive, names must be unique and of the form ^[a-z][a-z0-9_]*$, and no
// number may be NaN or infinite.
func (c *Config) Validate() error {
	v := &validator{}

	switch {
	case c.Name == "":
		v.addf("name", "is empty; must name the scenario, for example my_region (letters, digits, _, . and -)")
	case !scenarioNameRE.MatchString(c.Name):
		v.addf("name", "%q is not a valid scenario name; must start with a letter or digit and use only letters, digits, _, . and - so it can name an output directory", c.Name)
	}
	v.count("replications", c.Replications, 1)
	v.month("start", c.Start)
	v.month("end", c.End)
	v.steps(c)

	p := c.Population
	v.count("population.persons", p.Persons, 1)
	v.share("population.low_income_share", p.LowIncomeShare)
	v.levels("population.attainment", p.Attainment)
	v.levels("population.school_leavers", p.SchoolLeavers)
	v.share("population.employment_rate", p.EmploymentRate)

	v.sectors(c.Sectors)
	v.colleges(c.Colleges)

	v.positive("employer_size.micro", c.EmployerSize.Micro, "a mean headcount")
	v.positive("employer_size.small_medium", c.EmployerSize.SmallMedium, "a mean headcount")
	v.positive("employer_size.large", c.EmployerSize.Large, "a mean headcount")

	l := c.Labour
	v.share("labour_market.bargaining_share", l.BargainingShare)
	v.nonNegative("labour_market.outside_wage", l.OutsideWage, "an amount in £")
	v.count("labour_market.applicants", l.Applicants, 1)
	v.nonNegative("labour_market.poaching_intensity", l.PoachingIntensity, "a number")
	// Migrant access is a probability per job level, not a distribution.
	v.probability("labour_market.migrant_access.low", l.MigrantAccess.Low)
	v.probability("labour_market.migrant_access.intermediate", l.MigrantAccess.Intermediate)
	v.probability("labour_market.migrant_access.high", l.MigrantAccess.High)
	v.probability("labour_market.job_loss_rate", l.JobLossRate)

	b := c.Behaviour
	v.probability("behaviour.noise", b.Noise)
	v.positive("behaviour.strategy_temperature", b.StrategyTemperature, "a temperature")
	v.positive("behaviour.route_temperature", b.RouteTemperature, "a temperature")
	v.share("behaviour.careers_information", b.CareersInformation)
	v.share("behaviour.expectation_speed", b.ExpectationSpeed)
	v.share("behaviour.trust_gain", b.TrustGain)
	v.share("behaviour.trust_loss", b.TrustLoss)
	v.nonNegative("behaviour.coproduction_gain", b.CoproductionGain, "a share of output")
	v.nonNegative("behaviour.network_gain", b.NetworkGain, "a share of output")
	v.nonNegative("behaviour.let_down_cost", b.LetDownCost, "a share of output")
	v.share("behaviour.college_threshold", b.CollegeThreshold)
	v.share("behaviour.currency_decay", b.CurrencyDecay)
	v.nonNegative("behaviour.currency_gain", b.CurrencyGain, "an annual gain")
	v.share("behaviour.pipeline_weight", b.PipelineWeight)

	in := c.Initial
	v.share("initial.high_spec_share", in.HighSpecShare)
	v.share("initial.college_use_share", in.CollegeUseShare)
	v.share("initial.coproduction_share", in.CoproductionShare)
	v.share("initial.trust", in.Trust)
	v.share("initial.currency", in.Currency)
	v.share("initial.training_share", in.TrainingShare)
	v.share("initial.vocational_share", in.VocationalShare)

	if len(v.errs) == 0 {
		return nil
	}
	return v.errs
}

// validator collects the problems found in a Config.
type validator struct {
	errs ValidationErrors
}

func (v *validator) addf(path, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// fmtNum formats x as briefly as it round-trips.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// fmtSum formats a sum of shares to 10 significant digits, hiding the
// rounding error of the addition (0.9, not 0.8999999999999999).
func fmtSum(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }

// finite reports whether x is a finite number, recording a problem if not.
func (v *validator) finite(path string, x float64, want string) bool {
	switch {
	case math.IsNaN(x):
		v.addf(path, "NaN is not a number; must be %s", want)
		return false
	case math.IsInf(x, 0):
		v.addf(path, "%s is not finite; must be %s", fmtNum(x), want)
		return false
	}
	return true
}

// unit checks that x is a finite what in [0, 1] and reports whether it is.
func (v *validator) unit(path string, x float64, what string) bool {
	want := what + " in [0, 1]"
	if !v.finite(path, x, want) {
		return false
	}
	switch {
	case x < 0:
		v.addf(path, "%s is negative; must be %s", fmtNum(x), want)
		return false
	case x > 1:
		v.addf(path, "%s is above 1; must be %s", fmtNum(x), want)
		return false
	}
	return true
}

// share checks that x is a share in [0, 1].
func (v *validator) share(path string, x float64) bool { return v.unit(path, x, "a share") }

// probability checks that x is a probability in [0, 1].
func (v *validator) probability(path string, x float64) bool {
	return v.unit(path, x, "a probability")
}

// nonNegative checks that x is a finite what ≥ 0 and reports whether it is.
func (v *validator) nonNegative(path string, x float64, what string) bool {
	want := what + " ≥ 0"
	if !v.finite(path, x, want) {
		return false
	}
	if x < 0 {
		v.addf(path, "%s is negative; must be %s", fmtNum(x), want)
		return false
	}
	return true
}

// positive checks that x is a finite what > 0.
func (v *validator) positive(path string, x float64, what string) {
	want := what + " > 0"
	if !v.finite(path, x, want) {
		return
	}
	switch {
	case x < 0:
		v.addf(path, "%s is negative; must be %s", fmtNum(x), want)
	case x == 0:
		v.addf(path, "0 is not positive; must be %s", want)
	}
}

// count checks that n is a whole number ≥ least.
func (v *validator) count(path string, n, least int) {
	switch {
	case n >= least:
	case n < 0:
		v.addf(path, "%d is negative; must be a whole number ≥ %d", n, least)
	default:
		v.addf(path, "%d is below %d; must be a whole number ≥ %d", n, least, least)
	}
}

// month checks that m is within the years Month.UnmarshalText reads.
func (v *validator) month(path string, m Month) {
	if m < firstMonth || m > lastMonth {
		v.addf(path, "%s is out of range; must be a month from %s to %s", m, firstMonth, lastMonth)
	}
}

// steps checks the step length and that the run is a whole number of steps.
func (v *validator) steps(c *Config) {
	valid := false
	for _, s := range stepChoices {
		valid = valid || c.StepMonths == s
	}
	if !valid {
		v.addf("step_months", "%d is not a valid step; must be one of 1, 2, 3, 4, 6 or 12 months", c.StepMonths)
	}
	span := int(c.End) - int(c.Start)
	switch {
	case span <= 0:
		v.addf("end", "%s is not after start %s; must be a later month, for example %s", c.End, c.Start, c.Start+20*12)
	case valid && span%c.StepMonths != 0:
		before := c.End - Month(span%c.StepMonths)
		after := before + Month(c.StepMonths)
		v.addf("end", "the %d months from start %s to %s are not a whole number of %d-month steps; must be a month such as %s or %s",
			span, c.Start, c.End, c.StepMonths, before, after)
	}
}

// distribution checks that each named share is in [0, 1] and that they sum
// to 1. The names are the YAML keys of the shares under path.
func (v *validator) distribution(path string, names []string, shares []float64) {
	ok := true
	sum := 0.0
	for i, x := range shares {
		ok = v.share(path+"."+names[i], x) && ok
		sum += x
	}
	if ok && math.Abs(sum-1) > sumTolerance {
		v.addf(path, "shares sum to %s; must sum to 1 (%s)", fmtSum(sum), strings.Join(names, " + "))
	}
}

var (
	levelKeys  = []string{"entry", "level1", "level2", "level3", "level4"}
	jobMixKeys = []string{"low", "intermediate", "high"}
)

func (v *validator) levels(path string, l Levels) {
	s := l.Shares()
	v.distribution(path, levelKeys, s[:])
}

func (v *validator) jobMix(path string, j JobMix) {
	s := j.Shares()
	v.distribution(path, jobMixKeys, s[:])
}

// name checks that a sector or college name is well formed and unique;
// seen maps the names met so far to their paths.
func (v *validator) name(path, kind, example, name string, seen map[string]string) {
	switch {
	case name == "":
		v.addf(path, "is empty; every %s needs a name such as %s (lower-case letters, digits and _, starting with a letter)", kind, example)
		return
	case !nameRE.MatchString(name):
		v.addf(path, "%q is not a valid name; must start with a lower-case letter and use only a–z, 0–9 and _, for example %s", name, example)
	}
	if first, dup := seen[name]; dup {
		v.addf(path, "%q is also the name of %s; %s names must be unique", name, first, kind)
		return
	}
	seen[name] = strings.TrimSuffix(path, ".name")
}

func (v *validator) sectors(ss []Sector) {
	if len(ss) == 0 {
		v.addf("sectors", "there are no sectors; must list at least one sector, for example - name: rest")
		return
	}
	seen := make(map[string]string)
	interestOK, employersOK := true, true
	interest, employers := 0.0, 0.0
	for i, s := range ss {
		p := fmt.Sprintf("sectors[%d].", i)
		v.name(p+"name", "sector", "digital_tech", s.Name, seen)
		for _, f := range []struct {
			key string
			n   float64
		}{{"micro", s.Employers.Micro}, {"small_medium", s.Employers.SmallMedium}, {"large", s.Employers.Large}} {
			employersOK = v.nonNegative(p+"employers."+f.key, f.n, "a number of employers") && employersOK
			employers += f.n
		}
		interestOK = v.share(p+"interest", s.Interest) && interestOK
		interest += s.Interest
		v.probability(p+"quit_rate", s.QuitRate)
		v.positive(p+"productivity", s.Productivity, "an output in £ per month")
		v.jobMix(p+"low_spec_jobs", s.LowSpecJobs)
		v.jobMix(p+"high_spec_jobs", s.HighSpecJobs)
		v.nonNegative(p+"high_spec_premium", s.HighSpecPremium, "a share of output")
		v.nonNegative(p+"upgrade_cost", s.UpgradeCost, "a share of output")
		v.probability(p+"graduate_preference", s.GraduatePreference)
		v.probability(p+"self_employment", s.SelfEmployment)
		v.nonNegative(p+"partnership_cost", s.PartnershipCost, "a share of output")
		v.nonNegative(p+"training_cost", s.TrainingCost, "a number of months of output")
	}
	if interestOK && math.Abs(interest-1) > sumTolerance {
		parts := make([]string, len(ss))
		for i, s := range ss {
			parts[i] = s.Name + " " + fmtNum(s.Interest)
		}
		v.addf("sectors", "the sectors' interest shares sum to %s (%s); must sum to 1",
			fmtSum(interest), strings.Join(parts, ", "))
	}
	if employersOK && employers < 1 {
		v.addf("sectors", "the sectors have %s employers between them; must have at least 1", fmtSum(employers))
	}
}

func (v *validator) colleges(cs []College) {
	if len(cs) == 0 {
		v.addf("colleges", "there are no colleges; must list at least one college, for example - name: newham")
		return
	}
	seen := make(map[string]string)
	for i, c := range cs {
		p := fmt.Sprintf("colleges[%d].", i)
		v.name(p+"name", "college", "newham", c.Name, seen)
		v.count(p+"places", c.Places, 0)
		v.share(p+"adult_share", c.AdultShare)
		v.nonNegative(p+"funding_per_learner", c.FundingPerLearner, "an amount in £ per year")
		v.share(p+"partnership_staff", c.PartnershipStaff)
		v.share(p+"outreach", c.Outreach)
	}
}
