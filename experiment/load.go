package experiment

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
)

// shipped holds the example experiments shipped with the program.
//
//go:embed examples/*.yaml
var shipped embed.FS

// Shipped returns the names of the example experiments shipped with the
// program, sorted. An example's name is its file name without .yaml.
func Shipped() []string {
	files, err := fs.Glob(shipped, "examples/*.yaml")
	if err != nil {
		panic("experiment: " + err.Error())
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".yaml")
	}
	slices.Sort(names)
	return names
}

// ReadShipped returns the text of the shipped example experiment with a
// name from Shipped; the name may also be given with its .yaml suffix.
func ReadShipped(name string) ([]byte, error) {
	data, err := shipped.ReadFile("examples/" + strings.TrimSuffix(name, ".yaml") + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no example experiment %q; the examples are %s", name, strings.Join(Shipped(), ", "))
	}
	return data, nil
}

// isShipped reports whether name, with or without .yaml, names a shipped
// example experiment.
func isShipped(name string) bool {
	return slices.Contains(Shipped(), strings.TrimSuffix(name, ".yaml"))
}

// isShippedScenario reports whether name, with or without .yaml, names a
// shipped scenario.
func isShippedScenario(name string) bool {
	return slices.Contains(scenarios.Names(), strings.TrimSuffix(name, ".yaml"))
}

// BaseLoader returns the loader Parse needs for an experiment file read
// from file: base: names a scenario file relative to the directory of
// file or, when there is no such file, a shipped scenario. With file ""
// (a shipped example) base: names a shipped scenario.
func BaseLoader(file string) func(base string) (*model.Config, error) {
	return func(base string) (*model.Config, error) {
		if file == "" {
			return scenarios.Embedded(base)
		}
		p := base
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(file), base)
		}
		data, err := scenarios.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) && isShippedScenario(base) {
			return scenarios.Embedded(base)
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no file %s, nor is %q a shipped scenario (%s)", p, base, strings.Join(scenarios.Names(), ", "))
		}
		if err != nil {
			return nil, err
		}
		return scenarios.Parse(p, data)
	}
}

// Load reads the experiment arg names: the file arg if it exists, and
// otherwise the shipped example of that name (network-basin, with or
// without .yaml), and parses it with BaseLoader. Errors from parsing are
// a scenarios.ErrorList.
func Load(arg string) (*Experiment, error) {
	file, data, err := read(arg)
	if err != nil {
		return nil, err
	}
	return Parse(arg, data, BaseLoader(file))
}

// read returns the text of the file arg, or of the shipped example arg
// when there is no such file, with the file's path ("" for an example).
func read(arg string) (file string, data []byte, err error) {
	data, err = scenarios.ReadFile(arg)
	switch {
	case err == nil:
		return arg, data, nil
	case errors.Is(err, os.ErrNotExist) && isShipped(arg):
		data, err = ReadShipped(arg)
		return "", data, err
	case errors.Is(err, os.ErrNotExist):
		return "", nil, fmt.Errorf("%v (nor is %q an example experiment: %s)", err, arg, strings.Join(Shipped(), ", "))
	}
	return "", nil, err
}

// experimentKeys are the top-level keys that make a YAML file an
// experiment rather than a scenario: no scenario has them.
var experimentKeys = []string{"base", "base_scenario", "design", "parameters", "hysteresis"}

// IsExperiment reports whether data, a YAML file, is an experiment file
// rather than a scenario: its top level is a mapping that gives base:,
// base_scenario:, design:, parameters: or hysteresis:, keys no scenario
// has. It is false for data that is not YAML.
func IsExperiment(data []byte) bool {
	for _, k := range scenarios.TopKeys(data) {
		if slices.Contains(experimentKeys, k) {
			return true
		}
	}
	return false
}

// Check reads and checks, without running anything, the scenario or
// experiment file arg names, told apart by content (IsExperiment), and
// returns it fully resolved: a scenario as scenarios.Marshal writes it
// (scenario.resolved.yaml), an experiment as Resolved writes it
// (experiment.resolved.yaml), every design point's scenario validated.
// When no file arg exists, arg may name a shipped scenario or a shipped
// example experiment. Problems with the file are a scenarios.ErrorList;
// a design point the model would reject is reported as an error naming
// the point and its values.
func Check(arg string) ([]byte, error) {
	data, err := scenarios.ReadFile(arg)
	file := arg
	switch {
	case errors.Is(err, os.ErrNotExist) && isShippedScenario(arg):
		cfg, err := scenarios.Embedded(arg)
		if err != nil {
			return nil, err
		}
		return scenarios.Marshal(cfg)
	case errors.Is(err, os.ErrNotExist) && isShipped(arg):
		file = ""
		if data, err = ReadShipped(arg); err != nil {
			return nil, err
		}
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%v (nor is %q a shipped scenario or example experiment: %s)", err, arg,
			strings.Join(append(scenarios.Names(), Shipped()...), ", "))
	case err != nil:
		return nil, err
	case !IsExperiment(data):
		cfg, err := scenarios.Parse(arg, data)
		if err != nil {
			return nil, err
		}
		return scenarios.Marshal(cfg)
	}
	e, err := Parse(arg, data, BaseLoader(file))
	if err != nil {
		return nil, err
	}
	if err := e.CheckPoints(); err != nil {
		return nil, err
	}
	return e.Resolved()
}

// CheckPoints validates the scenario of every design point (Config) and
// returns an error naming each point the model rejects, with its values
// and the model's reasons, at most maxReported of them; nil if every
// point is valid. A sweep runs such points as failed runs; Check reports
// them before anything runs.
func (e *Experiment) CheckPoints() error {
	const maxReported = 5
	var errs []error
	bad := 0
	for p := range e.Points {
		if _, err := e.Config(p); err != nil {
			bad++
			if bad <= maxReported {
				errs = append(errs, fmt.Errorf("%s: point %d (%s): %s", e.Name, p, e.describePoint(p), strings.ReplaceAll(err.Error(), "\n", "; ")))
			}
		}
	}
	if bad > maxReported {
		errs = append(errs, fmt.Errorf("%s: %d more invalid points", e.Name, bad-maxReported))
	}
	return errors.Join(errs...)
}

// describePoint names point p's values: "path=value, ...".
func (e *Experiment) describePoint(p int) string {
	parts := make([]string, len(e.Params))
	for j, prm := range e.Params {
		parts[j] = prm.Path + "=" + string(appendValue(nil, e.Points[p][j]))
	}
	return strings.Join(parts, ", ")
}
