package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"skillsim/model"
	"skillsim/scenarios"
	"skillsim/web"
)

// newServer starts a test server for a web.Server with opt.
func newServer(t *testing.T, opt *web.Options) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(web.New(opt).Handler())
	t.Cleanup(ts.Close)
	return ts
}

// post sends body (a string, or a value encoded as JSON) to path.
func post(t *testing.T, ts *httptest.Server, path string, body any) *http.Response {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Post(ts.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// errorBody is an error response.
type errorBody struct {
	Error  string            `json:"error"`
	Side   string            `json:"side"`
	Errors []web.ProblemJSON `json:"errors"`
}

func decodeJSON[T any](t *testing.T, resp *http.Response) T {
	t.Helper()
	var v T
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("decode %T: %v", v, err)
	}
	return v
}

func TestPageAndAssets(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	for _, tc := range []struct {
		path, contentType, contains string
	}{
		{"/", "text/html; charset=utf-8", `<script src="/static/app.js"`},
		{"/static/app.js", "text/javascript; charset=utf-8", "'use strict'"},
		{"/static/app.css", "text/css; charset=utf-8", "--blue"},
	} {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", tc.path, resp.Status)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.contentType)
		}
		if !strings.Contains(string(body), tc.contains) {
			t.Errorf("GET %s: body lacks %q", tc.path, tc.contains)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s: missing security headers: %v", tc.path, resp.Header)
		}
	}
	// Nothing else is served: no other file, no directory listing, no
	// path out of the embedded assets.
	for _, path := range []string{"/static/", "/static/nope.js", "/static/doc.go", "/static/..%2fserver.go", "/web/doc.go", "/index.html", "/api/nope", "/api/scenarios/nope", "/api/scenarios/..%2f..%2fgo.mod"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", path, resp.Status)
		}
	}
	// The API takes only its methods.
	resp, err := http.Get(ts.URL + "/api/run")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/run: %s, want 405", resp.Status)
	}
}

func TestScenarioList(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	resp, err := http.Get(ts.URL + "/api/scenarios")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	list := decodeJSON[struct {
		Default   string `json:"default"`
		Scenarios []struct {
			Name     string `json:"name"`
			Question string `json:"question"`
		} `json:"scenarios"`
	}](t, resp)
	var names []string
	for _, s := range list.Scenarios {
		names = append(names, s.Name)
		if s.Question == "" {
			t.Errorf("scenario %s has no question", s.Name)
		}
	}
	if !slices.Equal(names, scenarios.Names()) {
		t.Errorf("scenarios %v, want %v", names, scenarios.Names())
	}
	if list.Default != "baseline" {
		t.Errorf("default %q, want baseline", list.Default)
	}

	// One scenario, resolved: it parses back to the shipped scenario.
	resp2, err := http.Get(ts.URL + "/api/scenarios/bistable-high")
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	one := decodeJSON[struct{ Name, YAML string }](t, resp2)
	got, err := scenarios.Parse("bistable-high.yaml", []byte(one.YAML))
	if err != nil {
		t.Fatalf("the served YAML does not parse: %v", err)
	}
	want, _ := scenarios.Embedded("bistable-high")
	a, _ := scenarios.Marshal(got)
	b, _ := scenarios.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Errorf("the served bistable-high differs from the shipped one")
	}
}

const badScenario = "name: bad\npopulation:\n  persons: -5\nbehaviour:\n  nosie: 0.1\n"

func TestValidateErrorsAtTheirLines(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	for _, tc := range []struct {
		name, yaml string
	}{
		{"values and unknown keys", badScenario},
		{"malformed YAML", "name: x\npopulation: {persons: 10\n"},
		{"wrong type", "name: x\nseed: many\n"},
		{"no name", "seed: 3\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{YAML: tc.yaml}})
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %s, want 400", resp.Status)
			}
			got := decodeJSON[errorBody](t, resp)
			// The same errors as the command line: scenarios.Parse's.
			_, err := scenarios.Parse("scenario.yaml", []byte(tc.yaml))
			list, ok := err.(scenarios.ErrorList)
			if !ok {
				t.Fatalf("scenarios.Parse: %v", err)
			}
			if len(got.Errors) != len(list) {
				t.Fatalf("%d errors %+v, want %d: %v", len(got.Errors), got.Errors, len(list), list)
			}
			for i, e := range list {
				want := web.ProblemJSON{Line: e.Line, Column: e.Column, Field: e.Field, Message: e.Message}
				if got.Errors[i] != want {
					t.Errorf("error %d: %+v, want %+v", i, got.Errors[i], want)
				}
			}
			if !strings.Contains(got.Error, "problem") {
				t.Errorf("summary %q", got.Error)
			}
		})
	}
	// The first case, spelt out.
	resp := post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{YAML: badScenario}})
	got := decodeJSON[errorBody](t, resp)
	if len(got.Errors) != 2 || got.Errors[0].Line != 3 || got.Errors[0].Field != "population.persons" ||
		got.Errors[1].Line != 5 || !strings.Contains(got.Errors[1].Message, "noise") {
		t.Errorf("errors %+v, want population.persons at line 3 and nosie (did you mean noise?) at line 5", got.Errors)
	}

	// An unknown shipped scenario.
	resp = post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{Scenario: "../../go.mod"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown scenario: %s, want 400", resp.Status)
	}
	// Bad JSON and unknown fields.
	for _, body := range []string{"{", `{"scenario": 3}`, `{"levers": {"levy_rat": 0.01}}`} {
		if resp := post(t, ts, "/api/validate", body); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("body %s: %s, want 400", body, resp.Status)
		}
	}
	// A lever set out of range is reported by field, with no line.
	neg := -0.5
	resp = post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{Scenario: "bistable", Levers: web.Levers{Noise: &neg}}})
	got = decodeJSON[errorBody](t, resp)
	if resp.StatusCode != http.StatusBadRequest || len(got.Errors) != 1 || got.Errors[0].Field != "behaviour.noise" || got.Errors[0].Line != 0 {
		t.Errorf("noise -0.5: %s %+v, want 400 naming behaviour.noise", resp.Status, got)
	}
}

func ptr[T any](v T) *T { return &v }

func TestValidateAppliesLevers(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	validate := func(t *testing.T, scenario string, l web.Levers) (web.ValidateResponse, *model.Config) {
		t.Helper()
		resp := post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{Scenario: scenario, Levers: l}, Seed: ptr[uint64](42)})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s: %+v", scenario, resp.Status, decodeJSON[errorBody](t, resp))
		}
		v := decodeJSON[web.ValidateResponse](t, resp)
		cfg, err := scenarios.Parse("resolved.yaml", []byte(v.YAML))
		if err != nil {
			t.Fatalf("the resolved YAML does not parse: %v", err)
		}
		return v, cfg
	}

	// No overrides: the scenario as shipped, with the seed.
	v, cfg := validate(t, "bistable", web.Levers{})
	if cfg.Seed != 42 || v.Seed != 42 || v.Steps != 240 || v.Persons != 50000 || len(v.Colleges) != 4 {
		t.Errorf("bistable: %+v", v)
	}
	if *v.Levers.Levy || *v.Levers.Network || *v.Levers.Funding != 1 || *v.Levers.Noise != cfg.Behaviour.Noise {
		t.Errorf("bistable's levers: %+v", v.Levers)
	}

	// Every lever on, on a scenario with none.
	v, cfg = validate(t, "bistable", web.Levers{
		Levy: ptr(true), LevyRate: ptr(0.01),
		Devolution: ptr(true), Coordination: ptr(0.3),
		Network: ptr(true), NetworkBudget: ptr(1.5e6), NetworkYears: ptr(5.0),
		Funding: ptr(0.8), Migration: ptr(0.5), Careers: ptr(0.9),
		Noise: ptr(0.05), TrustLoss: ptr(0.2), CoproductionGain: ptr(0.6), CollegeThreshold: ptr(0.1),
	})
	p := cfg.Policies
	switch {
	case p.Levy == nil || p.Levy.Rate != 0.01 || p.Levy.Allowance != model.DefaultLevy().Allowance:
		t.Errorf("levy %+v", p.Levy)
	case p.Devolution == nil || p.Devolution.Coordination != 0.3:
		t.Errorf("devolution %+v", p.Devolution)
	case p.Network == nil || p.Network.Budget != 1.5e6 || p.Network.End == nil || *p.Network.End != model.MonthOf(2025, 1):
		t.Errorf("network %+v", p.Network)
	case p.Austerity == nil || p.Austerity.FundingPerLearner.At(cfg.End-1, 1) != 0.8 || p.Austerity.AdultBudget.At(cfg.End-1, 1) != 0.8:
		t.Errorf("austerity %+v", p.Austerity)
	case p.Migration == nil || p.Migration.Low.At(cfg.End-1, 1) != 0.5 || len(p.Migration.Intermediate) != 0:
		t.Errorf("migration %+v", p.Migration)
	case p.Careers != nil || cfg.Behaviour.CareersInformation != 0.9:
		t.Errorf("careers %+v, %v", p.Careers, cfg.Behaviour.CareersInformation)
	case cfg.Behaviour.Noise != 0.05 || cfg.Behaviour.TrustLoss != 0.2 || cfg.Behaviour.CoproductionGain != 0.6 || cfg.Behaviour.CollegeThreshold != 0.1:
		t.Errorf("behaviour %+v", cfg.Behaviour)
	}
	l := v.Levers
	if !*l.Levy || *l.LevyRate != 0.01 || !*l.Network || *l.NetworkBudget != 1.5e6 || *l.NetworkYears != 5 || *l.Funding != 0.8 || *l.Migration != 0.5 || *l.Careers != 0.9 {
		t.Errorf("levers read back %+v", l)
	}

	// Levers off, on a scenario with all of them; the network funded
	// beyond the run's end runs to the end.
	_, cfg = validate(t, "baseline", web.Levers{Levy: ptr(false), Devolution: ptr(false), Funding: ptr(1.0), Careers: ptr(0.5)})
	p = cfg.Policies
	if p.Levy != nil || p.Devolution != nil || p.Austerity != nil || p.Careers != nil || p.Migration == nil || p.AreaReviews == nil {
		t.Errorf("baseline with levers off: %+v", p)
	}
	_, cfg = validate(t, "temporary-push", web.Levers{NetworkYears: ptr(0.0)})
	if cfg.Policies.Network == nil || cfg.Policies.Network.End != nil {
		t.Errorf("temporary-push with network_years 0: %+v", cfg.Policies.Network)
	}
	_, cfg = validate(t, "temporary-push", web.Levers{NetworkYears: ptr(40.0)})
	if cfg.Policies.Network.End != nil {
		t.Errorf("network funded past the end: end %v, want none", cfg.Policies.Network.End)
	}
	v, _ = validate(t, "temporary-push", web.Levers{})
	if *v.Levers.NetworkYears != 5 {
		t.Errorf("temporary-push's network years %v, want 5", *v.Levers.NetworkYears)
	}
}

// small is a region of 2,000 people and about 200 employers over five
// years.
const small = `name: small
start: 2015-01
end: 2020-01
spin_up_years: 0
population: {persons: 2000}
sectors:
  - {name: digital_tech, employers: {micro: 20, small_medium: 3, large: 1}}
  - {name: creative, employers: {micro: 20, small_medium: 2, large: 0}}
  - {name: social_care, employers: {micro: 10, small_medium: 5, large: 0}}
  - {name: rest, employers: {micro: 110, small_medium: 30, large: 2}}
colleges:
  - {name: newham, places: 30}
  - {name: hackney, places: 30}
`

func TestLimits(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)

	// A body over 256 KiB.
	huge := web.ValidateRequest{Setup: web.Setup{YAML: "name: x\n# " + strings.Repeat("x", 300<<10) + "\n"}}
	resp := post(t, ts, "/api/validate", huge)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("300 KiB body: %s, want 413", resp.Status)
	}
	if e := decodeJSON[errorBody](t, resp); !strings.Contains(e.Error, "256 KiB") {
		t.Errorf("413 message %q does not name the limit", e.Error)
	}
	resp = post(t, ts, "/api/run", web.RunRequest{A: huge.Setup})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("300 KiB run body: %s, want 413", resp.Status)
	}

	// A region too large, on each limit.
	for _, tc := range []struct {
		yaml, field, limit string
	}{
		{"name: big\npopulation: {persons: 150000}\n", "population.persons", "100,000 people"},
		{"name: big\nsectors:\n  - {name: rest, interest: 1, employers: {micro: 12000}}\n", "sectors", "10,000 employers"},
		{"name: big\ncolleges:\n" + collegeList(21), "colleges", "20 colleges"},
		{"name: long\nstart: 2000-01\nend: 2110-01\n", "end", "1,200 steps"},
	} {
		for _, path := range []string{"/api/validate", "/api/run"} {
			var body any = web.ValidateRequest{Setup: web.Setup{YAML: tc.yaml}}
			if path == "/api/run" {
				body = web.RunRequest{A: web.Setup{Scenario: "bistable"}, B: &web.Setup{YAML: tc.yaml}}
			}
			resp := post(t, ts, path, body)
			e := decodeJSON[errorBody](t, resp)
			if resp.StatusCode != http.StatusBadRequest || len(e.Errors) != 1 || e.Errors[0].Field != tc.field ||
				!strings.Contains(e.Errors[0].Message, "at most "+tc.limit) || !strings.Contains(e.Error, "at most "+tc.limit) {
				t.Errorf("%s %s: %s %+v, want 400 naming %s and the limit %s", path, tc.field, resp.Status, e, tc.field, tc.limit)
			}
			if path == "/api/run" && e.Side != "b" {
				t.Errorf("run: side %q, want b", e.Side)
			}
		}
	}

	// Bad run parameters.
	for _, body := range []string{`{"a": {"scenario": "bistable"}, "delay_ms": 5000}`, `{"a": {"scenario": "bistable"}, "from": -1}`, `{"a": {"scenario": "bistable"}, "from": 241}`} {
		if resp := post(t, ts, "/api/run", body); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("run %s: %s, want 400", body, resp.Status)
		}
	}
}

func collegeList(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "  - {name: c%d}\n", i)
	}
	return b.String()
}

// event is one server-sent event.
type event struct {
	name string
	data string
}

// readEvents reads server-sent events from r until it ends or stop says so.
func readEvents(t *testing.T, r io.Reader, stop func(event) bool) []event {
	t.Helper()
	var evs []event
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var cur event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = line[7:]
		case strings.HasPrefix(line, "data: "):
			cur.data = line[6:]
		case line == "":
			evs = append(evs, cur)
			if stop != nil && stop(cur) {
				return evs
			}
			cur = event{}
		default:
			t.Errorf("unexpected line %q", line)
		}
	}
	return evs
}

// stepData is a step event's data.
type stepData struct {
	Step int `json:"step"`
	A    *struct {
		Date   string     `json:"date"`
		Regime string     `json:"regime"`
		Values []*float64 `json:"values"`
	} `json:"a"`
	B *struct {
		Date   string `json:"date"`
		Regime string `json:"regime"`
	} `json:"b"`
}

// stream posts a run request and returns its events.
func stream(t *testing.T, ts *httptest.Server, req web.RunRequest) []event {
	t.Helper()
	resp := post(t, ts, "/api/run", req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("run: %s %+v", resp.Status, decodeJSON[errorBody](t, resp))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	return readEvents(t, resp.Body, nil)
}

func steps(t *testing.T, evs []event) []stepData {
	t.Helper()
	var out []stepData
	for _, e := range evs {
		if e.name == "step" {
			var d stepData
			if err := json.Unmarshal([]byte(e.data), &d); err != nil {
				t.Fatal(err)
			}
			out = append(out, d)
		}
	}
	return out
}

func TestStream(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	seed := uint64(7)
	evs := stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed, Steps: 10})
	if evs[0].name != "meta" || evs[len(evs)-1].name != "done" {
		t.Fatalf("events %q … %q, want meta first and done last", evs[0].name, evs[len(evs)-1].name)
	}
	var meta struct {
		Metrics []string `json:"metrics"`
		Seed    uint64   `json:"seed"`
		Steps   int      `json:"steps"`
		Sides   map[string]struct {
			Name  string `json:"name"`
			Start string `json:"start"`
		} `json:"sides"`
	}
	if err := json.Unmarshal([]byte(evs[0].data), &meta); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(meta.Metrics, model.MetricNames()) || meta.Seed != 7 || meta.Steps != 60 || meta.Sides["a"].Name != "small" {
		t.Errorf("meta %+v", meta)
	}
	ss := steps(t, evs)
	if len(ss) != 11 {
		t.Fatalf("%d step events, want 11 (steps 0 to 10)", len(ss))
	}
	for i, s := range ss {
		if s.Step != i || s.A == nil || s.B != nil || len(s.A.Values) != int(model.NumMetrics) {
			t.Fatalf("step event %d: %+v", i, s)
		}
		if !slices.Contains(model.RegimeNames(), s.A.Regime) {
			t.Errorf("step %d: regime %q", i, s.A.Regime)
		}
	}
	if ss[10].A.Date != "2015-11" {
		t.Errorf("step 10 is dated %s, want 2015-11", ss[10].A.Date)
	}
	var done struct {
		Step    int               `json:"step"`
		Reason  string            `json:"reason"`
		Regimes map[string]string `json:"regimes"`
	}
	json.Unmarshal([]byte(evs[len(evs)-1].data), &done)
	if done.Step != 10 || done.Reason != "steps" || done.Regimes["a"] != ss[10].A.Regime {
		t.Errorf("done %+v", done)
	}
	// Network snapshots at the first and last step sent.
	type tiesData struct {
		Side      string `json:"side"`
		Step      int    `json:"step"`
		Employers int    `json:"employers"`
		Tied      int    `json:"tied"`
		Colleges  []struct{ Name string }
		Sample    []struct {
			I       int    `json:"i"`
			College int    `json:"college"`
			Tie     string `json:"tie"`
			Jobs    int    `json:"jobs"`
		} `json:"sample"`
	}
	var ties []tiesData
	for _, e := range evs {
		if e.name == "ties" {
			var one tiesData
			if err := json.Unmarshal([]byte(e.data), &one); err != nil {
				t.Fatal(err)
			}
			ties = append(ties, one)
		}
	}
	if len(ties) != 2 || ties[0].Step != 0 || ties[1].Step != 10 {
		t.Fatalf("%d network snapshots, want two, at steps 0 and 10", len(ties))
	}
	for _, tie := range ties {
		// 203 employers, fewer than the sample size: every one is sent.
		if tie.Employers != 203 || len(tie.Colleges) != 2 || len(tie.Sample) != 203 || tie.Tied == 0 {
			t.Errorf("network snapshot: %d employers, %d colleges, %d sampled, %d tied", tie.Employers, len(tie.Colleges), len(tie.Sample), tie.Tied)
		}
		tied := 0
		for _, e := range tie.Sample {
			switch {
			case e.Tie == "none" && e.College == -1:
			case (e.Tie == "transactional" || e.Tie == "co-production") && e.College >= 0 && e.College <= 1:
				tied++
			default:
				t.Errorf("employer %+v: tie and college do not agree", e)
			}
			if e.Jobs <= 0 {
				t.Errorf("employer %+v has no jobs", e)
			}
		}
		if tied != tie.Tied {
			t.Errorf("%d sampled employers have a tie; the snapshot counts %d", tied, tie.Tied)
		}
	}

	// The whole run, every 12th step: steps 0, 12, …, 60.
	ss = steps(t, stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Every: 12}))
	var got []int
	for _, s := range ss {
		got = append(got, s.Step)
	}
	if !slices.Equal(got, []int{0, 12, 24, 36, 48, 60}) {
		t.Errorf("every 12: steps %v", got)
	}
}

func TestStreamDeterministic(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	seed := uint64(3)
	body := func(s uint64) string {
		var b strings.Builder
		for _, e := range stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Seed: &s, Every: 6}) {
			fmt.Fprintf(&b, "%s %s\n", e.name, e.data)
		}
		return b.String()
	}
	a, b := body(seed), body(seed)
	if a != b {
		t.Errorf("the same seed gave two different streams")
	}
	if c := body(seed + 1); c == a {
		t.Errorf("seeds 3 and 4 gave the same stream")
	}

	// A run paused at step 20 and resumed from there is the run that
	// would have happened: the step events from 20 on are equal.
	full := stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed})
	resumed := stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed, From: 20})
	var fullSteps, resumedSteps []string
	for _, e := range full {
		if e.name == "step" && !strings.HasPrefix(e.data, `{"step":`) {
			t.Fatal(e.data)
		}
		if e.name == "step" {
			fullSteps = append(fullSteps, e.data)
		}
	}
	for _, e := range resumed {
		if e.name == "step" {
			resumedSteps = append(resumedSteps, e.data)
		}
	}
	if len(resumedSteps) != 41 || !slices.Equal(resumedSteps, fullSteps[20:]) {
		t.Errorf("resumed from step 20: %d step events, not equal to the straight run's from 20", len(resumedSteps))
	}

	// Compare mode: A's events are A's run alone; B differs only in its
	// levers and runs on the same seed.
	cmp := steps(t, stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, B: &web.Setup{YAML: small, Levers: web.Levers{Network: ptr(true)}}, Seed: &seed}))
	alone := steps(t, full)
	if len(cmp) != len(alone) {
		t.Fatalf("compare: %d steps, want %d", len(cmp), len(alone))
	}
	for i := range cmp {
		if cmp[i].B == nil || !equalValues(cmp[i].A.Values, alone[i].A.Values) {
			t.Fatalf("compare step %d: A differs from A alone, or B is missing", i)
		}
	}
}

func equalValues(a, b []*float64) bool {
	return slices.EqualFunc(a, b, func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) })
}

func TestTooManySimulations(t *testing.T) {
	t.Parallel()
	ts := newServer(t, &web.Options{MaxSims: 2})
	slow := web.RunRequest{A: web.Setup{YAML: small}, DelayMS: 200}

	// Two simulations run; a third is refused with 429 and a message.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var bodies []io.ReadCloser
	for range 2 {
		b, _ := json.Marshal(slow)
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/run", bytes.NewReader(b))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("run: %s", resp.Status)
		}
		bodies = append(bodies, resp.Body)
	}
	for _, req := range []web.RunRequest{slow, {A: web.Setup{YAML: small}, B: &web.Setup{YAML: small}}} {
		resp := post(t, ts, "/api/run", req)
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a third simulation: %s, want 429", resp.Status)
		}
		if e := decodeJSON[errorBody](t, resp); !strings.Contains(e.Error, "limit of 2 simulations") {
			t.Errorf("429 message %q does not name the limit", e.Error)
		}
	}
	// Validation still works while the simulations run.
	if resp := post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{Scenario: "bistable"}}); resp.StatusCode != http.StatusOK {
		t.Errorf("validate while full: %s", resp.Status)
	}

	// The clients go away: their simulations stop and free their places.
	for _, b := range bodies {
		readEvents(t, b, func(e event) bool { return e.name == "step" })
	}
	cancel()
	for _, b := range bodies {
		b.Close()
	}
	// However long that takes on a loaded machine: a server that never
	// frees them fails at go test's -timeout.
	for {
		resp := post(t, ts, "/api/run", web.RunRequest{A: web.Setup{YAML: small}, B: &web.Setup{YAML: small}, Steps: 1})
		if resp.StatusCode == http.StatusOK {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The test passes however slow the machine: the delays between steps are
// lower bounds, so a slower run only outlasts the timeouts by more and
// reaches the wall-time limit sooner in steps; it asserts events, not
// durations.
func TestStreamOutlivesTimeouts(t *testing.T) {
	t.Parallel()
	serve := func(o *web.Options) *httptest.Server {
		ts := httptest.NewUnstartedServer(nil)
		ts.Config = web.New(o).HTTPServer(nil)
		ts.Config.ReadTimeout = 150 * time.Millisecond
		ts.Config.WriteTimeout = 150 * time.Millisecond
		ts.Start()
		t.Cleanup(ts.Close)
		return ts
	}

	// 6 steps at least 50 ms apart: longer than the read and write
	// timeouts, and no wall-time limit to race.
	evs := stream(t, serve(nil), web.RunRequest{A: web.Setup{YAML: small}, Steps: 6, DelayMS: 50})
	if last := evs[len(evs)-1]; last.name != "done" || len(steps(t, evs)) != 7 {
		t.Errorf("a stream longer than the timeouts: last event %q, %d steps; want done after 7", last.name, len(steps(t, evs)))
	}

	// The wall-time limit stops a stream that would run for seconds (every
	// step of the run at least 100 ms apart) with an error event.
	evs = stream(t, serve(&web.Options{MaxWall: 400 * time.Millisecond}), web.RunRequest{A: web.Setup{YAML: small}, DelayMS: 100})
	last := evs[len(evs)-1]
	if last.name != "error" || !strings.Contains(last.data, "time limit") {
		t.Errorf("a stream past MaxWall ends with %s %s, want an error naming the time limit", last.name, last.data)
	}
}

func TestServeShutsDownStreams(t *testing.T) {
	t.Parallel()
	s := web.New(nil)
	ctx, cancel := context.WithCancel(context.Background())
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = s.HTTPServer(ctx)
	ts.Start()
	defer ts.Close()
	resp := post(t, ts, "/api/run", web.RunRequest{A: web.Setup{YAML: small}, DelayMS: 500})
	evs := readEvents(t, resp.Body, func(e event) bool { return e.name == "step" })
	if len(evs) < 2 {
		t.Fatal("no step")
	}
	cancel()
	// The scanner of the first read may have buffered part of the next
	// event: read the rest as bytes.
	// A stream that went on would end, 60 steps of 500 ms later, with its
	// done event: the test asserts the event, not how soon the stream
	// stops.
	rest, _ := io.ReadAll(resp.Body)
	if bytes.Contains(rest, []byte("event: done\n")) {
		t.Errorf("the stream ran to its end after the server's context was cancelled")
	}
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true,
		"127.0.0.2:80":   true,
		"[::1]:8080":     true,
		"localhost:8080": true,
		":8080":          false,
		"0.0.0.0:8080":   false,
		"[::]:8080":      false,
		"192.168.1.2:80": false,
		"example.org:80": false,
		"127.0.0.1":      false,
	} {
		if got := web.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
