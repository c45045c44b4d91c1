package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"skillsim/outdir"
	"skillsim/sim"
)

// fixedReportTime makes the report's date 2001-02-03 until the test ends.
func fixedReportTime(t *testing.T) {
	t.Helper()
	testEnv(t).Now = func() time.Time { return time.Date(2001, 2, 3, 4, 5, 0, 0, time.UTC) }
}

// mustRun runs skillsim with args and fails unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := skillsim(t, args...)
	if code != 0 {
		t.Fatalf("skillsim %q: exit status %d; stderr:\n%s", args, code, stderr)
	}
	return stdout
}

// checkFigures checks that dir/figures.json lists figures whose PNG
// decodes and whose SVG exists, and returns their names.
func checkFigures(t *testing.T, dir string) []string {
	t.Helper()
	figs, err := outdir.ReadFigures(dir)
	if err != nil || figs == nil {
		t.Fatalf("%s: %v", outdir.FiguresIndex, err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
		if f.Caption == "" {
			t.Errorf("%s: figure %s has no caption", dir, f.Name)
		}
		if _, err := png.Decode(bytes.NewReader(f.PNGData)); err != nil {
			t.Errorf("%s: %s does not decode: %v", dir, f.PNG, err)
		}
		svg, err := os.ReadFile(filepath.Join(dir, f.SVG))
		if err != nil || !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("%s: %s is not an SVG (%v)", dir, f.SVG, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if want := 2*len(figs) + 1; len(entries) != want {
		t.Errorf("%s holds %d files, want %d (a PNG and an SVG per figure, and %s)", dir, len(entries), want, outdir.FiguresIndex)
	}
	return names
}

func TestRunWritesFigures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	out := filepath.Join(dir, "run")
	mustRun(t, "run", "-out", out, scenario)
	names := checkFigures(t, filepath.Join(out, outdir.FiguresDir))
	for _, want := range []string{"timeseries", "hourglass", "sectors", "network", "timeseries-coproduction-share"} {
		if !slices.Contains(names, want) {
			t.Errorf("run wrote figures %q, without %s", names, want)
		}
	}
	none := filepath.Join(dir, "none")
	mustRun(t, "run", "-plots=false", "-out", none, scenario)
	if _, err := os.Stat(filepath.Join(none, outdir.FiguresDir)); err == nil {
		t.Errorf("run -plots=false wrote %s", filepath.Join(none, outdir.FiguresDir))
	}
}

func TestCompareWritesFigures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", tinyScenario)
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", "initial:\n  high_spec_share: 0.6\n"))
	out := filepath.Join(dir, "cmp")
	mustRun(t, "compare", "-out", out, a, b)
	names := checkFigures(t, filepath.Join(out, outdir.FiguresDir))
	for _, want := range []string{"differences", "regimes", "compare-high-skill-strategy-share"} {
		if !slices.Contains(names, want) {
			t.Errorf("compare wrote figures %q, without %s", names, want)
		}
	}
	none := filepath.Join(dir, "none")
	mustRun(t, "compare", "-plots=false", "-out", none, a, b)
	if _, err := os.Stat(filepath.Join(none, outdir.FiguresDir)); err == nil {
		t.Errorf("compare -plots=false wrote %s", filepath.Join(none, outdir.FiguresDir))
	}
}

// experimentDir sweeps the 2×2 grid experiment, which analyze draws a
// basin and PRIM figures for, and returns its directory.
func experimentDir(t *testing.T) string {
	t.Helper()
	dir, file := sweepSetup(t, "")
	out := filepath.Join(dir, "exp")
	mustSweep(t, "sweep", "-out", out, file)
	return out
}

func TestAnalyzeWritesFigures(t *testing.T) {
	t.Parallel()
	out := experimentDir(t)
	figs := filepath.Join(out, "analysis", outdir.FiguresDir)
	names := checkFigures(t, figs)
	if !slices.Equal(names, []string{"basin", "prim-tradeoff", "prim-box"}) {
		t.Errorf("analyze drew %q, want basin, prim-tradeoff, prim-box", names)
	}
	// Analysed again without figures, the old ones go: the analysis is
	// replaced whole.
	mustRun(t, "analyze", "-plots=false", out)
	if _, err := os.Stat(figs); err == nil {
		t.Errorf("analyze -plots=false left the old %s", figs)
	}
}

// tagRE matches the start of a tag and its name.
var tagRE = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)`)

// voidElements have no end tag.
var voidElements = []string{"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

// checkHTML walks the tags of doc and fails unless every element is
// closed in order, every attribute value is quoted and closed, and no
// element's text holds a stray '<'. It returns the start tags with their
// attributes, in order.
func checkHTML(t *testing.T, doc string) (tags []map[string]string) {
	t.Helper()
	var stack []string
	i := 0
	for {
		j := strings.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if strings.HasPrefix(doc[i:], "<!DOCTYPE") {
			i += strings.IndexByte(doc[i:], '>') + 1
			continue
		}
		m := tagRE.FindStringSubmatch(doc[i:])
		if m == nil {
			t.Fatalf("offset %d: '<' that opens no tag: %q", i, doc[i:min(i+40, len(doc))])
		}
		end, name := m[1] == "/", strings.ToLower(m[2])
		// Read the attributes up to '>', honouring quotes.
		k := i + len(m[0])
		attrs := map[string]string{}
		for {
			for k < len(doc) && (doc[k] == ' ' || doc[k] == '\n') {
				k++
			}
			if k >= len(doc) {
				t.Fatalf("tag <%s> at offset %d is not closed", name, i)
			}
			if doc[k] == '>' {
				k++
				break
			}
			a := k
			for k < len(doc) && doc[k] != '=' && doc[k] != ' ' && doc[k] != '>' {
				k++
			}
			key := doc[a:k]
			val := ""
			if k < len(doc) && doc[k] == '=' {
				if k+1 >= len(doc) || doc[k+1] != '"' {
					t.Fatalf("<%s %s=...> at offset %d: unquoted value", name, key, i)
				}
				close := strings.IndexByte(doc[k+2:], '"')
				if close < 0 {
					t.Fatalf("<%s %s=...> at offset %d: value not closed", name, key, i)
				}
				val = html.UnescapeString(doc[k+2 : k+2+close])
				k += 2 + close + 1
			}
			attrs[key] = val
		}
		i = k
		switch {
		case end:
			if len(stack) == 0 || stack[len(stack)-1] != name {
				t.Fatalf("offset %d: </%s> closes %v", i, name, stack)
			}
			stack = stack[:len(stack)-1]
		case slices.Contains(voidElements, name):
			attrs[""] = name
			tags = append(tags, attrs)
		default:
			attrs[""] = name
			tags = append(tags, attrs)
			stack = append(stack, name)
			if name == "style" || name == "pre" {
				// Their text may hold no '<' but their end tag's.
				close := strings.Index(doc[i:], "</"+name+">")
				if close < 0 || strings.Contains(doc[i:i+close], "<") {
					t.Fatalf("<%s> at offset %d holds '<' or is not closed", name, i)
				}
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("elements left open: %v", stack)
	}
	return tags
}

// reportDirs makes a run (of a scenario named baseline, for the
// validation table), a run without figures, a comparison and an experiment.
func reportDirs(t *testing.T) (run, bare, cmp, exp string) {
	t.Helper()
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	base := writeFile(t, dir, "baseline.yaml", renamed("baseline", ""))
	b := writeFile(t, dir, "b.yaml", renamed("tiny_b", "initial:\n  high_spec_share: 0.6\n"))
	run, bare, cmp = filepath.Join(dir, "run"), filepath.Join(dir, "bare"), filepath.Join(dir, "cmp")
	mustRun(t, "run", "-out", run, base)
	mustRun(t, "run", "-plots=false", "-out", bare, scenario)
	mustRun(t, "compare", "-out", cmp, scenario, b)
	return run, bare, cmp, experimentDir(t)
}

func TestReport(t *testing.T) {
	t.Parallel()
	fixedReportTime(t)
	run, bare, cmp, exp := reportDirs(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	stdout := mustRun(t, "report", "-o", out, run, bare, cmp, exp)
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout does not name %s: %s", out, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	tags := checkHTML(t, doc)

	// Every figure a directory names is embedded, as a PNG data: URI, and
	// nothing is fetched from elsewhere.
	var want []string
	for i, d := range []string{filepath.Join(run, outdir.FiguresDir), filepath.Join(cmp, outdir.FiguresDir), filepath.Join(exp, "analysis", outdir.FiguresDir)} {
		sec := []int{1, 3, 4}[i]
		for _, name := range checkFigures(t, d) {
			want = append(want, fmt.Sprintf("s%d-%s", sec, name))
		}
	}
	// The run without figures has them drawn from its CSV files (no
	// network: that needs the run itself).
	for _, name := range []string{"timeseries", "hourglass", "sectors"} {
		want = append(want, "s2-"+name)
	}
	var figures, images []string
	for _, tag := range tags {
		for _, attr := range []string{"src", "href"} {
			if v := tag[attr]; strings.Contains(v, "//") && !strings.HasPrefix(v, "data:") {
				t.Errorf("<%s %s=%q>: an external asset", tag[""], attr, v)
			}
		}
		switch tag[""] {
		case "figure":
			figures = append(figures, tag["id"])
		case "img":
			src, ok := strings.CutPrefix(tag["src"], "data:image/png;base64,")
			if !ok {
				t.Errorf("<img> without a PNG data: URI: %.60q", tag["src"])
				continue
			}
			b, err := base64.StdEncoding.DecodeString(src)
			if err != nil {
				t.Errorf("<img>: bad base64: %v", err)
				continue
			}
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("<img>: not a PNG: %v", err)
			}
			images = append(images, src)
		case "link", "script", "iframe":
			t.Errorf("<%s> in a self-contained report", tag[""])
		}
	}
	for _, w := range want {
		if !slices.Contains(figures, w) {
			t.Errorf("figure %s is not in the report", w)
		}
	}
	if len(images) != len(figures) {
		t.Errorf("%d images for %d figures", len(images), len(figures))
	}
	for _, w := range []string{
		"Generated 2001-02-03 04:05 UTC by skillsim " + sim.Version,
		"Scenario baseline", "Comparison of tiny, tiny_b", "Experiment tiny-exp",
		"Does an East London-like region", // the question of the resolved scenario
		"Regime at the end", "mean [95% interval]", "Difference from tiny",
		"Validation against the patterns observed in England and London",
		"Provenance", "master seed", "scenario.resolved.yaml", "experiment.resolved.yaml",
		"were drawn from timeseries.csv", "PRIM box",
	} {
		if !strings.Contains(doc, w) && !strings.Contains(doc, strings.ReplaceAll(w, "'", "&#39;")) {
			t.Errorf("the report lacks %q", w)
		}
	}
	// Only the run of the scenario named baseline is validated.
	if n := strings.Count(doc, "<h3>Validation</h3>"); n != 1 {
		t.Errorf("%d validation tables, want 1", n)
	}
	mustRun(t, "report", "-validation=false", "-o", out, run)
	data, _ = os.ReadFile(out)
	if bytes.Contains(data, []byte("<h3>Validation</h3>")) {
		t.Error("-validation=false: the report has a validation table")
	}
}

func TestReportMarkdown(t *testing.T) {
	t.Parallel()
	fixedReportTime(t)
	dir := t.TempDir()
	scenario := writeFile(t, dir, "tiny.yaml", tinyScenario)
	run := filepath.Join(dir, "run")
	mustRun(t, "run", "-out", run, scenario)
	out := filepath.Join(dir, "doc", "results.md")
	os.Mkdir(filepath.Dir(out), 0o755)
	mustRun(t, "report", "-o", out, run)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	links := regexp.MustCompile(`!\[[^\]]*\]\(([^)]+)\)`).FindAllStringSubmatch(doc, -1)
	names := checkFigures(t, filepath.Join(run, outdir.FiguresDir))
	if len(links) != len(names) {
		t.Errorf("%d figure links for %d figures", len(links), len(names))
	}
	for _, l := range links {
		if !strings.HasPrefix(l[1], "results-figures/") {
			t.Errorf("figure link %s is not into results-figures/", l[1])
		}
		b, err := os.ReadFile(filepath.Join(filepath.Dir(out), l[1]))
		if err != nil {
			t.Errorf("figure link %s: %v", l[1], err)
			continue
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%s: %v", l[1], err)
		}
	}
	for _, w := range []string{"# skillsim report", "Generated 2001-02-03", "## Scenario tiny", "| indicator |", "```yaml", "### Provenance"} {
		if !strings.Contains(doc, w) {
			t.Errorf("the Markdown report lacks %q", w)
		}
	}
}

func TestReportBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"report"},
		{"report", dir},
		{"report", filepath.Join(dir, "nonesuch")},
		{"report", "-o", filepath.Join(dir, "no", "such", "report.html"), dir},
	} {
		if code, _, _ := skillsim(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Error("a failed report wrote report.html")
	}
}

// TestRunAgainReplacesTheRun: a run redone into the same directory with
// -plots=false leaves none of the earlier run's figures, and the report
// shows the new run's seed with figures drawn from its data.
func TestRunAgainReplacesTheRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scen := writeFile(t, dir, "tiny.yaml", tinyScenario)
	out := filepath.Join(dir, "out")
	mustRun(t, "run", "-seed", "1", "-out", out, scen)
	if _, err := os.Stat(filepath.Join(out, outdir.FiguresDir)); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "run", "-seed", "9", "-plots=false", "-out", out, scen)
	if _, err := os.Stat(filepath.Join(out, outdir.FiguresDir)); err == nil {
		t.Error("the first run's figures are left beside the second run's data")
	}
	md := filepath.Join(dir, "r.md")
	mustRun(t, "report", "-o", md, out)
	b, _ := os.ReadFile(md)
	if !strings.Contains(string(b), "master seed 9") || !strings.Contains(string(b), "drawn from timeseries.csv") {
		t.Errorf("report:\n%s", b)
	}
	if l, _ := outdir.Leftovers(out); len(l) > 0 || outdir.Exists(out, outdir.LockName) {
		t.Errorf("left over: %v", l)
	}
}
