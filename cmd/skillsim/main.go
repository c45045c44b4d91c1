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
//	validate  check scenario files and print them fully resolved
//	patterns  check a baseline against the observed patterns P1–P10
//	          (-o docs/validation.md writes the validation record)
//
// A scenario argument is a file or, when no file of that name exists, the
// name of a shipped scenario (baseline, region, coproduction, ...).
//
// Use "skillsim help <command>" for more about a command. Bad input (a
// missing or invalid scenario, a bad flag, an output directory that cannot
// be written) exits with status 2 and changes nothing; a failure while
// running exits with status 1.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
