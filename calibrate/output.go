package calibrate

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat"

	"skillsim/number"
	"skillsim/outdir"
	"skillsim/patterns"
	"skillsim/plots"
	"skillsim/sim"
)

// Marginal summarises a parameter's posterior.
type Marginal struct {
	// Path names the parameter; Low and High bound its prior.
	Path      string
	Low, High float64
	// Mean, Median, Q05 and Q95 summarise the posterior sample: its mean,
	// median and 90% interval (5% and 95% quantiles).
	Mean, Median, Q05, Q95 float64
	// Sample is the posterior sample, in particle order.
	Sample []float64
}

// Prediction compares a statistic's posterior predictive with its
// observation.
type Prediction struct {
	// Statistic is the statistic.
	Statistic patterns.Statistic
	// Median, Q05 and Q95 are the median and 90% interval of the
	// statistic over the posterior particles' simulations; N counts those
	// where it is defined.
	Median, Q05, Q95 float64
	N                int
	// Hit says that the observed value lies in the 90% interval or, for
	// an observation that is only a range (patterns.Statistic.RangeOnly),
	// that the interval overlaps it.
	Hit bool
}

// quantiles returns the median and the 5% and 95% quantiles of x (NaNs
// left out) by the empirical distribution, and how many values there
// were.
func quantiles(x []float64) (med, q05, q95 float64, n int) {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	if len(s) == 0 {
		return math.NaN(), math.NaN(), math.NaN(), 0
	}
	slices.Sort(s)
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, s, nil) }
	return q(0.5), q(0.05), q(0.95), len(s)
}

// marginals summarises the posterior population.
func (c *Calibration) marginals(pop []particle) []Marginal {
	out := make([]Marginal, len(c.Params))
	for j, prm := range c.Params {
		x := make([]float64, len(pop))
		for i, p := range pop {
			x[i] = p.Theta[j]
		}
		m := Marginal{Path: prm.Path, Low: prm.Low, High: prm.High, Mean: stat.Mean(x, nil), Sample: x}
		m.Median, m.Q05, m.Q95, _ = quantiles(x)
		out[j] = m
	}
	return out
}

// predictive compares each statistic's posterior predictive with its
// observation.
func (c *Calibration) predictive(pop []particle) []Prediction {
	out := make([]Prediction, len(c.Targets.Statistics))
	for j, s := range c.Targets.Statistics {
		x := make([]float64, len(pop))
		for i, p := range pop {
			x[i] = p.Stats[j]
		}
		pr := Prediction{Statistic: s}
		pr.Median, pr.Q05, pr.Q95, pr.N = quantiles(x)
		if s.RangeOnly {
			pr.Hit = pr.N > 0 && pr.Q95 >= s.Low && pr.Q05 <= s.High
		} else {
			pr.Hit = pr.N > 0 && s.Value >= pr.Q05 && s.Value <= pr.Q95
		}
		out[j] = pr
	}
	return out
}

// mostCorrelated returns the pair of parameters whose posterior samples
// are the most correlated (in absolute value), and the correlation.
func mostCorrelated(ms []Marginal) (a, b int, r float64) {
	a, b = -1, -1
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			c := stat.Correlation(ms[i].Sample, ms[j].Sample, nil)
			if math.IsNaN(c) {
				continue
			}
			if a < 0 || math.Abs(c) > math.Abs(r) {
				a, b, r = i, j, c
			}
		}
	}
	return a, b, r
}

func num(v float64) string { return number.Format(v) }

// writeResults writes the results as one set with manifest.json.
func (c *Calibration) writeResults(dir string, pops [][]particle, out *Outcome, opt Options) error {
	st, err := outdir.NewStage(dir)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			st.Abort()
		}
	}()
	pop := last(pops)
	w := func(name string, f func(io.Writer) error) error { return st.WriteFile(name, f) }
	if err := w(FilePosterior, func(wr io.Writer) error {
		cw := csv.NewWriter(wr)
		h := []string{"particle"}
		for _, p := range c.Params {
			h = append(h, p.Path)
		}
		cw.Write(append(h, "weight", "distance"))
		for i, p := range pop {
			row := []string{strconv.Itoa(i)}
			for _, v := range p.Theta {
				row = append(row, num(v))
			}
			cw.Write(append(row, num(1/float64(len(pop))), num(p.Dist)))
		}
		cw.Flush()
		return cw.Error()
	}); err != nil {
		return err
	}
	if err := w(FileGenerations, func(wr io.Writer) error {
		cw := csv.NewWriter(wr)
		cw.Write([]string{"generation", "tolerance", "ess", "simulations", "accepted", "acceptance_rate", "undefined"})
		for _, g := range out.Generations {
			cw.Write([]string{strconv.Itoa(g.Index), num(g.Tolerance), strconv.Itoa(g.Alive), strconv.Itoa(g.Simulations),
				strconv.Itoa(g.Accepted), num(g.AcceptanceRate), strconv.Itoa(g.Undefined)})
		}
		cw.Flush()
		return cw.Error()
	}); err != nil {
		return err
	}
	if err := w(FilePredictive, func(wr io.Writer) error { return WritePredictive(wr, out.Predictive) }); err != nil {
		return err
	}
	if err := w(FileInput, func(wr io.Writer) error {
		_, err := fmt.Fprintf(wr, "# %s as calibrated: base %s, targets %s, seed %d\n", c.Name, c.BaseName, c.TargetsName, c.Seed)
		return err
	}); err != nil {
		return err
	}
	if !opt.NoFigures {
		figs, err := Figures(out, nil)
		if err != nil {
			return err
		}
		if err := outdir.WriteFigures(filepath.Join(st.Path(), DirFigures), figs); err != nil {
			return err
		}
	}
	if err := st.Commit(FileManifest, func(sums outdir.Sums) ([]byte, error) {
		b, err := json.MarshalIndent(outdir.Manifest{Kind: "calibration", Version: sim.Version, Files: sums}, "", "  ")
		return append(b, '\n'), err
	}, isResult); err != nil {
		return err
	}
	ok = true
	return nil
}

// WritePredictive writes the posterior predictive of every statistic
// against its observation as CSV:
//
//	id,use,observed,value,tolerance_low,tolerance_high,n,median,q05,q95,hit90
func WritePredictive(w io.Writer, ps []Prediction) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "use", "observed", "value", "tolerance_low", "tolerance_high", "n", "median", "q05", "q95", "hit90"})
	for _, p := range ps {
		s := p.Statistic
		cw.Write([]string{s.ID, s.Use.String(), s.Observed, num(s.Value), num(s.Low), num(s.High), strconv.Itoa(p.N),
			num(p.Median), num(p.Q05), num(p.Q95), strconv.FormatBool(p.Hit)})
	}
	cw.Flush()
	return cw.Error()
}

// Figures returns the calibration's figures: the marginal posteriors, the
// most correlated pair (with two parameters or more) and the posterior
// predictive intervals against the observations. truth, if not nil, holds
// known true values to mark (a recovery test).
func Figures(out *Outcome, truth []float64) ([]*plots.Figure, error) {
	ms := make([]plots.Marginal, len(out.Posterior))
	for j, m := range out.Posterior {
		ms[j] = plots.Marginal{Path: m.Path, Low: m.Low, High: m.High, Sample: m.Sample, True: math.NaN()}
		if truth != nil {
			ms[j].True = truth[j]
		}
	}
	var figs []*plots.Figure
	f, err := plots.Marginals(ms)
	if err != nil {
		return nil, err
	}
	figs = append(figs, f)
	if a, b, r := mostCorrelated(out.Posterior); a >= 0 {
		f, err := plots.Pairs(ms[a], ms[b], r)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	pis := make([]plots.PredictiveInterval, len(out.Predictive))
	for i, p := range out.Predictive {
		s := p.Statistic
		pis[i] = plots.PredictiveInterval{ID: s.ID, Predict: s.Use == patterns.Predict, Observed: s.Value, Scale: s.Scale(),
			Median: p.Median, Low: p.Q05, High: p.Q95}
	}
	f, err = plots.Predictive(pis)
	if err != nil {
		return nil, err
	}
	return append(figs, f), nil
}

// WriteSummary writes a short text summary of a calibration: each
// generation's tolerance and acceptance, each parameter's posterior
// median and 90% interval, and each statistic's posterior predictive
// against its observation.
func WriteSummary(w io.Writer, out *Outcome) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "generation  tolerance  ESS  simulations  acceptance\n")
	for _, g := range out.Generations {
		fmt.Fprintf(&b, "%10d  %9.4g  %3d  %11d  %10.2f\n", g.Index, g.Tolerance, g.Alive, g.Simulations, g.AcceptanceRate)
	}
	fmt.Fprintf(&b, "\nposterior: median [90%% interval] (prior)\n")
	for _, m := range out.Posterior {
		fmt.Fprintf(&b, "  %s: %.4g [%.4g, %.4g] (%g to %g)\n", m.Path, m.Median, m.Q05, m.Q95, m.Low, m.High)
	}
	fmt.Fprintf(&b, "\nposterior predictive: median [90%% interval] vs observed\n")
	for _, p := range out.Predictive {
		res := "miss"
		if p.Hit {
			res = "hit"
		}
		fmt.Fprintf(&b, "  %-14s %-7s %.4g [%.4g, %.4g] vs %.4g: %s\n", p.Statistic.ID, p.Statistic.Use, p.Median, p.Q05, p.Q95, p.Statistic.Value, res)
	}
	_, err := w.Write(b.Bytes())
	return err
}
