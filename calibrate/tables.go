package calibrate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"skillsim/markdown"
	"skillsim/patterns"
)

// A Table is a table of a calibration's results, for docs/validation.md
// (WriteMarkdown) and skillsim report.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// HitRule states when a statistic's posterior predictive hits its
// observation, as predictive.csv's hit90 records it.
const HitRule = "HIT when the observed value lies inside the 90% posterior predictive interval (for an observation given only as a range, such as \"grows\", when the interval overlaps the tolerance); otherwise MISS, whatever the statistic's use. A held-out (predict) statistic that misses is a failed prediction."

// g3 and g4 format a number to 3 or 4 significant digits, "n/a" when it is
// not finite.
func g3(v float64) string { return gfmt(v, 3) }
func g4(v float64) string { return gfmt(v, 4) }

func gfmt(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'g', digits, 64)
}

// Summary is a sentence stating the calibration's name, its simulations,
// generations and final tolerance.
func (r *Results) Summary() string {
	last := r.Generations[len(r.Generations)-1]
	return fmt.Sprintf("Calibration %s: %d simulations in %d generations (the prior sample included), %d particles; final tolerance %s (a distance in units of half each fit statistic's tolerance), ESS %d, acceptance rate %.2f in the last generation.",
		r.Name, r.Simulations(), len(r.Generations), r.Particles, g4(r.FinalTolerance()), last.Alive, last.AcceptanceRate)
}

// PosteriorTable gives each parameter's posterior median and 90% interval.
func (r *Results) PosteriorTable() Table {
	t := Table{Caption: fmt.Sprintf("Posterior of each calibrated parameter over the %d final particles (weighted by posterior.csv's weights)", r.Particles),
		Header: []string{"parameter", "median", "90% interval"}}
	for _, m := range r.Posterior {
		t.Rows = append(t.Rows, []string{m.Path, g4(m.Median), fmt.Sprintf("[%s, %s]", g4(m.Q05), g4(m.Q95))})
	}
	return t
}

// PredictiveTable gives each statistic, fitted or held out, with its
// observation, tolerance, posterior predictive and HIT or MISS (HitRule).
func (r *Results) PredictiveTable() Table {
	t := Table{Caption: "Each statistic, fitted or held out, with its posterior predictive against its observation. " + HitRule,
		Header: []string{"id", "use", "observed", "value", "tolerance", "predictive median [90% interval]", "interval overlaps tolerance", "result"}}
	for _, p := range r.Predictive {
		s := p.Statistic
		overlap, result := "no", "MISS"
		if p.N > 0 && p.Q95 >= s.Low && p.Q05 <= s.High {
			overlap = "yes"
		}
		if p.Hit {
			result = "HIT"
		}
		pred := fmt.Sprintf("%s [%s, %s]", g3(p.Median), g3(p.Q05), g3(p.Q95))
		if p.N == 0 {
			pred = "n/a (undefined in every simulation)"
		}
		t.Rows = append(t.Rows, []string{s.ID, s.Use.String(), s.Observed, g3(s.Value), fmt.Sprintf("[%s, %s]", g3(s.Low), g3(s.High)), pred, overlap, result})
	}
	return t
}

// MissLine is a sentence counting the hits of fitted and held-out
// statistics and naming every miss.
func (r *Results) MissLine() string {
	fh, fn := r.Hits(patterns.Fit)
	ph, pn := r.Hits(patterns.Predict)
	var miss []string
	for _, p := range r.Predictive {
		if !p.Hit {
			miss = append(miss, fmt.Sprintf("%s (%s)", p.Statistic.ID, p.Statistic.Use))
		}
	}
	line := fmt.Sprintf("Fitted: %d of %d hit. Held out: %d of %d predictions hit.", fh, fn, ph, pn)
	if len(miss) > 0 {
		line += " Misses: " + strings.Join(miss, ", ") + "."
	}
	return line
}

// ConclusionsTable gives the answers across the posterior, each the share
// of runs with its 95% interval; ok is false when there are none.
func (r *Results) ConclusionsTable() (t Table, ok bool) {
	if r.Conclusions == nil {
		return Table{}, false
	}
	t = Table{Caption: "Conclusions across the posterior: the share of runs (particles × replications, common random numbers) for which each holds, with its 95% Wilson interval",
		Header: []string{"question", "runs", "holds", "share [95% interval]"}}
	for _, c := range r.Conclusions {
		a := c.Answer
		t.Rows = append(t.Rows, []string{c.Question, strconv.Itoa(a.N), strconv.Itoa(a.Successes), fmt.Sprintf("%.2f [%.2f, %.2f]", a.Share, a.Low, a.High)})
	}
	return t, true
}

// ConclusionsCommand is the command that answers the questions across the
// posterior of the calibration named name in dir.
func ConclusionsCommand(name, dir string) string {
	return fmt.Sprintf("skillsim calibrate -conclusions -out %s %s", dir, name)
}

// WriteMarkdown writes the sections of docs/validation.md generated from
// the calibration read from shown (the directory as the document names
// it): "Calibration" (the run and each parameter's posterior), "Fitted vs
// predicted" and "Conclusions across the posterior".
func (r *Results) WriteMarkdown(w io.Writer, shown string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Calibration\n\n")
	if r.ModelNote != "" {
		fmt.Fprintf(&b, "> **Which model.** %s\n\n", strings.ReplaceAll(r.ModelNote, "\n", "\n> "))
	}
	fmt.Fprintf(&b, "Generated from the calibration results in `%s` (docs/calibration.md says how to read them). %s\n\n", shown, r.Summary())
	mdTable(&b, r.PosteriorTable())
	fmt.Fprintf(&b, "## Fitted vs predicted\n\n**%s**\n\n", r.MissLine())
	mdTable(&b, r.PredictiveTable())
	fmt.Fprintf(&b, "## Conclusions across the posterior\n\n")
	if t, ok := r.ConclusionsTable(); ok {
		mdTable(&b, t)
	} else {
		fmt.Fprintf(&b, "`%s` holds no %s: the questions have not been answered across this posterior. Answer them with `%s` and copy %s here.\n", shown, FileConclusions, ConclusionsCommand(r.Name, "DIR"), FileConclusions)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMissingMarkdown writes, in place of WriteMarkdown's sections, what
// docs/validation.md says when shown holds no calibration: how to make
// one.
func WriteMissingMarkdown(w io.Writer, shown, name string) error {
	_, err := fmt.Fprintf(w, "## Calibration\n\nNo calibration results are stored in `%s`, so this document has no posterior, no fitted-vs-predicted table and no conclusions across the posterior yet. To add them, run the calibration and its conclusions (docs/calibration.md):\n\n```sh\ngo run ./cmd/skillsim calibrate -out out/%s %s\ngo run ./cmd/skillsim calibrate -conclusions -out out/%s %s\n```\n\ncopy its %s, %s, %s, %s, %s and %s into `%s` and regenerate this file with `go run ./cmd/skillsim patterns -calibration %s -o docs/validation.md`.\n",
		shown, name, name, name, name, FileState, FileManifest, FilePosterior, FileGenerations, FilePredictive, FileConclusions, shown, shown)
	return err
}

// WriteValidation writes the calibration sections of docs/validation.md
// from the calibration results in dir, which the document names shown
// (WriteMarkdown), or, when dir does not exist, how to make them
// (WriteMissingMarkdown; missing is then true). A directory that exists
// but holds no readable results is an error.
func WriteValidation(w io.Writer, dir, shown string) (missing bool, err error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return true, WriteMissingMarkdown(w, shown, filepath.Base(filepath.Clean(shown)))
	}
	r, err := ReadResults(dir)
	if err != nil {
		return false, err
	}
	return false, r.WriteMarkdown(w, shown)
}

// mdTable writes t as a Markdown table, its caption above it.
func mdTable(b *strings.Builder, t Table) {
	fmt.Fprintf(b, "%s.\n\n", strings.TrimSuffix(t.Caption, "."))
	markdown.Table(b, t.Header, t.Rows, func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") })
}
