package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"skillsim/web"
)

// stepValues returns side a's values of each step event of a run.
func stepValues(t *testing.T, evs []event) [][]*float64 {
	t.Helper()
	var out [][]*float64
	for _, s := range steps(t, evs) {
		out = append(out, s.A.Values)
	}
	return out
}

// TestLeverChangeMidRun checks that a lever moved during a run changes the
// run from the next step and no earlier, that the run replays exactly
// from its seed and list of changes (straight or resumed), and that the
// scenario exported with the changes dated reproduces it when run from
// the start with no changes.
func TestLeverChangeMidRun(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	seed := uint64(2)
	plain := web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed}
	changes := []web.LeverChange{
		{Step: 11, Levers: web.Levers{Network: ptr(true), NetworkBudget: ptr(2e6)}},
		{Step: 35, Levers: web.Levers{Network: ptr(false)}},
	}
	withChanges := plain
	withChanges.Changes = changes

	base := stepValues(t, stream(t, ts, plain))
	live := stepValues(t, stream(t, ts, withChanges))
	if len(base) != 61 || len(live) != 61 {
		t.Fatalf("%d and %d steps, want 61", len(base), len(live))
	}
	for k := 0; k <= 11; k++ {
		if !equalValues(base[k], live[k]) {
			t.Errorf("step %d differs before the change takes effect (it applies from step 12)", k)
		}
	}
	differs := false
	for k := 12; k < len(base); k++ {
		differs = differs || !equalValues(base[k], live[k])
	}
	if !differs {
		t.Errorf("switching a £2m network on at step 12 changed nothing")
	}

	// Replay: the same request gives the same run; resumed from step 20
	// (past the first change, before the second) it continues exactly.
	again := stepValues(t, stream(t, ts, withChanges))
	resumedReq := withChanges
	resumedReq.From = 20
	resumed := stepValues(t, stream(t, ts, resumedReq))
	for k := range live {
		if !equalValues(live[k], again[k]) {
			t.Fatalf("the replay differs at step %d", k)
		}
		if k >= 20 && !equalValues(live[k], resumed[k-20]) {
			t.Fatalf("the run resumed at step 20 differs at step %d", k)
		}
	}

	// The export: the network's period is dated 2016-01 to 2018-01 and
	// the file runs, with no changes, to the same results.
	resp := post(t, ts, "/api/validate", web.ValidateRequest{Setup: web.Setup{YAML: small}, Seed: &seed, Changes: changes})
	v := decodeJSON[web.ValidateResponse](t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("validate: %s", resp.Status)
	}
	for _, want := range []string{"start: 2016-01", "end: 2018-01", "budget: 2e+06", "# Levers moved during the run", "2016-01 (after step 11): network=on, network_budget=2e+06"} {
		if !strings.Contains(v.YAML, want) {
			t.Errorf("the exported scenario has no %q:\n%s", want, v.YAML)
		}
	}
	if len(v.Periods) != 1 || v.Periods[0] != (web.PeriodJSON{Lever: "network", Start: "2016-01", End: "2018-01"}) {
		t.Errorf("periods %+v, want the network from 2016-01 to 2018-01", v.Periods)
	}
	exported := stepValues(t, stream(t, ts, web.RunRequest{A: web.Setup{YAML: v.YAML}, Seed: &seed}))
	for k := range live {
		if !equalValues(live[k], exported[k]) {
			t.Fatalf("the exported scenario run from the start differs from the run with its changes at step %d", k)
		}
	}
}

func TestLeverChangeErrors(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	for _, tc := range []struct {
		req  web.RunRequest
		want string
	}{
		{web.RunRequest{A: web.Setup{YAML: small}, Changes: []web.LeverChange{{Step: 60}}}, "must be from 0 to 59"},
		{web.RunRequest{A: web.Setup{YAML: small}, Changes: []web.LeverChange{{Side: "b", Step: 1}}}, "there is no configuration b"},
		{web.RunRequest{A: web.Setup{YAML: small}, Changes: []web.LeverChange{{Side: "c", Step: 1}}}, "must be a or b"},
		{web.RunRequest{A: web.Setup{YAML: small}, Changes: []web.LeverChange{{Step: 1, Levers: web.Levers{Noise: ptr(-1.0)}}}}, "behaviour.noise"},
	} {
		resp := post(t, ts, "/api/run", tc.req)
		body := decodeJSON[errorBody](t, resp)
		all := body.Error
		for _, e := range body.Errors {
			all += " " + e.Field + ": " + e.Message
		}
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(all, tc.want) {
			t.Errorf("%+v: %s %q, want 400 with %q", tc.req.Changes, resp.Status, all, tc.want)
		}
	}
}

// TestReplications checks a run of several replications: the step events
// carry the mean with the lowest and highest values around it, the same
// request gives the same stream, and the replications count against the
// server's simulations.
func TestReplications(t *testing.T) {
	ts := newServer(t, &web.Options{MaxSims: 3})
	seed := uint64(5)
	req := web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed, Reps: 3, Every: 12}
	read := func() []string {
		var out []string
		for _, e := range stream(t, ts, req) {
			if e.name == "step" {
				out = append(out, e.data)
			}
		}
		return out
	}
	first, again := read(), read()
	if !slices.Equal(first, again) {
		t.Errorf("the same request of three replications gave two streams")
	}
	one := steps(t, stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Seed: &seed, Every: 12}))
	spread := false
	for i, data := range first {
		var d struct {
			A struct {
				Values, Lo, Hi []*float64
			} `json:"a"`
		}
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.A.Lo) != len(d.A.Values) || len(d.A.Hi) != len(d.A.Values) {
			t.Fatalf("step event %d: %d values, %d lows, %d highs", i, len(d.A.Values), len(d.A.Lo), len(d.A.Hi))
		}
		for k := range d.A.Values {
			v, lo, hi := *d.A.Values[k], *d.A.Lo[k], *d.A.Hi[k]
			if lo > v+1e-12 || v > hi+1e-12 {
				t.Errorf("step event %d, indicator %d: mean %v outside [%v, %v]", i, k, v, lo, hi)
			}
			// Replication 0 is the single run: it lies in the band.
			if x := *one[i].A.Values[k]; x < lo-1e-12 || x > hi+1e-12 {
				t.Errorf("step event %d, indicator %d: the single run's %v outside [%v, %v]", i, k, x, lo, hi)
			}
			spread = spread || hi > lo
		}
	}
	if !spread {
		t.Errorf("three replications on different streams never differ")
	}
	// Two configurations of two replications are four simulations: more
	// than this server's three.
	b := web.Setup{YAML: small}
	resp := post(t, ts, "/api/run", web.RunRequest{A: web.Setup{YAML: small}, B: &b, Reps: 2})
	if body := decodeJSON[errorBody](t, resp); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body.Error, "at most 3 at once") {
		t.Errorf("two configurations of two replications on a server of three: %s %q", resp.Status, body.Error)
	}
}

// TestEmployerGroupsInStream checks that step events carry the yearly
// survey of the employer groups from its first June on, as sim takes it.
func TestEmployerGroupsInStream(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	var got []string
	for _, e := range stream(t, ts, web.RunRequest{A: web.Setup{YAML: small}, Steps: 20}) {
		if e.name != "step" {
			continue
		}
		var d struct {
			A struct {
				Date       string      `json:"date"`
				GroupsDate string      `json:"groups_date"`
				Groups     [][]float64 `json:"groups"`
			} `json:"a"`
		}
		if err := json.Unmarshal([]byte(e.data), &d); err != nil {
			t.Fatal(err)
		}
		got = append(got, d.A.Date+">"+d.A.GroupsDate)
		if d.A.GroupsDate != "" && (len(d.A.Groups) != 10 || len(d.A.Groups[0]) != 13 || d.A.Groups[0][0] <= 0) {
			t.Errorf("%s: groups %v, want 10 groups of 13 indicators with employers in the first", d.A.Date, d.A.Groups)
		}
	}
	want := map[string]string{"2015-05": "", "2015-06": "2015-06", "2016-01": "2015-06", "2016-06": "2016-06"}
	for _, g := range got {
		date, gd, _ := strings.Cut(g, ">")
		if w, ok := want[date]; ok && gd != w {
			t.Errorf("at %s the latest survey is %q, want %q", date, gd, w)
		}
	}
}
