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
	"sync"
	"text/tabwriter"
	"time"

	"skillsim/experiment"
	"skillsim/model"
	"skillsim/outdir"
	"skillsim/progress"
	"skillsim/sim"
)

// A Command is one subcommand of skillsim, after cmd/go's base.Command.
type Command struct {
	// Name is the word that selects the command.
	Name string
	// UsageLine is the one-line usage message.
	UsageLine string
	// Short is the one-line description shown in the command list.
	Short string
	// Long is the help text shown by "skillsim help <name>".
	Long string
	// Run runs the command with the arguments after its name. An error
	// wrapped by inputError exits with status 2, errInterrupted or any
	// error once ctx is cancelled with 130, any other with status 1.
	Run func(ctx context.Context, cmd *Command, args []string, env *Env) error
}

// Env is what a command uses besides its arguments: the standard streams,
// the environment and the clock. main passes the process's; tests pass
// their own, so that no test swaps a package-level variable.
type Env struct {
	Stdout, Stderr io.Writer
	// LookupEnv reads the environment (os.LookupEnv; nil: empty).
	LookupEnv func(string) (string, bool)
	// Now is the clock (time.Now), for the date of a report.
	Now func() time.Time
	// Terminal says whether Stderr is a terminal; nil means detect it.
	Terminal *bool

	// Tests set these to watch or replace the engines: runSim and
	// compareSim replace sim.Run and sim.Compare, execute
	// experiment.Execute, and recorded is called with the runs done after
	// each run a sweep journals.
	runSim     func(context.Context, *model.Config, sim.Options) (*sim.Result, error)
	compareSim func(context.Context, []*model.Config, sim.Options) (*sim.Comparison, error)
	execute    func(context.Context, *experiment.Experiment, experiment.ExecOptions, func(*experiment.Result) error) error
	recorded   func(done int)
}

// run runs the replications of cfg with sim.Run, or with the test's
// runSim.
func (env *Env) run(ctx context.Context, cfg *model.Config, opt sim.Options) (*sim.Result, error) {
	if env.runSim != nil {
		return env.runSim(ctx, cfg, opt)
	}
	return sim.Run(ctx, cfg, opt)
}

// compare runs a comparison of cfgs with sim.Compare, or with the test's
// compareSim.
func (env *Env) compare(ctx context.Context, cfgs []*model.Config, opt sim.Options) (*sim.Comparison, error) {
	if env.compareSim != nil {
		return env.compareSim(ctx, cfgs, opt)
	}
	return sim.Compare(ctx, cfgs, opt)
}

// processEnv returns the Env of this process with the given streams.
func processEnv(stdout, stderr io.Writer) *Env {
	return &Env{Stdout: stdout, Stderr: stderr, LookupEnv: os.LookupEnv, Now: time.Now}
}

// commands is the command table, in the order of the usage listing.
var commands = []*Command{
	cmdRun,
	cmdCompare,
	cmdValidate,
	cmdPatterns,
	cmdSweep,
	cmdCalibrate,
	cmdMerge,
	cmdAnalyze,
	cmdReport,
	cmdServe,
}

// lookup returns the command called name, or nil.
func lookup(name string) *Command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// inputError marks an error in the user's input: flags, arguments or the
// scenario. It exits with status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// badInput wraps err as an inputError.
func badInput(err error) error { return inputError{err} }

// badInputf formats an inputError.
func badInputf(format string, args ...any) error { return inputError{fmt.Errorf(format, args...)} }

// run runs skillsim with the command-line arguments args (without the
// program name) and returns the exit status: 0 on success, 1 on a runtime
// failure, 2 on bad input, 130 when interrupted (see exit.go).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, processEnv(stdout, stderr))
}

// runEnv is run in env.
func runEnv(ctx context.Context, args []string, env *Env) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(rest, stdout, stderr)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "skillsim: unknown command %q\nRun 'skillsim help' for usage.\n", name)
		return 2
	}
	err := cmd.Run(ctx, cmd, rest, env)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	printError(stderr, err)
	printStack(stderr, err)
	var busy *outdir.BusyError
	if errors.As(err, &busy) && ctx.Err() == nil {
		return exitBadInput
	}
	return exitStatus(ctx, err)
}

// printError writes err to w, one line per line of its message (a
// scenario error list has one error per line), each prefixed "skillsim: ".
func printError(w io.Writer, err error) {
	for line := range strings.SplitSeq(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintf(w, "skillsim: %s\n", line)
	}
}

// usage writes the list of commands to w.
func usage(w io.Writer) {
	fmt.Fprint(w, `Skillsim simulates a regional skills ecosystem of learners, colleges and
employers, and reports which regime each run ends in.

Usage:

	skillsim <command> [arguments]

The commands are:

`)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "\t%s\t%s\n", c.Name, c.Short)
	}
	tw.Flush()
	fmt.Fprint(w, `
Use "skillsim help <command>" for more information about a command.
`)
}

// help prints the usage listing or the help of one command.
func help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return 0
	case 1:
		if c := lookup(args[0]); c != nil {
			fmt.Fprintf(stdout, "usage: skillsim %s\n\n%s", c.UsageLine, c.Long)
			return 0
		}
		fmt.Fprintf(stderr, "skillsim: unknown help topic %q\nRun 'skillsim help'.\n", args[0])
		return 2
	default:
		fmt.Fprintf(stderr, "usage: skillsim help <command>\n")
		return 2
	}
}

// newFlagSet returns the flag set of cmd. It prints nothing itself:
// parseFlags reports errors and help.
func newFlagSet(cmd *Command) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs. For -h it writes the command's help and
// flags to stdout and returns flag.ErrHelp (exit status 0); for a bad flag
// it returns an inputError naming the command (exit status 2).
func parseFlags(cmd *Command, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "usage: skillsim %s\n\n%s\nFlags:\n", cmd.UsageLine, cmd.Long)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		return err
	}
	if err != nil {
		return badInputf("%s: %v (usage: skillsim %s)", cmd.Name, err, cmd.UsageLine)
	}
	return nil
}

// parseInterspersed parses args with fs, allowing flags after positional
// arguments, and returns the positional arguments in order. After "--"
// every argument is positional.
func parseInterspersed(cmd *Command, fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(cmd, fs, args, stdout); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseOneFile parses the flags of cmd in fs from args, before or after
// its one argument, a file of the kind named ("experiment"), and returns
// the file and the flags set.
func parseOneFile(cmd *Command, fs *flag.FlagSet, args []string, env *Env, kind string) (string, map[string]bool, error) {
	files, err := parseInterspersed(cmd, fs, args, env.Stdout)
	if err != nil {
		return "", nil, err
	}
	if len(files) != 1 {
		return "", nil, badInputf("%s: want one %s file, got %d (usage: skillsim %s)", cmd.Name, kind, len(files), cmd.UsageLine)
	}
	return files[0], flagsSet(fs), nil
}

// flagsSet returns the names of the flags of fs that were given.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// isFileName reports whether name can be used as a file name in a
// directory.
func isFileName(name string) bool {
	return filepath.IsLocal(name) && filepath.Base(name) == name
}

// newMeter returns the progress meter of command name on env.Stderr,
// counting unit, or nil (no progress) when quiet.
func newMeter(env *Env, quiet bool, name, unit string) *progress.Meter {
	if quiet {
		return nil
	}
	return progress.New(env.Stderr, "skillsim: "+name+": ", unit, &progress.Options{Terminal: env.Terminal})
}

// stepProgress returns an sim.Options.Progress function that shows the
// steps done on m, or nil when m is nil.
func stepProgress(m *progress.Meter) func(done, total int) {
	if m == nil {
		return nil
	}
	return func(done, total int) { m.Update(done, total, "") }
}

// commandLog returns the log of command on standard error, each line
// prefixed "skillsim: command: ", having written note to it when there
// is one.
func commandLog(env *Env, command, note string) *lineWriter {
	log := &lineWriter{w: env.Stderr, prefix: "skillsim: " + command + ": "}
	if note != "" {
		fmt.Fprintln(log, note)
	}
	return log
}

// A lineWriter writes each line written to it to w with a prefix, one
// write at a time.
type lineWriter struct {
	mu     sync.Mutex
	w      io.Writer
	prefix string
}

func (l *lineWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for line := range strings.SplitSeq(strings.TrimRight(string(b), "\n"), "\n") {
		if _, err := fmt.Fprintf(l.w, "%s%s\n", l.prefix, line); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}
