package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"skillsim/calibrate"
	"skillsim/experiment"
	"skillsim/model"
	"skillsim/patterns"
	"skillsim/scenarios"
)

var cmdValidate = &Command{
	Name:      "validate",
	UsageLine: "validate file.yaml...",
	Short:     "check scenario, experiment, calibration and targets files and print them fully resolved",
	Long: `Validate reads and checks each scenario, experiment, calibration or targets
file without running it.

Each argument is a file, told apart by its top-level keys: a targets file
gives statistics:; a calibration gives targets: or method:; an experiment
gives base:, design: or parameters: (and none of those); anything else is
a scenario. When no file of that name exists, an argument may name a
shipped scenario (` + strings.Join(scenarios.Names(), ", ") + `),
example experiment (` + strings.Join(experiment.Shipped(), ", ") + `)
or example calibration (` + strings.Join(calibrate.Shipped(), ", ") + `).

For a valid scenario validate prints it fully resolved, every default filled
in, as run would record it in scenario.resolved.yaml; for a valid experiment
it prints experiment.resolved.yaml as sweep would write it, after checking
the scenario of every design point (a point the model rejects, which a
sweep would record as a failed run, is reported as a problem). For a valid
calibration it prints the calibration with every default written out (its
parameters' priors and the method's settings), the targets file's
statistics resolved under targets_resolved: and the base scenario in full
under base_scenario: (a record of what calibrate would use); for a valid
targets file, its statistics with every default written out, which read
back as the same targets. With several
arguments each valid file is printed as its own YAML document, opened by
the lines

	---
	# FILE: ok

For an invalid file it prints every problem found to standard error as
file:line:col: field: message. The exit status is 0 when every scenario is
valid and 2 otherwise.
`,
	Run: runValidate,
}

func runValidate(ctx context.Context, cmd *Command, args []string, env *Env) error {
	stdout := env.Stdout
	fs := newFlagSet(cmd)
	if err := parseFlags(cmd, fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return badInputf("validate: no file given (usage: skillsim %s)", cmd.UsageLine)
	}
	var errs []error
	for _, arg := range fs.Args() {
		resolved, err := loadCancellable(ctx, func() ([]byte, error) { return checkFile(arg) })
		if err != nil {
			errs = append(errs, badInput(err))
			continue
		}
		if fs.NArg() > 1 {
			fmt.Fprintf(stdout, "---\n# %s: ok\n", arg)
		}
		if _, err := stdout.Write(resolved); err != nil {
			return fmt.Errorf("validate: %w", err)
		}
	}
	if len(errs) > 0 {
		return badInput(errors.Join(errs...))
	}
	return nil
}

// checkFile reads and checks the file arg names, or the shipped example
// it names, by its kind (validate's help says how kinds are told apart),
// and returns it resolved.
func checkFile(arg string) ([]byte, error) {
	data, err := scenarios.ReadFile(arg)
	switch {
	case err == nil:
		keys := scenarios.TopKeys(data)
		has := func(k string) bool { return slices.Contains(keys, k) }
		switch {
		case has("statistics"):
			t, err := patterns.ParseTargets(arg, data)
			if err != nil {
				return nil, err
			}
			return t.Resolved()
		case has("targets") || has("method"):
			c, err := calibrate.Parse(arg, data, calibrate.FileLoader(arg))
			if err != nil {
				return nil, err
			}
			return c.Resolved()
		}
	case errors.Is(err, os.ErrNotExist) && !isShipped(arg) && !slices.Contains(experiment.Shipped(), strings.TrimSuffix(arg, ".yaml")) &&
		slices.Contains(calibrate.Shipped(), strings.TrimSuffix(strings.TrimSuffix(arg, ".yaml"), ".calibration")):
		c, err := calibrate.Load(arg)
		if err != nil {
			return nil, err
		}
		return c.Resolved()
	}
	return experiment.Check(arg)
}

// loadScenarioArg returns the parsed and validated scenario that a
// command-line argument names: the file arg if it exists, and otherwise
// the shipped scenario called arg. Every error is an inputError; one from
// parsing names the file, line and column of each problem. A signal
// (ctx cancelled) while it reads or parses gives errInterrupted at once.
func loadScenarioArg(ctx context.Context, arg string) (*model.Config, error) {
	return loadCancellable(ctx, func() (*model.Config, error) { return loadScenarioFile(arg) })
}

// loadScenarioFile is loadScenarioArg without cancellation.
func loadScenarioFile(arg string) (*model.Config, error) {
	data, err := readInput(arg)
	if errors.Is(err, os.ErrNotExist) && isShipped(arg) {
		cfg, err := scenarios.Embedded(arg)
		if err != nil {
			return nil, badInput(err)
		}
		return cfg, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, badInputf("%v (nor is %q a shipped scenario: %s)", err, arg, strings.Join(scenarios.Names(), ", "))
	}
	if err != nil {
		return nil, badInput(err)
	}
	cfg, err := scenarios.Parse(arg, data)
	if err != nil {
		return nil, badInput(err)
	}
	return cfg, nil
}

// isShipped reports whether name, with or without .yaml, is the name of a
// shipped scenario.
func isShipped(name string) bool {
	return slices.Contains(scenarios.Names(), strings.TrimSuffix(name, ".yaml"))
}
