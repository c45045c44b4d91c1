package calibrate

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillsim/patterns"
)

// fixture is the small result files of the recovery example.
const fixture = "testdata/recovery-results"

// copyFixture copies the fixture into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadResults(t *testing.T) {
	t.Parallel()
	r, err := ReadResults(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "recovery" || r.Particles != 40 || len(r.Generations) != 6 || r.Simulations() != 170 || r.FinalTolerance() != 3.1558964 {
		t.Errorf("read %s: %d particles, %d generations, %d simulations, final tolerance %v", r.Name, r.Particles, len(r.Generations), r.Simulations(), r.FinalTolerance())
	}
	if !math.IsInf(r.Generations[0].Tolerance, 1) {
		t.Errorf("the prior sample's tolerance is %v, want +Inf", r.Generations[0].Tolerance)
	}
	// The calibration's own summary printed these (equal weights).
	for j, want := range []struct{ med, q05, q95 string }{
		{"0.1708", "0.1468", "0.188"}, {"0.1845", "0.1468", "0.2404"}, {"12.39", "11.48", "14.26"},
	} {
		m := r.Posterior[j]
		if g4(m.Median) != want.med || g4(m.Q05) != want.q05 || g4(m.Q95) != want.q95 {
			t.Errorf("%s: %s [%s, %s], want %s [%s, %s]", m.Path, g4(m.Median), g4(m.Q05), g4(m.Q95), want.med, want.q05, want.q95)
		}
	}
	if fh, fn := r.Hits(patterns.Fit); fh != 2 || fn != 3 {
		t.Errorf("fit hits %d of %d, want 2 of 3", fh, fn)
	}
	if ph, pn := r.Hits(patterns.Predict); ph != 2 || pn != 2 {
		t.Errorf("predict hits %d of %d, want 2 of 2", ph, pn)
	}
	if len(r.Conclusions) != 3 || r.Conclusions[1].Answer.Successes != 5 {
		t.Errorf("conclusions: %+v", r.Conclusions)
	}
	var b, again bytes.Buffer
	if err := r.WriteMarkdown(&b, "shown/dir"); err != nil {
		t.Fatal(err)
	}
	r2, _ := ReadResults(fixture)
	r2.WriteMarkdown(&again, "shown/dir")
	md := b.String()
	for _, want := range []string{
		"## Calibration\n", "`shown/dir`", "170 simulations in 6 generations", "final tolerance 3.156",
		"| sectors.rest.quit_rate | 0.1708 | [0.1468, 0.188] |",
		"## Fitted vs predicted\n", "| turnover | fit |  | 0.334 | [0.305, 0.362] | 0.277 [0.247, 0.297] | no | MISS |",
		"| starts | predict |", "**Fitted: 2 of 3 hit. Held out: 2 of 2 predictions hit. Misses: turnover (fit).**",
		"## Conclusions across the posterior\n", "| bistable: the low start holds low-skills and the high start holds co-production | 8 | 5 | 0.62 [0.31, 0.86] |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	if md != again.String() {
		t.Error("the Markdown differs between two readings")
	}
}

func TestReadResultsWithoutConclusions(t *testing.T) {
	t.Parallel()
	dir := copyFixture(t)
	os.Remove(filepath.Join(dir, FileConclusions))
	r, err := ReadResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.WriteMarkdown(&b, "x")
	if r.Conclusions != nil || !strings.Contains(b.String(), "holds no conclusions.csv") || !strings.Contains(b.String(), "skillsim calibrate -conclusions") {
		t.Errorf("without conclusions.csv:\n%s", b.String())
	}
}

func TestModelNote(t *testing.T) {
	t.Parallel()
	// A note on the model kept beside the results heads the calibration
	// sections; without it there is no such line.
	dir := copyFixture(t)
	r, err := ReadResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.WriteMarkdown(&b, "x")
	if r.ModelNote != "" || strings.Contains(b.String(), "Which model") {
		t.Errorf("without %s: note %q, sections:\n%s", FileModelNote, r.ModelNote, b.String())
	}
	note := "Computed with the model of main 85d8673.\nThe model has changed since."
	if err := os.WriteFile(filepath.Join(dir, FileModelNote), []byte(note+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err = ReadResults(dir); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	r.WriteMarkdown(&b, "x")
	want := "## Calibration\n\n> **Which model.** Computed with the model of main 85d8673.\n> The model has changed since.\n\nGenerated from"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("with a note, the sections begin\n%q\nwant\n%q", b.String()[:min(len(b.String()), len(want)+20)], want)
	}
}

func TestReadResultsRefuses(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name   string
		damage func(dir string)
		want   string
	}{
		{"no manifest", func(d string) { os.Remove(filepath.Join(d, FileManifest)) }, "no manifest.json"},
		{"changed posterior", func(d string) {
			os.WriteFile(filepath.Join(d, FilePosterior), []byte("particle,a,weight,distance\n0,1,1,0\n"), 0o644)
		}, "does not match the SHA-256"},
		{"missing predictive", func(d string) { os.Remove(filepath.Join(d, FilePredictive)) }, "missing"},
		{"bad conclusions", func(d string) { os.WriteFile(filepath.Join(d, FileConclusions), []byte("q,runs\n"), 0o644) }, "header"},
		{"a sweep's manifest", func(d string) {
			os.WriteFile(filepath.Join(d, FileManifest), []byte(`{"kind":"run","files":{}}`), 0o644)
		}, "not the manifest of a calibration"},
	} {
		dir := copyFixture(t)
		test.damage(dir)
		if _, err := ReadResults(dir); err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: error %v, want one saying %q", test.name, err, test.want)
		}
	}
}

func TestWeightedSummary(t *testing.T) {
	t.Parallel()
	x := []float64{5, 1, 4, 2, 3, 100}
	// Weight 0 leaves 100 out; equal weights on the rest give the plain
	// quantiles of 1..5.
	mean, med, q05, q95 := weightedSummary(x, []float64{1, 1, 1, 1, 1, 0})
	if mean != 3 || med != 3 || q05 != 1 || q95 != 5 {
		t.Errorf("got mean %v, median %v, [%v, %v]; want 3, 3, [1, 5]", mean, med, q05, q95)
	}
	// A heavy weight on 4 pulls the median to it.
	if _, med, _, _ := weightedSummary(x, []float64{1, 1, 10, 1, 1, 1}); med != 4 {
		t.Errorf("weighted median %v, want 4", med)
	}
}

// TestValidationDocument checks that the calibration sections of
// docs/validation.md (from "## Calibration" on) are what skillsim
// patterns -calibration calibrate/results/england writes now, without the
// baseline run patterns TestPatterns needs to check the whole file. With
// -update it rewrites those sections, leaving the rest of the file as it
// is.
func TestValidationDocument(t *testing.T) {
	t.Parallel()
	const doc = "../docs/validation.md"
	const shown = patterns.EnglandResults
	have, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := WriteValidation(&b, "../"+shown, shown); err != nil {
		t.Fatal(err)
	}
	head, tail, found := bytes.Cut(have, []byte("\n## Calibration\n"))
	if *update {
		if err := os.WriteFile(doc, append(append(head, '\n'), b.Bytes()...), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !found || !bytes.Equal(append([]byte("## Calibration\n"), tail...), b.Bytes()) {
		t.Errorf("the calibration sections of docs/validation.md are out of date: run %s (or go test ./calibrate -run TestValidationDocument -update)", patterns.ValidationCommand)
	}
}
