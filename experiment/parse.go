package experiment

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"skillsim/model"
	"skillsim/scenarios"
)

// The design methods.
const (
	Grid       = "grid"       // full factorial over every parameter's values
	LHS        = "lhs"        // Latin hypercube sample over the ranges
	Sobol      = "sobol"      // Saltelli's scheme for Sobol indices
	Morris     = "morris"     // Morris trajectories for elementary effects
	Hysteresis = "hysteresis" // one lever raised and lowered in a continuing run
)

// Methods lists the design methods in the order the documentation gives them.
var Methods = []string{Grid, LHS, Sobol, Morris, Hysteresis}

// The defaults of the design block.
const (
	DefaultGridLevels   = 5   // levels per parameter given by range in a grid
	DefaultMorrisLevels = 4   // grid levels of a Morris design
	DefaultLHSPoints    = 100 // sample size of a Latin hypercube
	DefaultSobolPoints  = 64  // base sample size N of a Saltelli design
	DefaultTrajectories = 10  // trajectories of a Morris design
)

// MaxPoints is the largest number of design points an experiment may have.
const MaxPoints = 1_000_000

// MaxReplications is the largest number of replications per point.
const MaxReplications = 1_000_000

// Experiment is a parsed, resolved experiment file: a base scenario, the
// parameters varied, the design and its points.
type Experiment struct {
	// Name names the experiment and its output directory.
	Name string
	// BaseName is base: as written in the file: a shipped scenario's name or
	// a file path. It is empty when the file gives only base_scenario:.
	BaseName string
	// Seed is the master seed S: run i draws from rand.NewPCG(S, i).
	Seed uint64
	// Replications is the number of runs per design point.
	Replications int
	// Method is the design method: grid, lhs, sobol, morris or hysteresis.
	Method string
	// Samples is design.points: the LHS sample size, the Saltelli base
	// sample size N or the number of Morris trajectories; 0 for grid and
	// hysteresis.
	Samples int
	// Levels is design.levels: a grid's levels for every parameter given by
	// range that gives no levels of its own, or a Morris design's grid
	// levels; 0 for lhs, sobol and hysteresis.
	Levels int
	// DesignSeed seeds the design's own random numbers (design.seed,
	// default Seed), drawn from rand.NewPCG(DesignSeed, 1<<63).
	DesignSeed uint64
	// Params are the parameters varied, in file order. For hysteresis it
	// holds the one lever, with the values of the hysteresis block.
	Params []Param
	// Outputs names the metrics analysed (default: model.MetricNames()).
	Outputs []string
	// Timeseries asks for every run's time series (Result.Series).
	Timeseries bool
	// CommonRandomNumbers (common_random_numbers: in the file, default
	// false) makes replication r of every design point draw from the same
	// stream, PCG(Seed, r), instead of each run from its own (Stream), so
	// that differences between points are paired, as skillsim compare
	// pairs scenarios. Hysteresis designs do not take it.
	CommonRandomNumbers bool
	// Hysteresis is the hysteresis block, nil unless Method is hysteresis.
	Hysteresis *HysteresisSpec
	// Base is the resolved base scenario. Config copies it; nothing
	// changes it.
	Base *model.Config
	// Points are the design points: Points[p][j] is the value of Params[j]
	// at point p (rounded for whole-number fields). The package
	// documentation gives each method's layout.
	Points [][]float64

	// morrisParam[p] is the parameter that point p of a Morris design
	// changes from point p−1, or −1 at the start of a trajectory.
	morrisParam []int
}

// Param is one parameter of an experiment.
type Param struct {
	// Path names the field set (see "Parameter paths" in the package
	// documentation).
	Path string
	// Low and High bound the values: the range given, or the least and
	// greatest of the values given.
	Low, High float64
	// Values holds a grid's values for the parameter, in order: the values
	// given, or Levels evenly spaced values from Low to High. It is nil
	// for lhs, sobol and morris designs.
	Values []float64
	// Levels is the number of evenly spaced grid values over the range,
	// or 0 when the file gives the values.
	Levels int
	// Whole reports whether the field holds whole numbers: its values are
	// rounded to the nearest whole number.
	Whole bool
	// Links, when not nil, are the fields a linked parameter moves
	// together (link: in the file). Path is then the parameter's name, not
	// a schema path, and its value x, from Low to High, sets each link's
	// field to Link.At(x, Low, High).
	Links []Link
}

// Link is one field a linked parameter moves.
type Link struct {
	// Path names the field.
	Path string
	// Low and High are the field's values when the parameter is at the
	// low and the high end of its range (Low may exceed High: the field
	// then falls as the parameter rises).
	Low, High float64
}

// At returns the link's value when its parameter, ranging from lo to hi,
// is at x: Low + (x − lo)/(hi − lo)·(High − Low), and High at x = hi.
func (l Link) At(x, lo, hi float64) float64 {
	if x == hi {
		return l.High
	}
	return l.Low + (x-lo)/(hi-lo)*(l.High-l.Low)
}

// HysteresisSpec is the hysteresis block: one lever raised through Values
// and lowered back, each value held for Years in one continuing run.
type HysteresisSpec struct {
	// Path names the lever's field.
	Path string
	// Values are the values the lever is raised through, in order; it is
	// then lowered back through them.
	Values []float64
	// Years is how long each value is held.
	Years float64
}

// Months is how long each lever value is held, in months.
func (h *HysteresisSpec) Months() int { return int(math.Round(h.Years * 12)) }

// Steps is the number of lever steps of one replication: 2·len(Values)−1.
func (h *HysteresisSpec) Steps() int { return 2*len(h.Values) - 1 }

// nameRE is the form of experiment names, which name output directories.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// topKeys are the keys of an experiment file, in the order Resolved
// writes them.
var topKeys = []string{"name", "base", "seed", "replications", "common_random_numbers", "design", "parameters", "outputs", "timeseries", "hysteresis", "base_scenario"}

// Parse reads an experiment file from data. file names it in messages.
// load resolves base: (a shipped scenario's name or a file path relative to
// the experiment file; the caller does the I/O) to a validated scenario; it
// is not called when the file gives the base scenario inline under
// base_scenario: (as experiment.resolved.yaml does), and may then be nil.
//
// Parse fills in every default, checks the whole file and builds the
// design points. On any problem it returns a nil experiment and a
// scenarios.ErrorList locating every problem by file, line, column and
// field: malformed YAML, unknown keys, values of the wrong type, unknown
// parameter paths (with the nearest valid ones), empty or inverted ranges,
// values on a method other than grid, too few points for the method,
// unknown output metrics, a hysteresis design without its block, fewer
// than one replication, and the problems of the base scenario.
func Parse(file string, data []byte, load func(base string) (*model.Config, error)) (*Experiment, error) {
	p := &parser{file: file, data: data}
	e := p.parse(load)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b *scenarios.Error) int {
			if (a.File == file) != (b.File == file) {
				// The experiment file's problems first, then those of a base
				// scenario file.
				if a.File == file {
					return -1
				}
				return 1
			}
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Column - b.Column
		})
		return nil, p.errs
	}
	return e, nil
}

// parser holds the state of one Parse.
type parser struct {
	file string
	data []byte
	errs scenarios.ErrorList
	root *yaml.Node
}

func (p *parser) add(line, col int, field, msg string) {
	p.errs = append(p.errs, &scenarios.Error{File: p.file, Line: line, Column: col, Field: field, Message: msg})
}

func (p *parser) errorf(n *yaml.Node, field, format string, args ...any) {
	p.add(n.Line, n.Column, field, fmt.Sprintf(format, args...))
}

// entry is one key of a mapping and its value.
type entry struct{ key, val *yaml.Node }

// mapping returns the entries of mapping n by key, reporting keys not in
// keys and keys given twice. It returns nil if n is not a mapping (after
// reporting that), and an empty map for an empty value.
func (p *parser) mapping(n *yaml.Node, path string, keys []string) map[string]entry {
	n = scenarios.Resolve(n)
	out := make(map[string]entry)
	if isNull(n) {
		return out
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "%s is not a block of fields; must be a mapping with keys such as %s", scenarios.Describe(n), strings.Join(keys[:min(3, len(keys))], ", "))
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, path, "%s is not a field name; keys must be plain names such as %s", scenarios.Describe(k), keys[0])
			continue
		}
		f := join(path, k.Value)
		if first, dup := out[k.Value]; dup {
			p.errorf(k, f, "given twice (first at line %d); give each field once", first.key.Line)
			continue
		}
		if !slices.Contains(keys, k.Value) {
			p.errorf(k, f, "unknown field%s; the fields here are %s", scenarios.Suggest(k.Value, keys), strings.Join(keys, ", "))
			continue
		}
		out[k.Value] = entry{k, v}
	}
	return out
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// str decodes a string.
func (p *parser) str(n *yaml.Node, field, example string) (string, bool) {
	n = scenarios.Resolve(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		p.errorf(n, field, "%s is not a string; must be a string, for example %s", scenarios.Describe(n), example)
		return "", false
	}
	return n.Value, true
}

// number decodes a finite number.
func (p *parser) number(n *yaml.Node, field string) (float64, bool) {
	n = scenarios.Resolve(n)
	var f float64
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") || n.Decode(&f) != nil {
		p.errorf(n, field, "%s is not a number; must be a number, for example 0.5", scenarios.Describe(n))
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		p.errorf(n, field, "%s is not a finite number; must be a finite number", n.Value)
		return 0, false
	}
	return f, true
}

// whole decodes a whole number (an integer, or a float with no fraction).
func (p *parser) whole(n *yaml.Node, field, example string) (int, bool) {
	n = scenarios.Resolve(n)
	bad := func() (int, bool) {
		p.errorf(n, field, "%s is not a whole number; must be a whole number, for example %s", scenarios.Describe(n), example)
		return 0, false
	}
	if n.Kind != yaml.ScalarNode {
		return bad()
	}
	switch n.ShortTag() {
	case "!!int":
		var x int
		if n.Decode(&x) != nil {
			return bad()
		}
		return x, true
	case "!!float":
		var f float64
		if n.Decode(&f) != nil || f != math.Trunc(f) || math.Abs(f) > maxWhole {
			return bad()
		}
		return int(f), true
	}
	return bad()
}

// seed decodes a whole number ≥ 0 that fits 64 bits.
func (p *parser) seed(n *yaml.Node, field string) (uint64, bool) {
	n = scenarios.Resolve(n)
	var u uint64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&u) != nil {
		p.errorf(n, field, "%s is not a seed; must be a whole number from 0 to 18446744073709551615, for example 1", scenarios.Describe(n))
		return 0, false
	}
	return u, true
}

// boolean decodes true or false.
func (p *parser) boolean(n *yaml.Node, field string) (bool, bool) {
	n = scenarios.Resolve(n)
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		p.errorf(n, field, "%s is not true or false; must be true or false", scenarios.Describe(n))
		return false, false
	}
	return b, true
}

// list returns the elements of sequence n, reporting anything else.
func (p *parser) list(n *yaml.Node, field, example string) ([]*yaml.Node, bool) {
	n = scenarios.Resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, field, "%s is not a list; must be a list, for example %s", scenarios.Describe(n), example)
		return nil, false
	}
	return n.Content, true
}

// numbers decodes a list of finite numbers.
func (p *parser) numbers(n *yaml.Node, field, example string) ([]float64, bool) {
	els, ok := p.list(n, field, example)
	if !ok {
		return nil, false
	}
	out := make([]float64, 0, len(els))
	for i, el := range els {
		f, ok2 := p.number(el, fmt.Sprintf("%s[%d]", field, i))
		ok = ok && ok2
		out = append(out, f)
	}
	return out, ok
}

// parse decodes the file and returns the experiment, or nil after
// recording problems.
func (p *parser) parse(load func(string) (*model.Config, error)) *Experiment {
	root, errs := scenarios.Document(p.file, p.data, "an experiment file", "an experiment gives at least a base scenario and its parameters")
	if errs != nil {
		p.errs = append(p.errs, errs...)
		return nil
	}
	p.root = root
	if p.root.Kind != yaml.MappingNode {
		p.errorf(p.root, "", "%s is not an experiment; must be a mapping of fields such as name, base, design and parameters", scenarios.Describe(p.root))
		return nil
	}
	top := p.mapping(p.root, "", topKeys)
	e := &Experiment{}
	ok := true

	// name
	if en, has := top["name"]; has {
		if s, good := p.str(en.val, "name", "network-basin"); good {
			e.Name = s
			if !nameRE.MatchString(s) {
				p.errorf(en.val, "name", "%q is not a valid experiment name; must start with a letter or digit and use only letters, digits, _, . and - so it can name an output directory", s)
				ok = false
			}
		} else {
			ok = false
		}
	} else {
		e.Name = strings.TrimSuffix(filepath.Base(p.file), filepath.Ext(p.file))
		if !nameRE.MatchString(e.Name) {
			p.errorf(p.root, "name", "missing, and the file name %q cannot stand in for it; give a name such as network-basin", e.Name)
			ok = false
		}
	}

	// base scenario
	if en, has := top["base"]; has {
		if s, good := p.str(en.val, "base", "baseline"); good {
			e.BaseName = s
		} else {
			ok = false
		}
	}
	switch en, inline := top["base_scenario"]; {
	case inline:
		e.Base = p.inlineBase(en)
	case e.BaseName != "":
		e.Base = p.loadBase(top["base"].val, e.BaseName, load)
	case top["base"].key == nil:
		p.errorf(p.root, "base", "missing; name the base scenario, a shipped one (%s) or a file relative to this one", strings.Join(scenarios.Names(), ", "))
	}
	if e.Base == nil {
		ok = false
	}

	// seed and replications
	if en, has := top["seed"]; has {
		s, good := p.seed(en.val, "seed")
		e.Seed, ok = s, ok && good
	} else if e.Base != nil {
		e.Seed = e.Base.Seed
	}
	if en, has := top["replications"]; has {
		n, good := p.whole(en.val, "replications", "10")
		switch {
		case !good:
			ok = false
		case n < 1:
			p.errorf(en.val, "replications", "%d is too few; must be a whole number ≥ 1", n)
			ok = false
		case n > MaxReplications:
			p.errorf(en.val, "replications", "%d is too many; must be at most %d", n, MaxReplications)
			ok = false
		}
		e.Replications = n
	} else if e.Base != nil {
		e.Replications = e.Base.Replications
	}

	// design
	ok = p.design(top, e) && ok

	// parameters and hysteresis
	ok = p.params(top, e) && ok
	if en, has := top["parameters"]; has && e.Method == Sobol && len(e.Params) > MaxSobolDims/2 {
		p.errorf(en.key, "parameters", "%d parameters; a Saltelli design varies at most %d (its Sobol' sequence has %d dimensions, two per parameter)", len(e.Params), MaxSobolDims/2, MaxSobolDims)
		ok = false
	}
	ok = p.hysteresis(top, e) && ok

	// outputs
	if en, has := top["outputs"]; has {
		ok = p.outputs(en.val, e) && ok
	} else {
		e.Outputs = model.MetricNames()
	}

	// timeseries
	if en, has := top["timeseries"]; has {
		b, good := p.boolean(en.val, "timeseries")
		e.Timeseries, ok = b, ok && good
	}

	// common random numbers
	if en, has := top["common_random_numbers"]; has {
		b, good := p.boolean(en.val, "common_random_numbers")
		e.CommonRandomNumbers, ok = b, ok && good
		if b && e.Method == Hysteresis {
			p.errorf(en.key, "common_random_numbers", "not used by method hysteresis, whose lever steps are one continuing run per replication already; leave it out")
			ok = false
		}
	}

	if !ok || len(p.errs) > 0 {
		return nil
	}
	if n := e.numPoints(); n > MaxPoints {
		p.errorf(p.root, "design", "the design has %s points, more than the %d allowed; use fewer levels or points", countText(n), MaxPoints)
		return nil
	}
	if !p.checkSize(top, e) {
		return nil
	}
	e.build()
	return e
}

// loadBase resolves base: with load.
func (p *parser) loadBase(n *yaml.Node, name string, load func(string) (*model.Config, error)) *model.Config {
	if load == nil {
		p.errorf(n, "base", "cannot resolve base scenario %q here (no loader); give the scenario inline under base_scenario:", name)
		return nil
	}
	cfg, err := load(name)
	var list scenarios.ErrorList
	switch {
	case errors.As(err, &list):
		p.errorf(n, "base", "the base scenario %q has %d problem(s), listed after this file's", name, len(list))
		p.errs = append(p.errs, list...)
		return nil
	case err != nil:
		p.errorf(n, "base", "%v", err)
		return nil
	case cfg == nil:
		p.errorf(n, "base", "the base scenario %q could not be loaded", name)
		return nil
	}
	if err := cfg.Validate(); err != nil {
		p.errorf(n, "base", "the base scenario %q is invalid: %s", name, strings.ReplaceAll(err.Error(), "\n", "; "))
		return nil
	}
	return cfg
}

// inlineBase parses the scenario written under base_scenario:. A block
// mapping is cut out of the file and parsed as a scenario file so that its
// problems are reported at their own lines and columns; a flow mapping is
// re-encoded and its problems reported at the block.
func (p *parser) inlineBase(en entry) *model.Config {
	n := scenarios.Resolve(en.val)
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		p.errorf(n, "base_scenario", "%s is not a scenario; must be a mapping of a scenario's fields, as written by scenarios.Marshal", scenarios.Describe(n))
		return nil
	}
	chunk, lineOff, colOff, exact := p.cut(en.key, n)
	if !exact {
		var err error
		if chunk, err = yaml.Marshal(n); err != nil {
			p.errorf(n, "base_scenario", "cannot re-encode the scenario: %v", err)
			return nil
		}
	}
	cfg, err := scenarios.Parse(p.file, chunk)
	if err == nil {
		return cfg
	}
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		p.errorf(n, "base_scenario", "%v", err)
		return nil
	}
	for _, se := range list {
		c := *se
		if exact {
			if c.Line > 0 {
				c.Line += lineOff
			}
			if c.Column > 0 {
				c.Column += colOff
			}
		} else {
			c.Line, c.Column = n.Line, n.Column
		}
		c.Field = join("base_scenario", c.Field)
		p.errs = append(p.errs, &c)
	}
	return nil
}

// cut returns the text of block mapping n, the value of key, dedented, and
// the line and column offsets of the cut. exact is false when n cannot be
// cut out line by line (a flow mapping, or text that is not indented as a
// block).
func (p *parser) cut(key, n *yaml.Node) (chunk []byte, lineOff, colOff int, exact bool) {
	if n.Style&yaml.FlowStyle != 0 || n.Line <= key.Line || n.Column <= 1 {
		return nil, 0, 0, false
	}
	lines := strings.SplitAfter(string(p.data), "\n")
	last := len(lines) // 1-based line of the last line of the block
	for i := 0; i+1 < len(p.root.Content); i += 2 {
		if k := p.root.Content[i]; k.Line > key.Line && k.Line-1 < last {
			last = k.Line - 1
		}
	}
	indent := n.Column - 1
	var b strings.Builder
	for _, l := range lines[n.Line-1 : last] {
		trimmed := strings.TrimLeft(l, " ")
		lead := len(l) - len(trimmed)
		switch {
		case lead >= indent:
			b.WriteString(l[indent:])
		case strings.TrimSpace(trimmed) == "" || strings.HasPrefix(trimmed, "#"):
			b.WriteString(trimmed)
		default:
			return nil, 0, 0, false
		}
	}
	return []byte(b.String()), n.Line - 1, indent, true
}

// design decodes the design block.
func (p *parser) design(top map[string]entry, e *Experiment) bool {
	e.Method = Grid
	e.DesignSeed = e.Seed
	en, has := top["design"]
	if !has {
		e.Levels = DefaultGridLevels
		return true
	}
	d := p.mapping(en.val, "design", []string{"method", "points", "levels", "seed"})
	if d == nil {
		return false
	}
	ok := true
	if m, has := d["method"]; has {
		s, good := p.str(m.val, "design.method", "grid")
		switch {
		case !good:
			return false
		case !slices.Contains(Methods, s):
			p.errorf(m.val, "design.method", "unknown method %q%s; the methods are %s", s, scenarios.Suggest(s, Methods), strings.Join(Methods, ", "))
			return false
		}
		e.Method = s
	}
	if s, has := d["seed"]; has {
		v, good := p.seed(s.val, "design.seed")
		e.DesignSeed, ok = v, ok && good
	}
	if pt, has := d["points"]; has {
		n, good := p.whole(pt.val, "design.points", "64")
		switch {
		case !good:
			ok = false
		case e.Method == Grid || e.Method == Hysteresis:
			p.errorf(pt.key, "design.points", "not used by method %s (a grid's size is the product of its parameters' values; leave points out)", e.Method)
			ok = false
		case e.Method == LHS && n < 2:
			p.errorf(pt.val, "design.points", "%d is too few; a Latin hypercube needs at least 2 points", n)
			ok = false
		case e.Method == Sobol && n < 2:
			p.errorf(pt.val, "design.points", "%d is too few; a Saltelli design needs a base sample of N ≥ 2 (it runs N·(k+2) points)", n)
			ok = false
		case e.Method == Morris && n < 2:
			p.errorf(pt.val, "design.points", "%d is too few; a Morris design needs at least 2 trajectories", n)
			ok = false
		}
		e.Samples = n
	} else {
		switch e.Method {
		case LHS:
			e.Samples = DefaultLHSPoints
		case Sobol:
			e.Samples = DefaultSobolPoints
		case Morris:
			e.Samples = DefaultTrajectories
		}
	}
	if lv, has := d["levels"]; has {
		n, good := p.whole(lv.val, "design.levels", "5")
		switch {
		case !good:
			ok = false
		case e.Method != Grid && e.Method != Morris:
			p.errorf(lv.key, "design.levels", "not used by method %s; levels are for grid and morris designs", e.Method)
			ok = false
		case e.Method == Grid && n < 2:
			p.errorf(lv.val, "design.levels", "%d is too few; a grid over a range needs at least 2 levels", n)
			ok = false
		case n > MaxPoints:
			p.errorf(lv.val, "design.levels", "%d is too many; must be at most %d (the most points a design may have)", n, MaxPoints)
			ok = false
			// Stand in the default, so that the parameters' checks do not
			// spread their ranges over n levels.
			n = DefaultGridLevels
		case e.Method == Morris && (n < 2 || n%2 != 0):
			p.errorf(lv.val, "design.levels", "%d is not an even number ≥ 2; a Morris grid needs an even number of levels, for example 4", n)
			ok = false
		}
		e.Levels = n
	} else {
		switch e.Method {
		case Grid:
			e.Levels = DefaultGridLevels
		case Morris:
			e.Levels = DefaultMorrisLevels
		}
	}
	return ok
}

// params decodes the parameters list.
func (p *parser) params(top map[string]entry, e *Experiment) bool {
	en, has := top["parameters"]
	if e.Method == Hysteresis {
		if has && !(isNull(scenarios.Resolve(en.val)) || len(scenarios.Resolve(en.val).Content) == 0) {
			p.errorf(en.key, "parameters", "not used by method hysteresis, which varies the one lever its hysteresis: block names; leave parameters out")
			return false
		}
		return true
	}
	if !has {
		p.errorf(p.root, "parameters", "missing; list the parameters to vary, each with a path and a range or values")
		return false
	}
	els, ok := p.list(en.val, "parameters", "[{path: policies.network.budget, range: [0, 2000000]}]")
	if !ok {
		return false
	}
	if len(els) == 0 {
		p.errorf(en.val, "parameters", "empty; list at least one parameter, each with a path and a range or values")
		return false
	}
	seen := make(map[string]int)
	for i, el := range els {
		f := fmt.Sprintf("parameters[%d]", i)
		m := p.mapping(el, f, []string{"path", "name", "link", "range", "values", "levels"})
		if m == nil {
			ok = false
			continue
		}
		var prm Param
		good := true
		pe, has := m["path"]
		_, linked := m["link"]
		switch {
		case linked:
			if prm, good = p.linked(m, el, f, e, seen, i); !good {
				ok = false
				continue
			}
		case !has:
			p.errorf(el, join(f, "path"), "missing; every parameter gives the path of the field it varies, for example path: policies.network.budget (or a name and the fields it links)")
			ok = false
			continue
		default:
			if ne, named := m["name"]; named {
				p.errorf(ne.key, join(f, "name"), "a name is for a parameter that links several fields (with link:); a parameter with a path is named by its path")
				ok = false
				continue
			}
			if prm.Path, good = p.fieldPath(pe.val, join(f, "path"), e, seen, i); !good {
				ok = false
				if prm.Path == "" {
					continue
				}
			} else if e.Base != nil {
				prm.Whole = scenarios.IsWhole(e.Base, prm.Path)
			}
		}
		re, hasRange := m["range"]
		ve, hasValues := m["values"]
		le, hasLevels := m["levels"]
		switch {
		case hasValues && e.Method != Grid:
			p.errorf(ve.key, join(f, "values"), "values are for grid designs only; a %s design samples a range: give range: [low, high]", e.Method)
			ok = false
			continue
		case hasLevels && e.Method != Grid:
			p.errorf(le.key, join(f, "levels"), "levels per parameter are for grid designs only; leave it out")
			ok = false
			continue
		case hasValues && hasRange:
			p.errorf(ve.key, join(f, "values"), "give either range or values, not both")
			ok = false
			continue
		case hasValues && hasLevels:
			p.errorf(le.key, join(f, "levels"), "levels spread a range; with explicit values leave it out")
			ok = false
			continue
		case !hasValues && !hasRange:
			p.errorf(el, join(f, "range"), "missing; give range: [low, high]%s", map[bool]string{true: " or values: [...]", false: ""}[e.Method == Grid])
			ok = false
			continue
		}
		if hasValues {
			vals, good := p.numbers(ve.val, join(f, "values"), "[0.1, 0.3, 0.5]")
			if good && len(vals) == 0 {
				p.errorf(ve.val, join(f, "values"), "empty; give at least one value")
				good = false
			}
			if !good {
				ok = false
				continue
			}
			if prm.Whole {
				for j := range vals {
					vals[j] = math.Round(vals[j])
				}
			}
			prm.Values = vals
			prm.Low, prm.High = slices.Min(vals), slices.Max(vals)
			if prm.Links != nil && prm.Low == prm.High {
				p.errorf(ve.val, join(f, "values"), "a linked parameter needs at least two different values, to map onto its fields' ranges")
				ok = false
				continue
			}
		} else {
			rng, good := p.numbers(re.val, join(f, "range"), "[0, 1]")
			switch {
			case !good:
				ok = false
				continue
			case len(rng) == 0:
				p.errorf(re.val, join(f, "range"), "empty; a range is [low, high] with low < high")
				ok = false
				continue
			case len(rng) != 2:
				p.errorf(re.val, join(f, "range"), "has %d numbers; a range is [low, high] with low < high", len(rng))
				ok = false
				continue
			case rng[0] >= rng[1]:
				p.errorf(re.val, join(f, "range"), "[%s, %s] is empty or inverted; a range is [low, high] with low < high", fmtNum(rng[0]), fmtNum(rng[1]))
				ok = false
				continue
			}
			prm.Low, prm.High = rng[0], rng[1]
			if e.Method == Grid {
				prm.Levels = e.Levels
				if hasLevels {
					n, good := p.whole(le.val, join(f, "levels"), "5")
					if good && n < 2 {
						p.errorf(le.val, join(f, "levels"), "%d is too few; a grid over a range needs at least 2 levels", n)
						good = false
					}
					if good && n > MaxPoints {
						p.errorf(le.val, join(f, "levels"), "%d is too many; must be at most %d (the most points a design may have)", n, MaxPoints)
						good = false
					}
					if !good {
						ok = false
						continue
					}
					prm.Levels = n
				}
				prm.Values = linspace(prm.Low, prm.High, prm.Levels, prm.Whole)
			}
		}
		e.Params = append(e.Params, prm)
	}
	return ok
}

// linspace returns n evenly spaced values from lo to hi, rounded if whole.
func linspace(lo, hi float64, n int, whole bool) []float64 {
	out := make([]float64, n)
	for i := range n {
		v := lo + (hi-lo)*float64(i)/float64(n-1)
		if i == n-1 {
			v = hi
		}
		if whole {
			v = math.Round(v)
		}
		out[i] = v
	}
	return out
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// hysteresis decodes the hysteresis block.
func (p *parser) hysteresis(top map[string]entry, e *Experiment) bool {
	en, has := top["hysteresis"]
	if e.Method != Hysteresis {
		if has {
			p.errorf(en.key, "hysteresis", "is for method hysteresis only; set design.method: hysteresis or leave the block out")
			return false
		}
		return true
	}
	if !has {
		n := p.root
		if d, ok := top["design"]; ok {
			n = d.key
		}
		p.errorf(n, "hysteresis", "missing; method hysteresis needs a hysteresis: block with the lever's path, its values and the years at each value")
		return false
	}
	m := p.mapping(en.val, "hysteresis", []string{"path", "values", "years"})
	if m == nil {
		return false
	}
	h := &HysteresisSpec{}
	ok := true
	for _, k := range []string{"path", "values", "years"} {
		if _, has := m[k]; !has {
			p.errorf(en.key, join("hysteresis", k), "missing; the hysteresis block gives path, values and years")
			ok = false
		}
	}
	whole := false
	if pe, has := m["path"]; has {
		s, good := p.str(pe.val, "hysteresis.path", "policies.network.budget")
		h.Path = s
		switch {
		case !good:
			ok = false
		case e.Base == nil:
		case scenarios.CheckPath(e.Base, s) != nil:
			p.errorf(pe.val, "hysteresis.path", "%v", scenarios.CheckPath(e.Base, s))
			ok = false
		case isStructural(s):
			p.errorf(pe.val, "hysteresis.path", "%s cannot change in a running region (start, end, step_months, population.persons, employer_size, initial state, network thresholds, sectors' employer counts, colleges' places and adult share); choose a parameter or a policy lever", s)
			ok = false
		default:
			whole = scenarios.IsWhole(e.Base, s)
		}
	}
	if ve, has := m["values"]; has {
		vals, good := p.numbers(ve.val, "hysteresis.values", "[0, 250000, 500000]")
		switch {
		case !good:
			ok = false
		case len(vals) < 2:
			p.errorf(ve.val, "hysteresis.values", "has %d value(s); the lever is raised through at least 2 values and lowered back", len(vals))
			ok = false
		}
		if whole {
			for j := range vals {
				vals[j] = math.Round(vals[j])
			}
		}
		h.Values = vals
	}
	if ye, has := m["years"]; has {
		y, good := p.number(ye.val, "hysteresis.years")
		months := y * 12
		switch {
		case !good:
			ok = false
		case y <= 0:
			p.errorf(ye.val, "hysteresis.years", "%s is not positive; must be the years each lever value is held, for example 10", fmtNum(y))
			ok = false
		case months != math.Trunc(months):
			p.errorf(ye.val, "hysteresis.years", "%s years is not a whole number of months", fmtNum(y))
			ok = false
		case e.Base != nil && int(months)%e.Base.StepMonths != 0:
			p.errorf(ye.val, "hysteresis.years", "%s years is not a whole number of steps of %d months", fmtNum(y), e.Base.StepMonths)
			ok = false
		case e.Base != nil && ok && float64(e.Base.Start)+months*float64(h.Steps()) > float64(model.MonthOf(2400, 12)):
			p.errorf(ye.val, "hysteresis.years", "%d steps of %s years from %s run past 2400-12", h.Steps(), fmtNum(y), e.Base.Start)
			ok = false
		}
		h.Years = y
	}
	if !ok {
		return false
	}
	e.Hysteresis = h
	e.Params = []Param{{Path: h.Path, Low: slices.Min(h.Values), High: slices.Max(h.Values), Values: h.Values, Whole: whole}}
	return true
}

// outputs decodes the outputs list.
func (p *parser) outputs(n *yaml.Node, e *Experiment) bool {
	els, ok := p.list(n, "outputs", "[coproduction_share, high_skill_strategy_share]")
	if !ok {
		return false
	}
	if len(els) == 0 {
		p.errorf(n, "outputs", "empty; list the metrics to analyse, or leave outputs out for all of them")
		return false
	}
	names := model.MetricNames()
	for i, el := range els {
		f := fmt.Sprintf("outputs[%d]", i)
		s, good := p.str(el, f, "coproduction_share")
		switch {
		case !good:
			ok = false
		case !slices.Contains(names, s):
			p.errorf(el, f, "unknown metric %q%s; the metrics are %s", s, scenarios.Suggest(s, names), strings.Join(names, ", "))
			ok = false
		case slices.Contains(e.Outputs, s):
			p.errorf(el, f, "%s is listed twice; list each metric once", s)
			ok = false
		default:
			e.Outputs = append(e.Outputs, s)
		}
	}
	return ok
}

// join joins a field path and a key with a dot.
func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// maxWhole is the largest whole number a file may give: beyond it float64
// no longer holds every integer.
const maxWhole = 1 << 53

// countText writes a count held as a float64: in full up to 2⁵³, where
// every whole number is exact, and as a power of ten beyond.
func countText(n float64) string {
	if n <= maxWhole {
		return strconv.FormatFloat(n, 'f', 0, 64)
	}
	return strconv.FormatFloat(n, 'e', 2, 64)
}

// linkNameRE is the form of a linked parameter's name, which heads its
// column of runs.csv.
var linkNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// linked decodes the name and link list of parameter f, which moves
// several fields together, recording every field it moves in seen.
func (p *parser) linked(m map[string]entry, el *yaml.Node, f string, e *Experiment, seen map[string]int, i int) (Param, bool) {
	var prm Param
	if pe, has := m["path"]; has {
		p.errorf(pe.key, join(f, "path"), "give either path or name and link, not both; a linked parameter's fields are the paths under link:")
		return prm, false
	}
	ne, has := m["name"]
	if !has {
		p.errorf(m["link"].key, join(f, "name"), "missing; a parameter that links several fields gives a name for its column, for example name: package_size")
		return prm, false
	}
	name, ok := p.str(ne.val, join(f, "name"), "package_size")
	if !ok {
		return prm, false
	}
	switch {
	case !linkNameRE.MatchString(name):
		p.errorf(ne.val, join(f, "name"), "%q is not a valid name; must start with a letter and use only letters, digits and _, for example package_size", name)
		return prm, false
	case e.Base != nil && scenarios.CheckPath(e.Base, name) == nil:
		p.errorf(ne.val, join(f, "name"), "%s is a field of the scenario; name the linked parameter something else, such as package_size", name)
		return prm, false
	}
	if first, dup := seen[name]; dup {
		p.errorf(ne.val, join(f, "name"), "%s is already the name or path of parameters[%d]", name, first)
		ok = false
	}
	seen[name] = i
	prm.Path = name
	le := m["link"]
	els, good := p.list(le.val, join(f, "link"), "[{path: policies.network.budget, range: [0, 2000000]}]")
	if !good {
		return prm, false
	}
	if len(els) == 0 {
		p.errorf(le.val, join(f, "link"), "empty; list the fields the parameter moves, each with a path and the range it spans")
		return prm, false
	}
	for j, lel := range els {
		lf := fmt.Sprintf("%s.link[%d]", f, j)
		lm := p.mapping(lel, lf, []string{"path", "range"})
		if lm == nil {
			ok = false
			continue
		}
		var l Link
		lp, hasPath := lm["path"]
		lr, hasRange := lm["range"]
		if !hasPath || !hasRange {
			p.errorf(lel, lf, "every linked field gives its path and the range it spans, for example {path: policies.network.budget, range: [0, 2000000]}")
			ok = false
			continue
		}
		if l.Path, good = p.fieldPath(lp.val, join(lf, "path"), e, seen, i); !good {
			ok = false
			continue
		}
		rng, good := p.numbers(lr.val, join(lf, "range"), "[0, 2000000]")
		switch {
		case !good:
			ok = false
			continue
		case len(rng) != 2:
			p.errorf(lr.val, join(lf, "range"), "has %d numbers; a linked field's range is [at low, at high]: its values when the parameter is at its low and its high end", len(rng))
			ok = false
			continue
		}
		l.Low, l.High = rng[0], rng[1]
		prm.Links = append(prm.Links, l)
	}
	return prm, ok
}

// fieldPath decodes the path of a field parameter i varies (or links),
// records it in seen and checks it against the base scenario, reporting a
// path that is not a string, one another parameter already varies, and an
// unknown one. It returns the path ("" when it is not a string) and
// whether all is well.
func (p *parser) fieldPath(n *yaml.Node, field string, e *Experiment, seen map[string]int, i int) (string, bool) {
	path, ok := p.str(n, field, "policies.network.budget")
	if !ok {
		return "", false
	}
	if first, dup := seen[path]; dup {
		p.errorf(n, field, "%s is already varied by parameters[%d]; vary each field once", path, first)
		ok = false
	}
	seen[path] = i
	if e.Base != nil {
		if err := scenarios.CheckPath(e.Base, path); err != nil {
			p.errorf(n, field, "%v", err)
			ok = false
		}
	}
	return path, ok
}
