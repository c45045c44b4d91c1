package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"skillsim/calibrate"
	"skillsim/sweep"
)

var cmdCalibrate = &Command{
	Name:      "calibrate",
	UsageLine: "calibrate [-workers N] [-out DIR] [-resume] [-shard i/N] [-step] [-plots=false] [-conclusions] [-sample M] [-reps R] [-q] calibration.yaml",
	Short:     "fit parameters to pattern statistics by ABC-SMC, with held-out predictions",
	Long: `Calibrate fits the parameters a calibration file names to the fit
statistics of a targets file by Approximate Bayesian Computation with
sequential Monte Carlo (adaptive tolerances, Del Moral, Doucet & Jasra
2012; random-walk moves, Beaumont et al. 2009), and reports the posterior
and the posterior predictive of every statistic, fitted and held out
(docs/calibration.md). When no file of that name exists, the argument
names a shipped example (` + strings.Join(calibrate.Shipped(), ", ") + `).

It writes into DIR (default: out/<calibration name>): calibration.json,
then for each generation gen-NNN.journal (the simulations as they finish)
and gen-NNN.csv (the population when the generation is done), and at the
end posterior.csv, generations.csv, predictive.csv, figures/ and
manifest.json. Every simulation is seeded from (master seed, generation,
particle), so the result depends neither on -workers nor on sharding.
Interrupted (Ctrl-C), it lets the simulations in flight finish; -resume
goes on, and the result is byte for byte what an uninterrupted run writes.

-shard i/N runs only shard i's part of the pending generation (particles i
modulo N), journalled in DIR/shard-i-of-N, and stops; without -shard, in a
Slurm array job or a Kubernetes Indexed Job the shard is taken from the
environment (docs/cluster.md). A run without a shard takes the shards'
journals in, simulates what they lack and goes on; -step stops it after
one generation, so that a cluster can alternate shards and a step.

-conclusions, once the calibration is complete, answers the questions a
policy researcher would quote across the posterior: for -sample particles
of the final population (default 20) and -reps replications each (default
5), with common random numbers (replication r of every particle and
scenario draws from stream r), the shares of runs in which the baseline is
in the low-skills regime in 2035, the bistable pair holds both regimes,
each shipped policy scenario reaches co-production, and co-production
persists 10 and 30 years after the temporary push ends; each with its 95%
interval, printed and written to DIR/conclusions.csv.

The results are read by skillsim patterns -calibration DIR (the sections
of docs/validation.md: posterior, fitted vs predicted with every miss,
conclusions) and skillsim report DIR; skillsim validate checks a
calibration file without running it.

Progress (simulations of the generation, time left) is shown on standard
error; -q silences it. The exit status is 0 on success (a shard's part
done counts), 1 on a failure to write, 2 with nothing run for a bad flag,
a calibration, scenario or targets file that cannot be read or is invalid
(each problem as file:line:col: field: message) or a DIR that cannot be
used, 130 when interrupted.
`,
	Run: runCalibrate,
}

func runCalibrate(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	workers := fs.Int("workers", 0, "simulations at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/<calibration name>)")
	resume := fs.Bool("resume", false, "continue the calibration in DIR")
	shardFlag := fs.String("shard", "", "run shard `i/N` of the pending generation (default: from the environment, or all)")
	step := fs.Bool("step", false, "stop after one generation")
	plots := fs.Bool("plots", true, "draw the figures (-plots=false to skip)")
	conclude := fs.Bool("conclusions", false, "answer the policy questions across the posterior once complete")
	sample := fs.Int("sample", 20, "posterior particles the conclusions use, `M`")
	reps := fs.Int("reps", 5, "replications per particle for the conclusions, `R`")
	quiet := fs.Bool("q", false, "show no progress")
	file, set, err := parseOneFile(cmd, fs, args, env, "calibration")
	if err != nil {
		return err
	}
	if err := checkWorkers("calibrate", *workers); err != nil {
		return err
	}
	if *sample < 1 || *reps < 1 {
		return badInputf("calibrate: -sample and -reps must be at least 1")
	}
	if err := checkOut("calibrate", set, *out); err != nil {
		return err
	}
	sh, note, err := sweep.ResolveShard(*shardFlag, set["shard"], env.LookupEnv)
	if err != nil {
		return badInputf("calibrate: %w", err)
	}
	c, err := loadCancellable(ctx, func() (*calibrate.Calibration, error) { return calibrate.Load(file) })
	if err != nil {
		return badInput(err)
	}
	dir := *out
	if dir == "" {
		if !isFileName(c.Name) {
			return badInputf("calibrate: name %q cannot name an output directory; give -out DIR", c.Name)
		}
		dir = filepath.Join("out", c.Name)
	}
	log := commandLog(env, "calibrate", note)
	meter := newMeter(env, *quiet, "calibrate", "simulations")
	gen := -1
	opt := calibrate.Options{Workers: *workers, Resume: *resume, Log: log, Step: *step, NoFigures: !*plots,
		Progress: func(g, done, total int) {
			if g != gen {
				gen = g
				meter.Restart() // the time left is the generation's
			}
			meter.Update(done, total, fmt.Sprintf("generation %d", g))
		}}
	if !sh.IsWhole() {
		opt.Shard = calibrate.Shard{I: sh.I, N: sh.N}
	}
	res, err := calibrate.Run(ctx, c, dir, opt)
	meter.Done()
	if err != nil {
		var de *calibrate.DirError
		if errors.As(err, &de) {
			return badInputf("calibrate: %w", err)
		}
		return fmt.Errorf("calibrate: %w", err)
	}
	if res.Partial {
		fmt.Fprintf(env.Stdout, "calibration not complete yet; results so far in %s (go on with -resume)\n", dir)
		return nil
	}
	if err := calibrate.WriteSummary(env.Stdout, res); err != nil {
		return err
	}
	if *conclude {
		q, err := calibrate.EnglandQuestions()
		if err != nil {
			return fmt.Errorf("calibrate: %w", err)
		}
		m := newMeter(env, *quiet, "calibrate: conclusions", "simulations")
		cs, err := calibrate.Conclusions(ctx, c, dir, q, calibrate.ConclusionOptions{Sample: *sample, Replications: *reps, Workers: *workers,
			Progress: func(done, total int) { m.Update(done, total, "") }})
		m.Done()
		if err != nil {
			return fmt.Errorf("calibrate: conclusions: %w", err)
		}
		fmt.Fprintln(env.Stdout)
		if err := calibrate.WriteConclusionsTable(env.Stdout, cs); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "results in %s\n", dir)
	return nil
}
