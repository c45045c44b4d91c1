package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"skillsim/model"
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
	configType   = reflect.TypeFor[model.Config]()
	sectorsType  = reflect.TypeFor[[]model.Sector]()
	collegesType = reflect.TypeFor[[]model.College]()
	scheduleType = reflect.TypeFor[model.Schedule]()
)

// excluded lists the numeric top-level fields that are not parameters: an
// experiment sets the seed and the number of replications itself.
var excluded = []string{"seed", "replications"}

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

// isLever reports whether a field of type t is a policy lever or another
// optional block: a pointer to a struct that is not a month.
func isLever(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t != monthPtrType
}

// Paths lists every numeric field of cfg that a parameter path can name,
// in the order of the scenario schema: the YAML keys joined with dots,
// sectors and colleges by their names in cfg, and the fields of every
// policy lever whether or not cfg has it on, each lever's followed by its
// switch, policies.<lever>.in_force (see InForce). Months, names,
// mergers, seed and replications are not parameters. An entry of a
// schedule is one (SetPath), named by the month it starts —
// policies.levy.non_levy_funding.2017-05 — but Paths does not list
// schedules' entries, which differ from scenario to scenario.
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
			case isLever(f.typ):
				walk(f.typ.Elem(), p, false)
				if prefix == "policies" {
					out = append(out, join(p, InForce))
				}
			case f.typ.Kind() == reflect.Struct && f.typ != monthType:
				walk(f.typ, p, false)
			}
		}
	}
	walk(configType, "", true)
	return out
}

// pathField resolves path in cfg to the numeric field it names. With
// create, a nil lever on the way is switched on with its real rules;
// without, the path is resolved against the lever's type and the returned
// value is invalid (the zero reflect.Value) if the lever is off. It
// returns a *PathError for a path that names no numeric field.
func pathField(cfg *model.Config, path string, create bool) (reflect.Value, error) {
	segs := strings.Split(path, ".")
	v := reflect.ValueOf(cfg).Elem()
	t := configType
	live := true // v is a real value of cfg (not a default behind a nil lever)
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		var f *field
		for _, g := range fieldsOf(t) {
			if g.key == seg {
				f = &g
				break
			}
		}
		if f == nil || (i == 0 && slices.Contains(excluded, seg)) {
			return reflect.Value{}, unknownPath(cfg, path, "")
		}
		v = v.FieldByIndex(f.index)
		t = f.typ
		switch {
		case isNumeric(t):
			if i != len(segs)-1 {
				return reflect.Value{}, unknownPath(cfg, path, "")
			}
			if !live {
				return reflect.Value{}, nil
			}
			return v, nil
		case t == scheduleType:
			// An entry of a schedule, named by the month it starts:
			// policies.levy.non_levy_funding.2017-05 is its value.
			if i+2 != len(segs) {
				return reflect.Value{}, unknownPath(cfg, path, "a schedule's entry is named by its month, as in "+join(strings.Join(segs[:i+1], "."), "2017-05"))
			}
			var months []string
			for j := range v.Len() {
				m := v.Index(j).FieldByName("From").Interface().(model.Month).String()
				if m == segs[i+1] {
					if !live {
						return reflect.Value{}, nil
					}
					return v.Index(j).FieldByName("Value"), nil
				}
				months = append(months, m)
			}
			return reflect.Value{}, unknownPath(cfg, path, fmt.Sprintf("the schedule has no entry from %s; its entries start %s", segs[i+1], strings.Join(months, ", ")))
		case t == sectorsType || t == collegesType:
			kind := "sector"
			if t == collegesType {
				kind = "college"
			}
			if i+1 >= len(segs) {
				return reflect.Value{}, unknownPath(cfg, path, "")
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
				return reflect.Value{}, unknownPath(cfg, path,
					fmt.Sprintf("no %s named %s; the %ss are %s", kind, name, kind, strings.Join(names, ", ")))
			}
			v = v.Index(idx)
			t = t.Elem()
		case isLever(t):
			t = t.Elem()
			if v.IsNil() {
				if !create {
					// Resolve the rest against the lever's real rules
					// (a schedule's entries are theirs), not in cfg.
					live = false
					v = reflect.ValueOf(leverDefault(t)).Elem()
					continue
				}
				v.Set(reflect.ValueOf(leverDefault(t)))
			}
			v = v.Elem()
		case t.Kind() == reflect.Struct && t != monthType:
		default:
			return reflect.Value{}, unknownPath(cfg, path, "")
		}
	}
	return reflect.Value{}, unknownPath(cfg, path, "")
}

// unknownPath returns the PathError for path in cfg.
func unknownPath(cfg *model.Config, path, reason string) *PathError {
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
		all[i] = scored{c, EditDistance(s, c)}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return a.d - b.d })
	out := make([]string, 0, n)
	for _, x := range all[:min(n, len(all))] {
		out = append(out, x.c)
	}
	return out
}

// InForce is the last key of a lever's switch, policies.<lever>.in_force:
// not a field of the scenario but a parameter path that switches the
// lever off (0) or on (any other value; on with its real rules if it was
// off, as it was if it was on). It lets an experiment compare a lever
// with its absence: a network with no budget is still a network. Set
// after a lever's other fields, it decides whether the lever is in force
// whatever else a design point sets in it (experiment.Experiment.Config
// sets switches last).
const InForce = "in_force"

// leverSwitch returns the lever's YAML key when path is a lever's switch,
// policies.<lever>.in_force.
func leverSwitch(path string) (string, bool) {
	segs := strings.Split(path, ".")
	if len(segs) != 3 || segs[0] != "policies" || segs[2] != InForce {
		return "", false
	}
	for _, f := range fieldsOf(policiesType) {
		if f.key == segs[1] && isLever(f.typ) {
			return segs[1], true
		}
	}
	return "", false
}

// IsSwitch reports whether path is a lever's switch,
// policies.<lever>.in_force (InForce).
func IsSwitch(path string) bool {
	_, ok := leverSwitch(path)
	return ok
}

// CheckPath returns nil if path names a numeric field of cfg or a lever's
// switch (see SetPath), and else a *PathError. It does not change cfg.
func CheckPath(cfg *model.Config, path string) error {
	if IsSwitch(path) {
		return nil
	}
	_, err := pathField(cfg, path, false)
	return err
}

// IsWhole reports whether the field path names in cfg holds whole numbers,
// so that SetPath rounds the values it is given. It is false for an
// invalid path.
func IsWhole(cfg *model.Config, path string) bool {
	if IsSwitch(path) {
		return false
	}
	v, err := pathField(Clone(cfg), path, true)
	return err == nil && v.Kind() == reflect.Int
}

// maxWhole is the largest whole number SetPath sets: beyond it float64
// no longer holds every integer.
const maxWhole = 1 << 53

// SetPath sets the numeric field of cfg that path names to v. A path is
// the field's YAML keys joined with dots, with the elements of sectors
// and colleges by name: sectors.social_care.quit_rate,
// colleges.newham.outreach, policies.levy.rate, behaviour.noise (Paths
// lists them), and the entries of a schedule by the month they start:
// policies.levy.non_levy_funding.2017-05 is the value of the entry from
// May 2017 (an entry that exists: a path does not add one). A policy lever that cfg leaves off is first switched on
// with its real rules (SwitchOn); its switch, policies.<lever>.in_force,
// switches it off when v is 0 and on otherwise (InForce). A whole-number
// field gets v rounded to
// the nearest whole number, halves away from zero. SetPath changes only
// what path leads to: a lever struct it sets a field of is the one cfg
// points to, so callers that share levers between configs should set a
// Clone. It returns a *PathError for an unknown path, and an error for a
// NaN or infinite v or a whole number out of range; it does not validate
// the result.
func SetPath(cfg *model.Config, path string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: %v is not a finite number", path, v)
	}
	if name, ok := leverSwitch(path); ok {
		if v == 0 {
			lever(cfg, name).SetZero()
		} else {
			SwitchOn(cfg, name)
		}
		return nil
	}
	// Check the whole path before switching on a lever on the way.
	if err := CheckPath(cfg, path); err != nil {
		return err
	}
	f, err := pathField(cfg, path, true)
	if err != nil {
		return err
	}
	switch f.Kind() {
	case reflect.Int:
		r := math.Round(v)
		if math.Abs(r) > maxWhole {
			return fmt.Errorf("%s: %v is too large for a whole number", path, v)
		}
		f.SetInt(int64(r))
	case reflect.Float64:
		f.SetFloat(v)
	default:
		panic("scenarios: path " + path + " names a field of kind " + f.Kind().String())
	}
	return nil
}

// GetPath returns the value of the numeric field path leads to in cfg: a
// whole number as a float64, a lever's switch as 1 when the lever is in
// force and 0 when it is not, and a field of a lever not in force as an
// error (the lever has no value to read). It returns a *PathError for an
// unknown path.
func GetPath(cfg *model.Config, path string) (float64, error) {
	if name, ok := leverSwitch(path); ok {
		if lever(cfg, name).IsNil() {
			return 0, nil
		}
		return 1, nil
	}
	if err := CheckPath(cfg, path); err != nil {
		return 0, err
	}
	f, err := pathField(cfg, path, false)
	if err != nil {
		return 0, err
	}
	if !f.IsValid() {
		return 0, fmt.Errorf("%s: the lever is not in force, so the field has no value", path)
	}
	switch f.Kind() {
	case reflect.Int:
		return float64(f.Int()), nil
	case reflect.Float64:
		return f.Float(), nil
	}
	panic("scenarios: path " + path + " names a field of kind " + f.Kind().String())
}

// Clone returns a copy of cfg that shares nothing SetPath could change:
// the sector and college lists, every lever in force and the schedules in
// them are copied. Mergers, which no path names, are shared.
func Clone(cfg *model.Config) *model.Config {
	c := *cfg
	c.Sectors = slices.Clone(cfg.Sectors)
	c.Colleges = slices.Clone(cfg.Colleges)
	v := reflect.ValueOf(&c.Policies).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
			cp := reflect.New(f.Type().Elem())
			cp.Elem().Set(f.Elem())
			cloneSchedules(cp.Elem())
			f.Set(cp)
		}
	}
	return &c
}

// cloneSchedules gives every schedule in the struct v (a lever, and the
// structs inside it) its own copy of its entries, which a path can set.
func cloneSchedules(v reflect.Value) {
	for i := range v.NumField() {
		switch f := v.Field(i); {
		case f.Type() == scheduleType && !f.IsNil():
			f.Set(reflect.ValueOf(slices.Clone(f.Interface().(model.Schedule))))
		case f.Kind() == reflect.Struct && f.CanSet():
			cloneSchedules(f)
		}
	}
}

// leverDefaults gives, for each policy lever, the lever with its real
// rules: what a lever given in a file, switched on by SwitchOn or by a
// parameter path starts from.
var leverDefaults = map[reflect.Type]func() any{
	reflect.TypeFor[model.Levy]():              func() any { l := model.DefaultLevy(); return &l },
	reflect.TypeFor[model.Devolution]():        func() any { l := model.DefaultDevolution(); return &l },
	reflect.TypeFor[model.Network]():           func() any { l := model.DefaultNetwork(); return &l },
	reflect.TypeFor[model.Austerity]():         func() any { l := model.DefaultAusterity(); return &l },
	reflect.TypeFor[model.AreaReviews]():       func() any { return &model.AreaReviews{} },
	reflect.TypeFor[model.Migration]():         func() any { l := model.DefaultMigration(); return &l },
	reflect.TypeFor[model.Careers]():           func() any { l := model.DefaultCareers(); return &l },
	reflect.TypeFor[model.NationalFramework](): func() any { l := model.DefaultNationalFramework(); return &l },
	reflect.TypeFor[model.TrainingSubsidy]():   func() any { l := model.DefaultTrainingSubsidy(); return &l },
	reflect.TypeFor[model.IncentivePayments](): func() any { l := model.DefaultIncentivePayments(); return &l },
}

// leverDefault returns a pointer to a new lever of type t with its real
// rules. It panics if t is not a lever.
func leverDefault(t reflect.Type) any {
	def, ok := leverDefaults[t]
	if !ok {
		panic("scenarios: no default for a lever of type " + t.String())
	}
	return def()
}

// lever returns the field of cfg.Policies whose YAML key is name. It
// panics if there is none.
func lever(cfg *model.Config, name string) reflect.Value {
	v := reflect.ValueOf(&cfg.Policies).Elem()
	for _, f := range fieldsOf(policiesType) {
		if f.key == name && isLever(f.typ) {
			return v.FieldByIndex(f.index)
		}
	}
	panic("scenarios: no policy lever " + name + "; the levers are " + strings.Join(keysOf(policiesType), ", "))
}

// SwitchOn switches the policy lever cfg.Policies gives under the YAML key
// name ("levy", "network", ...) on with its real rules (model.DefaultLevy
// and the like) if cfg leaves it off, and reports whether it did; a lever
// already in force is left as it is. It panics if name is not a lever.
func SwitchOn(cfg *model.Config, name string) bool {
	v := lever(cfg, name)
	if !v.IsNil() {
		return false
	}
	v.Set(reflect.ValueOf(leverDefault(v.Type().Elem())))
	return true
}

// LeverPeriod returns the period of the policy lever path lies under
// (policies.<lever>.<field>), or nil if path is not under a lever with a
// period or cfg leaves that lever off.
func LeverPeriod(cfg *model.Config, path string) *model.Period {
	segs := strings.Split(path, ".")
	if len(segs) < 3 || segs[0] != "policies" {
		return nil
	}
	v := reflect.ValueOf(&cfg.Policies).Elem()
	for _, f := range fieldsOf(policiesType) {
		if f.key != segs[1] {
			continue
		}
		lv := v.FieldByIndex(f.index)
		if lv.Kind() != reflect.Pointer || lv.IsNil() {
			return nil
		}
		if per := lv.Elem().FieldByName("Period"); per.IsValid() && per.Type() == periodType {
			return per.Addr().Interface().(*model.Period)
		}
	}
	return nil
}
