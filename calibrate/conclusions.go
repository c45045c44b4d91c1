package calibrate

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"

	"golang.org/x/sync/errgroup"

	"skillsim/analysis"
	"skillsim/experiment"
	"skillsim/model"
	"skillsim/outdir"
	"skillsim/scenarios"
	"skillsim/sim"
)

// FileConclusions is the table Conclusions writes into a calibration's
// directory.
const FileConclusions = "conclusions.csv"

// A Check asks whether a scenario is in a regime at a date.
type Check struct {
	// Scenario is the index of the scenario in Questions.Scenarios.
	Scenario int
	// At is the date read, or 0 for the scenario's end.
	At model.Month
	// Regime is the regime asked for.
	Regime model.Regime
}

// A Question is a conclusion a policy researcher would quote: it holds
// for a run of the posterior (a particle and a replication) when every
// one of its checks does.
type Question struct {
	// Text states the question.
	Text string
	// Checks must all hold.
	Checks []Check
}

// Questions are the questions asked across the posterior and the
// scenarios they read, each run once per particle and replication.
type Questions struct {
	Scenarios []*model.Config
	Questions []Question
}

// EnglandQuestions returns the questions of issue 11 on the shipped
// scenarios: is the baseline in the low-skills regime at its end; is the
// model bistable (bistable holds low-skills and bistable-high holds
// co-production); does each shipped policy scenario (coproduction,
// devolution, hpsn, levy-only, no-austerity) reach co-production; and
// does co-production persist 10 and 30 years after the temporary push's
// network ends in 2025 (temporary-push run on to 2055).
func EnglandQuestions() (*Questions, error) {
	q := &Questions{}
	add := func(name string) (int, error) {
		cfg, err := scenarios.Embedded(name)
		if err != nil {
			return 0, err
		}
		q.Scenarios = append(q.Scenarios, cfg)
		return len(q.Scenarios) - 1, nil
	}
	ask := func(text string, checks ...Check) { q.Questions = append(q.Questions, Question{text, checks}) }
	base, err := add("baseline")
	if err != nil {
		return nil, err
	}
	ask("the baseline region is in the low-skills regime in 2035", Check{base, 0, model.LowSkills})
	lo, err := add("bistable")
	if err != nil {
		return nil, err
	}
	hi, err := add("bistable-high")
	if err != nil {
		return nil, err
	}
	ask("bistable: the low start holds low-skills and the high start holds co-production", Check{lo, 0, model.LowSkills}, Check{hi, 0, model.Coproduction})
	for _, name := range []string{"coproduction", "devolution", "hpsn", "levy-only", "no-austerity"} {
		s, err := add(name)
		if err != nil {
			return nil, err
		}
		ask(name+" tips the region to co-production by 2035", Check{s, 0, model.Coproduction})
	}
	push, err := add("temporary-push")
	if err != nil {
		return nil, err
	}
	q.Scenarios[push].End = model.MonthOf(2055, 1)
	ask("co-production persists 10 years after the temporary push ends (2035)", Check{push, model.MonthOf(2035, 1), model.Coproduction})
	ask("co-production persists 30 years after the temporary push ends (2055)", Check{push, model.MonthOf(2055, 1), model.Coproduction})
	return q, nil
}

// ConclusionOptions controls Conclusions.
type ConclusionOptions struct {
	// Sample is the number of posterior particles used, evenly spaced in
	// particle order (default 20, at most the population).
	Sample int
	// Replications is the number of replications per particle (default 5).
	Replications int
	// Workers is the number of simulations at once (default: the CPUs).
	Workers int
	// Progress, if not nil, is called with the simulations done and their
	// total; calls are serialised.
	Progress func(done, total int)
}

// A Conclusion is a question's answer across the posterior: the share of
// runs (particles × replications) for which it holds, with its 95% Wilson
// interval.
type Conclusion struct {
	Question string
	Answer   analysis.Proportion
}

// Conclusions answers the questions q across the posterior of the
// complete calibration in dir: for each of opt.Sample particles of the
// final population (evenly spaced), each replication r and each scenario,
// the scenario with the particle's parameters set (as the calibration set
// them on its base) is run drawing from rand.NewPCG(Seed, r) — common
// random numbers: replication r of every particle and scenario shares its
// stream, so that differences between scenarios are paired. The answers
// are written to dir/conclusions.csv and returned; they depend on neither
// the order of completion nor opt.Workers.
func Conclusions(ctx context.Context, c *Calibration, dir string, q *Questions, opt ConclusionOptions) ([]Conclusion, error) {
	if !outdir.Exists(dir, FileManifest) {
		return nil, &DirError{fmt.Errorf("%s holds no complete calibration; run skillsim calibrate first", dir)}
	}
	pops, err := c.readGenerations(dir)
	if err != nil {
		return nil, err
	}
	if len(pops) == 0 {
		return nil, errors.New("no generations")
	}
	pop := last(pops)
	m := opt.Sample
	if m <= 0 {
		m = 20
	}
	m = min(m, len(pop))
	reps := max(opt.Replications, 1)
	if opt.Replications == 0 {
		reps = 5
	}
	thetas := make([][]float64, m)
	for k := range m {
		thetas[k] = pop[k*len(pop)/m].Theta
	}
	ns := len(q.Scenarios)
	// regimes[(k·reps + r)·ns + s] holds scenario s's observations' regimes
	// by date for particle k, replication r.
	type outcome struct {
		dates   []model.Month
		regimes []model.Regime
	}
	results := make([]outcome, m*reps*ns)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var mu sync.Mutex
	done, total := 0, len(results)
	if opt.Progress != nil {
		opt.Progress(0, total)
	}
	exps := make([]*experiment.Experiment, ns)
	for s, cfg := range q.Scenarios {
		exps[s] = experiment.ForPoints(cfg, c.Seed, c.Params, thetas)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for k := range m {
		for r := range reps {
			for s := range ns {
				if gctx.Err() != nil {
					break
				}
				g.Go(func() error {
					cfg, err := exps[s].Config(k)
					if err != nil {
						return fmt.Errorf("scenario %s, particle %d: %w", q.Scenarios[s].Name, k, err)
					}
					rep, err := sim.RunStream(gctx, cfg, uint64(r))
					if err != nil {
						return fmt.Errorf("scenario %s, particle %d, replication %d: %w", cfg.Name, k, r, err)
					}
					o := outcome{}
					for _, ob := range rep.Observations {
						o.dates = append(o.dates, ob.Date)
						o.regimes = append(o.regimes, ob.Regime)
					}
					mu.Lock()
					defer mu.Unlock()
					results[(k*reps+r)*ns+s] = o
					done++
					if opt.Progress != nil {
						opt.Progress(done, total)
					}
					return nil
				})
			}
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	regimeAt := func(o outcome, at model.Month) (model.Regime, bool) {
		if at == 0 {
			return o.regimes[len(o.regimes)-1], true
		}
		for i, d := range o.dates {
			if d == at {
				return o.regimes[i], true
			}
		}
		return 0, false
	}
	out := make([]Conclusion, len(q.Questions))
	for i, qu := range q.Questions {
		yes := 0
		for k := range m {
			for r := range reps {
				holds := true
				for _, ch := range qu.Checks {
					g, ok := regimeAt(results[(k*reps+r)*ns+ch.Scenario], ch.At)
					holds = holds && ok && g == ch.Regime
				}
				if holds {
					yes++
				}
			}
		}
		out[i] = Conclusion{Question: qu.Text, Answer: analysis.Wilson(yes, m*reps)}
	}
	if err := outdir.WriteFile(dir, FileConclusions, func(w io.Writer) error { return WriteConclusions(w, out) }); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteConclusions writes the answers as CSV:
//
//	question,runs,holds,share,share_low,share_high
func WriteConclusions(w io.Writer, cs []Conclusion) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"question", "runs", "holds", "share", "share_low", "share_high"})
	for _, c := range cs {
		a := c.Answer
		cw.Write([]string{c.Question, strconv.Itoa(a.N), strconv.Itoa(a.Successes), num(a.Share), num(a.Low), num(a.High)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteConclusionsTable writes the answers as a Markdown table, each with
// its share of runs and 95% interval.
func WriteConclusionsTable(w io.Writer, cs []Conclusion) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| across the posterior | runs | share [95%% interval] |\n|---|---|---|\n")
	for _, c := range cs {
		a := c.Answer
		fmt.Fprintf(&b, "| %s | %d | %.2f [%.2f, %.2f] |\n", c.Question, a.N, a.Share, a.Low, a.High)
	}
	_, err := w.Write(b.Bytes())
	return err
}
