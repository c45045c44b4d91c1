package model

// Validation of the coefficients of the decision rules and flows
// (config_rules.go); Validate calls these in the order of the schema.

// maxCourseMonths is the longest course or training a scenario may give,
// in months (a person's months left of training are kept in a byte).
const maxCourseMonths = 120

// amount checks that x is a finite what, of any sign (a utility term that
// may be a bonus or a penalty).
func (v *validator) amount(path string, x float64, what string) {
	v.finite(path, x, what)
}

// sizeClasses checks that each size class's value is a finite what ≥ 0,
// or in [0, 1] if unit.
func (v *validator) sizeClasses(path string, s SizeClasses, what string, unit bool) {
	for _, f := range []struct {
		key string
		x   float64
	}{{"micro", s.Micro}, {"small_medium", s.SmallMedium}, {"large", s.Large}} {
		if unit {
			v.unit(path+"."+f.key, f.x, what)
		} else {
			v.nonNegative(path+"."+f.key, f.x, what)
		}
	}
}

// labourRules checks the labour market's output, matching and flow
// coefficients.
func (v *validator) labourRules(l *LabourMarket) {
	const at = "labour_market."
	v.share(at+"routine_to_high", l.RoutineToHigh)
	v.positive(at+"job_output.low", l.JobOutput.Low, "a multiple of a low job's output")
	v.positive(at+"job_output.intermediate", l.JobOutput.Intermediate, "a multiple of a low job's output")
	v.positive(at+"job_output.high", l.JobOutput.High, "a multiple of a low job's output")
	v.share(at+"under_qualified_output", l.UnderQualifiedOutput)

	m := l.Matching
	v.nonNegative(at+"matching.pipeline_applicants", m.PipelineApplicants, "a multiple of applicants")
	v.probability(at+"matching.own_field", m.OwnField)
	v.nonNegative(at+"matching.acceptance_exponent", m.AcceptanceExponent, "an exponent")
	v.probability(at+"matching.under_qualified_hire", m.UnderQualifiedHire)
	v.count(at+"matching.poaching_tries", m.PoachingTries, 0)
	v.nonNegative(at+"matching.poaching_premium", m.PoachingPremium, "a share of the old wage")

	f := l.Flows
	v.probability(at+"flows.reentry", f.Reentry)
	v.probability(at+"flows.seeking_to_inactive", f.SeekingToInactive)
	v.probability(at+"flows.quit_to_inactivity", f.QuitToInactivity)
	v.probability(at+"flows.self_employment_exit", f.SelfEmploymentExit)
	v.probability(at+"flows.skill_obsolescence", f.SkillObsolescence)
}

// behaviourRules checks the sub-blocks of behaviour.
func (v *validator) behaviourRules(b *Behaviour) {
	const rt = "behaviour.routes."
	r := b.Routes
	v.share(rt+"prior_good_jobs", r.PriorGoodJobs)
	v.nonNegative(rt+"study_cost", r.StudyCost, "an amount in £ per month")
	v.nonNegative(rt+"study_cost_low_income", r.StudyCostLowIncome, "an amount in £ per month")
	v.nonNegative(rt+"basic_course_gain", r.BasicCourseGain, "a weight")
	v.unit(rt+"basic_course_currency", r.BasicCourseCurrency, "a weight")
	v.amount(rt+"basic_course_bonus", r.BasicCourseBonus, "an amount in £ per month")
	v.nonNegative(rt+"adult_course_cost", r.AdultCourseCost, "an amount in £ per month")
	v.amount(rt+"academic_bonus", r.AcademicBonus, "an amount in £ per month")
	v.nonNegative(rt+"academic_wage_weight", r.AcademicWageWeight, "a weight")
	v.nonNegative(rt+"academic_low_income_cost", r.AcademicLowIncomeCost, "an amount in £ per month")
	v.unit(rt+"vocational_currency", r.VocationalCurrency, "a weight")
	v.nonNegative(rt+"university_cost", r.UniversityCost, "an amount in £ per month")
	v.amount(rt+"university_academic_bonus", r.UniversityAcademicBonus, "an amount in £ per month")
	v.probability(rt+"adult_course_rate", r.AdultCourseRate)
	v.positive(rt+"college_choice_base", r.CollegeChoiceBase, "a weight")
	v.unit(rt+"employment_weight", r.EmploymentWeight, "a weight")
	v.between(rt+"recent_completer_age", r.RecentCompleterAge, 17, 66, "years")

	const pt = "behaviour.partnership."
	p := b.Partnership
	v.probability(pt+"tie_formation", p.TieFormation)
	v.probability(pt+"tie_formation_training", p.TieFormationTraining)
	v.probability(pt+"tie_formation_high_spec", p.TieFormationHighSpec)
	v.probability(pt+"tie_formation_peers", p.TieFormationPeers)
	v.nonNegative(pt+"tie_choice_reputation", p.TieChoiceReputation, "a weight")
	v.nonNegative(pt+"tie_choice_noise", p.TieChoiceNoise, "a weight")
	v.nonNegative(pt+"currency_value_low_spec", p.CurrencyValueLowSpec, "a multiple of coproduction_gain")
	v.nonNegative(pt+"currency_value_high_spec", p.CurrencyValueHighSpec, "a multiple of coproduction_gain")
	v.unit(pt+"new_tie_reciprocation", p.NewTieReciprocation, "a weight")
	v.probability(pt+"tie_lapse", p.TieLapse)
	v.probability(pt+"tie_lapse_training", p.TieLapseTraining)
	v.share(pt+"transactional_contact", p.TransactionalContact)
	v.sizeClasses(pt+"size_weight", p.SizeWeight, "a number of small/medium-employer equivalents", false)
	v.nonNegative(pt+"capacity_per_place", p.CapacityPerPlace, "a number of ties per place")
	v.unit(pt+"capacity_enrolment", p.CapacityEnrolment, "a weight")
	v.positive(pt+"reference_funding", p.ReferenceFunding, "an amount in £ per year")
	v.nonNegative(pt+"adjustment_rate", p.AdjustmentRate, "a rate per year")

	v.share("behaviour.network.threshold_mean", b.Network.ThresholdMean)
	v.nonNegative("behaviour.network.threshold_sd", b.Network.ThresholdSD, "a standard deviation")
	v.unit("behaviour.network.conformity", b.Network.Conformity, "a share of monthly output")
	v.unit("behaviour.network.activity_value", b.Network.ActivityValue, "a share of monthly output")
	v.unit("behaviour.network.brokerage_value", b.Network.BrokerageValue, "a share of monthly output")
	v.unit("behaviour.network.intelligence_value", b.Network.IntelligenceValue, "a share of monthly output")
	v.unit("behaviour.network.time_share", b.Network.TimeShare, "a share of one worker's time")

	v.collegeBehaviour(&b.Colleges)

	const tr = "behaviour.training."
	t := b.Training
	v.nonNegative(tr+"discount", t.Discount, "a rate per month")
	v.positive(tr+"temperature", t.Temperature, "a temperature")
	v.probability(tr+"start_rate", t.StartRate)
	v.share(tr+"coproduction_saving", t.CoproductionSaving)
	v.probability(tr+"pass", t.Pass)
	v.probability(tr+"pass_reciprocation", t.PassReciprocation)
	v.share(tr+"recognition_by_currency", t.RecognitionByCurrency)
	v.share(tr+"fee_share", t.FeeShare)
	v.share(tr+"framework_fee_share", t.FrameworkFeeShare)
	v.probability(tr+"large_apprenticeships", t.LargeApprenticeships)
	v.probability(tr+"level2_offer", t.Level2Offer)
	v.between(tr+"apprentice_max_age", t.ApprenticeMaxAge, entryAge/12, retireAge/12, "years")
}

// education checks the lengths and pass rates of courses and training.
func (v *validator) education(e *Education) {
	const at = "education."
	v.between(at+"course_months", e.CourseMonths, 1, maxCourseMonths, "months")
	v.between(at+"level3_course_months", e.Level3CourseMonths, 1, maxCourseMonths, "months")
	v.between(at+"sixth_form_months", e.SixthFormMonths, 1, maxCourseMonths, "months")
	v.between(at+"degree_months", e.DegreeMonths, 1, maxCourseMonths, "months")
	v.between(at+"apprenticeship_months", e.ApprenticeshipMonths, 1, maxCourseMonths, "months")
	v.between(at+"in_work_training_months", e.InWorkTrainingMonths, 1, maxCourseMonths, "months")
	v.probability(at+"course_pass", e.CoursePass)
	v.probability(at+"course_pass_currency", e.CoursePassCurrency)
	v.probability(at+"sixth_form_pass", e.SixthFormPass)
	v.probability(at+"degree_pass", e.DegreePass)
	v.probability(at+"dropout", e.Dropout)
}

// initialRules checks the spreads and devices of the initial state.
func (v *validator) initialRules(in *InitialState) {
	v.unit("initial.headcount_spread", in.HeadcountSpread, "a spread")
	v.unit("initial.trust_spread", in.TrustSpread, "a spread")
	v.share("initial.seeking_margin", in.SeekingMargin)
	v.count("initial.applicants", in.Applicants, 1)
}
