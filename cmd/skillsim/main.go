// Skillsim simulates a regional skills ecosystem — learners, colleges and
// employers — and reports whether a region stays in the low-skills
// equilibrium or moves onto a co-production trajectory.
//
// Usage:
//
//	skillsim <command> [arguments]
//
// The commands are:
//
//	run       run a scenario's replications and write the results
//	          (with no file, the embedded default scenario, baseline)
//	compare   compare scenarios with common random numbers
//	validate  check scenario and experiment files and print them resolved
//	patterns  check a run against the observed patterns P1–P10, or any
//	          targets file (-o docs/validation.md writes the record)
//	sweep     run an experiment: a design over a base scenario's
//	          parameters, resumable, in shards for a cluster (package sweep)
//	calibrate fit parameters to pattern statistics by ABC-SMC, with the
//	          posterior predictive of held-out ones (package calibrate)
//	merge     join the shards of a sweep into one result
//	analyze   analyse a finished sweep: sensitivity, basins, tipping
//	          point, hysteresis, PRIM
//	report    gather runs, comparisons and experiments into one HTML or
//	          Markdown report (package report)
//	serve     serve the seminar dashboard (package web)
//
// Each command is one file here: its help, its flags, one call of the
// package that does the work, and its exit status. Output directories are
// locked while a command writes them and written as whole sets (package
// outdir); run, compare, sweep, calibrate and patterns show their
// progress with an estimate of the time left on standard error (-q
// silences it).
//
// A scenario argument is a file or, when no file of that name exists, the
// name of a shipped scenario (baseline, region, coproduction, ...).
//
// Use "skillsim help <command>" for more about a command. The exit status
// is 0 on success; 1 when a run failed; 2 for bad input (a missing or
// invalid scenario, a bad flag, an output directory that cannot be
// written), having changed nothing; 130 when interrupted by SIGINT
// (Ctrl-C) or SIGTERM; and 70 for an internal error (a bug), with its
// stack on standard error. A second signal kills at once.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, a second one kills at once.
		<-ctx.Done()
		stop()
	}()
	code := guard(os.Stderr, func() int { return run(ctx, os.Args[1:], os.Stdout, os.Stderr) })
	stop()
	os.Exit(code)
}
