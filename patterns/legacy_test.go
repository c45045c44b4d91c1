package patterns

// The Go-coded patterns that patterns/england.yaml replaced, kept only
// until the equivalence test has run once (see TestYAMLMatchesGoCode).

import (
	"math"

	"skillsim/model"
)

// Pattern is one observed pattern and the statistic that reproduces it.
type legacyPattern struct {
	// ID is the pattern's label in brief section 5 (P1 … P10), with a
	// letter when a pattern has several parts.
	ID string
	// Name says what is observed.
	Name string
	// Target states the observed figure.
	Target string
	// Source names where the figure comes from.
	Source string
	// Low and High bound the statistic's acceptable mean (the tolerance).
	Low, High float64
	// Stat computes the statistic from one replication's observations.
	Stat func(obs []model.Observation, sectors []string) float64
}

// mean averages a metric over the months in [from, to).
func lMean(obs []model.Observation, m model.Metric, from, to model.Month) float64 {
	s, n := 0.0, 0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Region[m]
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

// sectorMean averages a sector metric over the months in [from, to).
func lSectorMean(obs []model.Observation, sectors []string, name string, m model.SectorMetric, from, to model.Month) float64 {
	k := -1
	for i, s := range sectors {
		if s == name {
			k = i
		}
	}
	if k < 0 {
		return math.NaN()
	}
	s, n := 0.0, 0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Sectors[k][m]
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

// weighted is the share-weighted count of starts over [from, to): the mean
// of starts × share, so that shares of starts average over starts, not months.
func lWeighted(obs []model.Observation, share model.Metric, from, to model.Month) float64 {
	s := 0.0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Region[model.ApprenticeshipStarts] * obs[i].Region[share]
		}
	}
	return s
}

func lTotal(obs []model.Observation, m model.Metric, from, to model.Month) float64 {
	s := 0.0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Region[m]
		}
	}
	return s
}

// academic returns the academic year starting in August of year y.
func lAcademic(y int) (model.Month, model.Month) {
	return model.MonthOf(y, 8), model.MonthOf(y+1, 8)
}

func lYear(y int) (model.Month, model.Month) { return model.MonthOf(y, 1), model.MonthOf(y+1, 1) }

func lSpan(y0, y1 int) (model.Month, model.Month) { return model.MonthOf(y0, 1), model.MonthOf(y1+1, 1) }

// shareOfStarts is the share of an academic year's starts with a property.
func lShareOfStarts(obs []model.Observation, share model.Metric, y int) float64 {
	a, b := lAcademic(y)
	return lWeighted(obs, share, a, b) / lTotal(obs, model.ApprenticeshipStarts, a, b)
}

// England is the set of patterns of brief section 5. The baseline runs
// from 2005 and its first years are a transient (the initial workforce's
// skill gaps being trained away), so every comparison starts in 2011 at
// the earliest; P2, observed from 2005, is compared from 2011.
var legacyEngland = []legacyPattern{
	{ID: "P1a", Name: "share of employers training staff, 2011–17", Target: "65–66%", Source: "Employer Skills Survey",
		Low: 0.60, High: 0.71,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2011, 2017)
			return lMean(o, model.EmployerTrainingShare, a, b)
		}},
	{ID: "P1b", Name: "change in the share training, 2011–17 to 2024", Target: "−7 points (66% to 59%)", Source: "Employer Skills Survey",
		Low: -0.12, High: -0.02,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2011, 2017)
			c, d := lYear(2024)
			return lMean(o, model.EmployerTrainingShare, c, d) - lMean(o, model.EmployerTrainingShare, a, b)
		}},
	{ID: "P2", Name: "training spend per employee, 2019 relative to 2011", Target: "falls about 28% (2005–19)", Source: "Learning and Work Institute",
		Low: 0.62, High: 0.85,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lYear(2011)
			c, d := lYear(2019)
			return lMean(o, model.TrainingSpendPerEmployee, c, d) / lMean(o, model.TrainingSpendPerEmployee, a, b)
		}},
	{ID: "P3a", Name: "apprenticeship starts 2017/18 relative to 2015/16", Target: "0.74 (509k to 376k)", Source: "DfE via FE Week",
		Low: 0.64, High: 0.84,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lAcademic(2015)
			c, d := lAcademic(2017)
			return lTotal(o, model.ApprenticeshipStarts, c, d) / lTotal(o, model.ApprenticeshipStarts, a, b)
		}},
	{ID: "P3b", Name: "pre-levy surge: starts Feb–Apr 2017 relative to Feb–Apr 2016", Target: "1.47", Source: "DfE via FE Week",
		Low: 1.2, High: 1.8,
		Stat: func(o []model.Observation, _ []string) float64 {
			return lTotal(o, model.ApprenticeshipStarts, model.MonthOf(2017, 2), model.MonthOf(2017, 5)) /
				lTotal(o, model.ApprenticeshipStarts, model.MonthOf(2016, 2), model.MonthOf(2016, 5))
		}},
	{ID: "P3c", Name: "post-levy drop: starts May–Jul 2017 relative to May–Jul 2016", Target: "0.39", Source: "DfE via FE Week",
		Low: 0.25, High: 0.6,
		Stat: func(o []model.Observation, _ []string) float64 {
			return lTotal(o, model.ApprenticeshipStarts, model.MonthOf(2017, 5), model.MonthOf(2017, 8)) /
				lTotal(o, model.ApprenticeshipStarts, model.MonthOf(2016, 5), model.MonthOf(2016, 8))
		}},
	{ID: "P4a", Name: "level 2 share of starts, 2017/18", Target: "43%", Source: "FE Week",
		Low: 0.33, High: 0.53,
		Stat: func(o []model.Observation, _ []string) float64 {
			return lShareOfStarts(o, model.StartsLevel2Share, 2017)
		}},
	{ID: "P4b", Name: "change in level 2 share of starts, 2017/18 to 2022/23", Target: "−20 points (43% to 23%)", Source: "FE Week",
		Low: -0.30, High: -0.10,
		Stat: func(o []model.Observation, _ []string) float64 {
			return lShareOfStarts(o, model.StartsLevel2Share, 2022) - lShareOfStarts(o, model.StartsLevel2Share, 2017)
		}},
	{ID: "P4c", Name: "change in higher (level 4+) share of starts, 2017/18 to 2022/23", Target: "+20 points (13% to 33%)", Source: "FE Week",
		Low: 0.10, High: 0.30,
		Stat: func(o []model.Observation, _ []string) float64 {
			return lShareOfStarts(o, model.StartsHigherShare, 2022) - lShareOfStarts(o, model.StartsHigherShare, 2017)
		}},
	{ID: "P4d", Name: "under-19 starts 2022/23 relative to 2017/18", Target: "0.75 (131k to 98k)", Source: "Resolution Foundation",
		Low: 0.60, High: 0.90,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lAcademic(2017)
			c, d := lAcademic(2022)
			return lWeighted(o, model.StartsUnder19Share, c, d) / lWeighted(o, model.StartsUnder19Share, a, b)
		}},
	{ID: "P5", Name: "levy spent as a share of levy paid, 2019", Target: "0.31 (£0.86bn of £2.8bn)", Source: "FOI via FE News",
		Low: 0.2, High: 0.45,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lYear(2019)
			return lTotal(o, model.LevySpent, a, b) / lTotal(o, model.LevyPaid, a, b)
		}},
	{ID: "P6a", Name: "starts per 1,000 people a year, 2011–16 (England about 15, London lowest)", Target: "below 12", Source: "GLA datastore",
		Low: 3, High: 12,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2011, 2016)
			return lMean(o, model.ApprenticeshipStarts, a, b)
		}},
	{ID: "P6b", Name: "level 2 starts 2022/23 relative to 2016/17", Target: "about 0.33 (down two thirds)", Source: "GLA datastore",
		Low: 0.2, High: 0.5,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lAcademic(2016)
			c, d := lAcademic(2022)
			return lWeighted(o, model.StartsLevel2Share, c, d) / lWeighted(o, model.StartsLevel2Share, a, b)
		}},
	{ID: "P6c", Name: "under-25 starts 2022/23 relative to 2016/17", Target: "about 0.8 (down a fifth)", Source: "GLA datastore",
		Low: 0.65, High: 0.95,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lAcademic(2016)
			c, d := lAcademic(2022)
			return lWeighted(o, model.StartsUnder25Share, c, d) / lWeighted(o, model.StartsUnder25Share, a, b)
		}},
	{ID: "P7a", Name: "employers using FE colleges for training, 2012–14", Target: "7%", Source: "Berry et al. 2014",
		Low: 0.04, High: 0.10,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2012, 2014)
			return lMean(o, model.EmployerCollegeUseShare, a, b)
		}},
	{ID: "P7b", Name: "employers offering apprenticeships, 2012–14", Target: "12%", Source: "Berry et al. 2014",
		Low: 0.08, High: 0.16,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2012, 2014)
			return lMean(o, model.ApprenticeshipOfferShare, a, b)
		}},
	{ID: "P8a", Name: "change in high-skill job share, 2011 to 2024", Target: "grows", Source: "Goos & Manning 2007",
		Low: 0.005, High: 0.2,
		Stat: func(o []model.Observation, _ []string) float64 { return lChange(o, model.HighSkillJobShare) }},
	{ID: "P8b", Name: "change in low-skill job share, 2011 to 2024", Target: "grows", Source: "Goos & Manning 2007",
		Low: 0.0, High: 0.2,
		Stat: func(o []model.Observation, _ []string) float64 { return lChange(o, model.LowSkillJobShare) }},
	{ID: "P8c", Name: "change in intermediate job share, 2011 to 2024", Target: "shrinks", Source: "Goos & Manning 2007",
		Low: -0.2, High: -0.005,
		Stat: func(o []model.Observation, _ []string) float64 { return lChange(o, model.IntermediateJobShare) }},
	{ID: "P9a", Name: "adult social care turnover, 2014–18", Target: "about 28%", Source: "Skills for Care",
		Low: 0.23, High: 0.33,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := lSpan(2014, 2018)
			return lSectorMean(o, s, "social_care", model.SectorTurnoverRate, a, b)
		}},
	{ID: "P9b", Name: "adult social care vacancy rate, 2014–18", Target: "7–8%", Source: "Skills for Care",
		Low: 0.055, High: 0.10,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := lSpan(2014, 2018)
			return lSectorMean(o, s, "social_care", model.SectorVacancyRate, a, b)
		}},
	{ID: "P9c", Name: "all-sector turnover, 2014–18", Target: "about 15%", Source: "Skills for Care (UK all sectors)",
		Low: 0.11, High: 0.19,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2014, 2018)
			return lMean(o, model.TurnoverRate, a, b)
		}},
	{ID: "P9d", Name: "all-sector vacancy rate, 2014–18", Target: "about 3%", Source: "Skills for Care (UK all sectors)",
		Low: 0.015, High: 0.045,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2014, 2018)
			return lMean(o, model.VacancyRate, a, b)
		}},
	{ID: "P10a", Name: "creative industries self-employment, 2015–20", Target: "25–32%", Source: "Hodgson et al. 2019; DCMS",
		Low: 0.22, High: 0.34,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := lSpan(2015, 2020)
			return lSectorMean(o, s, "creative", model.SectorSelfEmploymentShare, a, b)
		}},
	{ID: "P10b", Name: "all-sector self-employment, 2015–20", Target: "15–16%", Source: "DCMS",
		Low: 0.12, High: 0.19,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := lSpan(2015, 2020)
			return lMean(o, model.SelfEmploymentShare, a, b)
		}},
}

// change is a metric's 2024 mean minus its 2011 mean.
func lChange(o []model.Observation, m model.Metric) float64 {
	a, b := lYear(2011)
	c, d := lYear(2024)
	return lMean(o, m, c, d) - lMean(o, m, a, b)
}

