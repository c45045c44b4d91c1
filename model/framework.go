package model

import "math"

// National vertical frameworks and the credibility of their announcements
// (ODD §7.3, §7.15.8).

// NationalFramework is a national actor's announced, long-run commitments
// to skills — a skills plan with stable qualifications and funding, the
// "vertical frameworks" of Hodgson et al. (2019). It announces that the
// share of each sector's labour pool qualified for technical posts and the
// share of its jobs that are skilled will rise by stated amounts over a
// stated horizon. Employers and learners weigh the announcement against
// their adaptive expectations by its credibility, which the region earns
// or loses by how well the plan's path forecasts what happens (Brock &
// Hommes 1997).
type NationalFramework struct {
	Period `yaml:",inline"`
	// SupplyRise is the rise the plan announces in the share of each
	// sector's labour pool qualified for technical (intermediate) posts,
	// over the expected share when it is announced.
	SupplyRise float64 `yaml:"supply_rise"`
	// SkilledJobsRise is the rise the plan announces in the share of each
	// sector's jobs at the intermediate or high level.
	SkilledJobsRise float64 `yaml:"skilled_jobs_rise"`
	// HorizonYears is the number of years in which the plan says the rises
	// are reached, along a straight path from the announcement.
	HorizonYears float64 `yaml:"horizon_years"`
	// Credibility is the weight agents give the announcement when it is
	// made, against their adaptive expectations (0 ignored, 1 believed).
	Credibility float64 `yaml:"credibility"`
	// Intensity is the intensity of choice between the plan and the
	// adaptive rule (Brock & Hommes's β), per unit of mean squared
	// forecast error (a squared share).
	Intensity float64 `yaml:"intensity"`
	// Memory is the weight of past forecasting success in each rule's
	// record, against the latest year's.
	Memory float64 `yaml:"memory"`
}

// DefaultNationalFramework returns a framework announced in January 2020
// (with the network the paper proposes): ten points more of the labour
// pool qualified for technical posts and five points more skilled jobs in
// every sector within ten years, half believed when announced. Every
// figure is a judgement: the framework is the paper's proposal, not a
// past policy.
func DefaultNationalFramework() NationalFramework {
	return NationalFramework{
		Period:          Period{Start: MonthOf(2020, 1)},
		SupplyRise:      0.1,
		SkilledJobsRise: 0.05,
		HorizonYears:    10,
		Credibility:     0.5,
		Intensity:       100,
		Memory:          0.8,
	}
}

// frameworkState is the region's record of a national framework: what it
// announced, the adaptive forecasts to judge it against, each rule's
// forecasting record and the credibility they give.
type frameworkState struct {
	announced bool
	// from is the expected supply and skilled-job share of each sector
	// when the plan was announced; the plan's path starts there.
	from [][2]float64
	// adaptive is what the adaptive rule forecast for this year, by sector.
	adaptive [][2]float64
	// planFitness and adaptiveFitness are the rules' records: minus the
	// mean squared forecast error, with memory.
	planFitness, adaptiveFitness float64
	credibility                  float64
}

// announceFramework records the expectations the plan starts from, the
// first step it is in force.
func (r *Region) announceFramework(v *NationalFramework) {
	f := &r.framework
	f.announced = true
	f.from = make([][2]float64, len(r.sectors))
	f.adaptive = make([][2]float64, len(r.sectors))
	for s := range r.sectors {
		f.from[s] = [2]float64{r.sectors[s].supplyEMA, r.sectors[s].skilledJobsEMA}
		f.adaptive[s] = f.from[s]
	}
	f.planFitness, f.adaptiveFitness = 0, 0
	f.credibility = v.Credibility
}

// planPath is the plan's forecast at month m of a quantity that stood at
// from when the plan was announced at start and is to rise by rise within
// horizon years, capped at 1.
func planPath(from, rise, horizon float64, start, m Month) float64 {
	done := 1.0
	if horizon > 0 {
		done = min(1, max(0, float64(m-start)/(12*horizon)))
	}
	return min(1, from+rise*done)
}

// credibility is the weight of the plan against the adaptive rule: a
// discrete choice between forecasting rules by their records (Brock &
// Hommes 1997), with the credibility c0 given when announced as the
// predisposition that holds while the records are equal:
//
//	c = logistic(β·(U_plan − U_adaptive) + logit(c0)).
func credibility(c0, beta, planFitness, adaptiveFitness float64) float64 {
	switch {
	case c0 <= 0:
		return 0
	case c0 >= 1:
		return 1
	}
	return logistic(beta*(planFitness-adaptiveFitness) + math.Log(c0/(1-c0)))
}

// fitness updates a forecasting rule's record with this year's mean
// squared error: U ← η·U − (1 − η)·mse.
func fitness(u, mse, memory float64) float64 {
	return memory*u - (1-memory)*mse
}

// judgeFramework updates the plan's credibility once a year, after the
// adaptive expectations have taken this year's observations: each rule's
// forecast for now — the plan's path, and last year's adaptive
// expectation — against what is observed now, over every sector's supply
// and skilled-job share.
func (r *Region) judgeFramework() {
	v := r.cfg.Policies.NationalFramework
	f := &r.framework
	if v == nil || !f.announced || !r.lever.framework {
		return
	}
	m := r.policyDate()
	var planErr, adaptiveErr float64
	n := float64(2 * len(r.sectors))
	for s := range r.sectors {
		st := &r.sectors[s]
		seen := [2]float64{st.supplyNow, st.skilledJobsNow}
		plan := [2]float64{
			planPath(f.from[s][0], v.SupplyRise, v.HorizonYears, v.Start, m),
			planPath(f.from[s][1], v.SkilledJobsRise, v.HorizonYears, v.Start, m),
		}
		for i := range 2 {
			planErr += (seen[i] - plan[i]) * (seen[i] - plan[i]) / n
			adaptiveErr += (seen[i] - f.adaptive[s][i]) * (seen[i] - f.adaptive[s][i]) / n
		}
		f.adaptive[s] = [2]float64{st.supplyEMA, st.skilledJobsEMA}
	}
	f.planFitness = fitness(f.planFitness, planErr, v.Memory)
	f.adaptiveFitness = fitness(f.adaptiveFitness, adaptiveErr, v.Memory)
	f.credibility = credibility(v.Credibility, v.Intensity, f.planFitness, f.adaptiveFitness)
}

// announcedAims are the plan's long-run aims for sector s: its supply and
// skilled-job share at the announcement raised by the announced rises.
func (r *Region) announcedAims(s int) (supply, skilledJobs float64) {
	v := r.cfg.Policies.NationalFramework
	f := &r.framework
	return min(1, f.from[s][0]+v.SupplyRise), min(1, f.from[s][1]+v.SkilledJobsRise)
}

// expectedSupply is the share of sector s's labour pool employers expect
// to be qualified for technical posts: the adaptive expectation, moved
// towards a national framework's aim by its credibility, then towards a
// devolved authority's announced supply by its coordination when below it
// (§7.15.2, §7.15.8).
func (r *Region) expectedSupply(s int) float64 {
	q := r.sectors[s].supplyEMA
	if r.lever.framework {
		aim, _ := r.announcedAims(s)
		q += r.framework.credibility * (aim - q)
	}
	if c := r.lever.coordination; c > 0 && q < r.lever.announcedSupply {
		q += c * (r.lever.announcedSupply - q)
	}
	return q
}

// expectedSkilledJobs is the share of sector s's jobs learners expect to
// be skilled: the adaptive expectation, moved towards a national
// framework's announced share by the framework's credibility (§7.15.8).
func (r *Region) expectedSkilledJobs(s int) float64 {
	j := r.sectors[s].skilledJobsEMA
	if !r.lever.framework {
		return j
	}
	_, aim := r.announcedAims(s)
	return j + r.framework.credibility*(aim-j)
}

// FrameworkCredibility is the weight agents give a national framework's
// announcement now, or 0 when none is in force.
func (r *Region) FrameworkCredibility() float64 {
	if !r.lever.framework {
		return 0
	}
	return r.framework.credibility
}
