package main

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
	"skillsim/plots"
)

var cmdAnalyze = &Command{
	Name:      "analyze",
	UsageLine: "analyze [-boot N] [-plots=false] DIR",
	Short:     "analyse a finished sweep: sensitivity, basins, tipping point, hysteresis, PRIM",
	Long: `Analyze reads a finished experiment directory (experiment.resolved.yaml
and runs.csv, as written by sweep or merge) and writes its analyses to
DIR/analysis/, each as CSV and JSON:

	sobol.csv, sobol.json           first- and total-order Sobol indices with
	                                95% bootstrap intervals (method sobol)
	morris.csv, morris.json         Morris mu, mu* and sigma (method morris)
	basin.csv, basin.json           share reaching co-production over the
	                                first two parameters (grid, two or more
	                                parameters)
	tipping.csv, tipping.json       the value of the first parameter at which
	                                half the replications reach co-production,
	                                with a 95% bootstrap interval (grid)
	hysteresis.csv, hysteresis.json both branches, and loop.csv with the
	                                loop's width (method hysteresis)
	prim.csv, prim.json             PRIM boxes for "co-production reached"
	                                (grid, lhs, sobol)

and the figures of those analyses into DIR/analysis/figures, each as PNG
and SVG, with figures.json listing them and their captions (-plots=false
skips them): basin (a heat map), tipping, hysteresis (both branches),
sobol (bars with intervals), morris (mu* against sigma), prim-tradeoff
(coverage against density along the peeling) and prim-box (the chosen
box's limits).

Sensitivity indices use each design point's mean over its replications.
Failed runs are left out and counted. The bootstrap draws from a stream
derived from the experiment's master seed, so the analysis is
reproducible. A sweep runs analyze at its end.
`,
	Run: runAnalyze,
}

func runAnalyze(ctx context.Context, cmd *Command, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet(cmd)
	boot := fs.Int("boot", 1000, "bootstrap resamples `N` for intervals")
	drawPlots := fs.Bool("plots", true, "draw the figures into DIR/analysis/figures")
	if err := parseFlags(cmd, fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badInputf("analyze: give one experiment directory (usage: skillsim %s)", cmd.UsageLine)
	}
	if *boot < 1 {
		return badInputf("analyze: -boot %d: must be at least 1", *boot)
	}
	return analyzeDir(fs.Arg(0), *boot, *drawPlots, stdout)
}

// analyzeDir analyses the experiment in dir and writes dir/analysis.
func analyzeDir(dir string, boot int, drawPlots bool, stdout io.Writer) error {
	resolved := filepath.Join(dir, "experiment.resolved.yaml")
	data, err := os.ReadFile(resolved)
	if err != nil {
		return badInputf("analyze: %s is not an experiment directory: %v", dir, err)
	}
	exp, err := experiment.Parse(resolved, data, func(base string) (*model.Config, error) {
		return nil, fmt.Errorf("the resolved experiment should hold its base scenario inline")
	})
	if err != nil {
		return badInput(err)
	}
	f, err := os.Open(filepath.Join(dir, "runs.csv"))
	if err != nil {
		return badInputf("analyze: %s has no runs.csv (is the sweep finished, or the shards merged?): %v", dir, err)
	}
	runs, err := experiment.ReadRuns(f)
	f.Close()
	if err != nil {
		return badInputf("analyze: %s: %v", filepath.Join(dir, "runs.csv"), err)
	}
	files, results, err := analyze(exp, runs, boot)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	out := filepath.Join(dir, "analysis")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		content := files[name]
		if err := writeFileAtomic(out, name, func(w io.Writer) error {
			_, err := w.Write(content)
			return err
		}); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
	}
	figures := ""
	if drawPlots {
		figs, err := plots.AnalysisFigures(results)
		if err == nil {
			err = writeFigures(filepath.Join(out, dirFigures), figs)
		}
		if err != nil {
			return fmt.Errorf("analyze: figures: %w", err)
		}
		figures = fmt.Sprintf(" and %d figures in %s", len(figs), filepath.Join(out, dirFigures))
	}
	fmt.Fprintf(stdout, "analysis of %s (%s, %d runs, %d failed): %d files in %s%s\n",
		exp.Name, exp.Method, len(runs.Rows), runs.Failed(), len(names), out, figures)
	return nil
}

// analyze computes the analyses an experiment's method supports and
// returns the files to write, by name, and the results for figures.
func analyze(exp *experiment.Experiment, runs *experiment.Runs, boot int) (map[string][]byte, *plots.Analyses, error) {
	files := map[string][]byte{}
	results := &plots.Analyses{}
	rng := rand.New(rand.NewPCG(exp.Seed, 1<<62))
	put := func(name string, v any, csv func(io.Writer) error) error {
		var b bytes.Buffer
		if err := csv(&b); err != nil {
			return err
		}
		files[name+".csv"] = b.Bytes()
		j, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		files[name+".json"] = append(j, '\n')
		return nil
	}
	valid := runs.Valid()
	outputs := exp.Outputs
	metric := func(name string) int { return runs.MetricIndex(name) }
	for _, o := range outputs {
		if metric(o) < 0 {
			return nil, nil, fmt.Errorf("runs.csv has no column %s", o)
		}
	}
	// Each point's mean over its replications, per output; NaN where every
	// replication of the point failed.
	pointMean := func(m int) []float64 {
		sum := make([]float64, len(exp.Points))
		n := make([]int, len(exp.Points))
		for _, r := range valid {
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
	k := len(exp.Params)
	switch exp.Method {
	case experiment.Sobol:
		var all []analysis.SobolIndex
		N := exp.Samples
		for _, o := range outputs {
			y := pointMean(metric(o))
			fA := make([]float64, N)
			fB := make([]float64, N)
			fAB := make([][]float64, k)
			for row := range N {
				fA[row] = y[exp.SobolPoint(0, row)]
				fB[row] = y[exp.SobolPoint(1, row)]
			}
			for i := range k {
				fAB[i] = make([]float64, N)
				for row := range N {
					fAB[i][row] = y[exp.SobolPoint(2+i, row)]
				}
			}
			idx := analysis.Sobol(fA, fB, fAB, boot, rng)
			for i := range idx {
				idx[i].Output, idx[i].Param = o, exp.Params[idx[i].Index].Path
			}
			all = append(all, idx...)
		}
		if err := put("sobol", all, func(w io.Writer) error { return analysis.WriteSobolCSV(w, all) }); err != nil {
			return nil, nil, err
		}
		results.Sobol = all
	case experiment.Morris:
		var all []analysis.MorrisIndex
		low, high := make([]float64, k), make([]float64, k)
		for j, p := range exp.Params {
			low[j], high[j] = p.Low, p.High
		}
		for _, o := range outputs {
			y := pointMean(metric(o))
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
		if err := put("morris", all, func(w io.Writer) error { return analysis.WriteMorrisCSV(w, all) }); err != nil {
			return nil, nil, err
		}
		results.Morris = all
	case experiment.Hysteresis:
		values := make([]float64, len(valid))
		phase := make([]string, len(valid))
		success := make([]bool, len(valid))
		outs := make([][]float64, len(valid))
		for i, r := range valid {
			values[i], phase[i], success[i] = r.Params[0], r.Phase, r.Success()
			outs[i] = make([]float64, len(outputs))
			for j, o := range outputs {
				outs[i][j] = r.Metrics[metric(o)]
			}
		}
		pts := analysis.Hysteresis(values, phase, success, outs)
		if err := put("hysteresis", pts, func(w io.Writer) error { return analysis.WriteHysteresisCSV(w, outputs, pts) }); err != nil {
			return nil, nil, err
		}
		loop := analysis.Loop(pts)
		if err := put("loop", loop, func(w io.Writer) error { return analysis.WriteLoopCSV(w, loop) }); err != nil {
			return nil, nil, err
		}
		results.Hysteresis, results.Loop, results.Lever = pts, loop, exp.Params[0].Path
	}
	if exp.Method == experiment.Grid && k >= 1 {
		x := make([]float64, len(valid))
		success := make([]bool, len(valid))
		for i, r := range valid {
			x[i], success[i] = r.Params[0], r.Success()
		}
		if k == 1 {
			tip, err := analysis.TippingPoint(x, success, boot, rng)
			if err != nil && !errors.Is(err, analysis.ErrTooFewLevels) {
				return nil, nil, err
			}
			if err == nil {
				if err := put("tipping", tip, func(w io.Writer) error { return analysis.WriteTippingCSV(w, exp.Params[0].Path, tip) }); err != nil {
					return nil, nil, err
				}
				results.Tipping, results.TippingParam = &tip, exp.Params[0].Path
			}
		} else {
			y := make([]float64, len(valid))
			for i, r := range valid {
				y[i] = r.Params[1]
			}
			cells := analysis.Basin(x, y, success)
			if err := put("basin", cells, func(w io.Writer) error {
				return analysis.WriteBasinCSV(w, exp.Params[0].Path, exp.Params[1].Path, cells)
			}); err != nil {
				return nil, nil, err
			}
			results.Basin, results.BasinX, results.BasinY = cells, exp.Params[0].Path, exp.Params[1].Path
		}
	}
	if exp.Method == experiment.Grid || exp.Method == experiment.LHS || exp.Method == experiment.Sobol {
		X := make([][]float64, len(valid))
		y := make([]bool, len(valid))
		names := make([]string, k)
		for j, p := range exp.Params {
			names[j] = p.Path
		}
		for i, r := range valid {
			X[i], y[i] = r.Params, r.Success()
		}
		res := analysis.PRIM(X, names, y, analysis.PRIMOptions{})
		if err := put("prim", res, func(w io.Writer) error { return analysis.WritePRIMCSV(w, res) }); err != nil {
			return nil, nil, err
		}
		results.PRIM = &res
	}
	return files, results, nil
}
