package calibrate

import (
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"skillsim/experiment"
	"skillsim/model"
	"skillsim/patterns"
	"skillsim/scenarios"
)

// Calibration is a calibration file, read and checked.
type Calibration struct {
	// Name names the calibration and its output directory.
	Name string
	// File is the calibration file's name ("" for a shipped example).
	File string
	// BaseName is base: as written; Base is the base scenario.
	BaseName string
	Base     *model.Config
	// TargetsName is targets: as written; Targets are the statistics.
	TargetsName string
	Targets     *patterns.Targets
	// Seed is the master seed S: simulation k draws from
	// rand.NewPCG(S, k) (Stream).
	Seed uint64
	// Params are the parameters calibrated, each with its uniform prior
	// over [Low, High].
	Params []experiment.Param
	// Method holds the method's settings.
	Method Method

	// sum is the SHA-256 of everything the result depends on.
	sum string
}

// Method holds the settings of the ABC-SMC sampler (docs/calibration.md).
type Method struct {
	// Particles is the population size N (default 100).
	Particles int `yaml:"particles"`
	// Generations caps the number of generations, the prior sample
	// included (default 10).
	Generations int `yaml:"generations"`
	// Quantile is α: each generation's tolerance is the α-quantile of the
	// current distances (default 0.5).
	Quantile float64 `yaml:"quantile"`
	// MinAcceptance stops the sampler after a generation whose MCMC
	// moves were accepted at a lower rate (default 0.05).
	MinAcceptance float64 `yaml:"min_acceptance"`
	// Replications is the number of simulations per particle, whose
	// statistics are averaged (default 1).
	Replications int `yaml:"replications"`
	// KernelScale multiplies the particles' covariance to give the
	// random-walk kernel's. By default it is 2.38²/d for d calibrated
	// parameters, the optimal scaling of a random-walk Metropolis step
	// (Roberts, Gelman & Gilks 1997; RWMKernelScale): the moves are
	// Metropolis–Hastings steps, and the 2 of Beaumont et al. (2009),
	// meant for importance-sampling ABC, sends most moves of a population
	// spread over a box of many parameters outside the prior.
	KernelScale float64 `yaml:"kernel_scale"`
}

// DefaultMethod returns the default settings.
func DefaultMethod() Method {
	return Method{Particles: 100, Generations: 10, Quantile: 0.5, MinAcceptance: 0.05, Replications: 1}
}

// RWMKernelScale is the default kernel scale for d calibrated parameters,
// 2.38²/d (Roberts, Gelman & Gilks 1997).
func RWMKernelScale(d int) float64 {
	return 2.38 * 2.38 / float64(max(1, d))
}

// Limits on a calibration's size, checked before anything runs.
const (
	// MaxParticles is the largest population.
	MaxParticles = 100_000
	// MaxGenerations is the most generations.
	MaxGenerations = 1000
	// MaxSimulations is the most simulations a calibration may ask for:
	// particles × generations × replications.
	MaxSimulations = 10_000_000
)

// file is the YAML form of a calibration file.
type file struct {
	Name       string     `yaml:"name"`
	Base       string     `yaml:"base"`
	Targets    string     `yaml:"targets"`
	Seed       uint64     `yaml:"seed"`
	Parameters *yaml.Node `yaml:"parameters"`
	Method     Method     `yaml:"method"`
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// Loader reads the base scenario and the targets file a calibration file
// names.
type Loader struct {
	// Scenario returns the base scenario base: names.
	Scenario func(name string) (*model.Config, error)
	// Targets returns the bytes and file name of the targets file
	// targets: names.
	Targets func(name string) (file string, data []byte, err error)
}

// Parse reads a calibration file (docs/calibration.md). Every problem is
// reported as a scenarios.ErrorList at file:line:col with the field's
// path: the calibration file's first, then those of the base scenario
// and the targets file. load reads what base: and targets: name.
func Parse(name string, data []byte, load Loader) (*Calibration, error) {
	f := file{Method: DefaultMethod()}
	d := scenarios.Decode(name, data, "a calibration file", "a calibration gives at least its base scenario, targets and parameters", &f)
	if err := d.Errs(); err != nil {
		return nil, err
	}
	c := &Calibration{Name: f.Name, BaseName: f.Base, TargetsName: f.Targets, Seed: f.Seed, Method: f.Method}
	var more scenarios.ErrorList
	if c.Name == "" {
		c.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	if !nameRE.MatchString(c.Name) {
		d.Errorf("name", "%q is not a valid name; must start with a letter or digit and use only letters, digits, _, . and -", c.Name)
	}
	switch {
	case f.Base == "":
		d.Errorf("base", "missing; name the base scenario, a shipped one (%s) or a file relative to this one", strings.Join(scenarios.Names(), ", "))
	default:
		cfg, err := load.Scenario(f.Base)
		var list scenarios.ErrorList
		switch {
		case errors.As(err, &list):
			d.Errorf("base", "the base scenario %q has %d problem(s), listed after this file's", f.Base, len(list))
			more = append(more, list...)
		case err != nil:
			d.Errorf("base", "%v", err)
		default:
			c.Base = cfg
			if !d.Has("seed") {
				c.Seed = cfg.Seed
			}
		}
	}
	if f.Targets == "" {
		d.Errorf("targets", "missing; name the targets file: england (the embedded patterns/england.yaml) or a file relative to this one")
	} else {
		tf, data, err := load.Targets(f.Targets)
		var t *patterns.Targets
		if err == nil {
			t, err = patterns.ParseTargets(tf, data)
		}
		var list scenarios.ErrorList
		switch {
		case errors.As(err, &list):
			d.Errorf("targets", "the targets file %q has %d problem(s), listed after this file's", f.Targets, len(list))
			more = append(more, list...)
		case err != nil:
			d.Errorf("targets", "%v", err)
		case len(t.Fit()) == 0:
			d.Errorf("targets", "the targets file %q has no statistic with use: fit; a calibration fits to at least one", f.Targets)
		default:
			c.Targets = t
		}
	}
	if f.Parameters == nil {
		d.Errorf("parameters", "missing; list the parameters to calibrate, each with a path and a range (its uniform prior)")
	} else {
		ps, err := experiment.ParseParameters(name, f.Parameters, c.Base)
		var list scenarios.ErrorList
		if errors.As(err, &list) {
			d.Append(list...)
		}
		c.Params = ps
	}
	m := &c.Method
	switch {
	case m.Particles < 2 || m.Particles > MaxParticles:
		d.Errorf("method.particles", "%d is out of range; must be a whole number from 2 to %d", m.Particles, MaxParticles)
	case m.Generations < 1 || m.Generations > MaxGenerations:
		d.Errorf("method.generations", "%d is out of range; must be a whole number from 1 to %d", m.Generations, MaxGenerations)
	case m.Replications < 1 || m.Replications > experiment.MaxReplications:
		d.Errorf("method.replications", "%d is out of range; must be a whole number from 1 to %d", m.Replications, experiment.MaxReplications)
	case float64(m.Particles)*float64(m.Generations)*float64(m.Replications) > MaxSimulations:
		d.Errorf("method", "%d particles × %d generations × %d replications is more than the %d simulations allowed", m.Particles, m.Generations, m.Replications, MaxSimulations)
	}
	if !(m.Quantile > 0 && m.Quantile < 1) {
		d.Errorf("method.quantile", "%g is out of range; must lie strictly between 0 and 1, for example 0.5", m.Quantile)
	}
	if !(m.MinAcceptance >= 0 && m.MinAcceptance < 1) {
		d.Errorf("method.min_acceptance", "%g is out of range; must be from 0 to below 1, for example 0.05", m.MinAcceptance)
	}
	if !d.Has("method.kernel_scale") {
		m.KernelScale = RWMKernelScale(len(c.Params))
	}
	if !(m.KernelScale > 0 && m.KernelScale <= 100) {
		d.Errorf("method.kernel_scale", "%g is out of range; must be above 0 and at most 100, for example 2.38²/d = %.3g for these %d parameters (the default)", m.KernelScale, RWMKernelScale(len(c.Params)), len(c.Params))
	}
	if err := d.Errs(); err != nil {
		var list scenarios.ErrorList
		errors.As(err, &list)
		return nil, append(list, more...)
	}
	c.File = name
	sum, err := c.inputSum()
	if err != nil {
		return nil, err
	}
	c.sum = sum
	return c, nil
}

//go:embed examples/*.yaml
var examples embed.FS

// Shipped returns the names of the example calibrations shipped in
// calibrate/examples.
func Shipped() []string {
	ents, _ := fs.ReadDir(examples, "examples")
	var out []string
	for _, e := range ents {
		if n, ok := strings.CutSuffix(e.Name(), ".calibration.yaml"); ok {
			out = append(out, n)
		}
	}
	return out
}

// Load reads the calibration arg names: the file arg if it exists, and
// otherwise the shipped example of that name. base: and targets: name
// files relative to the calibration file (for an example, files shipped
// beside it), or a shipped scenario and "england".
func Load(arg string) (*Calibration, error) {
	data, err := scenarios.ReadFile(arg)
	if errors.Is(err, os.ErrNotExist) {
		name := strings.TrimSuffix(strings.TrimSuffix(arg, ".yaml"), ".calibration")
		if ex, e2 := examples.ReadFile("examples/" + name + ".calibration.yaml"); e2 == nil {
			return Parse("calibrate/examples/"+name+".calibration.yaml", ex, exampleLoader())
		}
		return nil, fmt.Errorf("%v (nor is %q an example calibration: %s)", err, arg, strings.Join(Shipped(), ", "))
	}
	if err != nil {
		return nil, err
	}
	return Parse(arg, data, FileLoader(arg))
}

// FileLoader returns the loader of a calibration file read from path.
func FileLoader(path string) Loader {
	rel := func(n string) string {
		if filepath.IsAbs(n) {
			return n
		}
		return filepath.Join(filepath.Dir(path), n)
	}
	return Loader{
		Scenario: experiment.BaseLoader(path),
		Targets: func(n string) (string, []byte, error) {
			p := rel(n)
			data, err := scenarios.ReadFile(p)
			if errors.Is(err, os.ErrNotExist) && n == "england" {
				return patterns.EnglandFile, patterns.EnglandYAML(), nil
			}
			return p, data, err
		},
	}
}

// exampleLoader reads the files a shipped example names from
// calibrate/examples, or the shipped scenarios and England's targets.
func exampleLoader() Loader {
	return Loader{
		Scenario: func(n string) (*model.Config, error) {
			if data, err := examples.ReadFile("examples/" + n); err == nil {
				return scenarios.Parse("calibrate/examples/"+n, data)
			}
			return scenarios.Embedded(n)
		},
		Targets: func(n string) (string, []byte, error) {
			if n == "england" {
				return patterns.EnglandFile, patterns.EnglandYAML(), nil
			}
			data, err := examples.ReadFile("examples/" + n)
			return "calibrate/examples/" + n, data, err
		},
	}
}

// inputSum returns the SHA-256 of what a calibration's results depend on:
// the calibration resolved (Resolved: priors, method, seed, the targets'
// statistics and the base scenario in full, every default of the model
// written out), with each calibrated field of the base set to its prior's
// low end as an experiment sets a point (experiment.Experiment.Config:
// links, and switches after fields). A default the calibration samples over — set to its posterior
// median after the calibration (docs/calibration.md) — thus leaves the
// sum alone, while any other change to the base scenario, the model's
// defaults, the targets or the priors changes it; comments and layout of
// the files do not.
func (c *Calibration) inputSum() (string, error) {
	low := make([]float64, len(c.Params))
	for j, p := range c.Params {
		low[j] = p.Low
	}
	base, err := experiment.ForPoints(c.Base, c.Seed, c.Params, [][]float64{low}).Config(0)
	if err != nil {
		return "", fmt.Errorf("calibrate: %s: %w", c.Name, err)
	}
	base.Seed = c.Base.Seed // the point's config carries the calibration's seed
	neutral := *c
	neutral.Base = base
	b, err := neutral.Resolved()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", sha256.Sum256(b)), nil
}
