package main

import (
	"context"
	"fmt"

	"skillsim/sweep"
)

var cmdMerge = &Command{
	Name:      "merge",
	UsageLine: "merge [-out DIR] [-plots=false] SHARD_DIR...",
	Short:     "join the shards of a sweep into one result",
	Long: `Merge joins the output directories of the N shards of a sweep (skillsim
sweep -shard i/N) into DIR, byte for byte what one sweep on one machine
would have written: experiment.resolved.yaml, manifest.json, runs.csv and,
when the experiment asks for it, timeseries.csv.gz. Flags may come before
or after the directories. DIR defaults to out/<experiment name>.

Merge first checks that the directories hold shards of one experiment (the
same SHA-256 of experiment.resolved.yaml, the same N and skillsim
version), that each shard 0..N−1 is given exactly once, and that each is
complete and matches its manifest. If any check fails, DIR holds another
sweep, or another process is using DIR, it writes nothing and exits with
status 2.

It reads the shards' files once, side by side, in run order (run i is in
shard i mod N), so it holds one row at a time in memory. manifest.json is
written first, and again last with the SHA-256 of each file: a merge that
was killed is finished by running it again, and one that is complete is
left as it is. When it is done it analyses DIR as "skillsim analyze DIR"
(-plots: with figures) would. Failed runs are reported but do not change
the exit status, 0.
`,
	Run: runMerge,
}

func runMerge(ctx context.Context, cmd *Command, args []string, env *Env) error {
	fs := newFlagSet(cmd)
	out := fs.String("out", "", "output directory `DIR` (default: out/<experiment name>)")
	plots := fs.Bool("plots", true, "draw figures when analysing the merged sweep (-plots=false to skip)")
	dirs, err := parseInterspersed(cmd, fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return badInputf("merge: no shard directories given (usage: skillsim %s)", cmd.UsageLine)
	}
	if err := checkOut("merge", flagsSet(fs), *out); err != nil {
		return err
	}
	res, err := sweep.Merge(ctx, dirs, sweep.MergeOptions{
		Out:      *out,
		Log:      commandLog(env, "merge", ""),
		Analysis: &sweep.AnalyzeOptions{Plots: *plots},
	})
	if err != nil {
		return sweepError("merge", err)
	}
	fmt.Fprintf(env.Stdout, "merged %d shards: %s\n", len(dirs), res.Tally)
	printAnalysis(env.Stdout, res.Analysis)
	_, err = fmt.Fprintf(env.Stdout, "results in %s\n", res.Dir)
	return err
}
