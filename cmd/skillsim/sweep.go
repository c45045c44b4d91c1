package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"skillsim/experiment"
	"skillsim/scenarios"
	"skillsim/sweep"
)

var cmdSweep = &Command{
	Name:      "sweep",
	UsageLine: "sweep [-workers N] [-out DIR] [-resume] [-shard i/N] [-plots=false] [-q] experiment.yaml",
	Short:     "run an experiment: a design over a base scenario's parameters",
	Long: `Sweep runs every run of an experiment (docs/experiments.md): each design
point of its parameters, with its replications, over a base scenario. Flags
may come before or after the experiment file. When no file of that name
exists, the argument names an example experiment shipped with skillsim
(` + strings.Join(experiment.Shipped(), ", ") + `), so that
"skillsim sweep network-basin" runs one.

The experiment's base is a scenario file, relative to the experiment file's
directory, or, when no such file exists, the name of a shipped scenario
(` + strings.Join(scenarios.Names(), ", ") + `).
Run i of an experiment with master seed S draws from PCG(S, i), so the
results depend neither on -workers (how many runs go at once; default: the
number of CPUs) nor on sharding.

Sweep writes into DIR (default: out/<experiment name>):

	experiment.resolved.yaml  the experiment as run, base scenario in full
	manifest.json             name, seed, runs, design, the SHA-256 of
	                          experiment.resolved.yaml, shard, version
	runs.journal              while running: one row per finished run, in
	                          the order they finish, written at once and
	                          synced at least every second
	runs.csv                  at the end: one row per run, in run order
	timeseries.csv.gz         at the end, when the experiment asks for it

The first two are written before any run; runs.csv is built from the
journal when every run is done, manifest.json is written again with the
SHA-256 of each result file, and the journal is then removed. Each
journal line carries a CRC-32 of its row. The sweep
keeps in memory only the byte offset of each run's row in the journal, 8
bytes per run (16 with time series), and writes runs.csv by reading the
rows at those offsets in run order, so an experiment's size is bounded by
disk, not memory.

Interrupted (Ctrl-C), sweep lets the runs in flight finish and journals
them; a crash loses at most the runs in flight. -resume continues the sweep
in DIR: it checks that DIR holds the same experiment (the same SHA-256 of
experiment.resolved.yaml, both as given and as DIR holds it), checks the
CRC of every journal line, cuts the journal at a half-written or damaged
line and runs only what is missing. The result is byte for byte what an
uninterrupted sweep writes. Without -resume, a DIR that already holds
results of the experiment, or holds another experiment, is refused.

-shard i/N runs only the runs whose index is i modulo N (0 ≤ i < N), into
DIR (default: out/<name>.shard-i-of-N); "skillsim merge" joins the N
shards into what one machine would have written. Without -shard, in a Slurm
array job or a Kubernetes Indexed Job the shard is taken from the
environment (SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or
JOB_COMPLETION_INDEX and SKILLSIM_SHARDS; docs/cluster.md); -shard /N
takes only i from it, and -shard 0/1 runs the whole experiment whatever the
environment says.

A run that fails (a point the model rejects, say) is a row with its error
in the error column, not a failed sweep. When the sweep is complete, and
unsharded, it is analysed as by "skillsim analyze DIR", with figures
unless -plots=false.

Progress (runs done, runs per second, time left, failures) is shown on
standard error: redrawn in place on a terminal, and otherwise as a line
every few seconds (so that a Slurm log shows it); -q silences it. DIR is
locked while the sweep runs: a second sweep, merge or analyze of it is
refused with a message naming the process that holds it. Temporary files
that a killed sweep left are removed when it starts again. The exit status
is 0 when every run succeeded; 1 when any run failed or the sweep could
not write its results; 2, with nothing created, for a bad flag, an
experiment file that cannot be read or is invalid (each problem as
file:line:col: field: message), or a DIR that cannot be used; 130 when
interrupted by SIGINT (Ctrl-C) or SIGTERM (rerun with -resume); 70 for an
internal error.
`,
	Run: runSweep,
}

// loadExperiment reads and parses an experiment file or a shipped example
// by name. Every error is an inputError, or errInterrupted as soon as ctx
// is cancelled.
func loadExperiment(ctx context.Context, file string) (*experiment.Experiment, error) {
	e, err := loadCancellable(ctx, func() (*experiment.Experiment, error) { return experiment.Load(file) })
	if err != nil {
		return nil, badInput(err)
	}
	return e, nil
}

func runSweep(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	workers := fs.Int("workers", 0, "runs at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/<experiment name>, or out/<name>.shard-i-of-N)")
	resume := fs.Bool("resume", false, "continue the interrupted sweep in DIR")
	shardFlag := fs.String("shard", "", "run shard `i/N`: the runs whose index is i modulo N (default: from the environment, or all)")
	plots := fs.Bool("plots", true, "draw figures when analysing the complete sweep (-plots=false to skip)")
	quiet := fs.Bool("q", false, "show no progress")
	file, set, err := parseOneFile(cmd, fs, args, env, "experiment")
	if err != nil {
		return err
	}
	if err := checkWorkers("sweep", *workers); err != nil {
		return err
	}
	if err := checkOut("sweep", set, *out); err != nil {
		return err
	}
	sh, note, err := sweep.ResolveShard(*shardFlag, set["shard"], env.LookupEnv)
	if err != nil {
		return badInputf("sweep: %w", err)
	}
	e, err := loadExperiment(ctx, file)
	if err != nil {
		return err
	}
	resolved, err := e.Resolved()
	if err != nil {
		return fmt.Errorf("sweep: writing the resolved experiment: %w", err)
	}
	dir := *out
	if dir == "" {
		if !isFileName(e.Name) {
			return badInputf("sweep: experiment name %q cannot name an output directory; give -out DIR", e.Name)
		}
		dir = filepath.Join("out", e.Name)
		if !sh.IsWhole() {
			dir += fmt.Sprintf(".shard-%d-of-%d", sh.I, sh.N)
		}
	}
	log := commandLog(env, "sweep", note)
	meter := newMeter(env, *quiet, "sweep", "runs")
	opt := sweep.Options{
		Workers: *workers, Shard: sh, Resume: *resume, Log: log, Execute: env.execute,
		Progress: func(done, failed, total int) {
			meter.Update(done, total, fmt.Sprintf("%d failed", failed))
			if env.recorded != nil {
				env.recorded(done)
			}
		},
	}
	if sh.IsWhole() {
		opt.Analysis = &sweep.AnalyzeOptions{Plots: *plots}
	}
	res, err := sweep.Sweep(ctx, e, resolved, dir, opt)
	meter.Done()
	if err != nil {
		return sweepError("sweep", err)
	}
	what := "sweep"
	if !sh.IsWhole() {
		what = "shard " + sh.String()
	}
	fmt.Fprintf(env.Stdout, "%s: %s\n", what, res.Tally)
	if res.Analysis != nil {
		printAnalysis(env.Stdout, res.Analysis)
	} else if !sh.IsWhole() {
		fmt.Fprintf(env.Stdout, "when every shard is done: skillsim merge SHARD_DIR...\n")
	}
	fmt.Fprintf(env.Stdout, "results in %s\n", dir)
	if res.Tally.Failed > 0 {
		return fmt.Errorf("sweep: %d of %d runs failed; their errors are in the error column of %s", res.Tally.Failed, res.Tally.Runs, filepath.Join(dir, sweep.FileRuns))
	}
	return nil
}

// sweepError prefixes err with the command's name, as bad input when the
// directory could not be used.
func sweepError(name string, err error) error {
	var de *sweep.DirError
	if errors.As(err, &de) {
		return badInputf("%s: %w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
