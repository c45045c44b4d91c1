package plots

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"skillsim/analysis"
	"skillsim/sim"
)

// RunFigures returns the standard figures of a run, in the order a report
// shows them:
//
//	timeseries            the headline indicators over time (small multiples)
//	hourglass             jobs by skill level at the start and the end
//	sectors               the sectors side by side at the end
//	network               the partnership network at the end (only when
//	                      replication 0 kept its ties: sim.Options.Ties)
//	timeseries-<metric>   each headline indicator over time on its own
func RunFigures(res *sim.Result) ([]*Figure, error) {
	if len(res.Reps) == 0 || len(res.Reps[0].Observations) == 0 {
		return nil, errors.New("plots: the run has no observations")
	}
	var figs []*Figure
	panel, err := TimeSeriesPanel(res, nil)
	if err != nil {
		return nil, err
	}
	figs = append(figs, panel)
	hg, err := HourGlass(res)
	if err != nil {
		return nil, err
	}
	start, end := res.Reps[0].Observations[0].Date, res.Reps[0].Final.Date
	figs = append(figs, single("hourglass",
		fmt.Sprintf("Jobs by skill level in %s (left) and %s (right), as shares of filled jobs: polarisation shows as a narrowing waist.", start, end), hg))
	sec, err := Sectors(res)
	if err != nil {
		return nil, err
	}
	figs = append(figs, single("sectors",
		fmt.Sprintf("The sectors side by side in %s: turnover, vacancies, employers training and ties in co-production, with 95%% intervals.", end), sec))
	if t := res.Reps[0].Ties; t != nil {
		net, err := Network(t, res.Config.Name)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("network",
			fmt.Sprintf("The partnership network of replication 0 in %s: colleges, the employers tied to them (at most %d drawn) and the network convener; ties coloured by kind.", t.Date, MaxEmployers), net))
	}
	for _, m := range sim.Headline {
		p, err := TimeSeries(res, m)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("timeseries-"+metricFile(m.String()),
			fmt.Sprintf("%s (%s) over time: the mean of %d replications with its 95%% band.", MetricTitle(m), MetricUnit(m), len(res.Reps)), p))
	}
	return figs, nil
}

// CompareFigures returns the standard figures of a comparison, in the
// order a report shows them:
//
//	differences        each scenario's paired difference from the first, per
//	                   headline indicator (small multiples)
//	regimes            the regime reached, by scenario
//	compare-<metric>   each headline indicator over time, every scenario on
//	                   one axis with its band
func CompareFigures(c *sim.Comparison) ([]*Figure, error) {
	var figs []*Figure
	d, err := Differences(c, nil)
	if err != nil {
		return nil, err
	}
	figs = append(figs, d)
	r, err := Regimes(c)
	if err != nil {
		return nil, err
	}
	figs = append(figs, single("regimes", "The share of replications ending in each regime, by scenario.", r))
	for _, m := range sim.Headline {
		p, err := CompareSeries(c, m)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("compare-"+metricFile(m.String()),
			fmt.Sprintf("%s (%s) over time in each scenario: the mean of %d replications with its 95%% band.", MetricTitle(m), MetricUnit(m), c.Reps), p))
	}
	return figs, nil
}

// metricFile turns an indicator's name into a file name part:
// high_skill_strategy_share → high-skill-strategy-share.
func metricFile(name string) string { return strings.ReplaceAll(name, "_", "-") }

// Analyses holds the results of an experiment's analyses, as skillsim
// analyze computes them; a nil or empty field is an analysis the
// experiment's method does not support, and has no figure.
type Analyses struct {
	// Sobol holds Sobol indices (method sobol).
	Sobol []analysis.SobolIndex
	// Morris holds Morris indices (method morris).
	Morris []analysis.MorrisIndex
	// Basin holds a basin map over parameters BasinX and BasinY (a grid
	// of two or more parameters).
	Basin          []analysis.BasinCell
	BasinX, BasinY string
	// Tipping is the tipping point of parameter TippingParam (a grid of
	// one parameter).
	Tipping      *analysis.TippingResult
	TippingParam string
	// Hysteresis holds both branches of a hysteresis experiment on Lever,
	// and Loop its width.
	Hysteresis []analysis.HysteresisPoint
	Loop       analysis.HysteresisLoop
	Lever      string
	// PRIM is the PRIM result for co-production (grid, lhs, sobol).
	PRIM *analysis.PRIMResult
}

// AnalysisFigures returns the figures of an experiment's analyses, in
// this order, each present only when its analysis is:
//
//	basin           share reaching co-production over two parameters
//	tipping         share reaching co-production along one parameter
//	hysteresis      both branches of the loop
//	sobol           Sobol indices with intervals
//	morris          Morris μ* against σ
//	prim-tradeoff   PRIM's peeling trajectory, the chosen box marked
//	prim-box        the limits of the chosen box
func AnalysisFigures(a *Analyses) ([]*Figure, error) {
	var figs []*Figure
	if len(a.Basin) > 0 {
		f, err := Basin(a.Basin, a.BasinX, a.BasinY)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	if a.Tipping != nil && len(a.Tipping.Levels) > 0 {
		p, err := Tipping(*a.Tipping, a.TippingParam)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("tipping", fmt.Sprintf("The share of runs reaching co-production at each value of %s, with the tipping value where it crosses one half.", a.TippingParam), p))
	}
	if slices.ContainsFunc(a.Hysteresis, func(p analysis.HysteresisPoint) bool { return p.Phase == analysis.PhaseUp }) {
		p, err := Hysteresis(a.Hysteresis, a.Loop, a.Lever)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("hysteresis", fmt.Sprintf("The share of runs in co-production as %s is raised step by step and lowered again: a gap between the branches is path dependence.", a.Lever), p))
	}
	if len(a.Sobol) > 0 {
		f, err := Sobol(a.Sobol)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	if len(a.Morris) > 0 {
		f, err := Morris(a.Morris)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	if r := a.PRIM; r != nil && len(r.Trajectory) > 0 {
		p, err := PRIMTradeoff(*r)
		if err != nil {
			return nil, err
		}
		figs = append(figs, single("prim-tradeoff", "PRIM's peeling trajectory for runs reaching co-production: each box's coverage against its density, the chosen box ringed.", p))
		if r.Chosen >= 0 {
			p, err := PRIMBox(*r)
			if err != nil {
				return nil, err
			}
			figs = append(figs, single("prim-box", "The parameter ranges of PRIM's chosen box within the ranges sampled.", p))
		}
	}
	return figs, nil
}
