package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"skillsim/outdir"
	"skillsim/patterns"
	"skillsim/sim"
)

var cmdPatterns = &Command{
	Name:      "patterns",
	UsageLine: "patterns [-targets FILE] [-reps N] [-seed N] [-workers N] [-o FILE] [-q] [scenario.yaml]",
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

	go run ./cmd/skillsim patterns -o docs/validation.md

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
	if *out != "" {
		err := outdir.WriteFile(dir, filepath.Base(*out), func(w io.Writer) error {
			notes := ""
			if *targetsFile == "" {
				notes = patterns.Notes
			}
			return patterns.Render(w, res, outs, notes)
		})
		if err != nil {
			return fmt.Errorf("patterns: %w", err)
		}
	}
	return nil
}
