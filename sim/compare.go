package sim

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"golang.org/x/sync/errgroup"

	"skillsim/model"
)

// ErrTooFewScenarios is returned by Compare when it is given fewer than two
// scenarios.
var ErrTooFewScenarios = errors.New("sim: a comparison needs at least two scenarios")

// Comparison holds the replications of several scenarios run with common
// random numbers, their summaries and their paired differences from the
// first scenario, the baseline.
type Comparison struct {
	// Seed is the master seed every scenario ran with.
	Seed uint64
	// Reps is the number of replications of every scenario.
	Reps int
	// Results holds the replications of each scenario, in the order the
	// scenarios were given. Results[k].Config is a copy of the k-th
	// scenario with Seed and Replications set to the values used.
	Results []*Result
	// Summaries holds Summarize(Results[k]) for each scenario k.
	Summaries []*Summary
	// Diffs holds, for each scenario k and regional indicator m, the mean
	// over replications r of the paired difference
	//
	//	d_r = final_k,r[m] − final_0,r[m]
	//
	// with its 95% Student-t interval (MeanCI95 of the d_r). Diffs[0] is
	// the baseline less itself: every interval is exactly zero.
	Diffs [][model.NumMetrics]Interval
}

// Names returns the names of the compared scenarios in order.
func (c *Comparison) Names() []string {
	names := make([]string, len(c.Results))
	for k, res := range c.Results {
		names[k] = res.Config.Name
	}
	return names
}

// Compare runs every scenario in cfgs with common random numbers and
// compares each with the first. Every scenario runs with the master seed
// cfgs[0].Seed and opt.Reps replications (0 means cfgs[0].Replications),
// whatever its own seed and replications: replication r of every scenario
// draws from Stream(cfgs[0].Seed, r). The scenarios thus differ in their
// parameters only, and the paired difference d_r of an indicator between
// two scenarios has a smaller variance than the difference of two
// independent runs whenever the scenarios respond alike to the same random
// numbers.
//
// All (scenario, replication) runs share one pool of opt.Workers workers;
// scenario k's replication r is stored at Results[k].Reps[r], so the
// comparison does not depend on opt.Workers. opt.Progress counts the steps
// of all runs. The scenarios need not have the same dates: differences are
// between final values.
//
// Compare returns ErrTooFewScenarios for fewer than two scenarios, an error
// when two scenarios have the same name (the output would not tell them
// apart), ErrNoReplications when there is no replication to run, and
// ctx.Err() when ctx is cancelled. It does not modify cfgs.
func Compare(ctx context.Context, cfgs []*model.Config, opt Options) (*Comparison, error) {
	for _, cfg := range cfgs {
		if cfg == nil {
			panic("sim: nil config")
		}
	}
	if len(cfgs) < 2 {
		return nil, ErrTooFewScenarios
	}
	for k := range cfgs {
		for j := range k {
			if cfgs[j].Name == cfgs[k].Name {
				return nil, fmt.Errorf("sim: scenarios %d and %d are both named %q", j+1, k+1, cfgs[k].Name)
			}
		}
	}
	reps, workers, err := opt.plan(cfgs[0].Replications)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	seed := cfgs[0].Seed
	c := &Comparison{Seed: seed, Reps: reps, Results: make([]*Result, len(cfgs))}
	total := 0
	for k, cfg := range cfgs {
		// A shallow copy: the model only reads its config.
		run := *cfg
		run.Seed = seed
		run.Replications = reps
		c.Results[k] = &Result{Config: &run, Seed: seed, Reps: make([]Rep, reps)}
		total += reps * run.Steps()
	}

	progress := newProgress(opt.Progress, total)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
launch:
	for k := range cfgs {
		res := c.Results[k]
		for r := range reps {
			if gctx.Err() != nil {
				break launch
			}
			g.Go(func() error {
				rep, err := runRep(gctx, res.Config, r, uint64(r), opt.Ties && r == 0, opt.SurveyEveryStep, progress)
				if err != nil {
					return fmt.Errorf("scenario %s: %w", res.Config.Name, err)
				}
				res.Reps[r] = rep
				return nil
			})
		}
	}
	if err := waitReplications(ctx, g); err != nil {
		return nil, err
	}

	c.summarize()
	return c, nil
}

// summarize sets c.Summaries and c.Diffs from c.Results.
func (c *Comparison) summarize() {
	c.Summaries = make([]*Summary, len(c.Results))
	c.Diffs = make([][model.NumMetrics]Interval, len(c.Results))
	d := make([]float64, c.Reps)
	base := c.Results[0].Reps
	for k, res := range c.Results {
		c.Summaries[k] = Summarize(res)
		for m := range model.NumMetrics {
			for r := range d {
				d[r] = res.Reps[r].Final.Region[m] - base[r].Final.Region[m]
			}
			c.Diffs[k][m] = MeanCI95(d)
		}
	}
}

// regimeSharePrefix prefixes the regime names in the metric column of
// compare.csv.
const regimeSharePrefix = "regime_share:"

// WriteCompareCSV writes c as CSV in long format with the header
//
//	scenario,metric,mean,ci95_low,ci95_high,diff_mean,diff_ci95_low,diff_ci95_high
//
// For each scenario in order there is one row per regional indicator, in
// model.MetricNames order: the mean of its final value over replications
// with the 95% interval, then the mean paired difference from the first
// scenario with its 95% interval (Comparison.Diffs). The diff columns are
// empty for the first scenario. Then come three rows whose metric is
// regime_share:<regime> (regime_share:low-skills, regime_share:transitional,
// regime_share:co-production): mean is the share of replications ending in
// that regime and diff_mean its difference from the first scenario's share;
// the interval columns of these rows are empty, since a t interval says
// little about a share near 0 or 1. Numbers have 8 significant digits.
func WriteCompareCSV(w io.Writer, c *Comparison) error {
	header := []string{"scenario", "metric", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"}
	return writeCSV(w, header, func(cw *csv.Writer) error {
		row := make([]string, len(header))
		for k, res := range c.Results {
			clear(row)
			row[0] = res.Config.Name
			sum := c.Summaries[k]
			for m, iv := range sum.Metrics {
				row[1] = model.Metric(m).String()
				row[2], row[3], row[4] = formatFloat(iv.Mean), formatFloat(iv.Low), formatFloat(iv.High)
				if k > 0 {
					d := c.Diffs[k][m]
					row[5], row[6], row[7] = formatFloat(d.Mean), formatFloat(d.Low), formatFloat(d.High)
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
			clear(row[2:])
			for g, share := range sum.Regimes {
				row[1] = regimeSharePrefix + model.Regime(g).String()
				row[2] = formatFloat(share)
				if k > 0 {
					row[5] = formatFloat(share - c.Summaries[0].Regimes[g])
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// WriteCompareReport writes a short human summary of c: the replications
// and seed, each scenario's regime shares, and for the headline indicators
// each later scenario's mean final value beside the first's, with the mean
// paired difference and its 95% interval. An interval that excludes 0 is
// marked with a *.
func WriteCompareReport(w io.Writer, c *Comparison) error {
	bw := bufio.NewWriter(w)
	names := c.Names()
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	fmt.Fprintf(bw, "%d scenarios, %d replication%s each, common master seed %d: replication r of every scenario draws from PCG(%d, r)\n",
		len(names), c.Reps, plural(c.Reps), c.Seed, c.Seed)
	fmt.Fprintf(bw, "regimes:\n")
	for k, sum := range c.Summaries {
		fmt.Fprintf(bw, "  %-*s ", width, names[k])
		writeRegimeShares(bw, c.Results[k], sum)
		fmt.Fprintf(bw, "\n")
	}
	base := c.Summaries[0]
	for k := 1; k < len(names); k++ {
		fmt.Fprintf(bw, "%s − %s: final values, mean over replications; difference paired by replication, with its 95%% interval (* if it excludes 0):\n",
			names[k], names[0])
		fmt.Fprintf(bw, "  %-26s %13s %13s %11s  %s\n", "indicator", clip(names[0], 13), clip(names[k], 13), "difference", "95% interval")
		for _, m := range Headline {
			d := c.Diffs[k][m]
			flag := ""
			if d.Low > 0 || d.High < 0 {
				flag = " *"
			}
			fmt.Fprintf(bw, "  %-26s %13.4g %13.4g %+11.4g  [%+.4g, %+.4g]%s\n",
				m, base.Metrics[m].Mean, c.Summaries[k].Metrics[m].Mean, d.Mean, d.Low, d.High, flag)
		}
	}
	return bw.Flush()
}

// clip returns s cut to at most n bytes.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
