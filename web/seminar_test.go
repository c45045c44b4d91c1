package web_test

import (
	"io/fs"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"skillsim/docs"
	"skillsim/model"
	"skillsim/scenarios"
	"skillsim/web"
)

// TestSeminarLinks checks every link of docs/seminar.md into the page:
// the scenarios exist, the levers are the page's, the charts' indicators
// are the model's and the lever changes are well formed, so that an
// exercise cannot start from a link the page would misread.
func TestSeminarLinks(t *testing.T) {
	b, err := fs.ReadFile(docs.Files, "seminar.md")
	if err != nil {
		t.Fatal(err)
	}
	var levers []string
	for f := range reflect.TypeFor[web.Levers]().Fields() {
		levers = append(levers, strings.Split(f.Tag.Get("json"), ",")[0])
	}
	leverList := func(where, s string) {
		for _, kv := range strings.Split(s, ",") {
			k, v, ok := strings.Cut(kv, ":")
			if !ok || v == "" || !slices.Contains(levers, k) {
				t.Errorf("%s: %q is not lever:value with a lever of the page", where, kv)
			}
		}
	}
	links := regexp.MustCompile(`\(http://127\.0\.0\.1:8080/\?([^)\s]+)\)`).FindAllStringSubmatch(string(b), -1)
	if len(links) < 7 {
		t.Fatalf("%d links into the page, want one per exercise", len(links))
	}
	change := regexp.MustCompile(`^[ab]@\d+/(.+)$`)
	for _, l := range links {
		q, err := url.ParseQuery(l[1])
		if err != nil {
			t.Errorf("%s: %v", l[1], err)
			continue
		}
		for k, vs := range q {
			v := vs[0]
			switch k {
			case "scenario", "b.scenario":
				if !slices.Contains(scenarios.Names(), v) {
					t.Errorf("%s: no shipped scenario %q", l[1], v)
				}
			case "levers", "b.levers", "show":
				if k == "show" {
					v = strings.ReplaceAll(v, ",", ":1,") + ":1"
				}
				leverList(l[1], v)
			case "charts":
				for _, m := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '/' }) {
					if !slices.Contains(model.MetricNames(), m) {
						t.Errorf("%s: no indicator %q", l[1], m)
					}
				}
			case "changes":
				for _, c := range strings.Split(v, "~") {
					m := change.FindStringSubmatch(c)
					if m == nil {
						t.Errorf("%s: change %q is not side@step/levers", l[1], c)
						continue
					}
					leverList(l[1], m[1])
				}
			case "seed", "compare":
			default:
				t.Errorf("%s: the page reads no %q", l[1], k)
			}
		}
	}
}
