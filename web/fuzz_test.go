package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"skillsim/scenarios"
	"skillsim/web"
)

// FuzzValidateRequest checks that no body posted to /api/validate makes
// the dashboard panic or answer other than 200, 400 or 413 (the server has
// slots free): the request is decoded, the scenario read and checked, the
// levers and changes applied. go test runs the seeds: the shipped
// scenarios as pasted files and by name, lever overrides, and files with
// anchors, aliases and merge keys; .ci/fuzz fuzzes it for a time.
func FuzzValidateRequest(f *testing.F) {
	add := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, name := range scenarios.Names() {
		add(web.ValidateRequest{Setup: web.Setup{Scenario: name}})
		cfg, err := scenarios.Embedded(name)
		if err != nil {
			f.Fatal(err)
		}
		y, err := scenarios.Marshal(cfg)
		if err != nil {
			f.Fatal(err)
		}
		add(web.ValidateRequest{Setup: web.Setup{YAML: string(y)}})
	}
	yes, rate := true, 0.5
	add(web.ValidateRequest{Setup: web.Setup{Scenario: "baseline", Levers: web.Levers{Levy: &yes, LevyRate: &rate, Network: &yes}}})
	for _, y := range []string{
		"name: a\nbehaviour: &b {<<: *b}\n",
		"&a {<<: *a}\n",
		mergeBomb(3),
		"name: m\nc: &c {quit_rate: 0.05}\nsectors:\n  - {<<: *c, name: rest, interest: 1}\n",
	} {
		add(web.ValidateRequest{Setup: web.Setup{YAML: y}})
	}
	f.Add([]byte(`{"yaml":"name: a","seed":18446744073709551615,"levers":{"levy_rate":1e308}}`))
	f.Add([]byte(`{"scenario":"../../etc/passwd"}`))
	f.Add([]byte(`{"changes":[{"step":1,"levers":{"network":true}}],"scenario":"baseline"}`))
	s := web.New(nil).Handler()
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("POST", "/api/validate", strings.NewReader(string(body))))
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q:\n%s", rec.Code, body, rec.Body)
		}
		var v map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("the answer is not JSON: %v\n%s", err, rec.Body)
		}
	})
}
