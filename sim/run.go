package sim

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sync"

	"golang.org/x/sync/errgroup"

	"skillsim/model"
)

// Options controls a Run. The zero value runs cfg.Replications replications
// on runtime.NumCPU() workers without progress reports.
type Options struct {
	// Reps is the number of replications; 0 means cfg.Replications.
	Reps int
	// Workers is the number of replications run at once; 0 means
	// runtime.NumCPU(). It never changes the results.
	Workers int
	// Progress, if not nil, is called after every step of every
	// replication with the number of steps done so far over all
	// replications and the total. Calls are serialised, so Progress need
	// not be safe for concurrent use, but it should be quick.
	Progress func(done, total int)
	// Ties asks for the partnership network (model.Region.Ties) of
	// replication 0 at its final step, in Rep.Ties. It reads the state
	// and changes no result.
	Ties bool
	// SurveyEveryStep surveys the employer groups (Rep.Groups) after
	// every step instead of once a year at SurveyMonth; turnover is then
	// annualised over one step. It changes no other result.
	SurveyEveryStep bool
}

// plan returns the replications opt asks for (scenarioReps, the
// scenario's, when opt.Reps is 0) and how many run at once (the number
// of CPUs when opt.Workers is not positive); ErrNoReplications when there
// is none to run.
func (opt Options) plan(scenarioReps int) (reps, workers int, err error) {
	reps = opt.Reps
	if reps == 0 {
		reps = scenarioReps
	}
	if reps < 1 {
		return 0, 0, ErrNoReplications
	}
	workers = opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	return reps, workers, nil
}

// ErrNoReplications is returned by Run when there is no replication to run.
var ErrNoReplications = errors.New("sim: the number of replications must be at least 1")

// Result holds the observations of every replication of a run.
type Result struct {
	// Config is the scenario that was run. Run does not modify it.
	Config *model.Config
	// Seed is the master seed, Config.Seed.
	Seed uint64
	// Reps holds the replications, indexed by replication number.
	Reps []Rep
}

// Rep is one replication of a run.
type Rep struct {
	// Index is the replication number r.
	Index int
	// Seed is the seed pair {master, r} of the replication's stream (see RepSeed).
	Seed [2]uint64
	// Observations holds the indicators at step 0 and after every step, in
	// step order.
	Observations []model.Observation
	// Final is the last observation, Observations[len(Observations)-1].
	Final model.Observation
	// Regime is the region's regime at the final step, Final.Regime: the
	// regime rule applied to the mean of the run's last year.
	Regime model.Regime
	// Ties is the partnership network at the final step: set for
	// replication 0 when Options.Ties is set, nil otherwise.
	Ties *model.Ties
	// Groups holds the employer-group surveys, in step order: once a year
	// at SurveyMonth (after step 0), or after every step with
	// Options.SurveyEveryStep.
	Groups []model.GroupObservation
}

// Steps returns the number of steps each replication took.
func (r *Result) Steps() int {
	if len(r.Reps) == 0 || len(r.Reps[0].Observations) == 0 {
		return 0
	}
	return len(r.Reps[0].Observations) - 1
}

// Run runs the replications of cfg in parallel and returns their
// observations. Replication r draws from Stream(cfg.Seed, r) and is stored
// at Result.Reps[r], so the result does not depend on opt.Workers. Run
// checks ctx between steps and returns ctx.Err() when it is cancelled. An
// error from model.New is returned with the replication number. cfg must
// not be modified while Run runs.
func Run(ctx context.Context, cfg *model.Config, opt Options) (*Result, error) {
	if cfg == nil {
		panic("sim: nil config")
	}
	reps, workers, err := opt.plan(cfg.Replications)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{Config: cfg, Seed: cfg.Seed, Reps: make([]Rep, reps)}
	progress := newProgress(opt.Progress, reps*cfg.Steps())
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for r := range reps {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			rep, err := runRep(gctx, cfg, r, uint64(r), opt.Ties && r == 0, opt.SurveyEveryStep, progress)
			if err != nil {
				return err
			}
			res.Reps[r] = rep
			return nil
		})
	}
	if err := waitReplications(ctx, g); err != nil {
		return nil, err
	}
	return res, nil
}

// waitReplications waits for the replications running in g, which was
// made from ctx, and returns ctx's error when it was cancelled (reported
// as such, not as the error of whichever replication noticed first),
// else the first replication's error.
func waitReplications(ctx context.Context, g *errgroup.Group) error {
	if err := g.Wait(); err != nil && ctx.Err() == nil {
		return err
	}
	return ctx.Err()
}

// runRep runs replication r, drawing from the stream (cfg.Seed, stream),
// to the end; with ties it keeps the
// partnership network at the final step; everyStep surveys the employer
// groups after every step.
func runRep(ctx context.Context, cfg *model.Config, r int, stream uint64, ties, everyStep bool, progress *progress) (out Rep, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = Rep{}, &PanicError{Rep: r, Value: v, Stack: debug.Stack()}
		}
	}()
	region, err := model.NewContext(ctx, cfg, rand.NewPCG(cfg.Seed, stream))
	if err != nil {
		if ctx.Err() != nil {
			return Rep{}, ctx.Err()
		}
		return Rep{}, fmt.Errorf("sim: replication %d: %w", r, err)
	}
	// One backing array for the sector indicators of every expected step;
	// Observe reuses the slice it is given.
	steps := cfg.Steps()
	ns := len(cfg.Sectors)
	sectors := make([][model.NumSectorMetrics]float64, (steps+1)*ns)
	regimes := make([]model.Regime, (steps+1)*ns)
	obs := make([]model.Observation, 0, steps+1)
	observe := func() {
		var o model.Observation
		if i := len(obs); i <= steps {
			o.Sectors = sectors[i*ns : (i+1)*ns : (i+1)*ns]
			o.SectorRegimes = regimes[i*ns : (i+1)*ns : (i+1)*ns]
		}
		region.Observe(&o)
		obs = append(obs, o)
	}
	observe()
	survey := surveyor{everyStep: everyStep}
	survey.start(region)
	for !region.Done() {
		if err := ctx.Err(); err != nil {
			return Rep{}, err
		}
		region.Step()
		observe()
		survey.observe(region, cfg)
		progress.step()
	}
	final := obs[len(obs)-1]
	rep := Rep{
		Index:        r,
		Seed:         [2]uint64{cfg.Seed, stream},
		Observations: obs,
		Final:        final,
		Regime:       final.Regime,
		Groups:       survey.surveys,
	}
	if ties {
		t := region.Ties()
		rep.Ties = &t
	}
	return rep, nil
}

// progress serialises calls to an Options.Progress callback.
type progress struct {
	mu    sync.Mutex
	fn    func(done, total int)
	done  int
	total int
}

func newProgress(fn func(done, total int), total int) *progress {
	return &progress{fn: fn, total: total}
}

func (p *progress) step() {
	if p.fn == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.fn(p.done, p.total)
}
