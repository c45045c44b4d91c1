package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRunCompareShowProgress: run and compare show their progress on
// stderr, as whole lines when it is not a terminal (a Slurm log), the
// last at 100%; -q silences it; and it changes no file.
func TestRunCompareShowProgress(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", ""))
	line := regexp.MustCompile(`(?m)^skillsim: (run|compare): \d+/\d+ steps \(100%\)`)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"run", []string{"run", "-plots=false", a}},
		{"compare", []string{"compare", "-plots=false", a, b}},
	} {
		loud, quiet := filepath.Join(dir, c.name+"-loud"), filepath.Join(dir, c.name+"-quiet")
		code, _, stderr := skillsim(t, append([]string{c.args[0], "-out", loud}, c.args[1:]...)...)
		if code != 0 || !line.MatchString(stderr) || strings.Contains(stderr, "\r") {
			t.Errorf("%s: exit status %d; stderr %q", c.name, code, stderr)
		}
		code, _, stderr = skillsim(t, append([]string{c.args[0], "-q", "-out", quiet}, c.args[1:]...)...)
		if code != 0 || stderr != "" {
			t.Errorf("%s -q: exit status %d; stderr %q", c.name, code, stderr)
		}
		sameFiles(t, loud, quiet)
	}
}

// TestPackageCommentNamesEveryCommand: the package comment, the manual
// of go doc, lists every command of the command table.
func TestPackageCommentNamesEveryCommand(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src[:strings.Index(string(src), "package main")])
	for _, c := range commands {
		if !regexp.MustCompile(`(?m)^//\t` + c.Name + `\s`).MatchString(doc) {
			t.Errorf("the package comment does not list %s", c.Name)
		}
	}
}
