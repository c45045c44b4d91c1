package model

import (
	"fmt"
	"strconv"
)

// Month is a calendar month counted from January of year 0, so that
// Month(2015*12) is January 2015. It reads and writes as "YYYY-MM".
type Month int

// MonthOf returns the Month for a year and a month of the year (1–12).
func MonthOf(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year of m.
func (m Month) Year() int { return int(m) / 12 }

// MonthOfYear returns the month of the year of m, 1 to 12.
func (m Month) MonthOfYear() int { return int(m)%12 + 1 }

// String formats m as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.MonthOfYear()) }

// MarshalText writes m as YYYY-MM.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a month written as YYYY-MM.
func (m *Month) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) != 7 || s[4] != '-' {
		return fmt.Errorf("month %q is not of the form YYYY-MM (for example 2015-01)", s)
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || mo < 1 || mo > 12 || y < 1900 || y > 2400 {
		return fmt.Errorf("month %q is not of the form YYYY-MM with a year 1900–2400 and a month 01–12", s)
	}
	*m = MonthOf(y, mo)
	return nil
}

// Config is a whole scenario: the region, its sectors, colleges and people,
// the behavioural parameters and the initial state. Its YAML form is the
// scenario schema documented in docs/scenarios.md; every field has a default
// from DefaultConfig.
type Config struct {
	// Name identifies the scenario in output paths and summaries.
	Name string `yaml:"name"`
	// Question is the question the scenario answers, in one sentence.
	Question string `yaml:"question"`
	// Seed is the master seed; replication r uses a stream derived from (Seed, r).
	Seed uint64 `yaml:"seed"`
	// Replications is the number of replications run by default.
	Replications int `yaml:"replications"`
	// Start is the first simulated month.
	Start Month `yaml:"start"`
	// End is the month at which the run stops (exclusive).
	End Month `yaml:"end"`
	// StepMonths is the length of one step in months (1, 2, 3, 4, 6 or 12).
	StepMonths int `yaml:"step_months"`
	// SpinUpYears is how long the region runs under its rules, from the
	// state the initial: block describes and with the policies in force at
	// Start, before step 0 (not reported; ODD §5).
	SpinUpYears int `yaml:"spin_up_years"`
	// Population describes the people of the region.
	Population Population `yaml:"population"`
	// Sectors lists the sectors of the regional economy.
	Sectors []Sector `yaml:"sectors"`
	// Colleges lists the further-education colleges of the region.
	Colleges []College `yaml:"colleges"`
	// Employers gives the mean headcount of employers of each size class.
	EmployerSize SizeClasses `yaml:"employer_size"`
	// Demography holds the coefficients of employers' entry, growth,
	// shrinkage and exit.
	Demography Demography `yaml:"demography"`
	// Labour holds the parameters of the labour market.
	Labour LabourMarket `yaml:"labour_market"`
	// Behaviour holds the behavioural parameters of the decision rules.
	Behaviour Behaviour `yaml:"behaviour"`
	// Education holds the lengths of courses and training and the chances
	// of passing them.
	Education Education `yaml:"education"`
	// Initial describes the state the region starts from.
	Initial InitialState `yaml:"initial"`
	// Policies holds the policy levers in force, each with its dates.
	Policies Policies `yaml:"policies"`
}

// Population describes the person agents: young people who enter at 16 and
// adults of working age (16–65).
type Population struct {
	// Persons is the number of person agents aged 16 to 65.
	Persons int `yaml:"persons"`
	// LowIncomeShare is the share of people from a low-income background.
	LowIncomeShare float64 `yaml:"low_income_share"`
	// Attainment is the distribution of qualification levels among adults at the start.
	Attainment Levels `yaml:"attainment"`
	// SchoolLeavers is the distribution of levels with which young people enter at 16.
	SchoolLeavers Levels `yaml:"school_leavers"`
	// EmploymentRate is the share of working-age adults in work at the start.
	EmploymentRate float64 `yaml:"employment_rate"`
}

// Levels is a distribution over the five attainment levels: entry, level 1,
// level 2, level 3 and level 4 or above. The shares sum to 1.
type Levels struct {
	Entry  float64 `yaml:"entry"`
	Level1 float64 `yaml:"level1"`
	Level2 float64 `yaml:"level2"`
	Level3 float64 `yaml:"level3"`
	Level4 float64 `yaml:"level4"`
}

// Shares returns the shares as an array indexed by level.
func (l Levels) Shares() [NumLevels]float64 {
	return [NumLevels]float64{l.Entry, l.Level1, l.Level2, l.Level3, l.Level4}
}

// JobMix is the share of an employer's jobs at each skill level.
type JobMix struct {
	// Low is the share of jobs needing no more than level 2.
	Low float64 `yaml:"low"`
	// Intermediate is the share of jobs needing level 3 (technical, associate professional).
	Intermediate float64 `yaml:"intermediate"`
	// High is the share of jobs needing level 4 or above.
	High float64 `yaml:"high"`
}

// Shares returns the shares as an array indexed by job level.
func (j JobMix) Shares() [NumJobLevels]float64 {
	return [NumJobLevels]float64{j.Low, j.Intermediate, j.High}
}

// SizeClasses gives a number for each employer size class.
type SizeClasses struct {
	// Micro employers have fewer than 10 staff.
	Micro float64 `yaml:"micro"`
	// SmallMedium employers have 10 to 249 staff.
	SmallMedium float64 `yaml:"small_medium"`
	// Large employers have 250 or more staff (levy payers, in the real rules).
	Large float64 `yaml:"large"`
}

// Sector is one sector of the regional economy with its own labour market
// conditions.
type Sector struct {
	// Name identifies the sector (digital_tech, creative, social_care, rest, ...).
	Name string `yaml:"name"`
	// Employers is the number of employers of each size class in the sector.
	Employers SizeClasses `yaml:"employers"`
	// Interest is the share of learners whose sector of interest this is.
	Interest float64 `yaml:"interest"`
	// QuitRate is the annual probability that a worker leaves their job
	// for reasons other than pay (family, moving away, health); quits for
	// better-paid work elsewhere are added to it by on-the-job search
	// (labour_market.wages).
	QuitRate float64 `yaml:"quit_rate"`
	// Productivity is monthly output per worker in a low-level job, £.
	Productivity float64 `yaml:"productivity"`
	// LowSpecJobs is the job design of a low-specification employer.
	LowSpecJobs JobMix `yaml:"low_spec_jobs"`
	// HighSpecJobs is the job design of a high-specification employer.
	HighSpecJobs JobMix `yaml:"high_spec_jobs"`
	// HighSpecPremium is the extra output of a fully staffed high-specification
	// employer, as a share of its low-specification output.
	HighSpecPremium float64 `yaml:"high_spec_premium"`
	// UpgradeInvestment is the sunk investment of upgrading to a
	// high-specification strategy, in months of a low job's output per
	// job; it is lost on returning to low specification (ODD §7.8).
	UpgradeInvestment float64 `yaml:"upgrade_investment"`
	// GraduatePreference is the probability that an employer prefers a
	// graduate (level 4+) for any vacancy when one applies.
	GraduatePreference float64 `yaml:"graduate_preference"`
	// SelfEmployment is the annual rate at which workers in the sector move
	// into self-employment (freelancing).
	SelfEmployment float64 `yaml:"self_employment"`
	// PartnershipCost is an employer's monthly cost of co-production with a
	// college, as a share of one worker's output (staff time away from work).
	PartnershipCost float64 `yaml:"partnership_cost"`
	// TrainingCost is an employer's cost of training one worker up a level,
	// as months of that worker's low-level output.
	TrainingCost float64 `yaml:"training_cost"`
}

// College is a further-education college funded per learner.
type College struct {
	// Name identifies the college.
	Name string `yaml:"name"`
	// Places is the number of full-time learner places.
	Places int `yaml:"places"`
	// AdultShare is the share of places funded from the adult education budget.
	AdultShare float64 `yaml:"adult_share"`
	// FundingPerLearner is the annual 16–19 funding per learner, £.
	FundingPerLearner float64 `yaml:"funding_per_learner"`
	// PartnershipStaff is the share of staff time available for partnership work.
	PartnershipStaff float64 `yaml:"partnership_staff"`
	// Outreach is the partnership effort the college commits to every
	// sector whatever employers do: a central partnership service that goes
	// out to employers (0 waits for demand, 1 commits fully).
	Outreach float64 `yaml:"outreach"`
}

// LabourMarket holds the parameters of matching, separations and wages.
type LabourMarket struct {
	// BargainingShare is the worker's share of the surplus in wage bargaining (β).
	BargainingShare float64 `yaml:"bargaining_share"`
	// OutsideWage is the monthly income out of work, £.
	OutsideWage float64 `yaml:"outside_wage"`
	// Applicants is the number of applicants an employer screens per vacancy per month.
	Applicants int `yaml:"applicants"`
	// PoachingIntensity scales how often a skilled vacancy is filled by
	// poaching from local firms that use the same skill.
	PoachingIntensity float64 `yaml:"poaching_intensity"`
	// MigrantAccess is the monthly probability that an unfilled vacancy at
	// each level is filled from abroad.
	MigrantAccess JobMix `yaml:"migrant_access"`
	// JobLossRate is the annual probability of involuntary job loss.
	JobLossRate float64 `yaml:"job_loss_rate"`
	// RoutineDecline is the annual share of intermediate (routine) jobs
	// redesigned away by technical change, half into high and half into
	// low jobs (routine-biased technical change, Goos & Manning 2007).
	RoutineDecline float64 `yaml:"routine_decline"`
	// RoutineBaseYear is the year (in January) for which the sectors' job
	// designs are stated; routine decline is counted from it on the
	// calendar, whatever the run's start.
	RoutineBaseYear int `yaml:"routine_base_year"`
	// RoutineToHigh is the share of the intermediate jobs redesigned away
	// by routine decline that become high jobs; the rest become low jobs.
	RoutineToHigh float64 `yaml:"routine_to_high"`
	// ApprenticeshipRoute is the share of employers' training at work that
	// goes through an apprenticeship (funded, and counted as a start);
	// the rest is the employer's own training.
	ApprenticeshipRoute float64 `yaml:"apprenticeship_route"`
	// JobOutput is the output of a job at each level relative to a low job
	// (a multiplier per level, not a distribution).
	JobOutput JobMix `yaml:"job_output"`
	// UnderQualifiedOutput is the share of a job's output that an
	// under-qualified worker produces.
	UnderQualifiedOutput float64 `yaml:"under_qualified_output"`
	// Matching holds the coefficients of matching workers to jobs.
	Matching Matching `yaml:"matching"`
	// Flows holds the annual rates of the flows between statuses.
	Flows Flows `yaml:"flows"`
	// Wages holds the coefficients of posted wages and of quits from
	// on-the-job search.
	Wages Wages `yaml:"wages"`
}

// Behaviour holds the parameters of the decision rules.
type Behaviour struct {
	// Noise is the probability that a decision is taken at random (a mistake).
	Noise float64 `yaml:"noise"`
	// StrategyTemperature is the logit temperature of the product-market
	// strategy choice, as a share of output.
	StrategyTemperature float64 `yaml:"strategy_temperature"`
	// RouteTemperature is the logit temperature of learners' route choice, £/month.
	RouteTemperature float64 `yaml:"route_temperature"`
	// CareersInformation is how much learners know about routes and job
	// prospects (0 none, 1 full).
	CareersInformation float64 `yaml:"careers_information"`
	// ExpectationSpeed is the weight on the latest year in agents' adaptive expectations.
	ExpectationSpeed float64 `yaml:"expectation_speed"`
	// TrustGain is the share of the gap to full trust closed by a good experience.
	TrustGain float64 `yaml:"trust_gain"`
	// TrustLoss is the share of trust lost after being let down (negativity bias).
	TrustLoss float64 `yaml:"trust_loss"`
	// CoproductionGain is the monthly gain to an employer of co-production
	// with a reciprocating college, as a share of one worker's output, at full
	// curriculum currency.
	CoproductionGain float64 `yaml:"coproduction_gain"`
	// NetworkGain is the extra gain from co-production when all peers in the
	// sector co-produce (menus of joint activities, Granovetter thresholds).
	NetworkGain float64 `yaml:"network_gain"`
	// LetDownCost is the cost of co-producing with a college that does not
	// reciprocate (the stag hunt's sucker payoff), share of one worker's output.
	LetDownCost float64 `yaml:"let_down_cost"`
	// CollegeThreshold is the share of a sector's employers in a college's
	// catchment (an equal share of the region) that must co-produce with the
	// college before it commits staff time to that sector.
	CollegeThreshold float64 `yaml:"college_threshold"`
	// CurrencyDecay is the annual share of curriculum currency lost without employer contact.
	CurrencyDecay float64 `yaml:"currency_decay"`
	// CurrencyGain is the annual gain in currency at full co-production effort.
	CurrencyGain float64 `yaml:"currency_gain"`
	// PipelineWeight is how much a co-production tie adds to an employer's
	// expected chance of filling skilled posts (the talent pipeline).
	PipelineWeight float64 `yaml:"pipeline_weight"`
	// Routes holds the coefficients of learners' route and college choice.
	Routes RouteChoice `yaml:"routes"`
	// Partnership holds the coefficients of employer–college ties and of
	// colleges' partnership capacity.
	Partnership Partnership `yaml:"partnership"`
	// Network holds the distribution of employers' thresholds for joining
	// a network.
	Network NetworkJoining `yaml:"network"`
	// Training holds the coefficients of the train-or-poach decision and
	// of training at work.
	Training Training `yaml:"training"`
	// Strategy holds the coefficients of the product-market strategy as an
	// investment.
	Strategy StrategyChoice `yaml:"strategy"`
	// Colleges holds the coefficients of colleges' budgets, provision and
	// financial difficulty.
	Colleges CollegeBehaviour `yaml:"colleges"`
}

// InitialState is the state the region starts from.
type InitialState struct {
	// HighSpecShare is the share of employers on a high-specification strategy.
	HighSpecShare float64 `yaml:"high_spec_share"`
	// CollegeUseShare is the share of employers with a tie to a college.
	CollegeUseShare float64 `yaml:"college_use_share"`
	// CoproductionShare is the share of college ties in co-production.
	CoproductionShare float64 `yaml:"coproduction_share"`
	// Trust is the mean initial trust of employers in their college.
	Trust float64 `yaml:"trust"`
	// Currency is the colleges' initial curriculum currency in every sector.
	Currency float64 `yaml:"currency"`
	// TrainingShare is the share of employers training their staff.
	TrainingShare float64 `yaml:"training_share"`
	// VocationalShare is the share of adults qualified at level 3 or above
	// whose qualification is vocational, in their sector's field: the
	// region's initial stock of technical skill.
	VocationalShare float64 `yaml:"vocational_share"`
	// HeadcountSpread is the spread of employers' headcounts around the
	// mean of their size class: each is the mean times U(1 − s, 1 + s).
	HeadcountSpread float64 `yaml:"headcount_spread"`
	// TrustSpread is the spread of employers' initial trust around Trust:
	// each is Trust + U(−s, s), clamped to [0, 1].
	TrustSpread float64 `yaml:"trust_spread"`
	// SeekingMargin is the share of adults, beyond EmploymentRate, who
	// look for work (or are self-employed) at the start.
	SeekingMargin float64 `yaml:"seeking_margin"`
	// Applicants is the number of applicants screened per vacancy in the
	// initial hiring.
	Applicants int `yaml:"applicants"`
}
