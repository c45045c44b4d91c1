package plots

import (
	"slices"

	"skillsim/model"
)

// metricLabel holds a regional indicator's name for a title and its unit
// for an axis.
type metricLabel struct {
	title, unit string
	share       bool // a share, drawn in per cent
}

var metricLabels = [model.NumMetrics]metricLabel{
	model.HighSkillStrategyShare:   {"High-skill product strategies", "share of employers", true},
	model.LowSkillJobShare:         {"Low-skill jobs", "share of filled jobs", true},
	model.IntermediateJobShare:     {"Intermediate jobs (level 3)", "share of filled jobs", true},
	model.HighSkillJobShare:        {"High-skill jobs (level 4+)", "share of filled jobs", true},
	model.EmployerTrainingShare:    {"Employers training staff", "share of employers", true},
	model.TrainingSpendPerEmployee: {"Employers' training spend", "£ per employee per year", false},
	model.EmployerCollegeUseShare:  {"Employers tied to a college", "share of employers", true},
	model.ApprenticeshipOfferShare: {"Employers with apprentices", "share of employers", true},
	model.CoproductionShare:        {"Ties in co-production", "share of employer–college ties", true},
	model.MeanTrust:                {"Employers' trust in colleges", "mean trust (0–1)", false},
	model.Level3PlusShare:          {"Qualified to level 3 or above", "share of working-age people", true},
	model.YouthEmploymentRate:      {"Youth employment", "share of 16–24s in work", true},
	model.VacancyRate:              {"Vacancies", "vacancies per job", true},
	model.TurnoverRate:             {"Staff turnover", "share of workers leaving per year", true},
	model.MeanWage:                 {"Mean wage", "£ per month", false},
	model.Productivity:             {"Productivity", "£ of output per worker a month", false},
	model.MeanCurrency:             {"Curriculum currency", "mean over colleges (0–1)", false},
	model.SelfEmploymentShare:      {"Self-employment", "share of workers", true},
	model.ApprenticeshipStarts:     {"Apprenticeship starts", "per 1,000 people per year", false},
	model.StartsLevel2Share:        {"Starts at level 2", "share of starts", true},
	model.StartsHigherShare:        {"Starts at level 4 or above", "share of starts", true},
	model.StartsUnder19Share:       {"Starts by under-19s", "share of starts", true},
	model.StartsUnder25Share:       {"Starts by under-25s", "share of starts", true},
	model.LevyPaid:                 {"Levy paid", "£ per person per year", false},
	model.LevySpent:                {"Levy spent", "£ per person per year", false},
	model.LevyExpired:              {"Levy expired unspent", "£ per person per year", false},
	model.NetworkMemberShare:       {"Network members", "share of employers", true},
	model.NetworkBrokerOpen:        {"Network convener open", "1 open, 0 closed", false},
	model.NetworkReserve:           {"Network convener's reserve", "£", false},
	model.NetworkGrant:             {"Network public grant", "£ per year", false},
	model.NetworkFees:              {"Network member fees", "£ per year", false},
	model.NetworkCosts:             {"Network running costs", "£ per year", false},
	model.NetworkBrokeredTies:      {"Ties brokered by the network", "SME equivalents per year", false},
	model.HardToFillShare:          {"Hard-to-fill vacancies", "share of vacancies", true},
	model.ShortageDensity:          {"Skill-shortage vacancies", "share of vacancies", true},
	model.ShortageIncidence:        {"Employers with skill-shortage vacancies", "share of employers", true},
	model.SkillsGapShare:           {"Employers with skills gaps", "share of employers", true},
	model.SkillsGapStaffShare:      {"Staff with skills gaps", "share of filled jobs", true},
	model.OverqualifiedShare:       {"Over-qualified workers", "share of employees", true},
	model.GraduateOverqualified:    {"Over-qualified graduates", "share of employees at level 4+", true},
	model.TrainingSubsidyPaid:      {"Training subsidy paid", "£ per person per year", false},
	model.IncentivePaid:            {"Incentive payments", "£ per person per year", false},
}

// MetricTitle returns a regional indicator's name for a title, such as
// "Ties in co-production".
func MetricTitle(m model.Metric) string {
	if m < 0 || m >= model.NumMetrics {
		return m.String()
	}
	return metricLabels[m].title
}

// MetricUnit returns a regional indicator's unit for an axis, such as
// "share of employers" or "£ per month".
func MetricUnit(m model.Metric) string {
	if m < 0 || m >= model.NumMetrics {
		return ""
	}
	return metricLabels[m].unit
}

// isShare reports whether m is a share, drawn in per cent.
func isShare(m model.Metric) bool {
	return m >= 0 && m < model.NumMetrics && metricLabels[m].share
}

// metricByName returns the indicator called name (as in timeseries.csv),
// or -1.
func metricByName(name string) model.Metric {
	return model.Metric(slices.Index(model.MetricNames(), name))
}

// outputTitle returns the title of an output named as in runs.csv: the
// indicator's title when it is one, the name itself otherwise.
func outputTitle(name string) string {
	if m := metricByName(name); m >= 0 {
		return MetricTitle(m)
	}
	return name
}
