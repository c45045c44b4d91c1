package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"skillsim/outdir"
	"skillsim/sweep"
)

var cmdAnalyze = &Command{
	Name:      "analyze",
	UsageLine: "analyze [-boot N] [-plots=false] DIR",
	Short:     "analyse a finished sweep: sensitivity, basins, tipping point, hysteresis, PRIM",
	Long: `Analyze reads a finished experiment directory (experiment.resolved.yaml
and runs.csv, as written by sweep or merge), after checking that they
match the SHA-256 in its manifest.json, and writes its analyses to
DIR/analysis/, each as CSV and JSON:

	sobol.csv, sobol.json           first- and total-order Sobol indices with
	                                95% bootstrap intervals (method sobol)
	morris.csv, morris.json         Morris mu, mu* and sigma (method morris)
	basin.csv, basin.json           share reaching co-production over the
	                                first two parameters (grid, two or more
	                                parameters)
	tipping.csv, tipping.json       the value of the first parameter at which
	                                half the replications reach co-production,
	                                with a 95% bootstrap interval (grid)
	hysteresis.csv, hysteresis.json both branches, and loop.csv with the
	                                loop's width (method hysteresis)
	prim.csv, prim.json             PRIM boxes for "co-production reached"
	                                (grid, lhs, sobol)
	manifest.json                   the SHA-256 of each file of the analysis

and the figures of those analyses into DIR/analysis/figures, each as PNG
and SVG, with figures.json listing them and their captions (-plots=false
skips them): basin (a heat map), tipping, hysteresis (both branches),
sobol (bars with intervals), morris (mu* against sigma), prim-tradeoff
(coverage against density along the peeling) and prim-box (the chosen
box's limits). The new analysis replaces the old one whole.

Sensitivity indices use each design point's mean over its replications.
Failed runs are left out and counted. The bootstrap draws from a stream
derived from the experiment's master seed, so the analysis is
reproducible. A sweep runs analyze at its end. A directory that is not a
complete sweep, whose files do not match its manifest, or that another
process is using is refused with exit status 2.
`,
	Run: runAnalyze,
}

func runAnalyze(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	boot := fs.Int("boot", 1000, "bootstrap resamples `N` for intervals")
	plots := fs.Bool("plots", true, "draw the figures into DIR/analysis/figures")
	if err := parseFlags(cmd, fs, args, env.Stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badInputf("analyze: give one experiment directory (usage: skillsim %s)", cmd.UsageLine)
	}
	if *boot < 1 {
		return badInputf("analyze: -boot %d: must be at least 1", *boot)
	}
	a, err := sweep.Analyze(ctx, fs.Arg(0), sweep.AnalyzeOptions{Boot: *boot, Plots: *plots})
	if err != nil {
		return sweepError("analyze", err)
	}
	printAnalysis(env.Stdout, a)
	return nil
}

// printAnalysis says what an analysis wrote, if there was one.
func printAnalysis(w io.Writer, a *sweep.Analysis) {
	if a == nil {
		return
	}
	figures := ""
	if a.Figures > 0 {
		figures = fmt.Sprintf(" and %d figures in %s", a.Figures, filepath.Join(a.Dir, outdir.FiguresDir))
	}
	fmt.Fprintf(w, "analysis of %s (%s, %d runs, %d failed): %d files in %s%s\n",
		a.Name, a.Method, a.Runs, a.Failed, a.Files, a.Dir, figures)
}
