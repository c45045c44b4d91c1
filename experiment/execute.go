package experiment

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"

	"skillsim/model"
)

// ExecOptions controls Execute. The zero value runs every run on
// runtime.NumCPU() workers.
type ExecOptions struct {
	// Workers is the number of runs (for hysteresis, replications) run at
	// once; 0 or less means runtime.NumCPU(). It never changes a result.
	Workers int
	// Include reports whether to run run i; nil means every run. For
	// hysteresis a replication is run if any of its runs is included, and
	// only its included runs are reported.
	Include func(run int) bool

	// started, if not nil, is called as each run (for hysteresis, each
	// lever step) starts, from the goroutine that runs it. Tests set it.
	started func(run int)
}

// errAborted stops runs in flight when done has failed.
var errAborted = errors.New("experiment: aborted")

// Execute runs the included runs of e on opt.Workers goroutines, in order
// of run index, and calls done once for every finished run with its
// Result: serially (never two calls at once) and in order of completion.
// done must not keep r.Series or r.Values beyond the call unless it copies
// them; Execute keeps nothing of a run once done returns, so memory does
// not grow with the number of runs.
//
// Run i builds its scenario with e.Config(point), builds the region with
// model.New(cfg, rand.NewPCG(e.Seed, e.Stream(i))) and steps it
// to the end; its result depends only on e and i. A run that fails (an
// invalid scenario, a model error or panic) is reported as a Result with
// Err set, and the sweep goes on.
//
// For hysteresis, each replication is one continuing run: the region is
// built from the first lever step's scenario and stepped to its end; for
// each later lever step it is given that step's scenario with
// model.Region.Reconfigure and stepped on. One Result is reported per lever
// step, a replication's in step order. If a lever step fails, the
// replication's later steps are reported failed too.
//
// When ctx is cancelled Execute starts no new run, lets the runs in
// flight finish (for hysteresis, the lever steps in flight) and reports
// them, and returns ctx.Err(). When done returns an error, Execute
// abandons the runs in flight without reporting them and returns that
// error. Otherwise it returns nil once every included run is reported.
func Execute(ctx context.Context, e *Experiment, opt ExecOptions, done func(*Result) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	include := opt.Include
	if include == nil {
		include = func(int) bool { return true }
	}
	// abort stops runs in flight once done has failed; cancelling ctx
	// does not stop them.
	abort, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)

	units := make(chan int)
	results := make(chan *Result, workers)
	go func() {
		defer close(units)
		for u := range e.Units() {
			if !e.unitIncluded(u, include) {
				continue
			}
			if ctx.Err() != nil || abort.Err() != nil {
				return
			}
			select {
			case units <- u:
			case <-ctx.Done():
				return
			case <-abort.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send := func(r *Result) bool {
				select {
				case results <- r:
					return true
				case <-abort.Done():
					return false
				}
			}
			for u := range units {
				if ctx.Err() != nil || abort.Err() != nil {
					continue // drain: start nothing new
				}
				if e.Method == Hysteresis {
					e.runChain(ctx, abort, u, include, opt.started, send)
				} else if r := e.runOne(abort, u, opt.started); r != nil {
					send(r)
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var doneErr error
	for r := range results {
		if doneErr != nil {
			continue
		}
		if err := done(r); err != nil {
			doneErr = err
			cancel(errAborted)
		}
	}
	if doneErr != nil {
		return doneErr
	}
	return ctx.Err()
}

// unitIncluded reports whether any run of unit u is included.
func (e *Experiment) unitIncluded(u int, include func(int) bool) bool {
	if e.Method != Hysteresis {
		return include(u)
	}
	s := e.Hysteresis.Steps()
	for i := u * s; i < (u+1)*s; i++ {
		if include(i) {
			return true
		}
	}
	return false
}

// newResult returns the Result of run i before it runs.
func (e *Experiment) newResult(i int) *Result {
	point, rep := e.RunInfo(i)
	return &Result{Run: i, Point: point, Rep: rep, Seed: [2]uint64{e.Seed, e.Stream(i)}, Values: e.Points[point]}
}

// recovered turns a panic in the model into an error on *err.
func recovered(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("model panic: %v", v)
	}
}

// runOne runs run i to the end, calling started (if not nil) as it
// starts. It returns nil if abort stopped it.
func (e *Experiment) runOne(abort context.Context, i int, started func(int)) *Result {
	if started != nil {
		started(i)
	}
	r := e.newResult(i)
	cfg, err := e.Config(r.Point)
	if err != nil {
		r.Err = err
		return r
	}
	var region *model.Region
	r.Err = func() (err error) {
		defer recovered(&err)
		region, err = model.New(cfg, rand.NewPCG(r.Seed[0], r.Seed[1]))
		return err
	}()
	if r.Err != nil {
		return r
	}
	if err := e.advance(abort, region, r, true); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil
		}
		r.Err = err
	}
	return r
}

// advance steps region to its end, observing it into r (and r.Series when
// asked, with the current state first if first).
func (e *Experiment) advance(abort context.Context, region *model.Region, r *Result, first bool) (err error) {
	defer recovered(&err)
	var o model.Observation
	observe := func() {
		region.Observe(&o)
		if e.Timeseries {
			r.Series = append(r.Series, model.Observation{Step: o.Step, Date: o.Date, Region: o.Region, Regime: o.Regime})
		}
	}
	if first && e.Timeseries {
		observe()
	}
	for !region.Done() {
		if abort.Err() != nil {
			return context.Canceled
		}
		region.Step()
		if e.Timeseries {
			observe()
		}
	}
	region.Observe(&o)
	r.Final = o.Region
	r.Regime = o.Regime
	return nil
}

// runChain runs replication rep of a hysteresis design, sending the
// Result of each included lever step in order. It stops after the lever
// step in flight when ctx is cancelled, at once when abort is.
func (e *Experiment) runChain(ctx, abort context.Context, rep int, include func(int) bool, started func(int), send func(*Result) bool) {
	steps := e.Hysteresis.Steps()
	var region *model.Region
	var failed error
	failedStep := 0
	// last is the last lever step the replication needs.
	last := -1
	for s := range steps {
		if include(rep*steps + s) {
			last = s
		}
	}
	for s := 0; s <= last; s++ {
		if s > 0 && ctx.Err() != nil {
			return
		}
		if started != nil {
			started(rep*steps + s)
		}
		r := e.newResult(rep*steps + s)
		switch {
		case failed != nil:
			r.Err = fmt.Errorf("not run: lever step %d of this replication failed: %w", failedStep, failed)
		default:
			cfg, err := e.Config(s)
			if err == nil {
				err = func() (err error) {
					defer recovered(&err)
					if s == 0 {
						region, err = model.New(cfg, rand.NewPCG(r.Seed[0], r.Seed[1]))
						return err
					}
					return region.Reconfigure(cfg)
				}()
			}
			if err == nil {
				err = e.advance(abort, region, r, s == 0)
				if errors.Is(err, context.Canceled) {
					return
				}
			}
			if err != nil {
				r.Err = err
				failed, failedStep = err, s
			}
		}
		if include(r.Run) && !send(r) {
			return
		}
	}
}
