package report

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"skillsim/calibrate"
	"skillsim/outdir"
)

// calibrationDir copies the recovery calibration's small result files
// into a directory and, with figures, draws its figures there as skillsim
// calibrate does and lists them in the manifest.
func calibrationDir(t *testing.T, figures bool) string {
	t.Helper()
	const fixture = "../calibrate/testdata/recovery-results"
	dir := filepath.Join(t.TempDir(), "cal")
	os.Mkdir(dir, 0o755)
	ents, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(fixture, e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	if !figures {
		return dir
	}
	res, err := calibrate.ReadResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := &calibrate.Outcome{Posterior: res.Posterior, Predictive: res.Predictive}
	for j := range out.Posterior {
		m := &out.Posterior[j]
		m.Low, m.High = slices.Min(m.Sample), slices.Max(m.Sample)
	}
	figs, err := calibrate.Figures(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := outdir.WriteFigures(filepath.Join(dir, calibrate.DirFigures), figs); err != nil {
		t.Fatal(err)
	}
	var m outdir.Manifest
	b, _ := os.ReadFile(filepath.Join(dir, outdir.ManifestName))
	json.Unmarshal(b, &m)
	sums, err := outdir.SumDir(filepath.Join(dir, calibrate.DirFigures), "")
	if err != nil {
		t.Fatal(err)
	}
	for name, sum := range sums {
		m.Files[calibrate.DirFigures+"/"+name] = sum
	}
	b, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(dir, outdir.ManifestName), b, 0o644)
	return dir
}

// TestReportOfACalibration reports a calibration's results: the
// posterior, fitted vs predicted with its miss, the conclusions and the
// figures, embedded in HTML and written beside Markdown.
func TestReportOfACalibration(t *testing.T) {
	t.Parallel()
	cal := calibrationDir(t, true)
	dir := t.TempDir()
	for _, name := range []string{"r.html", "r.md"} {
		out := filepath.Join(dir, name)
		n, err := Write(out, []string{cal}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%s: %d figures, want 3 (marginals, pairs, predictive)", name, n)
		}
		b, _ := os.ReadFile(out)
		text := strings.ReplaceAll(string(b), `\`, "") // Markdown's escapes
		for _, want := range []string{"Calibration recovery", "170 simulations in 6 generations", "sectors.rest.quit_rate", "0.1708",
			"Misses: turnover (fit)", "MISS", "HIT", "bistable: the low start holds low-skills", "0.62 [0.31, 0.86]"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if name == "r.html" && strings.Count(string(b), "data:image/png;base64,") != 3 {
			t.Errorf("the HTML report does not embed the 3 figures")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r-figures", "s1-predictive.png")); err != nil {
		t.Errorf("the Markdown report's figure: %v", err)
	}

	// The small files alone, without conclusions: a note says how to make
	// them and that there are no figures.
	small := calibrationDir(t, false)
	os.Remove(filepath.Join(small, calibrate.FileConclusions))
	out := filepath.Join(dir, "small.md")
	if _, err := Write(out, []string{small}, Options{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "skillsim calibrate -conclusions") || !strings.Contains(string(b), "holds no figures") {
		t.Errorf("the report of the small files lacks its notes:\n%s", b)
	}

	// A changed figure is refused.
	os.WriteFile(filepath.Join(cal, calibrate.DirFigures, "pairs.png"), []byte("x"), 0o644)
	var de *DirError
	if _, err := Write(filepath.Join(dir, "bad.html"), []string{cal}, Options{}); !errors.As(err, &de) || !strings.Contains(err.Error(), "pairs.png") {
		t.Errorf("a changed figure: %v, want a DirError naming it", err)
	}
}
