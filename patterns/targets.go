package patterns

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
	"skillsim/sim"
)

// Use says what a calibration does with a statistic.
type Use int

const (
	// Fit marks a statistic a calibration fits to.
	Fit Use = iota
	// Predict marks a statistic held out: a calibration does not see it,
	// and its posterior predictive is compared with the observation.
	Predict
)

// String returns "fit" or "predict".
func (u Use) String() string {
	if u == Predict {
		return "predict"
	}
	return "fit"
}

// The transforms of a statistic (docs/calibration.md).
const (
	// Level is the indicator's aggregate over the window.
	Level = "level"
	// Difference is the aggregate over then minus that over window.
	Difference = "difference"
	// Ratio is the aggregate over then (or, with a denominator, over
	// window) divided by the aggregate over window (of the denominator).
	Ratio = "ratio"
)

// The aggregates of an indicator over a window.
const (
	// Mean is Σ x / n over the observations in the window, or with a
	// weight w, Σ w·x / Σ w.
	Mean = "mean"
	// Total is Σ x, or with a weight w, Σ w·x.
	Total = "total"
)

var (
	transforms = []string{Level, Difference, Ratio}
	aggregates = []string{Mean, Total}
	uses       = []string{"fit", "predict"}
)

// Indicator names the series a statistic reads: a regional indicator
// (timeseries.csv), a sector's indicator (sectors.csv) or an indicator of
// a group of employers (employer_groups.csv).
type Indicator struct {
	// Metric is the indicator's name: a model.MetricNames,
	// model.SectorMetricNames or model.GroupMetricNames entry.
	Metric string
	// Sector names the sector of a sector or group indicator; for a group
	// indicator "" or "all" means all sectors together.
	Sector string
	// Group names the employer group (model.GroupNames) of a group
	// indicator, or is empty.
	Group string

	kind   int // regional, sector or group
	metric int // the index of Metric in its kind's list
	group  int
}

const (
	regional = iota
	sectoral
	grouped
)

// Statistic is one pattern statistic: an aggregate of an indicator over
// one or two windows, transformed, with the observed value and its
// tolerance.
type Statistic struct {
	// ID labels the statistic (P1a …).
	ID string
	// Name says what is observed.
	Name string
	// Observed states the observed figure as the source gives it.
	Observed string
	// Value is the observed value the statistic is compared with: the
	// file's value:, or the middle of the tolerance if it gives none.
	Value float64
	// RangeOnly says that the file gives no value: the observation is
	// only a range (such as "grows"), the tolerance.
	RangeOnly bool
	// Low and High bound the statistic's acceptable mean (the tolerance).
	Low, High float64
	// Source names where the figure comes from.
	Source string
	// Use says whether a calibration fits to the statistic or predicts it.
	Use Use
	// Note is a remark on the statistic, or empty.
	Note string
	// Indicator is the series read.
	Indicator Indicator
	// Denominator, for a ratio over one window, is the series divided by;
	// nil otherwise.
	Denominator *Indicator
	// Weight, if not empty, names the regional indicator that weights the
	// aggregate (apprenticeship_starts: shares of starts average over
	// starts, not months).
	Weight string
	// Transform is Level, Difference or Ratio; Aggregate is Mean or Total.
	Transform, Aggregate string
	// Window and Then are the months [From, To) of the first and second
	// windows; Then is zero for a level or a ratio with a denominator.
	Window, Then Span

	weight int // the index of Weight among the regional metrics, or -1
}

// Span is the months [From, To).
type Span struct{ From, To model.Month }

// Scale is the statistic's scale for a distance: half the width of its
// tolerance.
func (s *Statistic) Scale() float64 { return (s.High - s.Low) / 2 }

// Targets is a set of pattern statistics, read from a targets file.
type Targets struct {
	// Name names the set.
	Name string
	// Statistics are the statistics in file order.
	Statistics []Statistic
}

// Fit returns the indices of the statistics used to fit.
func (t *Targets) Fit() []int {
	var out []int
	for i, s := range t.Statistics {
		if s.Use == Fit {
			out = append(out, i)
		}
	}
	return out
}

// targetsFile is the YAML form of a targets file.
type targetsFile struct {
	Name       string     `yaml:"name"`
	Statistics []statFile `yaml:"statistics"`
}

// statFile is the YAML form of a statistic.
type statFile struct {
	ID          string        `yaml:"id"`
	Name        string        `yaml:"name"`
	Observed    string        `yaml:"observed"`
	Value       float64       `yaml:"value"`
	Tolerance   []float64     `yaml:"tolerance"`
	Source      string        `yaml:"source"`
	Use         string        `yaml:"use"`
	Note        string        `yaml:"note"`
	Indicator   string        `yaml:"indicator"`
	Sector      string        `yaml:"sector"`
	Group       string        `yaml:"group"`
	Denominator string        `yaml:"denominator"`
	Weight      string        `yaml:"weight"`
	Transform   string        `yaml:"transform"`
	Aggregate   string        `yaml:"aggregate"`
	Window      []model.Month `yaml:"window"`
	Then        []model.Month `yaml:"then"`
}

// ParseTargets reads a targets file (docs/calibration.md). Every problem
// is reported as a scenarios.ErrorList, located at file:line:col with the
// field's path, as a scenario's are. file is used only in messages.
func ParseTargets(file string, data []byte) (*Targets, error) {
	var f targetsFile
	d := scenarios.Decode(file, data, "a targets file", "a targets file gives its statistics, for example statistics: [{id: P1, ...}]", &f)
	if err := d.Errs(); err != nil {
		return nil, err
	}
	t := &Targets{Name: f.Name}
	if len(f.Statistics) == 0 {
		d.Errorf("statistics", "missing or empty; a targets file lists at least one statistic")
	}
	seen := map[string]int{}
	for i, sf := range f.Statistics {
		p := fmt.Sprintf("statistics[%d]", i)
		s, ok := sf.compile(d, p)
		if sf.ID != "" {
			if j, dup := seen[sf.ID]; dup {
				d.Errorf(p+".id", "%q is also the id of statistics[%d]; ids must differ", sf.ID, j)
				ok = false
			}
			seen[sf.ID] = i
		}
		if ok {
			t.Statistics = append(t.Statistics, s)
		}
	}
	if err := d.Errs(); err != nil {
		return nil, err
	}
	return t, nil
}

// compile checks sf and returns its Statistic, reporting problems at
// path p.
func (sf *statFile) compile(d *scenarios.Decoded, p string) (Statistic, bool) {
	ok := true
	bad := func(field, format string, args ...any) {
		d.Errorf(p+"."+field, format, args...)
		ok = false
	}
	s := Statistic{ID: sf.ID, Name: sf.Name, Observed: sf.Observed, Source: sf.Source, Note: sf.Note,
		Transform: sf.Transform, Aggregate: sf.Aggregate, Weight: sf.Weight, weight: -1}
	if sf.ID == "" {
		bad("id", "missing; every statistic has an id, such as P1a")
	}
	if s.Name == "" {
		s.Name = sf.ID
	}
	switch len(sf.Tolerance) {
	case 2:
		s.Low, s.High = sf.Tolerance[0], sf.Tolerance[1]
		if !(s.Low < s.High) {
			bad("tolerance", "[%g, %g] is empty; must be [low, high] with low < high", s.Low, s.High)
		}
	default:
		bad("tolerance", "missing or not two numbers; must be [low, high], for example [0.6, 0.71]")
	}
	s.Value, s.RangeOnly = (s.Low+s.High)/2, true
	if d.Has(p + ".value") {
		s.Value, s.RangeOnly = sf.Value, false
	}
	switch sf.Use {
	case "fit":
		s.Use = Fit
	case "predict":
		s.Use = Predict
	default:
		bad("use", "%q is not a use; must be fit or predict", sf.Use)
	}
	if s.Transform == "" {
		s.Transform = Level
	}
	if !slices.Contains(transforms, s.Transform) {
		bad("transform", "%q is not a transform%s; must be one of %s", s.Transform, scenarios.Suggest(s.Transform, transforms), strings.Join(transforms, ", "))
	}
	if s.Aggregate == "" {
		s.Aggregate = Mean
	}
	if !slices.Contains(aggregates, s.Aggregate) {
		bad("aggregate", "%q is not an aggregate; must be mean or total", s.Aggregate)
	}
	ind, err := resolveIndicator(sf.Indicator, sf.Sector, sf.Group)
	if err != nil {
		bad("indicator", "%v", err)
	}
	s.Indicator = ind
	if sf.Denominator != "" {
		den, err := resolveIndicator(sf.Denominator, sf.Sector, sf.Group)
		if err != nil {
			bad("denominator", "%v", err)
		}
		s.Denominator = &den
		if s.Transform != Ratio {
			bad("denominator", "given with transform %s; a denominator goes with transform ratio", s.Transform)
		}
	}
	if s.Weight != "" {
		s.weight = slices.Index(model.MetricNames(), s.Weight)
		switch {
		case s.weight < 0:
			bad("weight", "%q is not a regional indicator%s", s.Weight, scenarios.Suggest(s.Weight, model.MetricNames()))
		case ind.kind != regional:
			bad("weight", "a weight goes only with a regional indicator (no sector: or group:)")
		}
	}
	var good bool
	if s.Window, good = span(sf.Window); !good {
		bad("window", "missing or not two months; must be [first, last], for example [2011-01, 2017-12], with first ≤ last")
	}
	needThen := s.Transform == Difference || s.Transform == Ratio && s.Denominator == nil
	switch {
	case needThen && sf.Then == nil:
		bad("then", "missing; a %s compares two windows: give then: [first, last], the later window", s.Transform)
	case !needThen && sf.Then != nil:
		bad("then", "not used by transform %s%s; leave it out", s.Transform, map[bool]string{true: " with a denominator"}[s.Denominator != nil])
	case needThen:
		if s.Then, good = span(sf.Then); !good {
			bad("then", "not two months; must be [first, last], for example [2024-01, 2024-12], with first ≤ last")
		}
	}
	return s, ok
}

// span reads [first, last] inclusive months as a Span.
func span(ms []model.Month) (Span, bool) {
	if len(ms) != 2 || ms[0] > ms[1] {
		return Span{}, false
	}
	return Span{ms[0], ms[1] + 1}, true
}

// resolveIndicator finds an indicator by name and kind.
func resolveIndicator(name, sector, group string) (Indicator, error) {
	ind := Indicator{Metric: name, Sector: sector, Group: group}
	var names []string
	switch {
	case group != "":
		ind.kind, names = grouped, model.GroupMetricNames()
		ind.group = slices.Index(model.GroupNames(), group)
		if ind.group < 0 {
			return ind, fmt.Errorf("group %q is not an employer group; the groups are %s", group, strings.Join(model.GroupNames(), ", "))
		}
	case sector != "":
		ind.kind, names = sectoral, model.SectorMetricNames()
	default:
		ind.kind, names = regional, model.MetricNames()
	}
	if name == "" {
		return ind, fmt.Errorf("missing; name the indicator, one of %s", strings.Join(names, ", "))
	}
	ind.metric = slices.Index(names, name)
	if ind.metric < 0 {
		kind := [...]string{"a regional", "a sector", "an employer-group"}[ind.kind]
		return ind, fmt.Errorf("%q is not %s indicator%s; the indicators are %s", name, kind, scenarios.Suggest(name, names), strings.Join(names, ", "))
	}
	return ind, nil
}

//go:embed england.yaml
var englandYAML []byte

// EnglandFile is the name of the embedded targets file of England's
// patterns.
const EnglandFile = "patterns/england.yaml"

// EnglandYAML returns the embedded targets file of England's patterns.
func EnglandYAML() []byte { return slices.Clone(englandYAML) }

// England is the set of patterns of brief section 5, read from the
// embedded patterns/england.yaml.
var England = mustParse(EnglandFile, englandYAML)

func mustParse(file string, data []byte) []Statistic {
	t, err := ParseTargets(file, data)
	if err != nil {
		panic("patterns: the embedded targets are broken: " + err.Error())
	}
	return t.Statistics
}

// LoadTargets reads a targets file; "" or "england" gives the embedded
// England targets.
func LoadTargets(name string) (*Targets, error) {
	if name == "" || name == "england" {
		return ParseTargets(EnglandFile, englandYAML)
	}
	data, err := scenarios.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return ParseTargets(name, data)
}

// Of computes the statistic on one replication, whose scenario has the
// named sectors: NaN if a window holds no observation, a sector is not in
// the scenario or a ratio divides by zero.
func (s *Statistic) Of(rep *sim.Rep, sectors []string) float64 {
	switch s.Transform {
	case Difference:
		return s.aggregate(rep, sectors, &s.Indicator, s.Then) - s.aggregate(rep, sectors, &s.Indicator, s.Window)
	case Ratio:
		if s.Denominator != nil {
			return s.aggregate(rep, sectors, &s.Indicator, s.Window) / s.aggregate(rep, sectors, s.Denominator, s.Window)
		}
		return s.aggregate(rep, sectors, &s.Indicator, s.Then) / s.aggregate(rep, sectors, &s.Indicator, s.Window)
	}
	return s.aggregate(rep, sectors, &s.Indicator, s.Window)
}

// aggregate is the indicator's aggregate over the observations (after
// step 0) or, for a group indicator, the surveys dated in w.
func (s *Statistic) aggregate(rep *sim.Rep, sectors []string, ind *Indicator, w Span) float64 {
	k := -1
	if ind.kind != regional {
		if ind.kind == grouped && (ind.Sector == "" || ind.Sector == sim.AllSectors) {
			k = len(sectors)
		} else if k = slices.Index(sectors, ind.Sector); k < 0 {
			return math.NaN()
		}
	}
	num, den, n := 0.0, 0.0, 0
	add := func(x float64) {
		n++
		num += x
	}
	if ind.kind == grouped {
		for i := range rep.Groups {
			g := &rep.Groups[i]
			if g.Date >= w.From && g.Date < w.To && g.Step > 0 && k < len(g.Sectors) {
				add(g.Sectors[k][ind.group][ind.metric])
			}
		}
	} else {
		obs := rep.Observations
		for i := range obs {
			o := &obs[i]
			if o.Date < w.From || o.Date >= w.To || o.Step <= 0 {
				continue
			}
			switch {
			case ind.kind == sectoral:
				add(o.Sectors[k][ind.metric])
			case s.weight >= 0:
				wt := o.Region[s.weight]
				n++
				num += wt * o.Region[ind.metric]
				den += wt
			default:
				add(o.Region[ind.metric])
			}
		}
	}
	switch {
	case s.Aggregate == Total:
		return num
	case s.weight >= 0 && ind.kind == regional:
		return num / den
	case n == 0:
		return math.NaN()
	}
	return num / float64(n)
}
