package experiment

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

func TestShippedExamples(t *testing.T) {
	t.Parallel()
	names := Shipped()
	if len(names) < 5 {
		t.Fatalf("Shipped() = %v, want at least 5 examples", names)
	}
	for _, name := range names {
		e, err := Load(name)
		if err != nil {
			t.Errorf("Load(%s): %v", name, err)
			continue
		}
		if e.Name != name {
			t.Errorf("%s is named %q", name, e.Name)
		}
		data, err := ReadShipped(name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("# Question: ")) {
			t.Errorf("%s does not open with its # Question:", name)
		}
		if e.Runs() > 500 {
			t.Errorf("%s has %d runs; keep the examples small", name, e.Runs())
		}
		if err := e.CheckPoints(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestLoadPrefersAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A file named like an example, whose base is a file beside it.
	base := filepath.Join(dir, "mybase.yaml")
	if err := os.WriteFile(base, []byte("name: mybase\nbehaviour: {noise: 0.03}\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "network-basin.yaml")
	text := "name: mine\nbase: mybase.yaml\nparameters:\n  - {path: behaviour.trust_loss, values: [0.1, 0.2]}\n"
	if err := os.WriteFile(file, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	e, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "mine" || e.Base.Behaviour.Noise != 0.03 {
		t.Errorf("Load(%s) = %s with noise %v; want the file, with its base beside it", file, e.Name, e.Base.Behaviour.Noise)
	}
	if _, err := Load(filepath.Join(dir, "nothing")); err == nil || !strings.Contains(err.Error(), "network-basin") {
		t.Errorf("Load of a missing file: %v; want an error listing the examples", err)
	}
}

func TestIsExperiment(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"name: x\nbase: baseline\n":            true,
		"parameters: []\n":                     true,
		"name: x\npopulation: {persons: 10}\n": false,
		"name: x\n":                            false,
		"- a list\n":                           false,
		"{{{":                                  false,
		"":                                     false,
		"name: x\nbase_scenario: {name: y}\n":  true,
		"a: &a {base: baseline}\n<<: *a\nname: x\n": false,
	} {
		if got := IsExperiment([]byte(text)); got != want {
			t.Errorf("IsExperiment(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A scenario gives its resolved form.
	sc := write("sc.yaml", "name: sc\nbehaviour: {noise: 0.03}\n")
	out, err := Check(sc)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := scenarios.Parse("out", out)
	if err != nil || cfg.Behaviour.Noise != 0.03 || IsExperiment(out) {
		t.Errorf("Check(scenario) gave %v:\n%s", err, out)
	}
	// An experiment gives experiment.resolved.yaml.
	ex := write("ex.yaml", "base: sc.yaml\nparameters:\n  - {path: behaviour.trust_loss, values: [0.1, 0.2]}\n")
	out, err = Check(ex)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Parse("out", out, nil)
	if err != nil || e.Name != "ex" || e.Base.Behaviour.Noise != 0.03 || len(e.Points) != 2 {
		t.Errorf("Check(experiment) gave %v:\n%s", err, out)
	}
	// An experiment with a problem is located.
	bad := write("bad.yaml", "base: sc.yaml\nparameters:\n  - {path: behaviour.trust_los, values: [0.1]}\n")
	var list scenarios.ErrorList
	if _, err := Check(bad); !errors.As(err, &list) || !strings.Contains(err.Error(), "bad.yaml:3:") {
		t.Errorf("Check(bad) = %v; want the problem at bad.yaml:3", err)
	}
	// Points the model rejects are problems too, named by their values.
	pts := write("pts.yaml", "base: sc.yaml\nparameters:\n  - {path: behaviour.noise, values: [0.1, 2]}\n")
	if _, err := Check(pts); err == nil || !strings.Contains(err.Error(), "point 1 (behaviour.noise=2)") {
		t.Errorf("Check(pts) = %v; want point 1 rejected", err)
	}
	// Shipped names of both kinds.
	for _, name := range []string{"bistable", "network-basin"} {
		if _, err := Check(name); err != nil {
			t.Errorf("Check(%s): %v", name, err)
		}
	}
	if _, err := Check(filepath.Join(dir, "none")); err == nil {
		t.Error("Check of a missing file succeeded")
	}
}

func TestBaseLoaderOfAnExampleUsesShippedScenarios(t *testing.T) {
	t.Parallel()
	cfg, err := BaseLoader("")("bistable")
	if err != nil || cfg.Name != "bistable" {
		t.Errorf("BaseLoader(\"\")(bistable) = %v, %v", cfg, err)
	}
	var m *model.Config
	if m, err = BaseLoader("")("../../scenarios/bistable.yaml"); err == nil {
		t.Errorf("an example's base was read from a file: %v", m.Name)
	}
}

// The basin example's first budget level is no network at all, and its
// other levels a network with that budget.
func TestBasinExampleHasANoNetworkLevel(t *testing.T) {
	t.Parallel()
	e, err := Load("network-basin")
	if err != nil {
		t.Fatal(err)
	}
	for p := range e.Points {
		cfg, err := e.Config(p)
		if err != nil {
			t.Fatal(err)
		}
		budget := e.Points[p][0]
		switch n := cfg.Policies.Network; {
		case budget == 0 && n != nil:
			t.Errorf("point %d: the £0 level has a network (budget %v)", p, n.Budget)
		case budget > 0 && (n == nil || n.Budget != budget):
			t.Errorf("point %d: level £%v has network %+v", p, budget, n)
		}
	}
	data, err := ReadShipped("network-basin")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "for each start.") {
		t.Error("the example still promises tipping.* for each start, which a grid over two parameters does not produce")
	}
}
