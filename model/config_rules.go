package model

// The coefficients of the decision rules and flows (ODD §8.4.1, §8.6–§8.9): every
// number that shapes a decision or a flow is a field here, so that a
// scenario can set it and an experiment can sweep it. The sub-blocks are
// named after the submodels of ODD §7 they serve.

// RouteChoice holds the coefficients of learners' route choice (ODD
// §7.10) and choice of college (§7.6). Utilities are in £ per month.
type RouteChoice struct {
	// PriorGoodJobs is the chance of a skilled job a learner assumes
	// without careers information (share); careers information mixes it
	// with the true expected share.
	PriorGoodJobs float64 `yaml:"prior_good_jobs"`
	// StudyCost is the monthly cost of studying, £ per month.
	StudyCost float64 `yaml:"study_cost"`
	// StudyCostLowIncome is the monthly cost of studying for a learner
	// from a low-income background, £ per month.
	StudyCostLowIncome float64 `yaml:"study_cost_low_income"`
	// BasicCourseGain is the weight of the expected wage gain of a skilled
	// job, good·(wM − wL), in the value of a course up one level.
	BasicCourseGain float64 `yaml:"basic_course_gain"`
	// BasicCourseCurrency is the weight of the college's curriculum
	// currency in the value of a course up one level: the gain is scaled
	// by (1 − w) + w·currency.
	BasicCourseCurrency float64 `yaml:"basic_course_currency"`
	// BasicCourseBonus is the value of a course up one level beyond its
	// wage gain (basic skills are worth having), £ per month.
	BasicCourseBonus float64 `yaml:"basic_course_bonus"`
	// AdultCourseCost is what an adult (19 or over) gives up to take a
	// course, in earnings or time, £ per month.
	AdultCourseCost float64 `yaml:"adult_course_cost"`
	// AcademicBonus is the value of staying on in academic education at 16
	// beyond its wage gain (the default route of the school system), £ per
	// month.
	AcademicBonus float64 `yaml:"academic_bonus"`
	// AcademicWageWeight is the weight of the expected wage gain of a high
	// job, good·(wH − wL), in the value of the academic route.
	AcademicWageWeight float64 `yaml:"academic_wage_weight"`
	// AcademicLowIncomeCost is the extra cost of the academic route for a
	// learner from a low-income background, £ per month.
	AcademicLowIncomeCost float64 `yaml:"academic_low_income_cost"`
	// VocationalCurrency is the weight of the college's curriculum currency
	// in the value of a vocational level 3: the wage gain good·(wM − wL)
	// is scaled by (1 − w) + w·currency.
	VocationalCurrency float64 `yaml:"vocational_currency"`
	// UniversityCost is the cost of university beyond the study cost, £
	// per month.
	UniversityCost float64 `yaml:"university_cost"`
	// UniversityAcademicBonus is the extra value of university to a
	// learner under 19 on the academic track (no vocational
	// qualification), £ per month.
	UniversityAcademicBonus float64 `yaml:"university_academic_bonus"`
	// AdultCourseRate is the annual probability that a seeking adult (19
	// or over) below level 3 considers a college course.
	AdultCourseRate float64 `yaml:"adult_course_rate"`
	// CollegeChoiceBase is the weight every college with a free place has
	// in a learner's choice of college, added to its reputation (0–1).
	CollegeChoiceBase float64 `yaml:"college_choice_base"`
	// EmploymentWeight is how much of the risk of not finding work after
	// a route a learner weighs: the chance of work counted on is
	// 1 − w·(1 − the employment rate of recent completers) (1 weighs it
	// fully, as expected earnings do; 0 ignores it).
	EmploymentWeight float64 `yaml:"employment_weight"`
	// RecentCompleterAge is the age, in years, below which people out of
	// education count as recent completers, whose employment learners
	// watch to judge a route's chance of work.
	RecentCompleterAge int `yaml:"recent_completer_age"`
}

// Partnership holds the coefficients of the employer–college tie (ODD
// §7.7) and of colleges' partnership capacity and currency (§7.4, §7.5).
type Partnership struct {
	// TieFormation is the annual probability that an untied employer with
	// no reason to use a college forms a tie.
	TieFormation float64 `yaml:"tie_formation"`
	// TieFormationTraining is added to TieFormation for an employer that
	// trains its staff.
	TieFormationTraining float64 `yaml:"tie_formation_training"`
	// TieFormationHighSpec is added to TieFormation for an employer on a
	// high-specification strategy.
	TieFormationHighSpec float64 `yaml:"tie_formation_high_spec"`
	// TieFormationPeers is added to TieFormation times the share of the
	// sector's employers in co-production.
	TieFormationPeers float64 `yaml:"tie_formation_peers"`
	// TieChoiceReputation is the weight of a college's reputation, against
	// its partnership effort in the sector (weight 1), in the choice of a
	// college for a new tie.
	TieChoiceReputation float64 `yaml:"tie_choice_reputation"`
	// TieChoiceNoise is the weight of a uniform random term in the choice
	// of a college for a new tie.
	TieChoiceNoise float64 `yaml:"tie_choice_noise"`
	// CurrencyValueLowSpec is the value of a current curriculum to a
	// low-specification employer, as a multiple of CoproductionGain.
	CurrencyValueLowSpec float64 `yaml:"currency_value_low_spec"`
	// CurrencyValueHighSpec is the value of a current curriculum to a
	// high-specification employer, as a multiple of CoproductionGain.
	CurrencyValueHighSpec float64 `yaml:"currency_value_high_spec"`
	// NewTieReciprocation is the weight of the college's reciprocation in
	// the sector (what peers report of it), against the employer's own
	// trust, in the trust a new tie starts with.
	NewTieReciprocation float64 `yaml:"new_tie_reciprocation"`
	// TieLapse is the annual probability, times (1 − trust), that a
	// transactional tie of an employer that does not train lapses.
	TieLapse float64 `yaml:"tie_lapse"`
	// TieLapseTraining is the same for an employer that trains.
	TieLapseTraining float64 `yaml:"tie_lapse_training"`
	// TransactionalContact is the employer contact a college's
	// transactional ties give its curriculum, as a share of the contact of
	// full co-production, at an all-transactional catchment.
	TransactionalContact float64 `yaml:"transactional_contact"`
	// SizeWeight is the partnership staff time a co-production tie with an
	// employer of each size class takes, in small/medium-employer
	// equivalents.
	SizeWeight SizeClasses `yaml:"size_weight"`
	// CapacityPerPlace is the number of co-production ties (small/medium
	// equivalents) one place's worth of partnership staff time sustains at
	// full enrolment and the reference funding.
	CapacityPerPlace float64 `yaml:"capacity_per_place"`
	// CapacityEnrolment is the weight of enrolment in capacity: capacity is
	// scaled by (1 − w) + w·fill, fill being the share of places taken
	// (funding follows learners).
	CapacityEnrolment float64 `yaml:"capacity_enrolment"`
	// ReferenceFunding is the annual 16–19 funding per learner, £, at which
	// a college's partnership staff buy CapacityPerPlace; capacity scales
	// with funding_per_learner / ReferenceFunding.
	ReferenceFunding float64 `yaml:"reference_funding"`
	// AdjustmentRate is how fast colleges move their partnership effort
	// and reputation towards their targets: a share min(1, rate·Δt) of the
	// gap closes per step of Δt years.
	AdjustmentRate float64 `yaml:"adjustment_rate"`
}

// NetworkJoining holds what employers weigh in joining a High Progression
// and Skills Network (ODD §5, §7.15.3): the values of its activities,
// brokerage and intelligence, the time it takes, and the distribution of
// their thresholds for following peers (Granovetter 1978). Every employer
// draws its threshold at the start, whether or not a network is ever in
// force.
type NetworkJoining struct {
	// ThresholdMean is the mean of the normal distribution of thresholds:
	// the share of sector peers in the network at which an employer joins.
	ThresholdMean float64 `yaml:"threshold_mean"`
	// ThresholdSD is the standard deviation of the thresholds (each is
	// clamped to [0, 1]).
	ThresholdSD float64 `yaml:"threshold_sd"`
	// Conformity is the weight of peers in the joining decision: the gain,
	// as a share of monthly output, of a sector member share one above the
	// employer's threshold.
	Conformity float64 `yaml:"conformity"`
	// ActivityValue is what the full menu of joint activities is worth to
	// a micro member, as a share of its monthly output (× the network's
	// size_factor for larger members).
	ActivityValue float64 `yaml:"activity_value"`
	// BrokerageValue is what a brokered contact with a college is worth to
	// a member not yet co-producing, as a share of its monthly output.
	BrokerageValue float64 `yaml:"brokerage_value"`
	// IntelligenceValue is what pooled labour-market intelligence is worth
	// to a member per unit of the network's intelligence, as a share of its
	// monthly output.
	IntelligenceValue float64 `yaml:"intelligence_value"`
	// TimeShare is the time membership takes, as a share of one worker's
	// working time (meetings, steering groups).
	TimeShare float64 `yaml:"time_share"`
}

// Training holds the coefficients of the train-or-poach decision (ODD
// §7.9) and of training at work and apprenticeships (§7.13, §7.14).
type Training struct {
	// Discount is the monthly rate at which employers discount the future
	// return to training (short horizons).
	Discount float64 `yaml:"discount"`
	// Temperature is the logit temperature of the training decision, in
	// months of a worker's low-job output.
	Temperature float64 `yaml:"temperature"`
	// StartRate is the annual probability that a training employer starts
	// training a given eligible worker.
	StartRate float64 `yaml:"start_rate"`
	// CoproductionSaving is the share of the cost of training saved with a
	// co-producing college, at full reciprocation and currency.
	CoproductionSaving float64 `yaml:"coproduction_saving"`
	// Pass is the probability that an apprenticeship or training at work
	// succeeds.
	Pass float64 `yaml:"pass"`
	// PassReciprocation is added to Pass times the college's reciprocation
	// for a co-producing employer.
	PassReciprocation float64 `yaml:"pass_reciprocation"`
	// RecognitionByCurrency is the weight ω of the provider's curriculum
	// currency in the recognition of a level-3 qualification gained at
	// work: recognised with chance 1 − ω + ω·currency. 1 ties recognition
	// to the currency of the college that delivers the off-the-job
	// training (an assumption, after Finegold & Soskice 1988); 0 recognises
	// it whoever delivers it (the ESFA rule: any registered provider).
	RecognitionByCurrency float64 `yaml:"recognition_by_currency"`
	// FeeShare is the share of the cost of training that is the
	// off-the-job training fee, the part apprenticeship funding pays.
	FeeShare float64 `yaml:"fee_share"`
	// FrameworkFeeShare is the share of the fee employers pay when no levy
	// lever is given: the co-funding of apprenticeship frameworks.
	FrameworkFeeShare float64 `yaml:"framework_fee_share"`
	// LargeApprenticeships is large employers' use of apprenticeships
	// relative to smaller employers'.
	LargeApprenticeships float64 `yaml:"large_apprenticeships"`
	// Level2Offer is the chance that a training employer filling a low job
	// with a young person below level 2 takes them on as a level 2
	// apprentice.
	Level2Offer float64 `yaml:"level2_offer"`
	// ApprenticeMaxAge is the age, in years, below which a new hire may be
	// taken on as an apprentice.
	ApprenticeMaxAge int `yaml:"apprentice_max_age"`
}

// Education holds the lengths of courses and training and the chances of
// passing them (ODD §7.10–§7.14).
type Education struct {
	// CourseMonths is the length of a college course up one level, months.
	CourseMonths int `yaml:"course_months"`
	// Level3CourseMonths is the length of a level 3 study programme for
	// 16–18 year olds, months.
	Level3CourseMonths int `yaml:"level3_course_months"`
	// SixthFormMonths is the length of an academic course (A levels), months.
	SixthFormMonths int `yaml:"sixth_form_months"`
	// DegreeMonths is the length of a degree, months.
	DegreeMonths int `yaml:"degree_months"`
	// ApprenticeshipMonths is the length of an apprenticeship, months, and
	// the period over which its fee is paid.
	ApprenticeshipMonths int `yaml:"apprenticeship_months"`
	// InWorkTrainingMonths is the length of training at work, months.
	InWorkTrainingMonths int `yaml:"in_work_training_months"`
	// CoursePass is the probability of passing a college course with a
	// curriculum of no currency.
	CoursePass float64 `yaml:"course_pass"`
	// CoursePassCurrency is added to CoursePass times the curriculum's
	// currency.
	CoursePassCurrency float64 `yaml:"course_pass_currency"`
	// SixthFormPass is the probability of passing an academic course.
	SixthFormPass float64 `yaml:"sixth_form_pass"`
	// DegreePass is the probability of completing a degree.
	DegreePass float64 `yaml:"degree_pass"`
	// Dropout is the annual probability of leaving a college course early.
	Dropout float64 `yaml:"dropout"`
}

// Matching holds the coefficients of matching workers to jobs (ODD §7.14).
type Matching struct {
	// PipelineApplicants is how many more applicants a co-producing
	// employer's college sends, with probability its reciprocation, as a
	// multiple of the applicants screened per vacancy (rounded).
	PipelineApplicants float64 `yaml:"pipeline_applicants"`
	// OwnField is the probability that an applicant is drawn from the
	// seekers of the sector's own field, when there are any.
	OwnField float64 `yaml:"own_field"`
	// AcceptanceExponent sets how applicants from other fields accept
	// low-paid jobs: with probability min(1, (wage/reference wage)^k).
	AcceptanceExponent float64 `yaml:"acceptance_exponent"`
	// UnderQualifiedHire is the chance that an intermediate or high
	// vacancy with no qualified applicant goes to an unqualified one.
	UnderQualifiedHire float64 `yaml:"under_qualified_hire"`
	// PoachingTries is how many workers an employer approaches when it
	// tries to poach a qualified worker.
	PoachingTries int `yaml:"poaching_tries"`
	// PoachingPremium is the least pay rise a poached worker gets, as a
	// share of their old wage.
	PoachingPremium float64 `yaml:"poaching_premium"`
}

// Flows holds the annual rates of the flows between statuses that no
// decision rule sets (ODD §7.11–§7.13).
type Flows struct {
	// Reentry is the annual probability that an inactive person starts
	// looking for work.
	Reentry float64 `yaml:"reentry"`
	// SeekingToInactive is the annual probability that a seeker stops
	// looking and becomes inactive.
	SeekingToInactive float64 `yaml:"seeking_to_inactive"`
	// QuitToInactivity is the share of quitters who leave the labour force.
	QuitToInactivity float64 `yaml:"quit_to_inactivity"`
	// SelfEmploymentExit is the annual probability that a self-employed
	// person returns to looking for a job.
	SelfEmploymentExit float64 `yaml:"self_employment_exit"`
	// SkillObsolescence is the annual probability that a technical
	// qualification not used in a technical job stops being recognised.
	SkillObsolescence float64 `yaml:"skill_obsolescence"`
}

// DefaultRouteChoice returns the default coefficients of route choice.
func DefaultRouteChoice() RouteChoice {
	return RouteChoice{
		PriorGoodJobs:           0.3,
		StudyCost:               60,
		StudyCostLowIncome:      160,
		BasicCourseGain:         0.35,
		BasicCourseCurrency:     0.5,
		BasicCourseBonus:        120,
		AdultCourseCost:         80,
		AcademicBonus:           150,
		AcademicWageWeight:      0.5,
		AcademicLowIncomeCost:   100,
		VocationalCurrency:      0.6,
		UniversityCost:          200,
		UniversityAcademicBonus: 350,
		AdultCourseRate:         0.06,
		CollegeChoiceBase:       0.2,
		EmploymentWeight:        1,
		RecentCompleterAge:      25,
	}
}

// DefaultPartnership returns the default coefficients of ties and
// partnership capacity.
func DefaultPartnership() Partnership {
	return Partnership{
		TieFormation:          0.005,
		TieFormationTraining:  0.01,
		TieFormationHighSpec:  0.02,
		TieFormationPeers:     0.25,
		TieChoiceReputation:   0.5,
		TieChoiceNoise:        0.3,
		CurrencyValueLowSpec:  0.5,
		CurrencyValueHighSpec: 1,
		NewTieReciprocation:   0.5,
		TieLapse:              0.3,
		TieLapseTraining:      0.15,
		TransactionalContact:  0.2,
		SizeWeight:            SizeClasses{Micro: 0.3, SmallMedium: 1, Large: 3},
		CapacityPerPlace:      2,
		CapacityEnrolment:     0.5,
		ReferenceFunding:      4000,
		AdjustmentRate:        2,
	}
}

// DefaultNetworkJoining returns the default distribution of network
// thresholds, normal around a quarter of peers, and the values employers
// put on membership.
func DefaultNetworkJoining() NetworkJoining {
	return NetworkJoining{ThresholdMean: 0.25, ThresholdSD: 0.12, Conformity: 0.05,
		ActivityValue: 0.02, BrokerageValue: 0.01, IntelligenceValue: 0.01, TimeShare: 0.025}
}

// DefaultTraining returns the default coefficients of training.
func DefaultTraining() Training {
	return Training{
		Discount:              0.02,
		Temperature:           2.4,
		StartRate:             0.5,
		CoproductionSaving:    0.5,
		Pass:                  0.7,
		PassReciprocation:     0.25,
		RecognitionByCurrency: 1,
		FeeShare:              0.5,
		FrameworkFeeShare:     0.10,
		LargeApprenticeships:  0.6,
		Level2Offer:           0.3,
		ApprenticeMaxAge:      25,
	}
}

// DefaultEducation returns the default lengths and pass rates of courses
// and training.
func DefaultEducation() Education {
	return Education{
		CourseMonths:         12,
		Level3CourseMonths:   24,
		SixthFormMonths:      24,
		DegreeMonths:         36,
		ApprenticeshipMonths: 18,
		InWorkTrainingMonths: 12,
		CoursePass:           0.6,
		CoursePassCurrency:   0.35,
		SixthFormPass:        0.8,
		DegreePass:           0.85,
		Dropout:              0.04,
	}
}

// DefaultMatching returns the default coefficients of matching.
func DefaultMatching() Matching {
	return Matching{
		PipelineApplicants: 1,
		OwnField:           0.75,
		AcceptanceExponent: 2,
		UnderQualifiedHire: 0.3,
		PoachingTries:      20,
		PoachingPremium:    0.05,
	}
}

// DefaultFlows returns the default annual rates of the status flows.
func DefaultFlows() Flows {
	return Flows{
		Reentry:            0.25,
		SeekingToInactive:  0.04,
		QuitToInactivity:   0.15,
		SelfEmploymentExit: 0.12,
		SkillObsolescence:  0.06,
	}
}
