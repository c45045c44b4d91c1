package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"skillsim/model"
	"skillsim/outdir"
	"skillsim/plots"
	"skillsim/scenarios"
	"skillsim/sim"
)

var cmdCompare = &Command{
	Name:      "compare",
	UsageLine: "compare [-seed N] [-reps N] [-workers N] [-out DIR] [-plots=false] [-q] A.yaml B.yaml...",
	Short:     "compare scenarios with common random numbers",
	Long: `Compare runs two or more scenarios with common random numbers and reports
how each differs from the first, the baseline.

Each argument is a scenario file or, when no file of that name exists, the
name of a shipped scenario (` + strings.Join(scenarios.Names(), ", ") + `).
Flags may come before, between or after the scenarios.

Every scenario runs with the same master seed S and the same number of
replications: -seed and -reps, by default the first scenario's seed and
replications. Replication r of every scenario draws from the stream
PCG(S, r), so the scenarios differ only in their parameters, and for each
indicator compare reports the paired difference
d_r = final value in scenario k − final value in the baseline, replication
by replication, with the 95% Student-t interval of its mean. -workers sets
how many runs go at once (default: the number of CPUs); it never changes
the results.

Compare writes into DIR, as one set as run does (docs: skillsim help run),
with manifest.json last:

	compare.csv              per scenario and indicator: the mean final value
	                         with its 95% interval and the paired difference
	                         from the baseline with its interval; regime shares
	timeseries.csv           the time series behind the figures: every
	                         indicator of every scenario, replication and
	                         step (scenario,rep,step,date,<indicators>)
	<name>.resolved.yaml     each scenario as run, seed and replications
	                         included

and its figures into DIR/figures, each as PNG and SVG, with figures.json
listing them and their captions (-plots=false skips them):

	differences              each scenario's paired difference from the
	                         baseline in the headline indicators, with 95%
	                         intervals
	regimes                  the regime reached, by scenario
	compare-<indicator>      each headline indicator over time, every
	                         scenario on one axis with its 95% band

and prints each scenario's regime shares and, for the headline indicators,
each scenario's difference from the baseline; a * marks an interval that
excludes 0. DIR defaults to out/compare-<name>-<name>... of the scenario
names (the first few, if there are many).

Fewer than two scenarios, two with the same name, a scenario that cannot be
read or is invalid, a bad flag, or a DIR that cannot be written is reported
before anything runs, with exit status 2, and nothing is created.
`,
	Run: runCompare,
}

// maxDirName is the longest default output directory name of compare.
const maxDirName = 80

// compareOwned reports whether name in a comparison's directory belongs
// to a comparison: a comparison replaces all of them.
func compareOwned(name string) bool {
	return name == sim.FileCompare || name == sim.FileTimeseries || name == outdir.FiguresDir || strings.HasSuffix(name, sim.ResolvedSuffix)
}

func runCompare(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	seed := fs.Uint64("seed", 0, "common master seed `N` (default: the first scenario's seed)")
	reps := fs.Int("reps", 0, "replications `N` of every scenario (default: the first scenario's replications)")
	workers := fs.Int("workers", 0, "runs at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/compare-<names>)")
	drawPlots := fs.Bool("plots", true, "draw the figures into DIR/figures")
	quiet := fs.Bool("q", false, "show no progress")
	files, err := parseInterspersed(cmd, fs, args, env.Stdout)
	if err != nil {
		return err
	}
	set := flagsSet(fs)
	if len(files) < 2 {
		return badInputf("compare: needs at least two scenarios, got %d (usage: skillsim %s)",
			len(files), cmd.UsageLine)
	}
	if err := checkSimulationFlags("compare", set, *reps, *workers, *out); err != nil {
		return err
	}

	// Every scenario runs with the common seed and replications (-seed,
	// -reps, or the first scenario's); the resolved files record them.
	common, n := uint64(0), 0
	if set["seed"] {
		common = *seed
	}
	if set["reps"] {
		n = *reps
	}
	cfgs, resolved, err := loadComparison(ctx, files, set["seed"], common, n)
	if err != nil {
		return err
	}
	for _, cfg := range cfgs {
		if err := checkFlags("compare", cfg); err != nil {
			return err
		}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("out", compareDirName(cfgs))
	}

	return simulateInto(env, "compare", *quiet, resultsDir{dir, "comparison", compareOwned},
		func(progress func(done, total int)) (*sim.Comparison, error) {
			return env.compare(ctx, cfgs, sim.Options{Reps: cfgs[0].Replications, Workers: *workers, Progress: progress})
		},
		func(ws *outdir.Set, c *sim.Comparison) error { return writeCompare(ws, c, cfgs, resolved, *drawPlots) },
		sim.WriteCompareReport)
}

// loadComparison loads the scenarios of files, checks that their names
// differ and can name files, and sets every one's seed to seed (when
// given, else the first scenario's) and replications to reps (when not 0,
// else the first's). It returns the scenarios and their resolved YAML.
func loadComparison(ctx context.Context, files []string, given bool, seed uint64, reps int) ([]*model.Config, [][]byte, error) {
	cfgs := make([]*model.Config, len(files))
	var errs []error
	for k, file := range files {
		var err error
		if cfgs[k], err = loadScenarioArg(ctx, file); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, nil, badInput(errors.Join(errs...))
	}
	for k, cfg := range cfgs {
		for j := range k {
			if cfgs[j].Name == cfg.Name {
				return nil, nil, badInputf("compare: %s and %s are both named %q; the name labels a scenario's rows in %s",
					files[j], files[k], cfg.Name, sim.FileCompare)
			}
		}
		if !isFileName(cfg.Name) {
			return nil, nil, badInputf("compare: %s: scenario name %q cannot name a file", files[k], cfg.Name)
		}
	}
	if !given {
		seed = cfgs[0].Seed
	}
	if reps == 0 {
		reps = cfgs[0].Replications
	}
	resolved := make([][]byte, len(cfgs))
	for k, cfg := range cfgs {
		cfg.Seed, cfg.Replications = seed, reps
		var err error
		if resolved[k], err = scenarios.Marshal(cfg); err != nil {
			return nil, nil, fmt.Errorf("compare: writing the resolved scenario: %w", err)
		}
	}
	return cfgs, resolved, nil
}

// writeCompare writes the files of comparison c, and its figures when
// plots, into the set ws.
func writeCompare(ws *outdir.Set, c *sim.Comparison, cfgs []*model.Config, resolved [][]byte, plot bool) error {
	if err := outdir.WriteFile(ws.Path(), sim.FileCompare, func(w io.Writer) error { return sim.WriteCompareCSV(w, c) }); err != nil {
		return err
	}
	if err := outdir.WriteFile(ws.Path(), sim.FileTimeseries, func(w io.Writer) error { return sim.WriteCompareTimeseries(w, c) }); err != nil {
		return err
	}
	for k, cfg := range cfgs {
		if err := outdir.WriteBytes(ws.Path(), cfg.Name+sim.ResolvedSuffix, resolved[k]); err != nil {
			return err
		}
	}
	if !plot {
		return nil
	}
	figs, err := plots.CompareFigures(c)
	if err == nil {
		err = outdir.WriteFigures(filepath.Join(ws.Path(), outdir.FiguresDir), figs)
	}
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}

// compareDirName returns the default output directory name of a comparison
// of cfgs: compare-<name>-<name>... When that would be longer than
// maxDirName it keeps the names that fit and adds -and-N-more for the rest;
// a first name too long on its own is cut short.
func compareDirName(cfgs []*model.Config) string {
	name := "compare"
	for _, cfg := range cfgs {
		name += "-" + cfg.Name
	}
	if len(name) <= maxDirName {
		return name
	}
	name = "compare"
	for k, cfg := range cfgs {
		more := ""
		if rest := len(cfgs) - k - 1; rest > 0 {
			more = "-and-" + strconv.Itoa(rest) + "-more"
		}
		next := name + "-" + cfg.Name
		switch {
		case len(next)+len(more) <= maxDirName:
			name = next
		case k == 0:
			name = next[:maxDirName-len(more)]
		default:
			// The previous name left room for this suffix.
			return name + "-and-" + strconv.Itoa(len(cfgs)-k) + "-more"
		}
	}
	return name
}
