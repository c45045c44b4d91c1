package scenarios

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"skillsim/model"
)

// TestReferenceDocumentsEveryKey checks that docs/scenarios.md names every
// key of the scenario schema, as a dotted path in backquotes such as
// `sectors[].quit_rate`, so that the reference cannot drift from
// model.Config.
func TestReferenceDocumentsEveryKey(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../docs/scenarios.md")
	if err != nil {
		t.Fatalf("reading the schema reference: %v", err)
	}
	doc := string(b)
	paths := schemaPaths(reflect.TypeOf(model.Config{}), "")
	if len(paths) < 50 {
		t.Fatalf("found only %d key paths in model.Config; the reflection walk is broken", len(paths))
	}
	for _, p := range paths {
		if !strings.Contains(doc, "`"+p+"`") {
			t.Errorf("docs/scenarios.md does not document `%s`", p)
		}
	}
}

var (
	refMonthType    = reflect.TypeOf(model.Month(0))
	refMonthPtrType = reflect.TypeOf((*model.Month)(nil))
)

// schemaPaths returns the dotted YAML key paths of the fields of struct
// type t under prefix, each block before the keys inside it. Slices of
// structs add [] to their key; a pointer to a struct (a policy lever) is
// a block; an inline embedded struct (a lever's period) puts its keys in
// the block that embeds it; Month and *Month are leaves.
func schemaPaths(t reflect.Type, prefix string) []string {
	var paths []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && opts == "inline" {
			paths = append(paths, schemaPaths(f.Type, prefix)...)
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		path := prefix + tag
		paths = append(paths, path)
		ft := f.Type
		if ft == refMonthType || ft == refMonthPtrType {
			continue
		}
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			paths = append(paths, schemaPaths(ft, path+".")...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != refMonthType:
			paths = append(paths, schemaPaths(ft.Elem(), path+"[].")...)
		}
	}
	return paths
}
