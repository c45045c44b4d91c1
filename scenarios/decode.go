package scenarios

import (
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"
)

// A Decoded is a YAML file read by Decode into a plain Go struct, kept so
// that the caller's own checks can report problems at the place of the
// field they concern, in the same file:line:col: field: message form as a
// scenario's.
type Decoded struct{ d *decoder }

// Decode reads the single YAML document in data into v, a pointer to a
// struct whose fields carry yaml tags, as safely as a scenario is read
// (Document: size, aliases, node budget) and with the same messages:
// unknown keys (with the nearest valid one), keys given twice and values
// of the wrong type are reported at their line and column with the
// field's path. Fields may be structs, slices of structs or of scalars,
// strings, numbers, booleans and model.Month, and *yaml.Node, which
// keeps the field's node for the caller to read; fields the file leaves out
// keep the values v has. kind names the file's kind in messages ("a
// targets file") and empty says what an empty file must give. The
// problems found are in Errs.
func Decode(file string, data []byte, kind, empty string, v any) *Decoded {
	d := &decoder{file: file, places: make(map[string]*yaml.Node), broken: make(map[string]bool)}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic("scenarios: Decode needs a pointer to a struct")
	}
	root, errs := Document(file, data, kind, empty)
	if errs != nil {
		d.errs = errs
		return &Decoded{d}
	}
	d.root = root
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "", "%s is not %s; must be a mapping of fields such as %s", describe(root), kind, keysOf(rv.Elem().Type())[0])
		return &Decoded{d}
	}
	d.mapping(root, rv.Elem(), "")
	return &Decoded{d}
}

// Has reports whether the file gives the field at path (such as
// statistics[2].window).
func (x *Decoded) Has(path string) bool {
	_, ok := x.d.places[path]
	return ok
}

// Errorf records a problem with the field at path, reported at the field's
// place in the file or, if the file does not give it, at that of the
// nearest enclosing block it gives. A field that could not be decoded
// (already reported) is not reported again.
func (x *Decoded) Errorf(path, format string, args ...any) {
	if x.d.isBroken(path) {
		return
	}
	x.d.errorf(x.d.place(path), path, format, args...)
}

// Append records problems found elsewhere in the same file (by a reader
// of a part of it, such as experiment.ParseParameters), already located.
func (x *Decoded) Append(errs ...*Error) { x.d.errs = append(x.d.errs, errs...) }

// Errs returns the problems found, sorted by line and column and cut to
// MaxErrors, or nil if there are none.
func (x *Decoded) Errs() error {
	if len(x.d.errs) == 0 {
		return nil
	}
	x.d.errs.sort()
	return x.d.errs.cut()
}

// genericList decodes sequence n into slice v, whose elements start from
// their zero value: a struct element from a mapping, any other from a
// scalar.
func (d *decoder) genericList(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) || (n.Kind == yaml.SequenceNode && len(n.Content) == 0) {
		v.SetZero()
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "%s is not a list; must be a list, for example [a, b]", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, el := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		d.places[p] = el
		d.value(el, s.Index(i), p)
	}
	v.Set(s)
}
