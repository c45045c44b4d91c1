package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"skillsim/model"
	"skillsim/plots"
	"skillsim/scenarios"
	"skillsim/sim"
)

var cmdRun = &Command{
	Name:      "run",
	UsageLine: "run [-seed N] [-reps N] [-workers N] [-out DIR] [-plots=false] [-survey-every-step] [scenario.yaml]",
	Short:     "run a scenario's replications and write the results",
	Long: `Run runs the replications of a scenario and writes the results to DIR.

With no scenario it runs the embedded default scenario, baseline. The
argument is a scenario file or, when no file of that name exists, the name
of a shipped scenario (` + strings.Join(scenarios.Names(), ", ") + `). -seed and -reps
override the scenario's master seed and number of replications; the values
actually used are recorded in scenario.resolved.yaml and summary.json.
-workers sets how many replications run at once (default: the number of
CPUs); it never changes the results. DIR defaults to out/<scenario name>.

Run writes five files into DIR, each atomically:

	timeseries.csv           regional indicators, one row per replication and step
	sectors.csv              sector indicators in long format
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

and then prints a short summary. Replication r of a run with master seed S
draws from the stream PCG(S, r), recorded as "seed": [S, r].
"skillsim report DIR" gathers the results and figures into one HTML page.

A scenario that cannot be read or is invalid, a bad flag, or a DIR that
cannot be written is reported before anything runs, with exit status 2, and
nothing is created.
`,
	Run: runRun,
}

// runSim runs the simulation; tests replace it to check that bad input
// stops before any simulation.
var runSim = sim.Run

// The files written by run, in the order they are written.
const (
	fileTimeseries = "timeseries.csv"
	fileSectors    = "sectors.csv"
	fileGroups     = "employer_groups.csv"
	fileSummary    = "summary.json"
	fileResolved   = "scenario.resolved.yaml"
)

func runRun(ctx context.Context, cmd *Command, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet(cmd)
	seed := fs.Uint64("seed", 0, "master seed `N` (default: the scenario's seed)")
	reps := fs.Int("reps", 0, "number of replications `N` (default: the scenario's replications)")
	workers := fs.Int("workers", 0, "replications run at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/<scenario name>)")
	drawPlots := fs.Bool("plots", true, "draw the figures into DIR/figures")
	everyStep := fs.Bool("survey-every-step", false, "survey the employer groups after every step, not once a year")
	if err := parseFlags(cmd, fs, args, stdout); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if fs.NArg() > 1 {
		return badInputf("run: more than one scenario file given: %q (usage: skillsim %s)", fs.Args(), cmd.UsageLine)
	}
	if set["reps"] && *reps < 1 {
		return badInputf("run: -reps %d: must be at least 1", *reps)
	}
	if *workers < 0 {
		return badInputf("run: -workers %d: must be at least 1 (or 0 for the number of CPUs)", *workers)
	}
	if set["out"] && *out == "" {
		return badInputf("run: -out: the output directory is empty")
	}

	cfg, err := loadScenario(fs.Arg(0))
	if err != nil {
		return err
	}
	if set["seed"] {
		cfg.Seed = *seed
	}
	if set["reps"] {
		cfg.Replications = *reps
	}
	dir := *out
	if dir == "" {
		if !filepath.IsLocal(cfg.Name) || filepath.Base(cfg.Name) != cfg.Name {
			return badInputf("run: scenario name %q cannot name an output directory; give -out DIR", cfg.Name)
		}
		dir = filepath.Join("out", cfg.Name)
	}
	resolved, err := scenarios.Marshal(cfg)
	if err != nil {
		return fmt.Errorf("run: writing the resolved scenario: %w", err)
	}

	cleanup, err := prepareDir(dir)
	if err != nil {
		return badInputf("run: output directory: %w", err)
	}
	res, err := runSim(ctx, cfg, sim.Options{Workers: *workers, Ties: *drawPlots, SurveyEveryStep: *everyStep})
	if err != nil {
		cleanup()
		if errors.Is(err, context.Canceled) {
			return errors.New("run: interrupted; no results written")
		}
		return fmt.Errorf("run: %w", err)
	}

	writers := []struct {
		name  string
		write func(io.Writer) error
	}{
		{fileTimeseries, func(w io.Writer) error { return sim.WriteTimeseries(w, res) }},
		{fileSectors, func(w io.Writer) error { return sim.WriteSectors(w, res) }},
		{fileGroups, func(w io.Writer) error { return sim.WriteEmployerGroups(w, res) }},
		{fileSummary, func(w io.Writer) error { return sim.WriteSummary(w, res) }},
		{fileResolved, func(w io.Writer) error { _, err := w.Write(resolved); return err }},
	}
	for _, f := range writers {
		if err := writeFileAtomic(dir, f.name, f.write); err != nil {
			return fmt.Errorf("run: %w", err)
		}
	}
	if *drawPlots {
		figs, err := plots.RunFigures(res)
		if err == nil {
			err = writeFigures(filepath.Join(dir, dirFigures), figs)
		}
		if err != nil {
			return fmt.Errorf("run: figures: %w", err)
		}
	}
	if err := sim.WriteReport(stdout, res); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	_, err = fmt.Fprintf(stdout, "results in %s\n", dir)
	return err
}

// loadScenario returns the embedded default scenario if file is empty, and
// otherwise the scenario the argument names: a file, or a shipped scenario
// when no such file exists. Every error is an inputError.
func loadScenario(file string) (*model.Config, error) {
	if file == "" {
		return scenarios.Default(), nil
	}
	return loadScenarioArg(file)
}

// prepareDir creates dir if need be and checks that a file can be created
// in it. It returns a function that removes the directories it created, if
// they are still empty; on error it has already done so.
func prepareDir(dir string) (cleanup func(), err error) {
	// top is the outermost directory that does not exist yet.
	top := ""
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	cleanup = func() {
		if top == "" {
			return
		}
		for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
			if err := os.Remove(d); err != nil && !errors.Is(err, os.ErrNotExist) || d == top {
				return
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		cleanup()
		return nil, err
	}
	f, err := os.CreateTemp(dir, ".skillsim-probe-*")
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("%s is not writable: %w", dir, err)
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		cleanup()
		return nil, err
	}
	return cleanup, nil
}

// writeFileAtomic writes dir/name through write: it writes a temporary
// file in dir, syncs and closes it, and renames it to name, so a reader
// sees either the old file or the whole new one.
func writeFileAtomic(dir, name string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, name))
}
