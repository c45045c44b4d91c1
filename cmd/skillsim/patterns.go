package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"skillsim/calibrate"
	"skillsim/outdir"
	"skillsim/patterns"
	"skillsim/sim"
)

var cmdPatterns = &Command{
	Name:      "patterns",
	UsageLine: "patterns [-targets FILE] [-calibration DIR] [-reps N] [-seed N] [-workers N] [-o FILE] [-q] [scenario.yaml]",
	Short:     "check a run against the observed patterns P1–P10, or any targets file",
	Long: `Patterns runs a scenario (by default the shipped baseline) and checks it
against the patterns observed in England and London (brief section 5): for
each pattern a statistic of the simulated series, its mean over
replications with a 95% interval, the tolerance and pass or fail. The
statistics are read from a targets file (docs/calibration.md gives its
format): by default the embedded patterns/england.yaml; -targets FILE
checks the run against any other, which a malformed file reports as
file:line:col: field: message with exit status 2. The table
is printed on standard output; -o also writes it, with the notes on
patterns the model does not meet, as a Markdown file (docs/validation.md
is made this way:

	go run ./cmd/skillsim patterns -calibration calibrate/results/england -o docs/validation.md

-calibration DIR adds, after the run's table and notes, sections generated
from a finished calibration's output directory (skillsim calibrate):
"Calibration" (its name, simulations, generations, final tolerance and
each parameter's posterior median and 90% interval, from posterior.csv
with its weights), "Fitted vs predicted" (every statistic, fit or
predict, with its observation, tolerance and posterior predictive median
and 90% interval from predictive.csv, HIT when the observed value lies in
the interval and MISS otherwise, every miss named) and "Conclusions across
the posterior" (conclusions.csv, or how to make it). DIR needs only
calibration.json, manifest.json, posterior.csv, generations.csv,
predictive.csv and conclusions.csv; each CSV is checked against the
manifest's SHA-256. A DIR that does not exist gives a section saying how
to make it (and a warning); one that holds no readable calibration is an
error with exit status 2, before anything runs.

Progress (steps done, time left) is shown on standard error, a line every
few seconds when it is not a terminal; -q silences it. The exit status is
0 whether or not patterns pass; use the test
(go test ./patterns) to fail on a regression.
`,
	Run: runPatterns,
}

func runPatterns(ctx context.Context, cmd *Command, args []string, env *Env) error {
	stdout := env.Stdout
	fs := newFlagSet(cmd)
	seed := fs.Uint64("seed", 0, "master seed `N` (default: the scenario's seed)")
	reps := fs.Int("reps", 0, "number of replications `N` (default: the scenario's replications)")
	workers := fs.Int("workers", 0, "replications run at once, `N` (default: the number of CPUs)")
	out := fs.String("o", "", "also write the Markdown table to `FILE`")
	targetsFile := fs.String("targets", "", "the targets file `FILE` (default: the embedded patterns/england.yaml)")
	calDir := fs.String("calibration", "", "add the sections generated from the calibration results in `DIR`")
	quiet := fs.Bool("q", false, "show no progress")
	if err := parseFlags(cmd, fs, args, stdout); err != nil {
		return err
	}
	if *reps < 0 {
		return badInputf("patterns: -reps must not be negative")
	}
	if err := checkWorkers("patterns", *workers); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return badInputf("patterns: at most one scenario (usage: skillsim %s)", cmd.UsageLine)
	}
	arg := "baseline"
	if fs.NArg() == 1 {
		arg = fs.Arg(0)
	}
	targets, err := patterns.LoadTargets(*targetsFile)
	if err != nil {
		return badInput(err)
	}
	cfg, err := loadScenarioArg(ctx, arg)
	if err != nil {
		return err
	}
	if *seed != 0 {
		cfg.Seed = *seed
	}
	if *reps != 0 {
		cfg.Replications = *reps
	}
	if err := checkFlags("patterns", cfg); err != nil {
		return err
	}
	dir := ""
	if *out != "" {
		dir = filepath.Dir(*out)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return badInputf("patterns: -o %s: the directory %s does not exist", *out, dir)
		}
	}
	var cal bytes.Buffer
	if *calDir != "" {
		missing, err := calibrate.WriteValidation(&cal, *calDir, filepath.ToSlash(*calDir))
		if err != nil {
			return badInputf("patterns: -calibration: %w", err)
		}
		if missing {
			fmt.Fprintf(env.Stderr, "skillsim: patterns: -calibration %s does not exist; the calibration sections say how to make it\n", *calDir)
		}
	}
	meter := newMeter(env, *quiet, "patterns", "steps")
	res, err := sim.Run(ctx, cfg, sim.Options{Workers: *workers, Progress: stepProgress(meter)})
	meter.Done()
	if err != nil {
		return fmt.Errorf("patterns: %w", err)
	}
	outs := patterns.Check(res, targets.Statistics)
	if err := patterns.Render(stdout, res, outs, ""); err != nil {
		return err
	}
	if cal.Len() > 0 {
		fmt.Fprintln(stdout)
		if _, err := stdout.Write(cal.Bytes()); err != nil {
			return err
		}
	}
	if *out != "" {
		err := outdir.WriteFile(dir, filepath.Base(*out), func(w io.Writer) error {
			notes := ""
			if *targetsFile == "" {
				notes = patterns.Notes
			}
			if err := patterns.Render(w, res, outs, notes); err != nil {
				return err
			}
			return writeCalibrationSections(w, cal.Bytes())
		})
		if err != nil {
			return fmt.Errorf("patterns: %w", err)
		}
	}
	return nil
}

// writeCalibrationSections appends the calibration sections, if any, to
// docs/validation.md after a blank line.
func writeCalibrationSections(w io.Writer, cal []byte) error {
	if len(cal) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\n%s", cal)
	return err
}
