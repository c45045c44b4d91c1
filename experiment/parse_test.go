package experiment

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

func TestParseDefaults(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
parameters:
  - path: behaviour.noise
    range: [0, 0.1]
`)
	base := tinyBase()
	switch {
	case e.Name != "test":
		t.Errorf("name %q, want the file name test", e.Name)
	case e.Seed != base.Seed || e.DesignSeed != base.Seed:
		t.Errorf("seed %d, design seed %d; want the base's %d", e.Seed, e.DesignSeed, base.Seed)
	case e.Replications != base.Replications:
		t.Errorf("replications %d, want the base's %d", e.Replications, base.Replications)
	case e.Method != Grid || e.Levels != DefaultGridLevels:
		t.Errorf("method %s with %d levels, want grid with %d", e.Method, e.Levels, DefaultGridLevels)
	case !slices.Equal(e.Outputs, model.MetricNames()):
		t.Errorf("outputs %v, want every metric", e.Outputs)
	case e.Timeseries:
		t.Error("timeseries on by default")
	case !reflect.DeepEqual(e.Base, base):
		t.Error("the base is not the loaded scenario")
	case !near(e.Params[0].Values, []float64{0, 0.025, 0.05, 0.075, 0.1}):
		t.Errorf("grid values %v, want 5 levels over [0, 0.1]", e.Params[0].Values)
	case e.Runs() != 5*base.Replications:
		t.Errorf("%d runs, want %d", e.Runs(), 5*base.Replications)
	}
}

func TestParseTestdata(t *testing.T) {
	t.Parallel()
	files, _ := os.ReadDir("testdata")
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".experiment.yaml") {
			continue
		}
		n++
		data, err := os.ReadFile("testdata/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f.Name(), data, load); err != nil {
			t.Errorf("%s:\n%v", f.Name(), err)
		}
	}
	if n == 0 {
		t.Error("no testdata/*.experiment.yaml")
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, text string
		line       int
		field      string
		msg        string // text the message must contain
	}{
		{"unknown path", `
base: tiny
parameters:
  - path: policies.network.budgt
    range: [0, 1]
`, 4, "parameters[0].path", "nearest valid paths are policies.network.budget"},
		{"unknown sector", `
base: tiny
parameters:
  - path: sectors.care.quit_rate
    range: [0, 1]
`, 4, "parameters[0].path", "no sector named care"},
		{"empty range", `
base: tiny
parameters:
  - path: behaviour.noise
    range: []
`, 5, "parameters[0].range", "empty"},
		{"inverted range", `
base: tiny
parameters:
  - path: behaviour.noise
    range: [0.2, 0.1]
`, 5, "parameters[0].range", "inverted"},
		{"one-number range", `
base: tiny
parameters:
  - path: behaviour.noise
    range: [0.2]
`, 5, "parameters[0].range", "has 1 numbers"},
		{"values on lhs", `
base: tiny
design: {method: lhs}
parameters:
  - path: behaviour.noise
    values: [0.1, 0.2]
`, 6, "parameters[0].values", "grid designs only"},
		{"sobol too few", `
base: tiny
design:
  method: sobol
  points: 1
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 5, "design.points", "N ≥ 2"},
		{"morris odd levels", `
base: tiny
design:
  method: morris
  levels: 5
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 5, "design.levels", "even"},
		{"morris one trajectory", `
base: tiny
design:
  method: morris
  points: 1
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 5, "design.points", "at least 2 trajectories"},
		{"grid one level", `
base: tiny
parameters:
  - {path: behaviour.noise, range: [0, 0.1], levels: 1}
`, 4, "parameters[0].levels", "at least 2 levels"},
		{"lhs one point", `
base: tiny
design: {method: lhs, points: 1}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 3, "design.points", "at least 2"},
		{"points on grid", `
base: tiny
design: {method: grid, points: 10}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 3, "design.points", "not used by method grid"},
		{"unknown output", `
base: tiny
parameters:
  - {path: behaviour.noise, values: [0.1]}
outputs: [coproduction_share, coprodution_share]
`, 5, "outputs[1]", "did you mean coproduction_share"},
		{"hysteresis block missing", `
base: tiny
design:
  method: hysteresis
`, 3, "hysteresis", "missing"},
		{"hysteresis block on grid", `
base: tiny
parameters:
  - {path: behaviour.noise, values: [0.1]}
hysteresis: {path: behaviour.noise, values: [0, 1], years: 1}
`, 5, "hysteresis", "method hysteresis only"},
		{"hysteresis structural", `
base: tiny
design: {method: hysteresis}
hysteresis: {path: initial.trust, values: [0, 1], years: 1}
`, 4, "hysteresis.path", "cannot change in a running region"},
		{"hysteresis one value", `
base: tiny
design: {method: hysteresis}
hysteresis: {path: behaviour.noise, values: [0], years: 1}
`, 4, "hysteresis.values", "at least 2 values"},
		{"hysteresis with parameters", `
base: tiny
design: {method: hysteresis}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
hysteresis: {path: behaviour.noise, values: [0, 0.1], years: 1}
`, 4, "parameters", "not used by method hysteresis"},
		{"zero replications", `
base: tiny
replications: 0
parameters:
  - {path: behaviour.noise, values: [0.1]}
`, 3, "replications", "≥ 1"},
		{"unknown key", `
base: tiny
parameter:
  - {path: behaviour.noise, values: [0.1]}
`, 3, "parameter", "did you mean parameters"},
		{"unknown method", `
base: tiny
design: {method: sobel}
parameters:
  - {path: behaviour.noise, range: [0, 0.1]}
`, 3, "design.method", "did you mean sobol"},
		{"no parameters", `
base: tiny
`, 2, "parameters", "missing"},
		{"no base", `
parameters:
  - {path: behaviour.noise, values: [0.1]}
`, 2, "base", "missing"},
		{"missing base file", `
base: nowhere.yaml
parameters:
  - {path: behaviour.noise, values: [0.1]}
`, 2, "base", "nowhere"},
		{"duplicate path", `
base: tiny
parameters:
  - {path: behaviour.noise, values: [0.1]}
  - {path: behaviour.noise, values: [0.2]}
`, 5, "parameters[1].path", "already varied"},
		{"range and values", `
base: tiny
parameters:
  - {path: behaviour.noise, values: [0.1], range: [0, 1]}
`, 4, "parameters[0].values", "not both"},
		{"no range", `
base: tiny
parameters:
  - {path: behaviour.noise}
`, 4, "parameters[0].range", "missing"},
		{"key twice", `
base: tiny
seed: 1
seed: 2
parameters:
  - {path: behaviour.noise, values: [0.1]}
`, 4, "seed", "given twice"},
		{"bad seed", `
base: tiny
seed: -1
parameters:
  - {path: behaviour.noise, values: [0.1]}
`, 3, "seed", "not a seed"},
		{"syntax", `
base: tiny
parameters: [
`, 3, "", "malformed YAML"},
	} {
		e, err := Parse("bad.yaml", []byte(c.text), load)
		if err == nil {
			t.Errorf("%s: accepted (%d points)", c.name, len(e.Points))
			continue
		}
		if e != nil {
			t.Errorf("%s: an error and an experiment", c.name)
		}
		var list scenarios.ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%s: error %T, want scenarios.ErrorList", c.name, err)
			continue
		}
		found := false
		for _, le := range list {
			if le.File == "bad.yaml" && le.Line == c.line && le.Field == c.field && strings.Contains(le.Message, c.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: got\n%v\nwant bad.yaml:%d: %s: ...%s...", c.name, err, c.line, c.field, c.msg)
		}
	}
}

func TestParseBaseScenarioErrorsAtTheirLines(t *testing.T) {
	t.Parallel()
	text := `name: x
seed: 3
parameters:
  - {path: behaviour.noise, values: [0.1]}
base_scenario:
  name: inline
  population:
    persons: -5
replications: 2
`
	_, err := Parse("x.yaml", []byte(text), nil)
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	if len(list) != 1 || list[0].Line != 8 || list[0].Column != 14 || list[0].Field != "base_scenario.population.persons" {
		t.Errorf("got\n%v\nwant x.yaml:8:14: base_scenario.population.persons: ...", err)
	}
}

func TestParseBaseFileErrorsArePassedOn(t *testing.T) {
	t.Parallel()
	_, err := Parse("x.yaml", []byte("base: broken.yaml\nparameters: [{path: behaviour.noise, values: [0.1]}]\n"), load)
	var list scenarios.ErrorList
	if !errors.As(err, &list) || len(list) < 2 {
		t.Fatalf("got %v, want this file's error and the base's", err)
	}
	if list[0].File != "x.yaml" || list[0].Field != "base" || list[1].File != "broken.yaml" {
		t.Errorf("got\n%v\nwant x.yaml's base error first, then broken.yaml's", err)
	}
}

func TestTooManyPointsSaysHowMany(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		levels, params int
		want           string
	}{
		{1000, 3, "the design has 1000000000 points, more than the 1000000 allowed"},
		{1001, 2, "the design has 1002001 points"},
		{10, 60, "the design has 1.00e+60 points"},
	} {
		var b strings.Builder
		b.WriteString("base: tiny\ndesign: {method: grid, levels: " + strconv.Itoa(c.levels) + "}\nparameters:\n")
		paths := scenarios.Paths(tinyBase())
		for j := range c.params {
			b.WriteString("  - {path: " + paths[j] + ", range: [0, 1]}\n")
		}
		_, err := Parse("big.yaml", []byte(b.String()), load)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%d levels of %d parameters: %v; want %q", c.levels, c.params, err, c.want)
		}
	}
}
