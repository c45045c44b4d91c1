package plots

import (
	"skillsim/analysis"
	"skillsim/model"
	"skillsim/sim"
)

// fixtureResult returns a small fixed run: three replications of a region
// with three sectors observed every six months from 2015 to 2025, with
// indicators given by simple formulas (no simulation: golden images must
// not depend on the model or on floating-point differences between
// machines). Replication 2 ends in co-production, the others in the
// low-skills equilibrium.
func fixtureResult(name string, shift float64) *sim.Result {
	cfg := &model.Config{Name: name, Start: model.MonthOf(2015, 1), End: model.MonthOf(2025, 1), StepMonths: 6, Seed: 1, Replications: 3}
	cfg.Sectors = []model.Sector{{Name: "digital_tech"}, {Name: "creative"}, {Name: "social_care"}}
	res := &sim.Result{Config: cfg, Seed: 1}
	const steps = 20
	for r := range 3 {
		rep := sim.Rep{Index: r, Seed: sim.RepSeed(1, r)}
		dr := float64(r) * 0.02
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			o := model.Observation{Step: i, Date: cfg.Start + model.Month(6*i)}
			for m := range model.NumMetrics {
				o.Region[m] = 0.1 + 0.02*float64(m%7) + dr + shift*t + 0.1*t*t*float64(m%3)
			}
			o.Region[model.HighSkillStrategyShare] = 0.2 + dr + shift*t
			o.Region[model.CoproductionShare] = 0.1 + 2*dr*t + shift*t
			o.Region[model.LowSkillJobShare] = 0.45 + 0.05*t + dr/2
			o.Region[model.IntermediateJobShare] = 0.3 - 0.08*t + shift*t - dr/2
			o.Region[model.HighSkillJobShare] = 1 - o.Region[model.LowSkillJobShare] - o.Region[model.IntermediateJobShare]
			o.Region[model.MeanWage] = 2000 + 400*t + 100*dr + 500*shift*t
			o.Region[model.Productivity] = 3000 + 600*t*t + 200*dr + 800*shift*t
			for s := range 3 {
				var v [model.NumSectorMetrics]float64
				for k := range model.NumSectorMetrics {
					v[k] = 0.05 + 0.03*float64(s) + 0.01*float64(k) + dr/2 + 0.05*t + shift*t/2
				}
				o.Sectors = append(o.Sectors, v)
			}
			rep.Observations = append(rep.Observations, o)
		}
		rep.Final = rep.Observations[steps]
		rep.Regime = model.LowSkills
		if r == 2 {
			rep.Regime = model.Coproduction
		}
		res.Reps = append(res.Reps, rep)
	}
	return res
}

// fixtureTies returns a small fixed partnership network: four colleges
// (one merged), a convener, and 40 tied employers, every third in
// co-production and every fifth a network member.
func fixtureTies() *model.Ties {
	t := &model.Ties{Date: model.MonthOf(2025, 1), Network: true}
	for c, name := range []string{"Newham", "Tower Hamlets", "Hackney", "Barking"} {
		t.Colleges = append(t.Colleges, model.TieCollege{Index: c, Name: name, Merged: c == 3})
	}
	for i := range 40 {
		idx := 7 * i
		t.Employers = append(t.Employers, model.TieEmployer{Index: idx, Sector: i % 3, Size: "micro", Member: i%5 == 0})
		kind := model.Transactional
		if i%3 == 0 {
			kind = model.CoProduction
		}
		t.Ties = append(t.Ties, model.Tie{Employer: idx, College: i % 3, Kind: kind, Trust: 0.5})
	}
	return t
}

// fixtureBasin returns a 4 × 3 basin map with one empty cell.
func fixtureBasin() []analysis.BasinCell {
	var cells []analysis.BasinCell
	for i, x := range []float64{0, 250000, 500000, 1000000} {
		for j, y := range []float64{0.1, 0.2, 0.3} {
			if i == 3 && j == 0 {
				continue
			}
			s := (i + 2*j) * 10 / 3
			cells = append(cells, analysis.BasinCell{X: x, Y: y, Proportion: analysis.Wilson(min(s, 10), 10)})
		}
	}
	return cells
}

// fixtureHysteresis returns both branches of a loop over five lever values.
func fixtureHysteresis() ([]analysis.HysteresisPoint, analysis.HysteresisLoop) {
	values := []float64{0, 250000, 500000, 1000000, 2000000}
	up := []int{0, 1, 4, 14, 20}
	down := []int{6, 16, 19, 20}
	var pts []analysis.HysteresisPoint
	for i, v := range values {
		pts = append(pts, analysis.HysteresisPoint{Phase: analysis.PhaseUp, Value: v, Proportion: analysis.Wilson(up[i], 20)})
	}
	for i := len(down) - 1; i >= 0; i-- {
		pts = append(pts, analysis.HysteresisPoint{Phase: analysis.PhaseDown, Value: values[i], Proportion: analysis.Wilson(down[i], 20)})
	}
	return pts, analysis.Loop(pts)
}

// fixtureTipping returns a tipping point over six levels.
func fixtureTipping() analysis.TippingResult {
	r := analysis.TippingResult{OK: true, Value: 0.45, Low: 0.38, High: 0.52, Boot: 100, Crossed: 100}
	for i, s := range []int{0, 1, 3, 12, 18, 20} {
		r.Levels = append(r.Levels, analysis.Level{X: 0.1 * float64(i+1), Proportion: analysis.Wilson(s, 20)})
	}
	return r
}

// fixtureSobol returns indices of three parameters for two outputs.
func fixtureSobol() []analysis.SobolIndex {
	var idx []analysis.SobolIndex
	for o, out := range []string{"apprenticeship_starts", "levy_expired"} {
		for i, p := range []string{"policies.levy.rate", "policies.levy.transfer_take_up", "behaviour.training_temperature"} {
			s1 := 0.1 + 0.2*float64((i+o)%3)
			st := s1 + 0.05 + 0.05*float64(i)
			idx = append(idx, analysis.SobolIndex{Output: out, Param: p, Index: i, N: 32,
				S1: s1, S1Low: s1 - 0.08, S1High: s1 + 0.07, ST: st, STLow: st - 0.06, STHigh: st + 0.09})
		}
	}
	return idx
}

// fixtureMorris returns μ* and σ of four parameters for one output.
func fixtureMorris() []analysis.MorrisIndex {
	var idx []analysis.MorrisIndex
	for i, p := range []string{"policies.careers.quality", "policies.careers.reach", "behaviour.learner_temperature", "labour_market.routine_decline"} {
		idx = append(idx, analysis.MorrisIndex{Output: "level3_plus_share", Param: p, Index: i, R: 10,
			MuStar: 0.01 + 0.02*float64(i), Mu: 0.01, Sigma: 0.005 + 0.01*float64((i*3)%4)})
	}
	return idx
}

// fixturePRIM returns a five-box peeling trajectory choosing the fourth.
func fixturePRIM() analysis.PRIMResult {
	r := analysis.PRIMResult{
		Params:    []string{"policies.network.budget", "policies.devolution.coordination", "colleges.outreach"},
		Options:   analysis.PRIMOptions{Alpha: 0.05, MinMass: 0.05, Threshold: 0.8},
		N:         200,
		Positives: 60,
		Init: []analysis.Limit{
			{Param: "policies.network.budget", Index: 0, Low: 0, High: 2000000},
			{Param: "policies.devolution.coordination", Index: 1, Low: 0, High: 1},
			{Param: "colleges.outreach", Index: 2, Low: 0.1, High: 0.9},
		},
		Chosen: 3,
		Rule:   analysis.RuleDensity,
	}
	for i, d := range []float64{0.3, 0.45, 0.62, 0.83, 0.9} {
		cov := 1 - 0.12*float64(i)*float64(i)/2
		b := analysis.PRIMBox{Step: i, Coverage: cov, Density: d, N: int(60 * cov / d), Hits: int(60 * cov)}
		b.Mass = float64(b.N) / 200
		if i > 0 {
			b.Limits = append(b.Limits, analysis.Limit{Param: "policies.network.budget", Index: 0, Low: 250000 * float64(i), High: 2000000})
		}
		if i > 2 {
			b.Limits = append(b.Limits, analysis.Limit{Param: "colleges.outreach", Index: 2, Low: 0.3, High: 0.8})
		}
		r.Trajectory = append(r.Trajectory, b)
	}
	return r
}
