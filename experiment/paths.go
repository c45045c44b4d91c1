package experiment

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
)

// PathError reports a parameter path that names no numeric field of a
// scenario, with the valid paths nearest to it.
type PathError struct {
	// Path is the path as given.
	Path string
	// Reason says what is wrong, such as "no sector named foo".
	Reason string
	// Nearest lists the valid paths nearest to Path by edit distance,
	// nearest first.
	Nearest []string
}

// Error formats e as "unknown parameter path P (reason); the nearest valid
// paths are a, b, c".
func (e *PathError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown parameter path %q", e.Path)
	if e.Reason != "" {
		fmt.Fprintf(&b, " (%s)", e.Reason)
	}
	if len(e.Nearest) > 0 {
		b.WriteString("; the nearest valid paths are ")
		b.WriteString(strings.Join(e.Nearest, ", "))
	}
	return b.String()
}

// nearestCount is how many valid paths a PathError suggests.
const nearestCount = 5

var (
	monthType    = reflect.TypeFor[model.Month]()
	monthPtrType = reflect.TypeFor[*model.Month]()
	configType   = reflect.TypeFor[model.Config]()
	sectorsType  = reflect.TypeFor[[]model.Sector]()
	collegesType = reflect.TypeFor[[]model.College]()
)

// excluded lists the numeric top-level fields that are not parameters: the
// experiment sets the seed and the number of replications itself.
var excluded = []string{"seed", "replications"}

// leverDefaults gives, for each policy lever, the lever with its real
// rules, which a lever switched on by SetPath starts from.
var leverDefaults = map[reflect.Type]func() any{
	reflect.TypeFor[model.Levy]():        func() any { l := model.DefaultLevy(); return &l },
	reflect.TypeFor[model.Devolution]():  func() any { l := model.DefaultDevolution(); return &l },
	reflect.TypeFor[model.Network]():     func() any { l := model.DefaultNetwork(); return &l },
	reflect.TypeFor[model.Austerity]():   func() any { l := model.DefaultAusterity(); return &l },
	reflect.TypeFor[model.AreaReviews](): func() any { return &model.AreaReviews{} },
	reflect.TypeFor[model.Migration]():   func() any { l := model.DefaultMigration(); return &l },
	reflect.TypeFor[model.Careers]():     func() any { l := model.DefaultCareers(); return &l },
}

// yamlField is a YAML key of a struct and the index of its field, which for
// the keys of an inline embedded struct (a lever's Period) is a path.
type yamlField struct {
	key   string
	index []int
	typ   reflect.Type
}

// fieldsOf returns the YAML keys of the fields of struct type t, in order,
// with the keys of inline embedded structs in place of the struct.
func fieldsOf(t reflect.Type) []yamlField {
	var fs []yamlField
	for i := range t.NumField() {
		f := t.Field(i)
		key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Anonymous && strings.Contains(opts, "inline") {
			for _, sub := range fieldsOf(f.Type) {
				fs = append(fs, yamlField{sub.key, append([]int{i}, sub.index...), sub.typ})
			}
			continue
		}
		fs = append(fs, yamlField{key, []int{i}, f.Type})
	}
	return fs
}

// isNumeric reports whether a field of type t is a parameter: a float or
// an int that is not a month.
func isNumeric(t reflect.Type) bool {
	if t == monthType {
		return false
	}
	switch t.Kind() {
	case reflect.Float64, reflect.Int:
		return true
	}
	return false
}

// Paths lists every numeric field of cfg that a parameter path can name,
// in the order of the scenario schema: sectors and colleges by their names
// in cfg, and the fields of every policy lever whether or not cfg has it
// on. Months, names, schedules, mergers, seed and replications are not
// parameters.
func Paths(cfg *model.Config) []string {
	var out []string
	var walk func(t reflect.Type, prefix string, top bool)
	walk = func(t reflect.Type, prefix string, top bool) {
		for _, f := range fieldsOf(t) {
			p := join(prefix, f.key)
			switch {
			case top && slices.Contains(excluded, f.key):
			case isNumeric(f.typ):
				out = append(out, p)
			case f.typ == sectorsType:
				for _, s := range cfg.Sectors {
					walk(f.typ.Elem(), join(p, s.Name), false)
				}
			case f.typ == collegesType:
				for _, c := range cfg.Colleges {
					walk(f.typ.Elem(), join(p, c.Name), false)
				}
			case f.typ.Kind() == reflect.Pointer && f.typ.Elem().Kind() == reflect.Struct && f.typ != monthPtrType:
				walk(f.typ.Elem(), p, false)
			case f.typ.Kind() == reflect.Struct && f.typ != monthType:
				walk(f.typ, p, false)
			}
		}
	}
	walk(configType, "", true)
	return out
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// field resolves path in cfg to the numeric field it names. With create,
// a nil lever on the way is switched on with its real rules; without, the
// path is resolved against the lever's type and the returned value is
// invalid (the zero reflect.Value) if the lever is off. It returns a
// *PathError for a path that names no numeric field.
func field(cfg *model.Config, path string, create bool) (reflect.Value, error) {
	segs := strings.Split(path, ".")
	v := reflect.ValueOf(cfg).Elem()
	t := configType
	live := true // v is a real value (not behind a nil lever)
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		var f *yamlField
		for _, g := range fieldsOf(t) {
			if g.key == seg {
				f = &g
				break
			}
		}
		if f == nil || (i == 0 && slices.Contains(excluded, seg)) {
			return reflect.Value{}, unknown(cfg, path, "")
		}
		if live {
			v = v.FieldByIndex(f.index)
		}
		t = f.typ
		switch {
		case isNumeric(t):
			if i != len(segs)-1 {
				return reflect.Value{}, unknown(cfg, path, "")
			}
			if !live {
				return reflect.Value{}, nil
			}
			return v, nil
		case t == sectorsType || t == collegesType:
			kind := "sector"
			if t == collegesType {
				kind = "college"
			}
			if i+1 >= len(segs) {
				return reflect.Value{}, unknown(cfg, path, "")
			}
			i++
			name := segs[i]
			idx := -1
			for j := range v.Len() {
				if v.Index(j).FieldByName("Name").String() == name {
					idx = j
					break
				}
			}
			if idx < 0 {
				var names []string
				for j := range v.Len() {
					names = append(names, v.Index(j).FieldByName("Name").String())
				}
				return reflect.Value{}, unknown(cfg, path,
					fmt.Sprintf("no %s named %s; the %ss are %s", kind, name, kind, strings.Join(names, ", ")))
			}
			v = v.Index(idx)
			t = t.Elem()
		case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t != monthPtrType:
			t = t.Elem()
			if live {
				if v.IsNil() {
					if create {
						v.Set(reflect.ValueOf(leverDefaults[t]()))
					} else {
						live = false
						continue
					}
				}
				v = v.Elem()
			}
		case t.Kind() == reflect.Struct && t != monthType:
		default:
			return reflect.Value{}, unknown(cfg, path, "")
		}
	}
	return reflect.Value{}, unknown(cfg, path, "")
}

// unknown returns the PathError for path in cfg.
func unknown(cfg *model.Config, path, reason string) *PathError {
	return &PathError{Path: path, Reason: reason, Nearest: nearest(path, Paths(cfg), nearestCount)}
}

// nearest returns the n candidates nearest to s by edit distance, nearest
// first, ties in the order of candidates.
func nearest(s string, candidates []string, n int) []string {
	type scored struct {
		c string
		d int
	}
	all := make([]scored, len(candidates))
	for i, c := range candidates {
		all[i] = scored{c, scenarios.EditDistance(s, c)}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return a.d - b.d })
	out := make([]string, 0, n)
	for _, x := range all[:min(n, len(all))] {
		out = append(out, x.c)
	}
	return out
}

// checkPath returns nil if path names a numeric field of cfg, and else a
// *PathError. It does not change cfg.
func checkPath(cfg *model.Config, path string) error {
	_, err := field(cfg, path, false)
	return err
}

// isWhole reports whether the field path names in cfg holds whole numbers.
// path must be valid.
func isWhole(cfg *model.Config, path string) bool {
	c := clone(cfg)
	v, err := field(c, path, true)
	return err == nil && v.Kind() == reflect.Int
}

// maxWhole is the largest whole number SetPath sets: beyond it float64
// no longer holds every integer.
const maxWhole = 1 << 53

// SetPath sets the numeric field of cfg that path names (see the package
// documentation, "Parameter paths") to v. A policy lever that cfg leaves
// off is first switched on with its real rules (model.DefaultNetwork and
// the like). A whole-number field gets v rounded to the nearest whole
// number, halves away from zero. SetPath changes only what path leads to:
// a lever struct it sets a field of is the one cfg points to, so callers
// that share levers between configs should set a copy (Experiment.Config
// does). It returns a *PathError for an unknown path, and an error for a
// NaN or infinite v or a whole number out of range; it does not validate
// the result.
func SetPath(cfg *model.Config, path string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("experiment: %s: %v is not a finite number", path, v)
	}
	// Check the whole path before switching on a lever on the way.
	if err := checkPath(cfg, path); err != nil {
		return err
	}
	f, err := field(cfg, path, true)
	if err != nil {
		return err
	}
	switch f.Kind() {
	case reflect.Int:
		r := math.Round(v)
		if math.Abs(r) > maxWhole {
			return fmt.Errorf("experiment: %s: %v is too large for a whole number", path, v)
		}
		f.SetInt(int64(r))
	case reflect.Float64:
		f.SetFloat(v)
	default:
		panic("experiment: path " + path + " names a field of kind " + f.Kind().String())
	}
	return nil
}

// clone returns a copy of cfg that shares nothing SetPath could change:
// the sector and college lists and every lever in force are copied.
// Schedules and mergers, which no path names, are shared.
func clone(cfg *model.Config) *model.Config {
	c := *cfg
	c.Sectors = slices.Clone(cfg.Sectors)
	c.Colleges = slices.Clone(cfg.Colleges)
	v := reflect.ValueOf(&c.Policies).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
			cp := reflect.New(f.Type().Elem())
			cp.Elem().Set(f.Elem())
			f.Set(cp)
		}
	}
	return &c
}

// structural lists the paths (or path prefixes ending in ".") of fields a
// running region cannot change (model.Region.Reconfigure): a hysteresis
// lever may not name them.
var structural = []string{"start", "end", "step_months", "population.persons", "employer_size.", "initial."}

// isStructural reports whether a running region cannot change the field
// path names.
func isStructural(path string) bool {
	for _, s := range structural {
		if path == s || (strings.HasSuffix(s, ".") && strings.HasPrefix(path, s)) {
			return true
		}
	}
	segs := strings.Split(path, ".")
	if len(segs) >= 3 && segs[0] == "sectors" && segs[2] == "employers" {
		return true
	}
	if len(segs) == 3 && segs[0] == "colleges" && (segs[2] == "places" || segs[2] == "adult_share") {
		return true
	}
	return false
}
