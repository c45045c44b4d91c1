package model

import (
	"fmt"
	"math"
	"regexp"
	"slices"
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
	lastMonth  = MonthOf(2400, 12)
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
// number may be NaN or infinite. Names are at most MaxNameLength bytes, and
// the region and the run are within the maxima of limits.go (MaxPersons,
// MaxEmployers, MaxSectors, MaxColleges, MaxSteps, MaxReplications,
// MaxRecordedValues and the rest), so that a valid Config can be built
// and run within a workstation's memory.
//
// Policy levers must fall within the run: no lever's start, schedule
// entry, merger or standards period may be at or after the run's end
// (dates before the run's start are allowed, except for mergers: they say
// what is in force when the run starts), a lever's end must come after its start and may
// be at most the run's end, and schedule entries must be in strictly
// increasing order of date. A merger must join at least two of the
// scenario's colleges, each named once, none of them merged away by an
// earlier merger or merging in another merger on the same date.
func (c *Config) Validate() error {
	v := &validator{}

	switch {
	case c.Name == "":
		v.addf("name", "is empty; must name the scenario, for example my_region (letters, digits, _, . and -)")
	case !v.nameLength("name", c.Name):
	case !scenarioNameRE.MatchString(c.Name):
		v.addf("name", "%s is not a valid scenario name; must start with a letter or digit and use only letters, digits, _, . and - so it can name an output directory", quoteName(c.Name))
	}
	v.count("replications", c.Replications, 1)
	v.month("start", c.Start)
	v.month("end", c.End)
	v.steps(c)
	v.between("spin_up_years", c.SpinUpYears, 0, 200, "years of spin-up before step 0")

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
	v.demography(&c.Demography)

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
	v.share("labour_market.routine_decline", l.RoutineDecline)
	v.between("labour_market.routine_base_year", l.RoutineBaseYear, 1900, 2200, "a calendar year")
	v.share("labour_market.apprenticeship_route", l.ApprenticeshipRoute)
	v.labourRules(&l)
	v.wageRules(&l.Wages)

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
	v.behaviourRules(&b)
	v.strategyChoice(&b.Strategy)

	v.education(&c.Education)

	in := c.Initial
	v.share("initial.high_spec_share", in.HighSpecShare)
	v.share("initial.college_use_share", in.CollegeUseShare)
	v.share("initial.coproduction_share", in.CoproductionShare)
	v.share("initial.trust", in.Trust)
	v.share("initial.currency", in.Currency)
	v.share("initial.training_share", in.TrainingShare)
	v.share("initial.vocational_share", in.VocationalShare)
	v.initialRules(&in)

	v.policies(c)
	v.limits(c)

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
	case !v.nameLength(path, name):
		return
	case !nameRE.MatchString(name):
		v.addf(path, "%s is not a valid name; must start with a lower-case letter and use only a–z, 0–9 and _, for example %s", quoteName(name), example)
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
		v.nonNegative(p+"upgrade_investment", s.UpgradeInvestment, "a number of months of output per job")
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

// between checks that n is a whole number what from least to most.
func (v *validator) between(path string, n, least, most int, what string) {
	want := fmt.Sprintf("a whole number of %s from %d to %d", what, least, most)
	switch {
	case n < 0 && least >= 0:
		v.addf(path, "%d is negative; must be %s", n, want)
	case n < least:
		v.addf(path, "%d is below %d; must be %s", n, least, want)
	case n > most:
		v.addf(path, "%d is above %d; must be %s", n, most, want)
	}
}

// bounded checks that x is a finite what in [0, most].
func (v *validator) bounded(path string, x, most float64, what string) {
	want := fmt.Sprintf("%s in [0, %s]", what, fmtNum(most))
	if !v.finite(path, x, want) {
		return
	}
	switch {
	case x < 0:
		v.addf(path, "%s is negative; must be %s", fmtNum(x), want)
	case x > most:
		v.addf(path, "%s is above %s; must be %s", fmtNum(x), fmtNum(most), want)
	}
}

// run is the span of months a Config simulates, for checking the dates of
// its policy levers.
type run struct {
	start, end Month
	// ok is false when the run's own dates are invalid, which Validate
	// reports once; dates are then checked against nothing but the range
	// of months.
	ok bool
}

func runOf(c *Config) run {
	ok := c.Start >= firstMonth && c.Start <= lastMonth && c.End >= firstMonth && c.End <= lastMonth && c.End > c.Start
	return run{c.Start, c.End, ok}
}

// date checks that m is a month at which something can happen in the run:
// before the run's end. Months before the run's start are allowed. It
// reports whether m is a valid month.
func (v *validator) date(path string, m Month, r run) bool {
	return v.inRun(path, m, r, false)
}

// inRun checks that m is a valid month before the run's end or, if
// isEnd, at most the run's end. It reports whether m is a valid month.
func (v *validator) inRun(path string, m Month, r run, isEnd bool) bool {
	if m < firstMonth || m > lastMonth {
		v.month(path, m)
		return false
	}
	if !r.ok {
		return true
	}
	switch {
	case m > r.end:
		v.addf(path, "%s is after the run's end %s; must be within %s … %s", m, r.end, r.start, r.end)
	case m == r.end && !isEnd:
		v.addf(path, "%s is the run's end, when nothing more happens; must be an earlier month", m)
	}
	return true
}

// period checks a lever's period; prefix is the path of the block holding
// its start and end keys, ending in a dot.
func (v *validator) period(prefix string, p Period, r run) {
	startOK := v.date(prefix+"start", p.Start, r)
	if p.End == nil {
		return
	}
	if v.inRun(prefix+"end", *p.End, r, true) && startOK && *p.End <= p.Start {
		v.addf(prefix+"end", "%s is not after start %s; must be a later month, or left out for no end", *p.End, p.Start)
	}
}

// schedule checks that the entries of s are dated before the run's end in
// strictly increasing order, and that each value is a what in [0, most].
func (v *validator) schedule(path string, s Schedule, most float64, what string, r run) {
	prev, havePrev := Month(0), false
	for i, d := range s {
		p := fmt.Sprintf("%s[%d].", path, i)
		if v.date(p+"from", d.From, r) {
			if havePrev && d.From <= prev {
				v.addf(p+"from", "out of order: %s comes after %s; dates must increase", d.From, prev)
			}
			prev, havePrev = d.From, true
		}
		if most == 1 {
			v.unit(p+"value", d.Value, what)
		} else {
			v.bounded(p+"value", d.Value, most, what)
		}
	}
}

// maxMultiplier is the largest multiplier a schedule of austerity or
// migration may give: at most double the level before the lever.
const maxMultiplier = 2

// maxAnticipation is the most months ahead employers may know a change of
// the funding rules.
const maxAnticipation = 24

func (v *validator) policies(c *Config) {
	r := runOf(c)
	p := c.Policies
	if l := p.Levy; l != nil {
		const at = "policies.levy."
		v.period(at, l.Period, r)
		v.share(at+"rate", l.Rate)
		v.nonNegative(at+"allowance", l.Allowance, "an amount in £ per year")
		v.share(at+"top_up", l.TopUp)
		v.count(at+"expiry_months", l.ExpiryMonths, 1)
		v.schedule(at+"co_investment", l.CoInvestment, 1, "a share", r)
		v.schedule(at+"transfers", l.Transfers, 1, "a share", r)
		v.period(at+"standards.", l.Standards, r)
		v.share(at+"standards_disruption", l.StandardsDisruption)
		v.share(at+"level2_standards", l.Level2Standards)
		v.share(at+"transfer_take_up", l.TransferTakeUp)
		v.schedule(at+"non_levy_funding", l.NonLevyFunding, 1, "a share", r)
		v.share(at+"relabelling", l.Relabelling)
		v.nonNegative(at+"ramp", l.Ramp, "a number of years")
		v.share(at+"prior_contribution", l.PriorContribution)
		v.between(at+"anticipation", l.Anticipation, 0, maxAnticipation, "months")
	}
	v.support(c, r)
	if d := p.Devolution; d != nil {
		const at = "policies.devolution."
		v.period(at, d.Period, r)
		v.share(at+"local_share", d.LocalShare)
		v.share(at+"responsiveness", d.Responsiveness)
		v.share(at+"coordination", d.Coordination)
		v.share(at+"announced_supply", d.AnnouncedSupply)
	}
	if f := p.NationalFramework; f != nil {
		const at = "policies.national_framework."
		v.period(at, f.Period, r)
		v.share(at+"supply_rise", f.SupplyRise)
		v.share(at+"skilled_jobs_rise", f.SkilledJobsRise)
		v.nonNegative(at+"horizon_years", f.HorizonYears, "a number of years")
		v.unit(at+"credibility", f.Credibility, "a weight")
		v.nonNegative(at+"intensity", f.Intensity, "an intensity of choice per squared share")
		v.unit(at+"memory", f.Memory, "a weight")
	}
	if n := p.Network; n != nil {
		const at = "policies.network."
		v.period(at, n.Period, r)
		v.nonNegative(at+"budget", n.Budget, "an amount in £ per year")
		v.positive(at+"cost_per_tie", n.CostPerTie, "an amount in £ per year")
		v.share(at+"cost_reduction", n.CostReduction)
		v.share(at+"intelligence", n.Intelligence)
		v.share(at+"seed", n.Seed)
		v.share(at+"transfers", n.Transfers)
		v.share(at+"damping", n.Damping)
		v.sizeClasses(at+"size_factor", n.SizeFactor, "a share", true)
		v.share(at+"seed_trust", n.SeedTrust)
		v.share(at+"intelligence_contact", n.IntelligenceContact)
		v.nonNegative(at+"fee", n.Fee, "an amount in £ per year")
		v.nonNegative(at+"fixed_cost", n.FixedCost, "an amount in £ per year")
		v.nonNegative(at+"member_cost", n.MemberCost, "an amount in £ per year")
		v.nonNegative(at+"reserve", n.Reserve, "an amount in £")
		v.nonNegative(at+"reserve_months", n.ReserveMonths, "a number of months")
		v.positive(at+"menu_members", n.MenuMembers, "a number of small/medium-employer equivalents")
	}
	if a := p.Austerity; a != nil {
		const at = "policies.austerity."
		v.period(at, a.Period, r)
		v.schedule(at+"funding_per_learner", a.FundingPerLearner, maxMultiplier, "a multiplier", r)
		v.schedule(at+"adult_budget", a.AdultBudget, maxMultiplier, "a multiplier", r)
	}
	if a := p.AreaReviews; a != nil {
		v.mergers("policies.area_reviews.mergers", a.Mergers, c.Colleges, r)
	}
	if m := p.Migration; m != nil {
		const at = "policies.migration."
		v.period(at, m.Period, r)
		v.schedule(at+"low", m.Low, maxMultiplier, "a multiplier", r)
		v.schedule(at+"intermediate", m.Intermediate, maxMultiplier, "a multiplier", r)
		v.schedule(at+"high", m.High, maxMultiplier, "a multiplier", r)
	}
	if cr := p.Careers; cr != nil {
		const at = "policies.careers."
		v.period(at, cr.Period, r)
		v.schedule(at+"information", cr.Information, 1, "a share", r)
	}
}

// mergers checks each merger on its own and then the mergers together, in
// order of date: a college merged away cannot merge again, and mergers on
// the same date must not share a college.
func (v *validator) mergers(path string, ms []Merger, colleges []College, r run) {
	known := make(map[string]bool, len(colleges))
	names := make([]string, len(colleges))
	for i, c := range colleges {
		known[c.Name], names[i] = true, c.Name
	}
	list := strings.Join(names, ", ")
	// A member is a college named in a merger, at index j of its list.
	type member struct {
		j    int
		name string
	}
	// members[i] holds the colleges of merger i that exist, each at the
	// first place the merger names it.
	members := make([][]member, len(ms))
	for i, m := range ms {
		p := fmt.Sprintf("%s[%d].", path, i)
		if len(m.Colleges) < 2 {
			v.addf(p+"colleges", "names %d college(s); a merger joins at least 2 colleges, the first of which survives", len(m.Colleges))
		}
		first := make(map[string]int)
		for j, name := range m.Colleges {
			cp := fmt.Sprintf("%scolleges[%d]", p, j)
			k, dup := first[name]
			switch {
			case name == "":
				v.addf(cp, "is empty; must name one of the colleges: %s", list)
			case !known[name]:
				v.addf(cp, "%q names no college; the colleges are %s", name, list)
			case dup:
				v.addf(cp, "%q is named twice in this merger (also colleges[%d]); name each college once", name, k)
			default:
				first[name] = j
				members[i] = append(members[i], member{j, name})
			}
		}
		if v.date(p+"date", m.Date, r) && r.ok && m.Date < r.start {
			// The region is built at the run's start: a merger before it
			// would never happen.
			v.addf(p+"date", "%s is before the run's start %s; a merger happens within the run: must be within %s … %s (to start from merged colleges, list them as one college)",
				m.Date, r.start, r.start, r.end-1)
		}
		v.count(p+"disruption_months", m.DisruptionMonths, 0)
		v.share(p+"staff_turnover", m.StaffTurnover)
	}

	// Take the mergers in order of date, those of one date together.
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(ms[a].Date) - int(ms[b].Date) })
	// gone maps each college merged away to the merger that took it.
	gone := make(map[string]int)
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && ms[order[hi]].Date == ms[order[lo]].Date {
			hi++
		}
		group := order[lo:hi]
		// in maps each college merging on this date to its merger.
		in := make(map[string]int)
		for _, i := range group {
			for _, c := range members[i] {
				cp := fmt.Sprintf("%s[%d].colleges[%d]", path, i, c.j)
				if by, ok := gone[c.name]; ok {
					v.addf(cp, "%q was merged into %s by mergers[%d] on %s; a college merged away cannot merge again",
						c.name, ms[by].Colleges[0], by, ms[by].Date)
					continue
				}
				if k, ok := in[c.name]; ok {
					v.addf(cp, "%q is also in mergers[%d] on the same date %s; mergers on one date must not share a college (make them one merger)",
						c.name, k, ms[i].Date)
					continue
				}
				in[c.name] = i
			}
		}
		for _, i := range group {
			for _, c := range members[i] {
				if _, ok := gone[c.name]; c.j > 0 && !ok {
					gone[c.name] = i
				}
			}
		}
		lo = hi
	}
}
