package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"skillsim/model"
	"skillsim/outdir"
	"skillsim/plots"
	"skillsim/scenarios"
	"skillsim/sim"
)

var cmdRun = &Command{
	Name:      "run",
	UsageLine: "run [-seed N] [-reps N] [-workers N] [-out DIR] [-plots=false] [-survey-every-step] [-q] [scenario.yaml]",
	Short:     "run a scenario's replications and write the results",
	Long: `Run runs the replications of a scenario and writes the results to DIR.

With no scenario it runs the embedded default scenario, baseline. The
argument is a scenario file or, when no file of that name exists, the name
of a shipped scenario (` + strings.Join(scenarios.Names(), ", ") + `). -seed and -reps
override the scenario's master seed and number of replications; the values
actually used are recorded in scenario.resolved.yaml and summary.json.
-workers sets how many replications run at once (default: the number of
CPUs); it never changes the results. DIR defaults to out/<scenario name>.

Run writes six files into DIR:

	timeseries.csv           regional indicators, one row per replication and step
	sectors.csv              sector indicators in long format
	colleges.csv             each college's budget, places, enrolment, partnership
	                         effort and currency (by sector) in long format
	employer_groups.csv      indicators by kind of employer (training, strategy,
	                         size, college tie) and sector in long format, from a
	                         survey each June (-survey-every-step: every step)
	summary.json             final indicators per replication, means with 95%
	                         intervals, regime shares, seeds
	scenario.resolved.yaml   the scenario as run, with every default filled in

and its figures into DIR/figures, each as PNG and SVG, with figures.json
listing them and their captions (-plots=false skips them):

	timeseries               the headline indicators over time, mean over
	                         replications with 95% bands, and the regimes
	hourglass                jobs by skill level at the start and the end
	sectors                  turnover, vacancies, training and co-production
	                         by sector at the end
	network                  the partnership network of replication 0 at
	                         the end
	timeseries-<indicator>   each headline indicator on its own

and manifest.json, the SHA-256 of each of those files. The files are
written into a staging directory inside DIR and moved into place together
when all are written, the manifest last, replacing everything of an
earlier run in DIR (figures included, so -plots=false leaves none): a run
killed partway leaves the earlier run or the new one, never a mix, and
"skillsim report" refuses a directory whose files do not match its
manifest. DIR is locked while run works: a second process is refused
with a message naming the first.

Progress (steps done, time left) is shown on standard error, a line
every few seconds when it is not a terminal; -q silences it. Run then
prints a short summary. Replication r of a run with master seed S
draws from the stream PCG(S, r), recorded as "seed": [S, r].
"skillsim report DIR" gathers the results and figures into one HTML page.

A scenario that cannot be read or is invalid, a bad flag, or a DIR that
cannot be written is reported before anything runs, with exit status 2, and
nothing is created. Interrupted (SIGINT or SIGTERM), run writes no results
and exits with status 130.
`,
	Run: runRun,
}

// runOwned reports whether name in a run's directory belongs to a run:
// a run replaces all of them.
func runOwned(name string) bool {
	switch name {
	case sim.FileTimeseries, sim.FileSectors, sim.FileColleges, sim.FileGroups, sim.FileSummary, sim.FileResolved, outdir.FiguresDir:
		return true
	}
	return false
}

func runRun(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	seed := fs.Uint64("seed", 0, "master seed `N` (default: the scenario's seed)")
	reps := fs.Int("reps", 0, "number of replications `N` (default: the scenario's replications)")
	workers := fs.Int("workers", 0, "replications run at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/<scenario name>)")
	drawPlots := fs.Bool("plots", true, "draw the figures into DIR/figures")
	everyStep := fs.Bool("survey-every-step", false, "survey the employer groups after every step, not once a year")
	quiet := fs.Bool("q", false, "show no progress")
	if err := parseFlags(cmd, fs, args, env.Stdout); err != nil {
		return err
	}
	set := flagsSet(fs)
	if fs.NArg() > 1 {
		return badInputf("run: more than one scenario file given: %q (usage: skillsim %s)", fs.Args(), cmd.UsageLine)
	}
	if err := checkSimulationFlags("run", set, *reps, *workers, *out); err != nil {
		return err
	}

	cfg, err := loadScenario(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	if set["seed"] {
		cfg.Seed = *seed
	}
	if set["reps"] {
		cfg.Replications = *reps
	}
	if err := checkFlags("run", cfg); err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		if !isFileName(cfg.Name) {
			return badInputf("run: scenario name %q cannot name an output directory; give -out DIR", cfg.Name)
		}
		dir = filepath.Join("out", cfg.Name)
	}
	resolved, err := scenarios.Marshal(cfg)
	if err != nil {
		return fmt.Errorf("run: writing the resolved scenario: %w", err)
	}

	return simulateInto(env, "run", *quiet, resultsDir{dir, "run", runOwned},
		func(progress func(done, total int)) (*sim.Result, error) {
			return env.run(ctx, cfg, sim.Options{Workers: *workers, Ties: *drawPlots, SurveyEveryStep: *everyStep, Progress: progress})
		},
		func(ws *outdir.Set, res *sim.Result) error { return writeRun(ws, res, resolved, *drawPlots) },
		sim.WriteReport)
}

// A resultsDir is the directory a command writes its results into: its
// path, the kind of set it holds and whether a name in it belongs to
// that kind (outdir.Begin).
type resultsDir struct {
	path  string
	kind  string
	owned func(name string) bool
}

// simulateInto is how run and compare end: it opens the set of files of
// dir (outdir.Begin), simulates, showing the steps done unless quiet,
// writes the results into the set with write and commits it, then prints
// the report and where the results are. A simulation that fails or is
// interrupted, or results that cannot be written, abort the set: the
// directory keeps what it held. Errors are prefixed with the command's
// name; a directory that cannot be used is bad input.
func simulateInto[R any](env *Env, command string, quiet bool, dir resultsDir,
	simulate func(progress func(done, total int)) (R, error), write func(*outdir.Set, R) error, report func(io.Writer, R) error) error {
	ws, err := outdir.Begin(dir.path, dir.kind, "skillsim "+command, dir.owned)
	if err != nil {
		return badInputf("%s: output directory: %w", command, err)
	}
	meter := newMeter(env, quiet, command, "steps")
	res, err := simulate(stepProgress(meter))
	meter.Done()
	if err != nil {
		ws.Abort()
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("%s: %w; no results written", command, errInterrupted)
		}
		return fmt.Errorf("%s: %w", command, err)
	}
	if err := write(ws, res); err != nil {
		ws.Abort()
		return fmt.Errorf("%s: %w", command, err)
	}
	if err := ws.Commit(sim.Version); err != nil {
		return fmt.Errorf("%s: %w", command, err)
	}
	if err := report(env.Stdout, res); err != nil {
		return fmt.Errorf("%s: %w", command, err)
	}
	_, err = fmt.Fprintf(env.Stdout, "results in %s\n", dir.path)
	return err
}

// writeRun writes the files of a run, and its figures when plot, into
// the set ws.
func writeRun(ws *outdir.Set, res *sim.Result, resolved []byte, plot bool) error {
	writers := []struct {
		name  string
		write func(io.Writer) error
	}{
		{sim.FileTimeseries, func(w io.Writer) error { return sim.WriteTimeseries(w, res) }},
		{sim.FileSectors, func(w io.Writer) error { return sim.WriteSectors(w, res) }},
		{sim.FileColleges, func(w io.Writer) error { return sim.WriteColleges(w, res) }},
		{sim.FileGroups, func(w io.Writer) error { return sim.WriteEmployerGroups(w, res) }},
		{sim.FileSummary, func(w io.Writer) error { return sim.WriteSummary(w, res) }},
		{sim.FileResolved, func(w io.Writer) error { _, err := w.Write(resolved); return err }},
	}
	for _, f := range writers {
		if err := outdir.WriteFile(ws.Path(), f.name, f.write); err != nil {
			return err
		}
	}
	if !plot {
		return nil
	}
	figs, err := plots.RunFigures(res)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	if err := outdir.WriteFigures(filepath.Join(ws.Path(), outdir.FiguresDir), figs); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}

// loadScenario returns the embedded default scenario if file is empty, and
// otherwise the scenario the argument names: a file, or a shipped scenario
// when no such file exists. Every error is an inputError.
func loadScenario(ctx context.Context, file string) (*model.Config, error) {
	if file == "" {
		return scenarios.Default(), nil
	}
	return loadScenarioArg(ctx, file)
}
