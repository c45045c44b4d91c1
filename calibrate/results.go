package calibrate

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"skillsim/number"
	"skillsim/outdir"
	"skillsim/patterns"
)

// Results is a finished calibration as read back from its output
// directory (ReadResults): what docs/validation.md and skillsim report
// show of it.
type Results struct {
	// Name is the calibration's name (calibration.json, or the
	// directory's name when that file is not there).
	Name string
	// Version is the skillsim version that wrote the results.
	Version string
	// Particles is the size of the final population.
	Particles int
	// Generations summarises each generation (generations.csv).
	Generations []Generation
	// Posterior is each parameter's posterior median and 90% interval,
	// weighted by posterior.csv's weights. The prior's bounds are not in
	// the output directory: Low and High are NaN.
	Posterior []Marginal
	// Predictive is each statistic's posterior predictive against its
	// observation (predictive.csv). Of each Statistic only ID, Use,
	// Observed, Value, Low and High are known.
	Predictive []Prediction
	// Conclusions are the answers of conclusions.csv, or nil when the
	// directory holds none (skillsim calibrate -conclusions not run).
	Conclusions []Conclusion
	// ModelNote is what FileModelNote says of the model the results were
	// computed with, or "" when the directory has none.
	ModelNote string
}

// FileModelNote is a note kept beside stored results (as in
// calibrate/results/england) by whoever stores them: which model they
// were computed with, and whether the model has changed since. It is
// written by hand, not by skillsim calibrate, and is printed at the head
// of the calibration sections of docs/validation.md, so that a posterior
// of an earlier model is never read as the present model's.
const FileModelNote = "model-note.md"

// Simulations returns the number of simulations over all generations.
func (r *Results) Simulations() int {
	n := 0
	for _, g := range r.Generations {
		n += g.Simulations
	}
	return n
}

// FinalTolerance returns the last generation's tolerance (+Inf when only
// the prior sample was drawn).
func (r *Results) FinalTolerance() float64 {
	if len(r.Generations) == 0 {
		return math.Inf(1)
	}
	return r.Generations[len(r.Generations)-1].Tolerance
}

// ReadResults reads the results of the complete calibration in dir:
// generations.csv, posterior.csv and predictive.csv, each checked against
// the SHA-256 that manifest.json records for it, and conclusions.csv when
// present. The population files and figures need not be there, so a copy
// of the small result files (calibrate/results/england) reads as the whole
// directory does; when figures/ is there, its files are checked too.
func ReadResults(dir string) (*Results, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileManifest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: it holds no complete calibration (run skillsim calibrate, or -resume it)", dir, FileManifest)
	}
	if err != nil {
		return nil, err
	}
	var m outdir.Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Kind != "calibration" {
		return nil, fmt.Errorf("%s is not the manifest of a calibration", filepath.Join(dir, FileManifest))
	}
	res := &Results{Name: filepath.Base(filepath.Clean(dir)), Version: m.Version}
	if b, err := os.ReadFile(filepath.Join(dir, FileState)); err == nil {
		var st state
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, FileState), err)
		}
		if st.Name != "" {
			res.Name = st.Name
		}
	}
	for _, f := range []struct {
		name string
		read func(rows [][]string) error
	}{
		{FileGenerations, res.readGenerations},
		{FilePosterior, res.readPosterior},
		{FilePredictive, res.readPredictive},
	} {
		if _, listed := m.Files[f.name]; !listed {
			return nil, fmt.Errorf("%s does not list %s", filepath.Join(dir, FileManifest), f.name)
		}
		if err := (outdir.Sums{f.name: m.Files[f.name]}).Verify(dir); err != nil {
			return nil, err
		}
		if err := readCSV(dir, f.name, f.read); err != nil {
			return nil, err
		}
	}
	if outdir.Exists(filepath.Join(dir, DirFigures), outdir.FiguresIndex) {
		figs := outdir.Sums{}
		for name, sum := range m.Files {
			if strings.HasPrefix(name, DirFigures+"/") {
				figs[name] = sum
			}
		}
		if err := figs.Verify(dir); err != nil {
			return nil, err
		}
	}
	if outdir.Exists(dir, FileConclusions) {
		if err := readCSV(dir, FileConclusions, res.readConclusions); err != nil {
			return nil, err
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, FileModelNote)); err == nil {
		res.ModelNote = strings.TrimSpace(string(b))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return res, nil
}

// readCSV reads dir/name as CSV and gives its rows to read; an error names
// the file.
func readCSV(dir, name string, read func(rows [][]string) error) error {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(io.LimitReader(f, 64<<20)).ReadAll()
	if err == nil {
		err = read(rows)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
	}
	return nil
}

// header checks that rows begin with the header want.
func header(rows [][]string, want ...string) error {
	if len(rows) == 0 || !slices.Equal(rows[0], want) {
		return fmt.Errorf("the header is not %q", want)
	}
	return nil
}

// fields parses the cells of a row: whole numbers into *int, numbers into
// *float64 (empty: NaN, or +Inf for a tolerance), booleans into *bool,
// text into *string.
func fields(row []string, line int, into ...any) error {
	if len(row) != len(into) {
		return fmt.Errorf("line %d: %d fields, want %d", line, len(row), len(into))
	}
	for i, p := range into {
		var err error
		switch p := p.(type) {
		case *int:
			*p, err = strconv.Atoi(row[i])
		case *float64:
			*p, err = number.Parse(row[i])
		case *bool:
			*p, err = strconv.ParseBool(row[i])
		case *string:
			*p = row[i]
		}
		if err != nil {
			return fmt.Errorf("line %d, field %d: %w", line, i+1, err)
		}
	}
	return nil
}

func (r *Results) readGenerations(rows [][]string) error {
	if err := header(rows, "generation", "tolerance", "ess", "simulations", "accepted", "acceptance_rate", "undefined"); err != nil {
		return err
	}
	for k, row := range rows[1:] {
		var g Generation
		if err := fields(row, k+2, &g.Index, &g.Tolerance, &g.Alive, &g.Simulations, &g.Accepted, &g.AcceptanceRate, &g.Undefined); err != nil {
			return err
		}
		if math.IsNaN(g.Tolerance) {
			g.Tolerance = math.Inf(1)
		}
		r.Generations = append(r.Generations, g)
	}
	if len(r.Generations) == 0 {
		return errors.New("no generation")
	}
	return nil
}

// readPosterior reads particle,<parameters>,weight,distance and
// summarises each parameter by its weighted quantiles.
func (r *Results) readPosterior(rows [][]string) error {
	if len(rows) < 2 || len(rows[0]) < 4 || rows[0][0] != "particle" || !slices.Equal(rows[0][len(rows[0])-2:], []string{"weight", "distance"}) {
		return errors.New("the header is not particle,<parameters>,weight,distance, or there is no particle")
	}
	paths := rows[0][1 : len(rows[0])-2]
	theta := make([][]float64, len(paths))
	var w []float64
	for k, row := range rows[1:] {
		if len(row) != len(rows[0]) {
			return fmt.Errorf("line %d: %d fields, want %d", k+2, len(row), len(rows[0]))
		}
		for j := range paths {
			v, err := number.Parse(row[j+1])
			if err != nil || math.IsNaN(v) {
				return fmt.Errorf("line %d: %s: not a number: %q", k+2, paths[j], row[j+1])
			}
			theta[j] = append(theta[j], v)
		}
		v, err := number.Parse(row[len(row)-2])
		if err != nil || !(v >= 0) {
			return fmt.Errorf("line %d: weight: not a number ≥ 0: %q", k+2, row[len(row)-2])
		}
		w = append(w, v)
	}
	r.Particles = len(w)
	for j, p := range paths {
		m := Marginal{Path: p, Low: math.NaN(), High: math.NaN(), Sample: theta[j]}
		m.Mean, m.Median, m.Q05, m.Q95 = weightedSummary(theta[j], w)
		r.Posterior = append(r.Posterior, m)
	}
	return nil
}

// weightedSummary returns the weighted mean, median and 5% and 95%
// quantiles of x (the empirical distribution with weights w). Equal
// weights give exactly what the calibration's own summary printed.
func weightedSummary(x, w []float64) (mean, med, q05, q95 float64) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	xs, ws := make([]float64, len(x)), make([]float64, len(x))
	equal := true
	for k, i := range idx {
		xs[k], ws[k] = x[i], w[i]
		equal = equal && w[i] == w[0]
	}
	if equal {
		ws = nil
	}
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, xs, ws) }
	return stat.Mean(xs, ws), q(0.5), q(0.05), q(0.95)
}

func (r *Results) readPredictive(rows [][]string) error {
	if err := header(rows, "id", "use", "observed", "value", "tolerance_low", "tolerance_high", "n", "median", "q05", "q95", "hit90"); err != nil {
		return err
	}
	for k, row := range rows[1:] {
		var p Prediction
		s := &p.Statistic
		var use string
		if err := fields(row, k+2, &s.ID, &use, &s.Observed, &s.Value, &s.Low, &s.High, &p.N, &p.Median, &p.Q05, &p.Q95, &p.Hit); err != nil {
			return err
		}
		switch use {
		case "fit":
			s.Use = patterns.Fit
		case "predict":
			s.Use = patterns.Predict
		default:
			return fmt.Errorf("line %d: use %q is neither fit nor predict", k+2, use)
		}
		s.Name = s.ID
		r.Predictive = append(r.Predictive, p)
	}
	return nil
}

func (r *Results) readConclusions(rows [][]string) error {
	if err := header(rows, "question", "runs", "holds", "share", "share_low", "share_high"); err != nil {
		return err
	}
	r.Conclusions = []Conclusion{}
	for k, row := range rows[1:] {
		var c Conclusion
		a := &c.Answer
		if err := fields(row, k+2, &c.Question, &a.N, &a.Successes, &a.Share, &a.Low, &a.High); err != nil {
			return err
		}
		r.Conclusions = append(r.Conclusions, c)
	}
	return nil
}

// Hits counts the statistics of use u whose prediction hits, and all of
// that use.
func (r *Results) Hits(u patterns.Use) (hits, of int) {
	for _, p := range r.Predictive {
		if p.Statistic.Use == u {
			of++
			if p.Hit {
				hits++
			}
		}
	}
	return hits, of
}
