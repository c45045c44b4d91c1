package model

// Metric names one regional indicator observed at every step.
type Metric int

// The regional indicators, in the column order of timeseries.csv.
const (
	HighSkillStrategyShare   Metric = iota // share of employers on a high-specification strategy
	LowSkillJobShare                       // share of filled jobs at the low level
	IntermediateJobShare                   // share of filled jobs at the intermediate level (level 3)
	HighSkillJobShare                      // share of filled jobs at the high level (level 4+)
	EmployerTrainingShare                  // share of employers training their staff
	TrainingSpendPerEmployee               // employers' own training spend per employee (net of apprenticeship funding), £ per year
	EmployerCollegeUseShare                // share of employers with a tie to a college
	ApprenticeshipOfferShare               // share of employers with an apprentice or a worker in funded training
	CoproductionShare                      // share of active employer–college ties in co-production
	MeanTrust                              // mean trust of tied employers in their college
	Level3PlusShare                        // share of working-age people qualified at level 3 or above
	YouthEmploymentRate                    // share of 16–24 year olds not in education who are in work
	VacancyRate                            // vacancies per job (filled plus vacant)
	TurnoverRate                           // annualised share of workers leaving their job
	MeanWage                               // mean monthly wage of employees, £
	Productivity                           // mean monthly output per worker, £
	MeanCurrency                           // mean curriculum currency of colleges over sectors
	SelfEmploymentShare                    // share of workers who are self-employed
	ApprenticeshipStarts                   // apprenticeship starts (incl. funded training at work) per 1,000 people per year
	StartsLevel2Share                      // share of starts at level 2
	StartsHigherShare                      // share of starts at level 4 or above (higher apprenticeships)
	StartsUnder19Share                     // share of starts by people under 19
	StartsUnder25Share                     // share of starts by people under 25
	LevyPaid                               // levy paid in, £ per person per year
	LevySpent                              // levy funds spent on apprenticeships, £ per person per year
	LevyExpired                            // levy funds expired unspent (returned), £ per person per year
	NetworkMemberShare                     // share of employers in a High Progression and Skills Network
	NetworkBrokerOpen                      // 1 while the network's convener (broker) is open, else 0
	NetworkReserve                         // the broker's reserve, £
	NetworkGrant                           // the broker's public grant, £ per year
	NetworkFees                            // the broker's income from member fees, £ per year
	NetworkCosts                           // the broker's running costs (fixed and per member), £ per year
	NetworkBrokeredTies                    // ties the broker pays to broker, small/medium-employer equivalents per year
	HardToFillShare                        // hard-to-fill vacancies / vacancies (Employer Skills Survey)
	ShortageDensity                        // skill-shortage vacancies / vacancies (ESS density)
	ShortageIncidence                      // share of employers with a skill-shortage vacancy (ESS incidence)
	SkillsGapShare                         // share of employers with an under-qualified incumbent (ESS skills gaps)
	SkillsGapStaffShare                    // under-qualified incumbents / filled jobs
	OverqualifiedShare                     // share of employees in a job below their level (ONS over-education)
	GraduateOverqualified                  // share of employees at level 4+ in a job below the high level
	HighSkillEmploymentShare               // share of jobs (headcount) at employers on a high-specification strategy
	EmployerEntries                        // employers that entered at the last turn of the year, per employer (the yearly entry rate)
	EmployerExits                          // employers that left at the last turn of the year, per employer (the yearly exit rate)
	TrainingSubsidyPaid                    // training subsidy paid to employers, £ per person per year
	IncentivePaid                          // incentive payments for new apprentices, £ per person per year
	NumMetrics                             // the number of regional indicators
)

var metricNames = [NumMetrics]string{
	"high_skill_strategy_share",
	"low_skill_job_share",
	"intermediate_job_share",
	"high_skill_job_share",
	"employer_training_share",
	"training_spend_per_employee",
	"employer_college_use_share",
	"apprenticeship_offer_share",
	"coproduction_share",
	"mean_trust",
	"level3_plus_share",
	"youth_employment_rate",
	"vacancy_rate",
	"turnover_rate",
	"mean_wage",
	"productivity",
	"mean_currency",
	"self_employment_share",
	"apprenticeship_starts",
	"starts_level2_share",
	"starts_higher_share",
	"starts_under19_share",
	"starts_under25_share",
	"levy_paid",
	"levy_spent",
	"levy_expired",
	"network_member_share",
	"network_broker_open",
	"network_reserve",
	"network_grant",
	"network_fees",
	"network_costs",
	"network_brokered_ties",
	"hard_to_fill_vacancy_share",
	"skill_shortage_vacancy_density",
	"skill_shortage_vacancy_incidence",
	"skills_gap_share",
	"skills_gap_staff_share",
	"overqualified_share",
	"graduate_overqualified_share",
	"high_skill_employment_share",
	"employer_entries",
	"employer_exits",
	"training_subsidy_paid",
	"incentive_paid",
}

// String returns the snake_case column name of m.
func (m Metric) String() string {
	if m < 0 || m >= NumMetrics {
		return "unknown"
	}
	return metricNames[m]
}

// MetricNames returns the names of all regional indicators in column order.
func MetricNames() []string { return append([]string(nil), metricNames[:]...) }

// SectorMetric names one indicator observed for each sector.
type SectorMetric int

// The sector indicators, in the order they are written to sectors.csv.
const (
	SectorHighSkillStrategyShare   SectorMetric = iota // share of the sector's employers on high specification
	SectorLowSkillJobShare                             // share of the sector's filled jobs at the low level
	SectorIntermediateJobShare                         // share at the intermediate level
	SectorHighSkillJobShare                            // share at the high level
	SectorTrainingShare                                // share of the sector's employers training
	SectorCollegeUseShare                              // share of the sector's employers tied to a college
	SectorCoproductionShare                            // share of the sector's ties in co-production
	SectorVacancyRate                                  // vacancies per job in the sector
	SectorTurnoverRate                                 // annualised share of the sector's workers leaving their job
	SectorSelfEmploymentShare                          // share of the sector's workers who are self-employed
	SectorMeanWage                                     // mean monthly wage of the sector's employees, £
	SectorQualifiedStaffing                            // share of intermediate posts held by qualified workers
	SectorHardToFillShare                              // hard-to-fill vacancies / vacancies in the sector
	SectorShortageDensity                              // skill-shortage vacancies / vacancies in the sector
	SectorShortageIncidence                            // share of the sector's employers with a skill-shortage vacancy
	SectorSkillsGapShare                               // share of the sector's employers with an under-qualified incumbent
	SectorSkillsGapStaffShare                          // under-qualified incumbents / filled jobs in the sector
	SectorOverqualifiedShare                           // share of the sector's employees in a job below their level
	SectorGraduateOverqualified                        // share of the sector's employees at level 4+ in a job below the high level
	SectorHighSkillEmploymentShare                     // share of the sector's jobs at high-specification employers
	SectorEmployerEntries                              // the sector's entries at the last turn of the year, per employer
	SectorEmployerExits                                // the sector's exits at the last turn of the year, per employer
	NumSectorMetrics                                   // the number of sector indicators
)

var sectorMetricNames = [NumSectorMetrics]string{
	"high_skill_strategy_share",
	"low_skill_job_share",
	"intermediate_job_share",
	"high_skill_job_share",
	"employer_training_share",
	"employer_college_use_share",
	"coproduction_share",
	"vacancy_rate",
	"turnover_rate",
	"self_employment_share",
	"mean_wage",
	"qualified_staffing",
	"hard_to_fill_vacancy_share",
	"skill_shortage_vacancy_density",
	"skill_shortage_vacancy_incidence",
	"skills_gap_share",
	"skills_gap_staff_share",
	"overqualified_share",
	"graduate_overqualified_share",
	"high_skill_employment_share",
	"employer_entries",
	"employer_exits",
}

// String returns the snake_case name of m.
func (m SectorMetric) String() string {
	if m < 0 || m >= NumSectorMetrics {
		return "unknown"
	}
	return sectorMetricNames[m]
}

// SectorMetricNames returns the names of all sector indicators in order.
func SectorMetricNames() []string { return append([]string(nil), sectorMetricNames[:]...) }

// Observation is the state of a region's indicators at one step.
type Observation struct {
	// Step is the number of steps taken so far (0 is the initial state).
	Step int
	// Date is the month the observation describes.
	Date Month
	// Region holds the regional indicators, indexed by Metric.
	Region [NumMetrics]float64
	// Sectors holds the sector indicators, one array per sector in
	// configuration order, indexed by SectorMetric.
	Sectors [][NumSectorMetrics]float64
	// Regime is the region's regime: DefaultRegimeRule applied to the mean
	// of its indicators over the past year (the steps of the last twelve
	// months, this one included; ODD §9).
	Regime Regime
	// SectorRegimes holds each sector's regime, by the same rule applied
	// to the sector's indicators, in configuration order.
	SectorRegimes []Regime
	// Colleges holds each college's state, in configuration order.
	Colleges []CollegeObservation
}
