package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
	"skillsim/sim"
)

// The exit statuses of skillsim.
const (
	// exitOK: the command did what was asked.
	exitOK = 0
	// exitFailed: a run failed (a simulation error, output that could not
	// be written, a sweep with failed runs).
	exitFailed = 1
	// exitBadInput: bad input (a flag, an argument, a scenario or
	// experiment file); nothing was created.
	exitBadInput = 2
	// exitInternal: an internal error, a bug in skillsim: a panic caught at
	// the top of main, or in a replication (sim.PanicError), reported with
	// its stack on standard error.
	exitInternal = 70
	// exitInterrupted: stopped by SIGINT (Ctrl-C) or SIGTERM, 128 + 2 as
	// shells report a command killed by SIGINT.
	exitInterrupted = 130
)

// errInterrupted is the error of a command stopped by a signal. It exits
// with status exitInterrupted, as does any error returned once the
// command's context is cancelled.
var errInterrupted = errors.New("interrupted")

// guard calls main and returns its exit status; a panic in it is reported
// on stderr as an internal error with its stack, and gives exitInternal
// rather than the status 2 of Go's default, which would pass for bad input.
func guard(stderr io.Writer, main func() int) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "skillsim: internal error (a bug in skillsim; please report it with what follows): %v\n%s", p, debug.Stack())
			code = exitInternal
		}
	}()
	return main()
}

// exitStatus returns the exit status for the error a command returned;
// ctx is the command's context, cancelled by a signal.
func exitStatus(ctx context.Context, err error) int {
	var (
		ie inputError
		pe *sim.PanicError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInterrupted) || ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &pe):
		return exitInternal
	case errors.As(err, &ie):
		return exitBadInput
	}
	return exitFailed
}

// printStack writes the stack of a panic that err reports, from a worker
// goroutine of a simulation (sim.PanicError), to stderr.
func printStack(stderr io.Writer, err error) {
	var pe *sim.PanicError
	if errors.As(err, &pe) {
		fmt.Fprintf(stderr, "skillsim: internal error (a bug in skillsim; please report it with what follows); the replication's stack:\n%s", pe.Stack)
	}
}

// loadCancellable calls load in its own goroutine and returns its result,
// or errInterrupted as soon as ctx is cancelled: reading and parsing a file
// do not look at ctx, and a pipe that sends nothing would block for ever.
// The reader's own limits (scenarios.MaxFileBytes, scenarios.MaxNodes)
// bound the work the abandoned goroutine may still do.
func loadCancellable[T any](ctx context.Context, load func() (T, error)) (T, error) {
	var zero T
	if ctx.Err() != nil {
		return zero, errInterrupted
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := load()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, fmt.Errorf("%w while reading the input; nothing was written", errInterrupted)
	}
}

// checkFlags validates cfg again once flags (-reps, -seed) have changed
// it, so that a flag cannot ask for what a file may not (-reps 1000000000
// would run out of memory). Its error is an inputError naming the command
// and the scenario.
func checkFlags(command string, cfg *model.Config) error {
	if err := cfg.Validate(); err != nil {
		return badInputf("%s: %s with the flags given: %s", command, cfg.Name, strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return nil
}

// maxWorkers is the most workers a -workers flag may ask for: four per
// CPU, or 64. More would not run faster, and each worker holds a whole
// region in memory: -workers 10000 would run out of it.
func maxWorkers() int { return max(64, 4*runtime.NumCPU()) }

// checkWorkers checks a -workers flag: from 0 (the number of CPUs) to
// maxWorkers.
func checkWorkers(command string, n int) error {
	if most := maxWorkers(); n < 0 || n > most {
		return badInputf("%s: -workers %d: must be from 1 to %d (or 0 for the number of CPUs)", command, n, most)
	}
	return nil
}

// checkOut checks an -out flag: when given, it must name a directory.
func checkOut(command string, set map[string]bool, out string) error {
	if set["out"] && out == "" {
		return badInputf("%s: -out: the output directory is empty", command)
	}
	return nil
}

// checkSimulationFlags checks the flags run and compare share: -reps,
// when given, at least 1, -workers (checkWorkers) and -out (checkOut).
func checkSimulationFlags(command string, set map[string]bool, reps, workers int, out string) error {
	if set["reps"] && reps < 1 {
		return badInputf("%s: -reps %d: must be at least 1", command, reps)
	}
	if err := checkWorkers(command, workers); err != nil {
		return err
	}
	return checkOut(command, set, out)
}

// readInput reads a scenario or experiment file, at most
// scenarios.MaxFileBytes of it.
func readInput(name string) ([]byte, error) { return scenarios.ReadFile(name) }
