package model

// DefaultSectorNames are the sectors of the default region: the three
// sectors of the ELVET programme (Hodgson et al. 2019) and the rest of the
// economy.
var DefaultSectorNames = []string{"digital_tech", "creative", "social_care", "rest"}

// DefaultSector returns the default parameters of a sector by name. The
// three ELVET sectors carry the contrasts the paper describes; any other
// name gets the rest-of-economy defaults under that name.
func DefaultSector(name string) Sector {
	switch name {
	case "digital_tech":
		// SME-heavy, project based, recruits graduates even for jobs that need less.
		return Sector{
			Name:               name,
			Employers:          SizeClasses{Micro: 520, SmallMedium: 55, Large: 4},
			Interest:           0.14,
			QuitRate:           0.15,
			Productivity:       3600,
			LowSpecJobs:        JobMix{Low: 0.45, Intermediate: 0.25, High: 0.30},
			HighSpecJobs:       JobMix{Low: 0.15, Intermediate: 0.40, High: 0.45},
			HighSpecPremium:    0.45,
			UpgradeInvestment:  12,
			GraduatePreference: 0.6,
			SelfEmployment:     0.031,
			PartnershipCost:    0.05,
			TrainingCost:       5.6,
		}
	case "creative":
		// SME and freelance heavy, graduate recruitment, live projects.
		return Sector{
			Name:               name,
			Employers:          SizeClasses{Micro: 600, SmallMedium: 45, Large: 2},
			Interest:           0.12,
			QuitRate:           0.15,
			Productivity:       3000,
			LowSpecJobs:        JobMix{Low: 0.50, Intermediate: 0.25, High: 0.25},
			HighSpecJobs:       JobMix{Low: 0.20, Intermediate: 0.40, High: 0.40},
			HighSpecPremium:    0.40,
			UpgradeInvestment:  12,
			GraduatePreference: 0.5,
			SelfEmployment:     0.064,
			PartnershipCost:    0.05,
			TrainingCost:       11,
		}
	case "social_care":
		// Low pay, high turnover, eager but time-poor employers.
		return Sector{
			Name:               name,
			Employers:          SizeClasses{Micro: 230, SmallMedium: 120, Large: 7},
			Interest:           0.10,
			QuitRate:           0.14,
			Productivity:       2000,
			LowSpecJobs:        JobMix{Low: 0.80, Intermediate: 0.17, High: 0.03},
			HighSpecJobs:       JobMix{Low: 0.50, Intermediate: 0.42, High: 0.08},
			HighSpecPremium:    0.35,
			UpgradeInvestment:  12,
			GraduatePreference: 0.05,
			SelfEmployment:     0.013,
			PartnershipCost:    0.12,
			TrainingCost:       7.1,
		}
	default:
		// The rest of the economy: the shape of the whole labour market.
		return Sector{
			Name:               name,
			Employers:          SizeClasses{Micro: 3070, SmallMedium: 230, Large: 22},
			Interest:           0.64,
			QuitRate:           0.074,
			Productivity:       2800,
			LowSpecJobs:        JobMix{Low: 0.60, Intermediate: 0.22, High: 0.18},
			HighSpecJobs:       JobMix{Low: 0.30, Intermediate: 0.38, High: 0.32},
			HighSpecPremium:    0.38,
			UpgradeInvestment:  12,
			GraduatePreference: 0.3,
			SelfEmployment:     0.03,
			PartnershipCost:    0.06,
			TrainingCost:       11,
		}
	}
}

// DefaultCollegeNames are the colleges of the default region, named after
// the East London boroughs of the ELVET programme. They are illustrative,
// not calibrated to the real institutions.
var DefaultCollegeNames = []string{"newham", "tower_hamlets", "hackney", "barking_dagenham"}

// DefaultCollege returns the default parameters of a college with a name.
func DefaultCollege(name string) College {
	return College{
		Name:              name,
		Places:            700,
		AdultShare:        0.3,
		FundingPerLearner: 4000,
		PartnershipStaff:  0.10,
	}
}

// DefaultConfig returns the default scenario: an East London-like region
// of 50,000 working-age people, 5,000 employers and 4 colleges over twenty
// years, starting from the low-skills equilibrium the paper describes (few
// high-specification employers, 7% of employers using colleges, hardly any
// co-production).
func DefaultConfig() Config {
	c := Config{
		Name:         "default",
		Question:     "Does an East London-like region left to itself stay in the low-skills equilibrium?",
		Seed:         1,
		Replications: 20,
		Start:        MonthOf(2015, 1),
		End:          MonthOf(2035, 1),
		StepMonths:   1,
		SpinUpYears:  150,
		Population: Population{
			Persons:        50000,
			LowIncomeShare: 0.35,
			Attainment:     Levels{Entry: 0.10, Level1: 0.12, Level2: 0.23, Level3: 0.20, Level4: 0.35},
			SchoolLeavers:  Levels{Entry: 0.08, Level1: 0.22, Level2: 0.70},
			EmploymentRate: 0.72,
		},
		EmployerSize: SizeClasses{Micro: 3, SmallMedium: 30, Large: 300},
		Demography:   DefaultDemography(),
		Labour: LabourMarket{
			BargainingShare:      0.5,
			OutsideWage:          900,
			Applicants:           3,
			PoachingIntensity:    0.3,
			MigrantAccess:        JobMix{Low: 0.15, Intermediate: 0.05, High: 0.08},
			JobLossRate:          0.02,
			RoutineDecline:       0,
			RoutineBaseYear:      2015,
			RoutineToHigh:        0.8,
			ApprenticeshipRoute:  0.26,
			JobOutput:            JobMix{Low: 1, Intermediate: 1.5, High: 2.2},
			UnderQualifiedOutput: 0.75,
			Matching:             DefaultMatching(),
			Flows:                DefaultFlows(),
			Wages:                DefaultWages(),
		},
		Behaviour: Behaviour{
			Noise:               0.02,
			StrategyTemperature: 0.02,
			RouteTemperature:    150,
			CareersInformation:  0.5,
			ExpectationSpeed:    0.5,
			TrustGain:           0.15,
			TrustLoss:           0.45,
			CoproductionGain:    0.40,
			NetworkGain:         0.10,
			LetDownCost:         0.20,
			CollegeThreshold:    0.05,
			CurrencyDecay:       0.15,
			CurrencyGain:        0.40,
			PipelineWeight:      0.35,
			Routes:              DefaultRouteChoice(),
			Partnership:         DefaultPartnership(),
			Network:             DefaultNetworkJoining(),
			Training:            DefaultTraining(),
			Strategy:            DefaultStrategyChoice(),
			Colleges:            DefaultCollegeBehaviour(),
		},
		Education: DefaultEducation(),
		Initial: InitialState{
			HighSpecShare:     0.15,
			CollegeUseShare:   0.07,
			CoproductionShare: 0.05,
			Trust:             0.3,
			Currency:          0.4,
			TrainingShare:     0.5,
			VocationalShare:   0.35,
			HeadcountSpread:   0.6,
			TrustSpread:       0.1,
			SeekingMargin:     0.06,
			Applicants:        8,
		},
	}
	for _, n := range DefaultSectorNames {
		c.Sectors = append(c.Sectors, DefaultSector(n))
	}
	for _, n := range DefaultCollegeNames {
		c.Colleges = append(c.Colleges, DefaultCollege(n))
	}
	return c
}

// Steps returns the number of steps from Start to End.
func (c *Config) Steps() int {
	if c.StepMonths <= 0 {
		return 0
	}
	return (int(c.End) - int(c.Start)) / c.StepMonths
}
