package experiment

import (
	"context"
	"strings"
	"testing"
)

const linkedFile = `
base: tiny
design: {method: grid, levels: 3}
parameters:
  - name: package_size
    range: [0, 1]
    link:
      - {path: sectors.rest.quit_rate, range: [0.1, 0.3]}
      - {path: behaviour.college_threshold, range: [0.6, 0.3]}
      - {path: colleges.newham.places, range: [10, 11]}
  - {path: behaviour.noise, values: [0.01, 0.02]}
`

func TestLinkedParameterMovesItsFieldsTogether(t *testing.T) {
	t.Parallel()
	e := mustParse(t, linkedFile)
	if len(e.Points) != 6 || e.Params[0].Path != "package_size" || len(e.Params[0].Links) != 3 {
		t.Fatalf("%d points, parameters %+v", len(e.Points), e.Params)
	}
	if h := e.Header(); h[4] != "package_size" || h[5] != "behaviour.noise" {
		t.Errorf("runs.csv header %v, want the linked parameter's name as its column", h)
	}
	for p, want := range []struct {
		quit, threshold float64
		places          int
	}{{0.1, 0.6, 10}, {0.1, 0.6, 10}, {0.2, 0.45, 11}, {0.2, 0.45, 11}, {0.3, 0.3, 11}, {0.3, 0.3, 11}} {
		cfg, err := e.Config(p)
		if err != nil {
			t.Fatalf("point %d: %v", p, err)
		}
		if !near([]float64{cfg.Sectors[3].QuitRate, cfg.Behaviour.CollegeThreshold}, []float64{want.quit, want.threshold}) ||
			cfg.Colleges[0].Places != want.places {
			t.Errorf("point %d (size %v): quit rate %v, threshold %v, places %d; want %+v", p, e.Points[p][0],
				cfg.Sectors[3].QuitRate, cfg.Behaviour.CollegeThreshold, cfg.Colleges[0].Places, want)
		}
	}
	// The resolved file gives the same experiment back.
	text, err := e.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("resolved.yaml", text, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(again.Params[0].Links) != 3 || again.Params[0].Links[1] != e.Params[0].Links[1] || len(again.Points) != 6 {
		t.Errorf("resolved parameters %+v, want %+v", again.Params, e.Params)
	}
}

func TestLinkedParameterErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ param, want string }{
		{"{link: [{path: behaviour.noise, range: [0, 1]}], range: [0, 1]}", "parameters[0].name: missing"},
		{"{name: x, path: behaviour.noise, link: [{path: behaviour.noise, range: [0, 1]}], range: [0, 1]}", "give either path or name and link"},
		{"{name: step_months, link: [{path: behaviour.noise, range: [0, 1]}], range: [0, 1]}", "is a field of the scenario"},
		{"{name: a.b, link: [{path: behaviour.noise, range: [0, 1]}], range: [0, 1]}", "is not a valid name"},
		{"{name: x, link: [], range: [0, 1]}", "parameters[0].link: empty"},
		{"{name: x, link: [{path: behaviour.nois, range: [0, 1]}], range: [0, 1]}", "parameters[0].link[0].path: unknown parameter path"},
		{"{name: x, link: [{path: behaviour.noise}], range: [0, 1]}", "every linked field gives its path and the range"},
		{"{name: x, link: [{path: behaviour.noise, range: [0]}], range: [0, 1]}", "has 1 numbers"},
		{"{name: x, link: [{path: behaviour.noise, range: [0, 1]}], values: [2, 2]}", "at least two different values"},
		{"{name: x, link: [{path: behaviour.noise, range: [0, 1]}, {path: behaviour.noise, range: [0, 1]}], range: [0, 1]}", "already varied by parameters[0]"},
		{"{path: behaviour.noise, name: x, range: [0, 1]}", "a name is for a parameter that links several fields"},
	} {
		_, err := Parse("l.yaml", []byte("base: tiny\nparameters:\n  - "+c.param+"\n"), load)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want an error saying %q", c.param, err, c.want)
		}
	}
	// A field varied by one parameter and linked by another.
	_, err := Parse("l.yaml", []byte(`base: tiny
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
  - {name: x, link: [{path: behaviour.noise, range: [0, 1]}], range: [0, 1]}
`), load)
	if err == nil || !strings.Contains(err.Error(), "l.yaml:4:") || !strings.Contains(err.Error(), "already varied by parameters[0]") {
		t.Errorf("a field both varied and linked: %v", err)
	}
}

func TestCommonRandomNumbers(t *testing.T) {
	t.Parallel()
	const file = `
base: tiny
seed: 5
replications: 2
common_random_numbers: %s
parameters:
  - {path: behaviour.trust_loss, values: [0.3, 0.3, 0.31]}
`
	finals := func(crn string) map[[2]int][2]float64 {
		e := mustParse(t, strings.Replace(file, "%s", crn, 1))
		out := make(map[[2]int][2]float64)
		err := Execute(context.Background(), e, ExecOptions{Workers: 2}, func(r *Result) error {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if want := uint64(r.Run); crn == "true" {
				want = uint64(r.Rep)
				if r.Seed != [2]uint64{5, want} {
					t.Errorf("run %d draws from %v, want (5, %d)", r.Run, r.Seed, want)
				}
			} else if r.Seed != [2]uint64{5, want} {
				t.Errorf("run %d draws from %v, want (5, %d)", r.Run, r.Seed, want)
			}
			out[[2]int{r.Point, r.Rep}] = [2]float64{r.Final[0], r.Final[3]}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	crn, own := finals("true"), finals("false")
	for rep := range 2 {
		// Two points with the same values: the same run with common random
		// numbers, different runs without.
		if crn[[2]int{0, rep}] != crn[[2]int{1, rep}] {
			t.Errorf("replication %d: with common random numbers, equal points differ: %v, %v", rep, crn[[2]int{0, rep}], crn[[2]int{1, rep}])
		}
		if own[[2]int{0, rep}] == own[[2]int{1, rep}] {
			t.Errorf("replication %d: without common random numbers, equal points gave equal results %v", rep, own[[2]int{0, rep}])
		}
	}
	e := mustParse(t, strings.Replace(file, "%s", "true", 1))
	text, err := e.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Parse("r.yaml", text, nil); err != nil || !again.CommonRandomNumbers {
		t.Errorf("the resolved file loses common_random_numbers: %v\n%s", err, text)
	}
	_, err = Parse("h.yaml", []byte("base: tiny\ncommon_random_numbers: true\ndesign: {method: hysteresis}\nhysteresis: {path: policies.network.budget, values: [0, 1], years: 1}\n"), load)
	if err == nil || !strings.Contains(err.Error(), "common_random_numbers: not used by method hysteresis") {
		t.Errorf("hysteresis with common random numbers: %v", err)
	}
}

// A linked parameter that switches a lever off at its low end gives a real
// "without" level: no lever at all, not a lever with nothing to spend.
func TestLinkedSwitchGivesANoLeverLevel(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
parameters:
  - name: network_budget
    values: [0, 500000, 1000000]
    link:
      - {path: policies.network.in_force, range: [0, 1]}
      - {path: policies.network.budget, range: [0, 1000000]}
`)
	e.Base.End = e.Base.Start + 12*10 // past the network's start in 2020
	for p, want := range []float64{-1, 500000, 1000000} {
		cfg, err := e.Config(p)
		if err != nil {
			t.Fatalf("point %d: %v", p, err)
		}
		switch n := cfg.Policies.Network; {
		case want < 0 && n != nil:
			t.Errorf("point %d: a network with budget %v; want none", p, n.Budget)
		case want >= 0 && (n == nil || n.Budget != want):
			t.Errorf("point %d: network %+v; want one with budget %v", p, n, want)
		}
	}
	// The switch is set last whatever the order of the links.
	e = mustParse(t, `
base: tiny
parameters:
  - {path: policies.network.in_force, values: [0]}
  - {path: policies.network.budget, values: [5]}
`)
	e.Base.End = e.Base.Start + 12*10
	if cfg, err := e.Config(0); err != nil || cfg.Policies.Network != nil {
		t.Errorf("switched off before its budget was set: %v, %+v; want no network", err, cfg.Policies.Network)
	}
}
