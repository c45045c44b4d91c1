package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"skillsim/scenarios"
)

func TestValidateValid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := writeFile(t, dir, "tiny.yaml", tinyScenario)
	code, stdout, stderr := skillsim(t, "validate", file)
	if code != 0 || stderr != "" {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	cfg, err := scenarios.Parse("stdout", []byte(stdout))
	if err != nil {
		t.Fatalf("output does not parse back: %v\n%s", err, stdout)
	}
	want, err := scenarios.Parse(file, []byte(tinyScenario))
	if err != nil {
		t.Fatal(err)
	}
	// The output is the resolved scenario: marshalling what it parses to
	// gives it back.
	again, err := scenarios.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != stdout || cfg.Name != "tiny" || cfg.Population.Persons != 400 {
		t.Errorf("output is not the resolved scenario:\n%s", stdout)
	}
}

func TestValidateInvalid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := writeFile(t, dir, "neg.yaml", "name: neg\npopulation:\n  persons: -5\n")
	code, stdout, stderr := skillsim(t, "validate", bad)
	if code != 2 || stdout != "" {
		t.Errorf("exit status %d, want 2; stdout:\n%s", code, stdout)
	}
	if !regexp.MustCompile(`(?m)^skillsim: .*neg\.yaml:3:\d+: population\.persons: `).MatchString(stderr) {
		t.Errorf("stderr does not locate the error:\n%s", stderr)
	}
}

func TestValidateSeveral(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", tinyScenario)
	bad := writeFile(t, dir, "typo.yaml", "name: typo\npopluation:\n  persons: 10\n")
	code, stdout, stderr := skillsim(t, "validate", good, bad, "bistable")
	if code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if !strings.Contains(stderr, "typo.yaml:2:") || strings.Contains(stderr, "good.yaml") {
		t.Errorf("stderr:\n%s", stderr)
	}
	docs := strings.Split(stdout, "---\n")
	if len(docs) != 3 || docs[0] != "" {
		t.Fatalf("stdout holds %d documents, want 2:\n%s", len(docs)-1, stdout)
	}
	for i, want := range []struct{ header, name string }{{"# " + good + ": ok\n", "tiny"}, {"# bistable: ok\n", "bistable"}} {
		doc := docs[i+1]
		if !strings.HasPrefix(doc, want.header) {
			t.Errorf("document %d does not open with %q:\n%s", i+1, want.header, doc)
		}
		cfg, err := scenarios.Parse("doc", []byte(doc))
		if err != nil || cfg.Name != want.name {
			t.Errorf("document %d does not parse back as %s: %v", i+1, want.name, err)
		}
	}
}

func TestValidateArguments(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"validate"}, 2, "", "no file given"},
		{[]string{"validate", "region"}, 0, "name: region", ""},
		{[]string{"validate", "coproduction.yaml"}, 0, "name: coproduction", ""},
		{[]string{"validate", filepath.Join(t.TempDir(), "nope.yaml")}, 2, "", "shipped scenario"},
		{[]string{"validate", "-h"}, 0, "usage: skillsim validate", ""},
	} {
		code, stdout, stderr := skillsim(t, test.args...)
		if code != test.code || !strings.Contains(stdout, test.stdout) || !strings.Contains(stderr, test.stderr) {
			t.Errorf("skillsim %q: exit %d\nstdout:\n%s\nstderr:\n%s", test.args, code, stdout, stderr)
		}
	}
}

func TestValidateExperiments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "tiny.yaml", tinyScenario)
	good := writeFile(t, dir, "exp.yaml", "base: tiny.yaml\nparameters:\n  - {path: behaviour.noise, values: [0.01, 0.02]}\n")
	code, stdout, stderr := skillsim(t, "validate", good)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "base_scenario:") || !strings.Contains(stdout, "method: grid") {
		t.Errorf("validate of an experiment: exit status %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	bad := writeFile(t, dir, "bad.yaml", "base: tiny.yaml\nparameters:\n  - {path: behaviour.nois, values: [0.01]}\n")
	code, stdout, stderr = skillsim(t, "validate", bad, "network-basin")
	if code != 2 || !strings.Contains(stderr, "bad.yaml:3:") || !strings.Contains(stdout, "# network-basin: ok") {
		t.Errorf("validate of a bad experiment and a shipped one: exit status %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
