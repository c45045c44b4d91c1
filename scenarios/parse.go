package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"skillsim/model"
)

// Parse reads a scenario from the YAML in data. Every field the file leaves
// out takes its value from model.DefaultConfig; a sectors: or colleges:
// list replaces the default list, and each of its elements starts from
// model.DefaultSector or model.DefaultCollege for the element's name, so an
// element need give only its name and the fields it changes. The file must
// give at least a name.
//
// The scenario is then checked with model.Config.Validate. On any problem,
// Parse returns a nil config and an ErrorList naming the file, line, column
// and field of every problem it found: malformed YAML, unknown keys,
// values of the wrong type, and values Validate rejects. file is used only
// in the messages.
func Parse(file string, data []byte) (*model.Config, error) {
	d := &decoder{file: file, places: make(map[string]*yaml.Node), broken: make(map[string]bool)}
	cfg := d.parse(data)
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs.cut()
	}
	return cfg, nil
}

// decoder holds the state of one Parse.
type decoder struct {
	file string
	errs ErrorList
	root *yaml.Node
	// places maps the path of each field the file gives to the node at
	// whose position a problem with that field is reported.
	places map[string]*yaml.Node
	// broken holds the paths of values that could not be decoded. They keep
	// their defaults, so Validate's view of them and of what lies beneath
	// them would only repeat the problem.
	broken map[string]bool
}

// syntaxRE splits a yaml.v3 syntax error into its line and message.
var syntaxRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Document reads the single YAML document in data and returns its root
// node with aliases resolved, or the problems found: a file larger than
// MaxFileBytes, an empty file (empty says what the file must give),
// malformed YAML with its line, a second document, an alias used within
// its own anchor, or more than MaxNodes nodes once aliases and merge keys
// are expanded. Every walk of the tree returned that follows aliases ends. kind names the file's kind in messages ("a scenario
// file"). The experiment loader shares it.
func Document(file string, data []byte, kind, empty string) (*yaml.Node, ErrorList) {
	d := &decoder{file: file}
	if len(data) > MaxFileBytes {
		d.add(0, 0, "", fmt.Sprintf("the file has %d bytes; %s may hold at most %d (1 MiB)", len(data), kind, MaxFileBytes))
		return nil, d.errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.add(1, 1, "", "the file is empty; "+empty)
		} else {
			d.syntax(err)
		}
		return nil, d.errs
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntax(err)
		return nil, d.errs
	default:
		d.errorf(&extra, "", "a second YAML document; %s holds one document (remove the ---)", kind)
		return nil, d.errs
	}
	if !d.checkExpansion(doc.Content[0]) {
		return nil, d.errs
	}
	return resolve(doc.Content[0]), nil
}

func (d *decoder) parse(data []byte) *model.Config {
	root, errs := Document(d.file, data, "a scenario file", "a scenario must give at least its name, for example name: my_region")
	if errs != nil {
		d.errs = append(d.errs, errs...)
		return nil
	}
	d.root = root
	if d.root.Kind != yaml.MappingNode {
		d.errorf(d.root, "", "%s is not a scenario; must be a mapping of fields such as name, population and sectors", describe(d.root))
		return nil
	}
	if lookup(d.root, "name") == nil {
		d.errorf(d.root, "name", "missing; a scenario must give at least its name, for example name: my_region")
	}
	cfg := model.DefaultConfig()
	d.mapping(d.root, reflect.ValueOf(&cfg).Elem(), "")

	var verrs model.ValidationErrors
	if err := cfg.Validate(); errors.As(err, &verrs) {
		for _, e := range verrs {
			if !d.isBroken(e.Path) {
				d.errorf(d.place(e.Path), e.Path, "%s", e.Message)
			}
		}
	} else if err != nil {
		d.errorf(d.root, "", "%v", err)
	}
	return &cfg
}

// add records a problem at a line and column.
func (d *decoder) add(line, col int, field, msg string) {
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Column: col, Field: field, Message: msg})
}

// errorf records a problem at the position of node n.
func (d *decoder) errorf(n *yaml.Node, field, format string, args ...any) {
	d.add(n.Line, n.Column, field, fmt.Sprintf(format, args...))
}

// fail records that the value at path could not be decoded.
func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.errorf(n, path, format, args...)
	d.broken[path] = true
}

// isBroken reports whether path is, or lies within, a value that could not
// be decoded.
func (d *decoder) isBroken(path string) bool {
	for b := range d.broken {
		if path == b || strings.HasPrefix(path, b+".") || strings.HasPrefix(path, b+"[") {
			return true
		}
	}
	return false
}

// syntax records a YAML syntax error at the line the parser gives.
func (d *decoder) syntax(err error) {
	m := syntaxRE.FindStringSubmatch(err.Error())
	if m == nil {
		d.add(0, 0, "", "malformed YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	line, _ := strconv.Atoi(m[1])
	d.add(line, 0, "", "malformed YAML: "+m[2])
}

// place returns the node at which to report a problem with the field at
// path: the field's own node if the file gives it, or else that of the
// nearest enclosing block the file gives, or else the top of the file.
func (d *decoder) place(path string) *yaml.Node {
	for path != "" {
		if n, ok := d.places[path]; ok {
			return n
		}
		if i := strings.LastIndexAny(path, ".["); i >= 0 {
			path = path[:i]
		} else {
			path = ""
		}
	}
	return d.root
}

// resolve follows aliases to the node they name.
// Resolve follows a YAML alias node to the node it names; any other
// node is returned as it is.
func Resolve(n *yaml.Node) *yaml.Node { return resolve(n) }

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func isMerge(key *yaml.Node) bool {
	return key.Kind == yaml.ScalarNode && key.ShortTag() == "!!merge"
}

// merged returns the mappings merged into mapping n with <<: keys, in the
// order they take effect (later ones override earlier ones).
func merged(n *yaml.Node) []*yaml.Node {
	var ms []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !isMerge(n.Content[i]) {
			continue
		}
		v := resolve(n.Content[i+1])
		if v.Kind == yaml.SequenceNode {
			// In <<: [*a, *b], a's keys override b's.
			for j := len(v.Content) - 1; j >= 0; j-- {
				ms = append(ms, resolve(v.Content[j]))
			}
		} else {
			ms = append(ms, v)
		}
	}
	return ms
}

// lookup returns the value of key in mapping n, looking into merged
// mappings too, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && !isMerge(k) && k.Value == key {
			return n.Content[i+1]
		}
	}
	ms := merged(n)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Kind == yaml.MappingNode {
			if v := lookup(ms[i], key); v != nil {
				return v
			}
		}
	}
	return nil
}

// Describe names the value of a YAML node for an error message: "a
// mapping", "a list", "an empty value", a quoted string or the scalar.
// Loaders of other YAML files use it for the same messages.
func Describe(n *yaml.Node) string { return describe(n) }

// describe is Describe.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "an empty value"
	case n.ShortTag() == "!!str":
		if len(n.Value) > maxQuoted {
			return strconv.Quote(cutAt(n.Value, maxQuoted)) + fmt.Sprintf("… (%d bytes)", len(n.Value))
		}
		return strconv.Quote(n.Value)
	default:
		return shorten(n.Value)
	}
}

// maxQuoted is how much of a value a message quotes.
const maxQuoted = 64

// shorten cuts a long value to its first maxQuoted bytes (at a character
// boundary) and says how long it was, so that no message repeats a huge
// value.
func shorten(s string) string { return shortenTo(s, maxQuoted) }

// shortenTo cuts s to its first n bytes, as shorten does.
func shortenTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", cutAt(s, n), len(s))
}

// cutAt returns the first n bytes of s, or fewer so as not to split a
// character.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

var (
	nodePtrType  = reflect.TypeFor[*yaml.Node]()
	monthType    = reflect.TypeFor[model.Month]()
	monthPtrType = reflect.TypeFor[*model.Month]()
	periodType   = reflect.TypeFor[model.Period]()
	policiesType = reflect.TypeFor[model.Policies]()
)

// value decodes node n into v, the field at path.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	n = resolve(n)
	switch {
	case v.Type() == nodePtrType:
		v.Set(reflect.ValueOf(n))
	case v.Type() == monthType:
		d.month(n, v, path)
	case v.Type() == monthPtrType:
		d.monthPtr(n, v, path)
	case v.Kind() == reflect.Pointer:
		d.lever(n, v, path)
	case v.Kind() == reflect.Struct:
		d.period(n, v)
		d.mapping(n, v, path)
	case v.Kind() == reflect.Slice:
		d.list(n, v, path)
	default:
		d.scalar(n, v, path)
	}
}

// field is a YAML key of a struct and the index of its field, which for
// the keys of an inline embedded struct (a lever's Period) is a path.
type field struct {
	key   string
	index []int
	typ   reflect.Type
}

// fieldsOf returns the YAML keys of the fields of struct type t, in order,
// with the keys of inline embedded structs in place of the struct.
// removedKeys are keys an earlier version of the schema had, with what
// replaced them: a file that still gives one is told so rather than that
// the key is unknown.
var removedKeys = map[string]string{
	"policies.levy.anticipation_multiplier": "removed: employers no longer start training a fitted number of times as often " +
		"before the new funding rules, they bring it forward when the coming rules make it dearer (docs/ODD.md §7.15.9); " +
		"delete this key (anticipation still sets how far ahead they know a change)",
}

func fieldsOf(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Anonymous && slices.Contains(strings.Split(opts, ","), "inline") {
			for _, sub := range fieldsOf(f.Type) {
				fs = append(fs, field{sub.key, append([]int{i}, sub.index...), sub.typ})
			}
			continue
		}
		fs = append(fs, field{key, []int{i}, f.Type})
	}
	return fs
}

// keysOf returns the YAML keys of the fields of struct type t, in order.
func keysOf(t reflect.Type) []string {
	fs := fieldsOf(t)
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping decodes mapping n into struct v. Fields n leaves out keep the
// values v has.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return // an empty block changes nothing
	}
	fields := fieldsOf(v.Type())
	keys := keysOf(v.Type())
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "%s is not a block of fields; must be a mapping with keys such as %s",
			describe(n), strings.Join(keys[:min(3, len(keys))], ", "))
		return
	}
	// Merged mappings first, so that the keys written here override them.
	for _, m := range merged(n) {
		d.mapping(m, v, path)
	}
	seen := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "%s is not a field name; keys must be plain names such as %s", describe(k), keys[0])
			continue
		}
		p := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, p, "given twice (first at line %d); give each field once", first.Line)
			continue
		}
		seen[k.Value] = k
		idx := slices.Index(keys, k.Value)
		if idx < 0 {
			if why, ok := removedKeys[p]; ok {
				d.errorf(k, p, "%s", why)
				continue
			}
			if v.Type() == policiesType {
				d.errorf(k, p, "unknown lever%s; the levers are %s", suggest(k.Value, keys), strings.Join(keys, ", "))
			} else {
				d.errorf(k, p, "unknown field%s; the fields here are %s", suggest(k.Value, keys), strings.Join(keys, ", "))
			}
			continue
		}
		if (val.Kind == yaml.ScalarNode && !isNull(val)) || val.Kind == yaml.AliasNode {
			d.places[p] = val
		} else {
			d.places[p] = k
		}
		d.value(val, v.FieldByIndex(fields[idx].index), p)
	}
}

// Suggest returns " (did you mean X?)" for a name that is part of one of
// names (four letters or more) or within two edits of it, or "" if none
// is close. Loaders of other YAML files use it for the same messages.
func Suggest(bad string, names []string) string {
	return suggest(bad, names)
}

// suggest is Suggest.
func suggest(bad string, keys []string) string {
	if len(bad) > maxQuoted {
		return "" // no key is that long; and EditDistance is quadratic
	}
	best, bestDist := "", 3
	for _, k := range keys {
		if len(bad) >= 4 && strings.Contains(k, bad) {
			return " (did you mean " + k + "?)"
		}
		if dist := EditDistance(bad, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// EditDistance is the Levenshtein distance between a and b: the least
// number of single-byte insertions, deletions and substitutions that turn
// one into the other.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// listKinds describes, for each type of list element in Config, how a
// list of them is written and what an element starts from.
var listKinds = map[reflect.Type]struct {
	// kind names an element and example shows one, for messages.
	kind, example string
	// element returns the value an element starts from; a named element
	// (a sector or a college) starts from the default for its name.
	element func(name string) any
	named   bool
	// required lists the keys every element must give.
	required []string
}{
	reflect.TypeFor[model.Sector]():  {"sector", "- name: digital_tech", func(n string) any { return model.DefaultSector(n) }, true, nil},
	reflect.TypeFor[model.College](): {"college", "- name: newham", func(n string) any { return model.DefaultCollege(n) }, true, nil},
	reflect.TypeFor[model.Dated]():   {"dated value", "- {from: 2019-04, value: 0.05}", func(string) any { return model.Dated{} }, false, []string{"from", "value"}},
	reflect.TypeFor[model.Merger]():  {"merger", "- {colleges: [newham, hackney], date: 2017-08}", func(string) any { return model.DefaultMerger() }, false, []string{"colleges", "date"}},
	reflect.TypeFor[string]():        {"college name", "newham", nil, false, nil},
}

// list decodes sequence n into slice v, replacing its elements. Each
// element starts from its default (for a sector or college, the default
// for its name) and the keys it gives override that. An empty list gives
// a nil slice.
func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) {
	def, ok := listKinds[v.Type().Elem()]
	if !ok {
		d.genericList(n, v, path)
		return
	}
	if isNull(n) || (n.Kind == yaml.SequenceNode && len(n.Content) == 0) {
		v.SetZero()
		return
	}
	if n.Kind != yaml.SequenceNode {
		switch {
		case def.named:
			d.fail(n, path, "%s is not a list; must be a list of %ss, each starting %s", describe(n), def.kind, def.example)
		case def.element == nil:
			d.fail(n, path, "%s is not a list; must be a list of %ss, for example [newham, hackney]", describe(n), def.kind)
		default:
			d.fail(n, path, "%s is not a list; must be a list of %ss, each written %s", describe(n), def.kind, def.example)
		}
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, el := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		d.places[p] = el
		e := resolve(el)
		switch {
		case def.element == nil:
			// A college name.
			if e.Kind != yaml.ScalarNode || e.ShortTag() != "!!str" {
				d.fail(el, p, "%s is not a %s; must be the name of a college, for example %s", describe(e), def.kind, def.example)
				continue
			}
			s.Index(i).SetString(e.Value)
		case def.named && e.Kind != yaml.MappingNode:
			d.fail(el, p, "%s is not a %s; must be a mapping starting name:, for example %s",
				describe(e), def.kind, def.example)
			// Stand in the default for a bare name, so that checks across
			// the list (names, interest shares) still make sense.
			name := ""
			if e.Kind == yaml.ScalarNode && !isNull(e) {
				name = e.Value
			}
			s.Index(i).Set(reflect.ValueOf(def.element(name)))
		case e.Kind != yaml.MappingNode:
			d.fail(el, p, "%s is not a %s; must be a mapping written %s", describe(e), def.kind, def.example)
		default:
			name := ""
			if nn := lookup(e, "name"); def.named && nn != nil && resolve(nn).Kind == yaml.ScalarNode {
				name = resolve(nn).Value
			}
			s.Index(i).Set(reflect.ValueOf(def.element(name)))
			for _, key := range def.required {
				if lookup(e, key) == nil {
					d.fail(el, join(p, key), "missing; every %s gives %s, for example %s",
						def.kind, strings.Join(def.required, " and "), def.example)
				}
			}
			d.mapping(e, s.Index(i), p)
		}
	}
	v.Set(s)
}

// lever decodes node n into the policy lever v points to. A lever the file
// gives, even as an empty value, is in force: it starts from its real
// rules (unless a merged mapping has already set it) and the keys the
// file gives override them.
func (d *decoder) lever(n *yaml.Node, v reflect.Value, path string) {
	if v.IsNil() {
		v.Set(reflect.ValueOf(leverDefault(v.Type().Elem())))
	}
	d.value(n, v.Elem(), path)
}

// period gives a struct that is, or embeds, a model.Period no end when
// mapping n gives none: an end left out means the period runs to the end
// of the run, whatever end the default had.
func (d *decoder) period(n *yaml.Node, v reflect.Value) {
	var p reflect.Value
	switch {
	case v.Type() == periodType:
		p = v
	case v.FieldByName("Period").IsValid() && v.FieldByName("Period").Type() == periodType:
		p = v.FieldByName("Period")
	default:
		return
	}
	if n.Kind == yaml.MappingNode && lookup(n, "end") == nil {
		p.FieldByName("End").SetZero()
	}
}

// monthPtr decodes an optional month: an empty value is no month.
func (d *decoder) monthPtr(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		v.SetZero()
		return
	}
	m := reflect.New(monthType)
	if v.IsNil() {
		m.Elem().Set(reflect.ValueOf(model.MonthOf(2020, 1)))
	} else {
		m.Elem().Set(v.Elem())
	}
	if d.month(n, m.Elem(), path) {
		v.Set(m)
	}
}

// month decodes a month written YYYY-MM and reports whether it could.
// v's value before decoding serves as the example in messages.
func (d *decoder) month(n *yaml.Node, v reflect.Value, path string) bool {
	var m model.Month
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.fail(n, path, "%s is not a month; must be a month written YYYY-MM, for example %s", describe(n), v.Interface())
		return false
	}
	if err := m.UnmarshalText([]byte(n.Value)); err != nil {
		d.fail(n, path, "%v", err)
		return false
	}
	v.Set(reflect.ValueOf(m))
	return true
}

// scalar decodes a number or a string into v, keeping v's value if n is
// not one. v's value before decoding serves as the example in messages.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	var want, example string
	switch v.Kind() {
	case reflect.Int:
		want, example = "a whole number", strconv.FormatInt(v.Int(), 10)
	case reflect.Uint64:
		want, example = "a whole number ≥ 0", strconv.FormatUint(v.Uint(), 10)
	case reflect.Float64:
		want, example = "a number", strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.String:
		want, example = "a string", strconv.Quote(v.String())
	case reflect.Bool:
		want, example = "true or false", strconv.FormatBool(v.Bool())
	default:
		panic("scenarios: cannot decode a field of type " + v.Type().String())
	}
	bad := func() {
		d.fail(n, path, "%s is not %s; must be %s, for example %s", describe(n), want, want, example)
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		bad()
		return
	}
	tag := n.ShortTag()
	switch v.Kind() {
	case reflect.Int, reflect.Uint64:
		// yaml.v3 truncates 1.5 to 1 when decoding into an integer; accept
		// only integers and floats with no fractional part (5e4).
		switch tag {
		case "!!int":
			var x int64
			var u uint64
			if v.Kind() == reflect.Int && n.Decode(&x) == nil && !v.OverflowInt(x) {
				v.SetInt(x)
			} else if v.Kind() == reflect.Uint64 && n.Decode(&u) == nil {
				v.SetUint(u)
			} else {
				bad()
			}
		case "!!float":
			var f float64
			switch {
			case n.Decode(&f) != nil || f != math.Trunc(f):
				bad()
			case v.Kind() == reflect.Int && math.Abs(f) < 1<<53:
				v.SetInt(int64(f))
			case v.Kind() == reflect.Uint64 && f >= 0 && f < 1<<53:
				v.SetUint(uint64(f))
			default:
				bad()
			}
		default:
			bad()
		}
	case reflect.Float64:
		var f float64
		if (tag != "!!int" && tag != "!!float") || n.Decode(&f) != nil {
			bad()
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		var b bool
		if tag != "!!bool" || n.Decode(&b) != nil {
			bad()
			return
		}
		v.SetBool(b)
	case reflect.String:
		if tag != "!!str" {
			// Numbers and booleans read as strings would surprise: name: 1e3.
			bad()
			return
		}
		v.SetString(n.Value)
	}
}
