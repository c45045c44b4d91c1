package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"skillsim/analysis"
	"skillsim/experiment"
	"skillsim/model"
	"skillsim/outdir"
	"skillsim/plots"
	"skillsim/scenarios"
)

// AnalyzeOptions controls an analysis.
type AnalyzeOptions struct {
	// Boot is the number of bootstrap resamples for intervals; 0 means
	// 1000.
	Boot int
	// Plots draws the figures into analysis/figures.
	Plots bool

	step stepHook // tests only: called between writes
}

// An Analysis says what Analyze wrote.
type Analysis struct {
	// Name and Method are the experiment's.
	Name, Method string
	// Runs and Failed count the runs and the failed runs of runs.csv.
	Runs, Failed int
	// Dir is the analysis directory; Files and Figures count the files
	// and figures written there.
	Dir            string
	Files, Figures int
}

// Analyze analyses the complete sweep in dir and writes dir/analysis/:
// the analyses its method supports, each as CSV and JSON (sobol, morris,
// basin, tipping, hysteresis and loop, prim), with the figures of them in
// analysis/figures when opt.Plots, and manifest.json listing the files'
// SHA-256. Before reading anything it checks that the sweep is complete
// and that its files match its manifest; a directory that does not is a
// *DirError. It locks dir while it works. The new analysis replaces the
// old one whole: it is written into a staging directory and renamed into
// place, so a reader never sees a mix of two.
//
// Sensitivity indices use each design point's mean over its replications.
// Failed runs are left out and counted. The bootstrap draws from a stream
// derived from the experiment's master seed, so the analysis is
// reproducible.
func Analyze(ctx context.Context, dir string, opt AnalyzeOptions) (*Analysis, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, &DirError{err}
	}
	lock, err := outdir.Acquire(dir, "skillsim analyze")
	if err != nil {
		return nil, &DirError{err}
	}
	defer lock.Release()
	if err := outdir.Clean(dir, FileManifest, noSets); err != nil {
		return nil, err
	}
	opt.step.at("locked")
	return analyzeLocked(ctx, dir, nil, opt)
}

// analyzeLocked analyses the sweep in dir, which the caller has locked. m
// is its manifest, or nil to read and verify it.
func analyzeLocked(ctx context.Context, dir string, m *Manifest, opt AnalyzeOptions) (*Analysis, error) {
	if m == nil {
		var err error
		if m, err = Verify(dir); err != nil {
			return nil, err
		}
	}
	if opt.Boot == 0 {
		opt.Boot = 1000
	}
	resolved := filepath.Join(dir, FileExperiment)
	data, err := scenarios.ReadFile(resolved)
	if err != nil {
		return nil, &DirError{err}
	}
	exp, err := experiment.Parse(resolved, data, func(base string) (*model.Config, error) {
		return nil, fmt.Errorf("the resolved experiment should hold its base scenario inline")
	})
	if err != nil {
		return nil, &DirError{err}
	}
	f, err := os.Open(filepath.Join(dir, FileRuns))
	if err != nil {
		return nil, &DirError{err}
	}
	runs, err := experiment.ReadRuns(f)
	f.Close()
	if err != nil {
		return nil, dirErrorf("%s: %v", filepath.Join(dir, FileRuns), err)
	}
	if len(runs.Rows) != m.Runs {
		return nil, dirErrorf("%s holds %d runs, but %s says %d", filepath.Join(dir, FileRuns), len(runs.Rows), FileManifest, m.Runs)
	}
	files, results, err := analyze(exp, runs, opt.Boot)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stage, err := outdir.NewStage(dir)
	if err != nil {
		return nil, err
	}
	defer stage.Abort()
	opt.step.at("analysis staging begun")
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := outdir.WriteBytes(stage.Path(), name, files[name]); err != nil {
			return nil, err
		}
	}
	opt.step.at("analysis files staged")
	a := &Analysis{Name: exp.Name, Method: exp.Method, Runs: len(runs.Rows), Failed: runs.Failed(),
		Dir: filepath.Join(dir, DirAnalysis), Files: len(names)}
	if opt.Plots {
		figs, err := plots.AnalysisFigures(results)
		if err == nil {
			err = outdir.WriteFigures(filepath.Join(stage.Path(), outdir.FiguresDir), figs)
		}
		if err != nil {
			return nil, fmt.Errorf("figures: %w", err)
		}
		a.Figures = len(figs)
		opt.step.at("analysis figures staged")
	}
	sums, err := outdir.SumDir(stage.Path(), FileManifest)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(struct {
		Files outdir.Sums `json:"files"`
	}{sums}, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := outdir.WriteBytes(stage.Path(), FileManifest, append(b, '\n')); err != nil {
		return nil, err
	}
	opt.step.at("analysis manifest staged")
	if err := outdir.Replace(stage, DirAnalysis); err != nil {
		return nil, err
	}
	opt.step.at("analysis in place")
	return a, nil
}

// VerifyAnalysis checks the files of dir/analysis against its manifest.
// It reports false, and no error, when there is no analysis.
func VerifyAnalysis(dir string) (bool, error) {
	an := filepath.Join(dir, DirAnalysis)
	b, err := os.ReadFile(filepath.Join(an, FileManifest))
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(an); err == nil {
			return false, dirErrorf("%s has no %s: it was written by an older skillsim; run skillsim analyze %s again", an, FileManifest, dir)
		}
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var m struct {
		Files outdir.Sums `json:"files"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return false, dirErrorf("%s: %v", filepath.Join(an, FileManifest), err)
	}
	if err := m.Files.Verify(an); err != nil {
		return false, &DirError{err}
	}
	return true, nil
}

// analyze computes the analyses an experiment's method supports and
// returns the files to write, by name, and the results for figures.
func analyze(exp *experiment.Experiment, runs *experiment.Runs, boot int) (map[string][]byte, *plots.Analyses, error) {
	a := &analyses{
		exp: exp, runs: runs, valid: runs.Valid(), boot: boot,
		rng:   rand.New(rand.NewPCG(exp.Seed, 1<<62)),
		files: map[string][]byte{}, results: &plots.Analyses{},
	}
	for _, o := range exp.Outputs {
		if runs.MetricIndex(o) < 0 {
			return nil, nil, fmt.Errorf("runs.csv has no column %s", o)
		}
	}
	var err error
	switch exp.Method {
	case experiment.Sobol:
		err = a.sobol()
	case experiment.Morris:
		err = a.morris()
	case experiment.Hysteresis:
		err = a.hysteresis()
	case experiment.Grid:
		err = a.grid()
	}
	if err == nil && (exp.Method == experiment.Grid || exp.Method == experiment.LHS || exp.Method == experiment.Sobol) {
		err = a.prim()
	}
	if err != nil {
		return nil, nil, err
	}
	return a.files, a.results, nil
}

// analyses holds an experiment's runs while they are analysed, and what
// the analyses make: files by name, and results for the figures. The
// bootstrap draws from rng, a stream of the experiment's master seed.
type analyses struct {
	exp     *experiment.Experiment
	runs    *experiment.Runs
	valid   []experiment.Row
	boot    int
	rng     *rand.Rand
	files   map[string][]byte
	results *plots.Analyses
}

// put adds the analysis name as name.csv, written by csv, and name.json,
// v as JSON.
func (a *analyses) put(name string, v any, csv func(io.Writer) error) error {
	var b bytes.Buffer
	if err := csv(&b); err != nil {
		return err
	}
	a.files[name+".csv"] = b.Bytes()
	j, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	a.files[name+".json"] = append(j, '\n')
	return nil
}

// pointMean returns each design point's mean of the output called name
// over its replications; NaN where every replication of the point failed.
func (a *analyses) pointMean(name string) []float64 {
	m := a.runs.MetricIndex(name)
	sum := make([]float64, len(a.exp.Points))
	n := make([]int, len(a.exp.Points))
	for _, r := range a.valid {
		if r.Point < len(sum) && !math.IsNaN(r.Metrics[m]) {
			sum[r.Point] += r.Metrics[m]
			n[r.Point]++
		}
	}
	for p := range sum {
		if n[p] == 0 {
			sum[p] = math.NaN()
		} else {
			sum[p] /= float64(n[p])
		}
	}
	return sum
}

// sobol computes the Sobol indices of every output from the Saltelli
// design's blocks A, B and AB_i.
func (a *analyses) sobol() error {
	exp, k, N := a.exp, len(a.exp.Params), a.exp.Samples
	var all []analysis.SobolIndex
	for _, o := range exp.Outputs {
		y := a.pointMean(o)
		block := func(b int) []float64 {
			f := make([]float64, N)
			for row := range N {
				f[row] = y[exp.SobolPoint(b, row)]
			}
			return f
		}
		fAB := make([][]float64, k)
		for i := range k {
			fAB[i] = block(2 + i)
		}
		idx := analysis.Sobol(block(0), block(1), fAB, a.boot, a.rng)
		for i := range idx {
			idx[i].Output, idx[i].Param = o, exp.Params[idx[i].Index].Path
		}
		all = append(all, idx...)
	}
	a.results.Sobol = all
	return a.put("sobol", all, func(w io.Writer) error { return analysis.WriteSobolCSV(w, all) })
}

// morris computes the Morris indices of every output from the design's
// trajectories of k+1 points each.
func (a *analyses) morris() error {
	exp, k := a.exp, len(a.exp.Params)
	low, high := make([]float64, k), make([]float64, k)
	for j, p := range exp.Params {
		low[j], high[j] = p.Low, p.High
	}
	var all []analysis.MorrisIndex
	for _, o := range exp.Outputs {
		y := a.pointMean(o)
		var traj []analysis.Trajectory
		for t := 0; (t+1)*(k+1) <= len(exp.Points); t++ {
			first := t * (k + 1)
			tr, err := analysis.NewTrajectory(exp.Points[first:first+k+1], y[first:first+k+1], low, high)
			if err != nil {
				continue // a step rounded to nothing, or failed runs
			}
			traj = append(traj, tr)
		}
		idx := analysis.Morris(traj)
		for i := range idx {
			idx[i].Output, idx[i].Param = o, exp.Params[idx[i].Index].Path
		}
		all = append(all, idx...)
	}
	a.results.Morris = all
	return a.put("morris", all, func(w io.Writer) error { return analysis.WriteMorrisCSV(w, all) })
}

// hysteresis computes both branches of the lever and the loop between
// them.
func (a *analyses) hysteresis() error {
	outputs := a.exp.Outputs
	n := len(a.valid)
	values, phase, success, outs := make([]float64, n), make([]string, n), make([]bool, n), make([][]float64, n)
	for i, r := range a.valid {
		values[i], phase[i], success[i] = r.Params[0], r.Phase, r.Success()
		outs[i] = make([]float64, len(outputs))
		for j, o := range outputs {
			outs[i][j] = r.Metrics[a.runs.MetricIndex(o)]
		}
	}
	pts := analysis.Hysteresis(values, phase, success, outs)
	if err := a.put("hysteresis", pts, func(w io.Writer) error { return analysis.WriteHysteresisCSV(w, outputs, pts) }); err != nil {
		return err
	}
	loop := analysis.Loop(pts)
	a.results.Hysteresis, a.results.Loop, a.results.Lever = pts, loop, a.exp.Params[0].Path
	return a.put("loop", loop, func(w io.Writer) error { return analysis.WriteLoopCSV(w, loop) })
}

// grid computes, for a grid over one parameter, the tipping point, and
// over two or more, the basin of co-production over the first two.
func (a *analyses) grid() error {
	params := a.exp.Params
	x, y := make([]float64, len(a.valid)), make([]float64, len(a.valid))
	success := make([]bool, len(a.valid))
	for i, r := range a.valid {
		x[i], success[i] = r.Params[0], r.Success()
		if len(params) > 1 {
			y[i] = r.Params[1]
		}
	}
	switch len(params) {
	case 0:
		return nil
	case 1:
		tip, err := analysis.TippingPoint(x, success, a.boot, a.rng)
		if errors.Is(err, analysis.ErrTooFewLevels) {
			return nil
		}
		if err != nil {
			return err
		}
		a.results.Tipping, a.results.TippingParam = &tip, params[0].Path
		return a.put("tipping", tip, func(w io.Writer) error { return analysis.WriteTippingCSV(w, params[0].Path, tip) })
	}
	cells := analysis.Basin(x, y, success)
	a.results.Basin, a.results.BasinX, a.results.BasinY = cells, params[0].Path, params[1].Path
	return a.put("basin", cells, func(w io.Writer) error {
		return analysis.WriteBasinCSV(w, params[0].Path, params[1].Path, cells)
	})
}

// prim finds PRIM boxes for "co-production reached" over the parameters.
func (a *analyses) prim() error {
	X, y := make([][]float64, len(a.valid)), make([]bool, len(a.valid))
	names := make([]string, len(a.exp.Params))
	for j, p := range a.exp.Params {
		names[j] = p.Path
	}
	for i, r := range a.valid {
		X[i], y[i] = r.Params, r.Success()
	}
	res := analysis.PRIM(X, names, y, analysis.PRIMOptions{})
	a.results.PRIM = &res
	return a.put("prim", res, func(w io.Writer) error { return analysis.WritePRIMCSV(w, res) })
}
