// Package patterns checks a baseline run against the patterns observed in
// England and London (brief section 5), in the manner of pattern-oriented
// modelling (Grimm et al. 2005): each pattern is a statistic of the
// simulated time series with a target range, evaluated for every
// replication, and passes when the mean over replications lies in the
// range. Render writes the table of docs/validation.md.
package patterns

import (
	"fmt"
	"io"
	"math"
	"strings"

	"skillsim/model"
	"skillsim/sim"
)

// Pattern is one observed pattern and the statistic that reproduces it.
type Pattern struct {
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

// Outcome is a pattern's result over replications.
type Outcome struct {
	Pattern
	// Mean is the statistic's mean over replications, with its 95% interval.
	Mean sim.Interval
	// Pass reports whether the mean lies within [Low, High].
	Pass bool
}

// mean averages a metric over the months in [from, to).
func mean(obs []model.Observation, m model.Metric, from, to model.Month) float64 {
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
func sectorMean(obs []model.Observation, sectors []string, name string, m model.SectorMetric, from, to model.Month) float64 {
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
func weighted(obs []model.Observation, share model.Metric, from, to model.Month) float64 {
	s := 0.0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Region[model.ApprenticeshipStarts] * obs[i].Region[share]
		}
	}
	return s
}

func total(obs []model.Observation, m model.Metric, from, to model.Month) float64 {
	s := 0.0
	for i := range obs {
		if obs[i].Date >= from && obs[i].Date < to && obs[i].Step > 0 {
			s += obs[i].Region[m]
		}
	}
	return s
}

// academic returns the academic year starting in August of year y.
func academic(y int) (model.Month, model.Month) {
	return model.MonthOf(y, 8), model.MonthOf(y+1, 8)
}

func year(y int) (model.Month, model.Month) { return model.MonthOf(y, 1), model.MonthOf(y+1, 1) }

func span(y0, y1 int) (model.Month, model.Month) { return model.MonthOf(y0, 1), model.MonthOf(y1+1, 1) }

// shareOfStarts is the share of an academic year's starts with a property.
func shareOfStarts(obs []model.Observation, share model.Metric, y int) float64 {
	a, b := academic(y)
	return weighted(obs, share, a, b) / total(obs, model.ApprenticeshipStarts, a, b)
}

// England is the set of patterns of brief section 5. The baseline runs
// from 2005 and its first years are a transient (the initial workforce's
// skill gaps being trained away), so every comparison starts in 2011 at
// the earliest; P2, observed from 2005, is compared from 2011.
var England = []Pattern{
	{ID: "P1a", Name: "share of employers training staff, 2011–17", Target: "65–66%", Source: "Employer Skills Survey",
		Low: 0.60, High: 0.71,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2011, 2017)
			return mean(o, model.EmployerTrainingShare, a, b)
		}},
	{ID: "P1b", Name: "change in the share training, 2011–17 to 2024", Target: "−7 points (66% to 59%)", Source: "Employer Skills Survey",
		Low: -0.12, High: -0.02,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2011, 2017)
			c, d := year(2024)
			return mean(o, model.EmployerTrainingShare, c, d) - mean(o, model.EmployerTrainingShare, a, b)
		}},
	{ID: "P2", Name: "training spend per employee, 2019 relative to 2011", Target: "falls about 28% (2005–19)", Source: "Learning and Work Institute",
		Low: 0.62, High: 0.85,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := year(2011)
			c, d := year(2019)
			return mean(o, model.TrainingSpendPerEmployee, c, d) / mean(o, model.TrainingSpendPerEmployee, a, b)
		}},
	{ID: "P3a", Name: "apprenticeship starts 2017/18 relative to 2015/16", Target: "0.74 (509k to 376k)", Source: "DfE via FE Week",
		Low: 0.64, High: 0.84,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := academic(2015)
			c, d := academic(2017)
			return total(o, model.ApprenticeshipStarts, c, d) / total(o, model.ApprenticeshipStarts, a, b)
		}},
	{ID: "P3b", Name: "pre-levy surge: starts Feb–Apr 2017 relative to Feb–Apr 2016", Target: "1.47", Source: "DfE via FE Week",
		Low: 1.2, High: 1.8,
		Stat: func(o []model.Observation, _ []string) float64 {
			return total(o, model.ApprenticeshipStarts, model.MonthOf(2017, 2), model.MonthOf(2017, 5)) /
				total(o, model.ApprenticeshipStarts, model.MonthOf(2016, 2), model.MonthOf(2016, 5))
		}},
	{ID: "P3c", Name: "post-levy drop: starts May–Jul 2017 relative to May–Jul 2016", Target: "0.39", Source: "DfE via FE Week",
		Low: 0.25, High: 0.6,
		Stat: func(o []model.Observation, _ []string) float64 {
			return total(o, model.ApprenticeshipStarts, model.MonthOf(2017, 5), model.MonthOf(2017, 8)) /
				total(o, model.ApprenticeshipStarts, model.MonthOf(2016, 5), model.MonthOf(2016, 8))
		}},
	{ID: "P4a", Name: "level 2 share of starts, 2017/18", Target: "43%", Source: "FE Week",
		Low: 0.33, High: 0.53,
		Stat: func(o []model.Observation, _ []string) float64 {
			return shareOfStarts(o, model.StartsLevel2Share, 2017)
		}},
	{ID: "P4b", Name: "change in level 2 share of starts, 2017/18 to 2022/23", Target: "−20 points (43% to 23%)", Source: "FE Week",
		Low: -0.30, High: -0.10,
		Stat: func(o []model.Observation, _ []string) float64 {
			return shareOfStarts(o, model.StartsLevel2Share, 2022) - shareOfStarts(o, model.StartsLevel2Share, 2017)
		}},
	{ID: "P4c", Name: "change in higher (level 4+) share of starts, 2017/18 to 2022/23", Target: "+20 points (13% to 33%)", Source: "FE Week",
		Low: 0.10, High: 0.30,
		Stat: func(o []model.Observation, _ []string) float64 {
			return shareOfStarts(o, model.StartsHigherShare, 2022) - shareOfStarts(o, model.StartsHigherShare, 2017)
		}},
	{ID: "P4d", Name: "under-19 starts 2022/23 relative to 2017/18", Target: "0.75 (131k to 98k)", Source: "Resolution Foundation",
		Low: 0.60, High: 0.90,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := academic(2017)
			c, d := academic(2022)
			return weighted(o, model.StartsUnder19Share, c, d) / weighted(o, model.StartsUnder19Share, a, b)
		}},
	{ID: "P5", Name: "levy spent as a share of levy paid, 2019", Target: "0.31 (£0.86bn of £2.8bn)", Source: "FOI via FE News",
		Low: 0.2, High: 0.45,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := year(2019)
			return total(o, model.LevySpent, a, b) / total(o, model.LevyPaid, a, b)
		}},
	{ID: "P6a", Name: "starts per 1,000 people a year, 2011–16 (England about 15, London lowest)", Target: "below 12", Source: "GLA datastore",
		Low: 3, High: 12,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2011, 2016)
			return mean(o, model.ApprenticeshipStarts, a, b)
		}},
	{ID: "P6b", Name: "level 2 starts 2022/23 relative to 2016/17", Target: "about 0.33 (down two thirds)", Source: "GLA datastore",
		Low: 0.2, High: 0.5,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := academic(2016)
			c, d := academic(2022)
			return weighted(o, model.StartsLevel2Share, c, d) / weighted(o, model.StartsLevel2Share, a, b)
		}},
	{ID: "P6c", Name: "under-25 starts 2022/23 relative to 2016/17", Target: "about 0.8 (down a fifth)", Source: "GLA datastore",
		Low: 0.65, High: 0.95,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := academic(2016)
			c, d := academic(2022)
			return weighted(o, model.StartsUnder25Share, c, d) / weighted(o, model.StartsUnder25Share, a, b)
		}},
	{ID: "P7a", Name: "employers using FE colleges for training, 2012–14", Target: "7%", Source: "Berry et al. 2014",
		Low: 0.04, High: 0.10,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2012, 2014)
			return mean(o, model.EmployerCollegeUseShare, a, b)
		}},
	{ID: "P7b", Name: "employers offering apprenticeships, 2012–14", Target: "12%", Source: "Berry et al. 2014",
		Low: 0.08, High: 0.16,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2012, 2014)
			return mean(o, model.ApprenticeshipOfferShare, a, b)
		}},
	{ID: "P8a", Name: "change in high-skill job share, 2011 to 2024", Target: "grows", Source: "Goos & Manning 2007",
		Low: 0.005, High: 0.2,
		Stat: func(o []model.Observation, _ []string) float64 { return change(o, model.HighSkillJobShare) }},
	{ID: "P8b", Name: "change in low-skill job share, 2011 to 2024", Target: "grows", Source: "Goos & Manning 2007",
		Low: 0.0, High: 0.2,
		Stat: func(o []model.Observation, _ []string) float64 { return change(o, model.LowSkillJobShare) }},
	{ID: "P8c", Name: "change in intermediate job share, 2011 to 2024", Target: "shrinks", Source: "Goos & Manning 2007",
		Low: -0.2, High: -0.005,
		Stat: func(o []model.Observation, _ []string) float64 { return change(o, model.IntermediateJobShare) }},
	{ID: "P9a", Name: "adult social care turnover, 2014–18", Target: "about 28%", Source: "Skills for Care",
		Low: 0.23, High: 0.33,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := span(2014, 2018)
			return sectorMean(o, s, "social_care", model.SectorTurnoverRate, a, b)
		}},
	{ID: "P9b", Name: "adult social care vacancy rate, 2014–18", Target: "7–8%", Source: "Skills for Care",
		Low: 0.055, High: 0.10,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := span(2014, 2018)
			return sectorMean(o, s, "social_care", model.SectorVacancyRate, a, b)
		}},
	{ID: "P9c", Name: "all-sector turnover, 2014–18", Target: "about 15%", Source: "Skills for Care (UK all sectors)",
		Low: 0.11, High: 0.19,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2014, 2018)
			return mean(o, model.TurnoverRate, a, b)
		}},
	{ID: "P9d", Name: "all-sector vacancy rate, 2014–18", Target: "about 3%", Source: "Skills for Care (UK all sectors)",
		Low: 0.015, High: 0.045,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2014, 2018)
			return mean(o, model.VacancyRate, a, b)
		}},
	{ID: "P10a", Name: "creative industries self-employment, 2015–20", Target: "25–32%", Source: "Hodgson et al. 2019; DCMS",
		Low: 0.22, High: 0.34,
		Stat: func(o []model.Observation, s []string) float64 {
			a, b := span(2015, 2020)
			return sectorMean(o, s, "creative", model.SectorSelfEmploymentShare, a, b)
		}},
	{ID: "P10b", Name: "all-sector self-employment, 2015–20", Target: "15–16%", Source: "DCMS",
		Low: 0.12, High: 0.19,
		Stat: func(o []model.Observation, _ []string) float64 {
			a, b := span(2015, 2020)
			return mean(o, model.SelfEmploymentShare, a, b)
		}},
}

// change is a metric's 2024 mean minus its 2011 mean.
func change(o []model.Observation, m model.Metric) float64 {
	a, b := year(2011)
	c, d := year(2024)
	return mean(o, m, c, d) - mean(o, m, a, b)
}

// Check evaluates every pattern on the replications of res.
func Check(res *sim.Result, ps []Pattern) []Outcome {
	sectors := make([]string, len(res.Config.Sectors))
	for i, s := range res.Config.Sectors {
		sectors[i] = s.Name
	}
	out := make([]Outcome, len(ps))
	for i, p := range ps {
		vals := make([]float64, 0, len(res.Reps))
		for _, rep := range res.Reps {
			if v := p.Stat(rep.Observations, sectors); !math.IsNaN(v) && !math.IsInf(v, 0) {
				vals = append(vals, v)
			}
		}
		out[i] = Outcome{Pattern: p}
		if len(vals) == 0 {
			out[i].Mean = sim.Interval{Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
			continue
		}
		out[i].Mean = sim.MeanCI95(vals)
		out[i].Pass = out[i].Mean.Mean >= p.Low && out[i].Mean.Mean <= p.High
	}
	return out
}

// Render writes the outcomes as a Markdown table with a header naming the
// scenario, seed and replications, followed by notes.
func Render(w io.Writer, res *sim.Result, outs []Outcome, notes string) error {
	var b strings.Builder
	pass := 0
	for _, o := range outs {
		if o.Pass {
			pass++
		}
	}
	fmt.Fprintf(&b, "# Validation against observed patterns\n\n")
	fmt.Fprintf(&b, "Generated by `go run ./cmd/skillsim patterns -o docs/validation.md` (skillsim %s): scenario `%s`, master seed %d, %d replications of %d steps from %s. Each statistic is computed per replication; the table gives its mean with a 95%% Student-t interval, and a pattern passes when the mean lies in the tolerance.\n\n",
		sim.Version, res.Config.Name, res.Seed, len(res.Reps), res.Steps(), res.Config.Start)
	fmt.Fprintf(&b, "**%d of %d pattern statistics pass.**\n\n", pass, len(outs))
	fmt.Fprintf(&b, "| id | pattern | observed | source | tolerance | model mean [95%% interval] | result |\n|---|---|---|---|---|---|---|\n")
	for _, o := range outs {
		res := "fail"
		if o.Pass {
			res = "pass"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | [%s, %s] | %s [%s, %s] | %s |\n", o.ID, o.Name, o.Target, o.Source,
			num(o.Low), num(o.High), num(o.Mean.Mean), num(o.Mean.Low), num(o.Mean.High), res)
	}
	if notes != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(notes))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.3g", v)
}

// KnownFailures names the pattern statistics the model does not yet meet,
// with the reason; the test accepts their failure and docs/validation.md
// explains them. Every other pattern must pass.
var KnownFailures = map[string]string{
	"P2":  "the model's employer training spend per employee rises from 2011 to 2019 once the start is settled (the fall it showed was the start-up transient)",
	"P3c": "the post-levy drop in starts is too shallow from a settled start (the anticipation multiplier was fitted against the transient)",
	"P4a": "too few level 2 starts in 2017/18: the settled population is more qualified than the attainment input, so fewer young people start below level 2",
	"P6c": "under-25 starts fall more than observed from 2016/17 to 2022/23 from a settled start",
	"P7b": "too few employers offer apprenticeships from a settled start (apprenticeship_route was fitted against the transient)",
}

// Notes is the text under the table in docs/validation.md: how the
// patterns were fitted and why the known failures fail.
const Notes = `## Notes

**One parameter set.** Every statistic comes from the same runs of
scenarios/baseline.yaml (the region of model.DefaultConfig with England's
policies from 2010); nothing is tuned per pattern in separate runs. The
baseline starts in 2005 after a spin-up of 150 years under the rules and
the policies of January 2005 (docs/ODD.md §5), so the years compared are
not a start-up transient. The parameters below were fitted (by hand, in
the first model) against runs whose comparison years lay inside such a
transient; with the settled start five statistics now fail, reported
below and not re-fitted here: re-fitting every fitted value by a proper
calibration, with statistics held out, is the next piece of work.

**Parameters fitted to patterns.** Some parameters have no published value
and were chosen so that the baseline lands in the observed ranges. Each is
named here with the pattern it was fitted against, as pattern-oriented
modelling asks:

| parameter | value | fitted against |
|---|---|---|
| sectors[].quit_rate (0.09–0.21) | per sector | P9 (turnover, care and all sectors) |
| sectors[].self_employment | per sector | P10 |
| sectors[].training_cost, behaviour.training.temperature | 10 (care 6.5); 2 | P1a (share of employers training) |
| labour_market.apprenticeship_route | 0.4 | P6a, P7b (starts per head, employers offering apprenticeships) |
| labour_market.routine_decline | 0.01 | P8 (polarisation) |
| policies.levy.anticipation, anticipation_multiplier | 3 months, 2.2× | P3b, P3c (surge and drop around May 2017) |
| policies.levy.standards_disruption (mean, twice at first, fading) | 0.18 | P3a, P3c |
| policies.levy.non_levy_funding (by date) | 0.9, 0.8, 0.75 | P1b, P4d, P6c (fewer employers training; fewer young starts) |
| policies.levy.level2_standards | 0.4 | P4b, P4d, P6b (level 2 and young starts falling after frameworks were withdrawn) |
| policies.levy.relabelling, ramp | 0.12, 5 years | P4c, P5 |
| policies.levy.transfer_take_up | 0.1 | P5 (underspend) |
| behaviour.training.large_apprenticeships | 0.15 | P5 (levy payers made about a quarter of starts) |
| labour_market.matching.acceptance_exponent (the care wage's pull on applicants from other sectors) | 3 | P9b (care vacancies) |

The mechanisms these parameters scale are stated in docs/ODD.md; the
values are what is fitted. The regime results (the default stays in the
low-skills equilibrium; the co-production package reaches co-production;
the bistable pair) were re-checked after fitting.

**Patterns not met.**

- **P2, employer training spend per employee.** The observed fall (about
  28% from 2005 to 2019) is not in the model: from the settled start the
  model's spend *rises* about a fifth from 2011 to 2019. The fall the first
  model showed was the decay of a jump at the start (from £0 at step 0 to
  over £1,300 a year later), not a mechanism. Most of the observed decline
  is a change in the kind of training (shorter courses, online and
  compliance training, lower unit costs) that the model does not
  represent: its training is a qualification-bearing programme with a fixed
  cost per trainee.
- **P3c, P4a, P6c, P7b: the apprenticeship statistics.** Their parameters
  (the anticipation multiplier, level2_standards, non_levy_funding,
  apprenticeship_route) were fitted against the transient. From the
  settled start the post-levy drop is too shallow (P3c), level 2 starts
  too few (P4a), under-25 starts fall too far (P6c) and too few employers
  offer apprenticeships (P7b). A common cause is visible at step 0: the
  settled population is more qualified than the attainment input (share at
  level 3+ about 0.74 against the input's 0.55: the route rules send more
  young people to level 3 than London's stock shows), so fewer young people
  are apprentice candidates below level 3. That is a finding about the
  route choice (part 2's learners) as much as about the lever parameters.
- **P6, "lowest of any English region".** A one-region model cannot rank
  regions; P6a compares the model's starts per head with England's (about
  15 per 1,000 a year in 2015/16) and asks for clearly fewer.
- **P1, P4 and P5 are national figures**; the model is an East
  London-like region. They are compared as shares and ratios, which scale.`
