package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"skillsim/report"
)

var cmdReport = &Command{
	Name:      "report",
	UsageLine: "report [-o FILE] [-validation=false] DIR...",
	Short:     "gather runs, comparisons, experiments and calibrations into one HTML or Markdown report",
	Long: `Report gathers the results in each DIR into one report: a single
self-contained HTML file (default report.html; every figure embedded as a
data: URI, no external assets), or Markdown when FILE ends in .md, with the
figures written as PNG files into FILE's directory, in <name>-figures/
(report.md's in report-figures/), for a repository.

Each DIR is, by the files it holds:

	a run (skillsim run)           summary.json and scenario.resolved.yaml
	a comparison (skillsim compare) compare.csv and <name>.resolved.yaml
	an experiment (skillsim sweep)  experiment.resolved.yaml and analysis/
	a calibration (skillsim calibrate) posterior.csv and predictive.csv

and gets a section with the question each scenario answers (from the
resolved scenario's question:), the regime shares, the figures the command
drew (DIR/figures, or DIR/analysis/figures, in the order and with the
captions of figures.json), the final indicators with their 95% intervals
(a comparison's also as paired differences from the baseline), and the
provenance: the resolved scenarios or experiment, the seeds, the skillsim
version that made the results, and the date of the report.

A calibration's section gives its simulations, generations and final
tolerance, each parameter's posterior median and 90% interval (weighted by
posterior.csv), every statistic fitted or held out with its observation,
tolerance and posterior predictive 90% interval, HIT or MISS (every miss
named), the conclusions across the posterior (conclusions.csv, written by
skillsim calibrate -conclusions; a note gives the command when it is
absent) and the figures of DIR/figures. It needs only calibration.json,
manifest.json, posterior.csv, generations.csv and predictive.csv (as kept
in calibrate/results/england); each is checked against the manifest.

Every file of a DIR is checked against the SHA-256 in its manifest.json
first: a directory without one (a run killed while it was written, or
written by an older skillsim) or with a file that differs is refused with
exit status 2.

A run without figures (run with -plots=false) has its time series,
hour-glass and sector figures drawn from timeseries.csv and sectors.csv.
A run of the scenario named baseline also gets the validation table: its
own time series (as written, to 8 significant digits) checked against the
patterns observed in England and London, as "skillsim patterns" checks
them (docs/validation.md). -validation=false leaves the table out.
`,
	Run: runReport,
}

func runReport(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	out := fs.String("o", "report.html", "write the report to `FILE` (Markdown if it ends in .md)")
	validation := fs.Bool("validation", true, "check a run of the baseline scenario against the observed patterns")
	dirs, err := parseInterspersed(cmd, fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return badInputf("report: give one or more result directories (usage: skillsim %s)", cmd.UsageLine)
	}
	if *out == "" {
		return badInputf("report: -o: the file name is empty")
	}
	if st, err := os.Stat(filepath.Dir(*out)); err != nil || !st.IsDir() {
		return badInputf("report: -o %s: the directory %s does not exist", *out, filepath.Dir(*out))
	}
	n, err := report.Write(*out, dirs, report.Options{Validation: *validation, Generated: env.Now()})
	var de *report.DirError
	if errors.As(err, &de) {
		return badInputf("report: %w", err)
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	plural := "ies"
	if len(dirs) == 1 {
		plural = "y"
	}
	_, err = fmt.Fprintf(env.Stdout, "report of %d director%s with %d figures in %s\n", len(dirs), plural, n, *out)
	return err
}
