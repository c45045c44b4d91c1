package plots

import (
	"errors"
	"fmt"
	"strings"

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
	for _, m := range Headline {
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
	for _, m := range Headline {
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
