package calibrate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"skillsim/experiment"
	"skillsim/outdir"
	"skillsim/sim"
)

// The files of a calibration directory (docs/calibration.md).
const (
	// FileState records what the directory holds: the calibration's name
	// and the SHA-256 of its inputs.
	FileState = "calibration.json"
	// FileInput is the calibration file as given.
	FileInput = "calibration.yaml"
	// FileManifest lists the final results with their SHA-256; it is
	// written last, so a directory with it is complete.
	FileManifest = "manifest.json"
	// FilePosterior, FileGenerations and FilePredictive are the results.
	FilePosterior   = "posterior.csv"
	FileGenerations = "generations.csv"
	FilePredictive  = "predictive.csv"
	// DirFigures holds the figures.
	DirFigures = "figures"
)

// genFile and journalFile name generation g's population and journal.
func genFile(g int) string     { return fmt.Sprintf("gen-%03d.csv", g) }
func journalFile(g int) string { return fmt.Sprintf("gen-%03d.journal", g) }

// designStream is the high bit of the streams the sampler's own random
// numbers (prior draws, resampling, moves) come from: generation g draws
// from rand.NewPCG(Seed, designStream|g), which no simulation uses.
const designStream = 1 << 63

// Stream returns the random number stream of replication r of particle i's
// simulation in generation g: (g·N + i)·R + r for N particles and R
// replications. Simulation draws from rand.NewPCG(Seed, Stream(g, i, r)).
func (c *Calibration) Stream(g, i, r int) uint64 {
	n, reps := uint64(c.Method.Particles), uint64(c.Method.Replications)
	return (uint64(g)*n+uint64(i))*reps + uint64(r)
}

// Options controls Run.
type Options struct {
	// Workers is the number of simulations at once; 0 means the number of
	// CPUs. It never changes the results.
	Workers int
	// Resume continues the calibration in the directory.
	Resume bool
	// Log receives notes and warnings, one a line (nil: none).
	Log io.Writer
	// Progress, if not nil, is called with the generation, the
	// simulations of it done and their total: before its first
	// simulation, after each and at its end. Calls are serialised.
	Progress func(gen, done, total int)
	// NoFigures leaves the figures out.
	NoFigures bool
	// Shard, if its N is 2 or more, runs only the part of the pending
	// generation's simulations that shard I of N holds (particles i with
	// i mod N = I), journalled in its own subdirectory of the output
	// directory, shard-I-of-N, and stops (docs/calibration.md). A run
	// without a shard takes the shards' journals in before it simulates.
	Shard Shard
	// Step stops after one generation is complete.
	Step bool

	// simulate, if not nil, replaces the simulation of a particle (tests).
	simulate func(ctx context.Context, c *Calibration, e *experiment.Experiment, g, i int) ([]float64, error)
}

// Shard is a part of each generation's simulations: particles i with
// i mod N = I.
type Shard struct{ I, N int }

// Generation summarises one generation of the sampler.
type Generation struct {
	// Index is the generation, 0 the prior sample.
	Index int
	// Tolerance is ε: the α-quantile of the previous population's
	// distances (+Inf for the prior sample).
	Tolerance float64
	// Alive is the number of the previous population within the
	// tolerance, which the population is resampled from; its ESS.
	Alive int
	// Simulations is the number of proposals simulated (those inside the
	// prior), Accepted the number accepted.
	Simulations, Accepted int
	// Undefined counts simulations with an undefined fit statistic (or
	// that failed): their distance is +Inf.
	Undefined int
	// AcceptanceRate is Accepted / particles.
	AcceptanceRate float64
}

// Outcome is what Run reports.
type Outcome struct {
	// Dir is the output directory.
	Dir string
	// Generations summarises each generation.
	Generations []Generation
	// Already says that the directory already held the complete result.
	Already bool
	// Partial says that a shard's part of a generation was done and the
	// calibration is not complete.
	Partial bool
	// Posterior summarises the posterior of each parameter.
	Posterior []Marginal
	// Predictive compares each statistic's posterior predictive with its
	// observation.
	Predictive []Prediction
}

// state is the content of calibration.json.
type state struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	SHA256  string `json:"sha256"`
	Version string `json:"skillsim_version"`
}

// Run runs the calibration c into dir (docs/calibration.md): generation
// after generation, each a batch of simulations journalled as they
// finish, the population written as gen-NNN.csv when the batch is done,
// and at the end the posterior, the generations, the posterior
// predictive and the figures as one set with manifest.json. It locks dir
// while it works. When ctx is cancelled the simulations in flight finish
// and are journalled; rerun with opt.Resume to go on. The result is byte
// for byte the same whatever opt.Workers, however often it was
// interrupted, and however the generations' simulations were sharded.
func Run(ctx context.Context, c *Calibration, dir string, opt Options) (*Outcome, error) {
	if opt.Shard.N >= 2 {
		return c.runShard(ctx, dir, opt)
	}
	release, err := lock(dir)
	if err != nil {
		return nil, err
	}
	defer release()
	if err := c.checkState(dir, opt.Resume); err != nil {
		return nil, err
	}
	out := &Outcome{Dir: dir}
	if outdir.Exists(dir, FileManifest) {
		out.Already = true
		logf(opt.Log, "%s is already complete", dir)
	}
	pops, err := c.readGenerations(dir)
	if err != nil {
		return nil, err
	}
	if len(pops) > 0 && !out.Already {
		logf(opt.Log, "resuming %s: %d generation(s) done", dir, len(pops))
	}
	for steps := 0; !out.Already && !c.stopped(pops); steps++ {
		if opt.Step && steps == 1 {
			out.Partial = true
			return out, nil
		}
		g := len(pops)
		pl := c.plan(g, last(pops))
		if err := importShards(dir, g, len(pl.proposals), len(c.Targets.Statistics), opt.Log); err != nil {
			return nil, err
		}
		stats, complete, err := c.runBatch(ctx, filepath.Join(dir, journalFile(g)), pl, opt)
		if err != nil {
			return nil, err
		}
		if !complete {
			return nil, fmt.Errorf("generation %d is not complete", g)
		}
		pop := c.advance(pl, last(pops), stats)
		if err := outdir.WriteFile(dir, genFile(g), func(w io.Writer) error { return c.writePopulation(w, pop) }); err != nil {
			return nil, err
		}
		os.Remove(filepath.Join(dir, journalFile(g)))
		removeShardJournals(dir, g)
		// Go on from the file, as a resumed run does.
		pop, err = c.readPopulation(filepath.Join(dir, genFile(g)))
		if err != nil {
			return nil, err
		}
		pops = append(pops, pop)
	}
	out.Generations = c.summarise(pops)
	out.Posterior = c.marginals(last(pops))
	out.Predictive = c.predictive(last(pops))
	if out.Already {
		return out, nil
	}
	if err := c.writeResults(dir, pops, out, opt); err != nil {
		return nil, err
	}
	return out, nil
}

// checkState checks that dir may hold this calibration, and records it
// there if it holds none yet.
func (c *Calibration) checkState(dir string, resume bool) error {
	st := state{Kind: "calibration", Name: c.Name, SHA256: c.sum, Version: sim.Version}
	old, err := readState(dir)
	switch {
	case err != nil:
		return &DirError{err}
	case old == nil && resume:
		return &DirError{fmt.Errorf("-resume: %s holds no calibration to resume (no %s): %w", dir, FileState, errNoState)}
	case old == nil && hasGenerations(dir):
		return &DirError{fmt.Errorf("%s holds generation files but no %s; remove them or choose another -out", dir, FileState)}
	case old != nil && old.SHA256 != c.sum:
		return &DirError{fmt.Errorf("%s holds calibration %q begun from other inputs (the calibration file, its base scenario or its targets have changed); choose another -out, or remove %s", dir, old.Name, dir)}
	case old != nil && resume && old.Version != st.Version:
		return &DirError{fmt.Errorf("-resume: %s was begun by skillsim %s, and this is %s; its simulations would not match", dir, old.Version, st.Version)}
	case old != nil && !resume:
		return &DirError{fmt.Errorf("%s already holds calibration %q; pass -resume to continue or finish it, or remove %s to start again", dir, c.Name, dir)}
	case old == nil:
		b, _ := json.MarshalIndent(st, "", "  ")
		return outdir.WriteBytes(dir, FileState, append(b, '\n'))
	}
	return nil
}

// shardDir is the subdirectory of dir that shard s journals into.
func shardDir(dir string, s Shard) string {
	return filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d", s.I, s.N))
}

// runShard runs shard opt.Shard's part of the pending generation.
func (c *Calibration) runShard(ctx context.Context, dir string, opt Options) (*Outcome, error) {
	sub := shardDir(dir, opt.Shard)
	release, err := lock(sub)
	if err != nil {
		return nil, err
	}
	defer release()
	if err := c.checkState(sub, true); err != nil && !errors.Is(err, errNoState) {
		return nil, err
	} else if err != nil {
		if err := c.checkState(sub, false); err != nil {
			return nil, err
		}
	}
	if old, err := readState(dir); err != nil || (old != nil && old.SHA256 != c.sum) {
		return nil, &DirError{fmt.Errorf("%s holds another calibration (or other inputs) than this shard's", dir)}
	}
	pops, err := c.readGenerations(dir)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Dir: dir, Partial: true}
	if c.stopped(pops) {
		logf(opt.Log, "%s has every generation; nothing for shard %d/%d to do", dir, opt.Shard.I, opt.Shard.N)
		return out, nil
	}
	g := len(pops)
	pl := c.plan(g, last(pops))
	if _, _, err := c.runBatch(ctx, filepath.Join(sub, journalFile(g)), pl, opt); err != nil {
		return nil, err
	}
	logf(opt.Log, "shard %d/%d of generation %d is done; when every shard is, run skillsim calibrate -resume without -shard", opt.Shard.I, opt.Shard.N, g)
	return out, nil
}

// importShards copies into dir's journal of generation g the entries of
// the shards' journals (dir/shard-*/gen-NNN.journal) it lacks.
func importShards(dir string, g, n, k int, log io.Writer) error {
	subs, _ := filepath.Glob(filepath.Join(dir, "shard-*-of-*", journalFile(g)))
	if len(subs) == 0 {
		return nil
	}
	j, stats, warning, err := openJournal(filepath.Join(dir, journalFile(g)), n, k)
	if err != nil {
		return err
	}
	defer j.close()
	if warning != "" {
		logf(log, "%s", warning)
	}
	for _, p := range subs {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got := 0
		for len(data) > 0 {
			end := bytes.IndexByte(data, '\n')
			if end < 0 {
				break
			}
			if i, s, ok := parseEntry(data[:end], n, k); ok && stats[i] == nil {
				if err := j.record(i, s); err != nil {
					return err
				}
				stats[i] = s
				got++
			}
			data = data[end+1:]
		}
		logf(log, "took in %d simulations of generation %d from %s", got, g, filepath.Dir(p))
	}
	return j.sync()
}

// removeShardJournals removes the shards' journals of generation g once
// it is complete.
func removeShardJournals(dir string, g int) {
	subs, _ := filepath.Glob(filepath.Join(dir, "shard-*-of-*", journalFile(g)))
	for _, p := range subs {
		os.Remove(p)
	}
}

// A DirError says that a directory cannot be used as asked; nothing was
// changed in it.
type DirError struct{ Err error }

// Error returns the message of the underlying error.
func (e *DirError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *DirError) Unwrap() error { return e.Err }

// errNoState says that a directory holds no calibration.
var errNoState = errors.New("no calibration")

// lock creates dir if need be, locks it and removes what a killed process
// left in it.
func lock(dir string) (release func(), err error) {
	cleanup, err := outdir.Prepare(dir)
	if err != nil {
		return nil, &DirError{fmt.Errorf("output directory: %w", err)}
	}
	l, err := outdir.Acquire(dir, "skillsim calibrate")
	if err != nil {
		cleanup()
		return nil, &DirError{err}
	}
	if err := outdir.Clean(dir, FileManifest, isResult); err != nil {
		l.Release()
		return nil, err
	}
	return func() { l.Release() }, nil
}

// isResult reports whether a file of the directory belongs to the final
// set of results.
func isResult(name string) bool {
	switch name {
	case FilePosterior, FileGenerations, FilePredictive, DirFigures, FileInput:
		return true
	}
	return false
}

func readState(dir string) (*state, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileState))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s state
	if err := json.Unmarshal(b, &s); err != nil || s.Kind != "calibration" {
		return nil, fmt.Errorf("%s: not a calibration's %s", dir, FileState)
	}
	return &s, nil
}

func hasGenerations(dir string) bool {
	return outdir.Exists(dir, genFile(0)) || outdir.Exists(dir, journalFile(0))
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

func last(pops [][]particle) []particle {
	if len(pops) == 0 {
		return nil
	}
	return pops[len(pops)-1]
}

// stopped reports whether the sampler stops after the populations pops:
// the generation cap is reached, or the last generation's moves were
// accepted at less than the minimum rate.
func (c *Calibration) stopped(pops [][]particle) bool {
	g := len(pops)
	if g == 0 {
		return false
	}
	if g >= c.Method.Generations {
		return true
	}
	return g >= 2 && acceptance(pops[g-1]) < c.Method.MinAcceptance
}

func acceptance(pop []particle) float64 {
	n := 0
	for _, p := range pop {
		if p.Accepted {
			n++
		}
	}
	return float64(n) / float64(len(pop))
}

// plan is what generation g simulates: each particle's parent and
// proposal, and the tolerance a proposal must meet.
type plan struct {
	gen       int
	tolerance float64
	alive     int
	parents   []int
	proposals [][]float64
	// run says which proposals passed the prior's part of the
	// Metropolis–Hastings test (plan) and are simulated.
	run []bool
}

// plan makes generation g's plan from the previous population prev (nil
// for g = 0), drawing from the stream (Seed, designStream|g): for g = 0
// N draws from the uniform prior; after, the tolerance ε is the
// α-quantile of prev's distances, N parents are drawn uniformly from the
// particles within ε (resampling; their weights are equal), and each is
// moved by the Gaussian random walk, in the free coordinates (toFree),
// with covariance KernelScale × the covariance of the particles within ε
// there, and simulated with the probability the Jacobian ratio gives.
func (c *Calibration) plan(g int, prev []particle) *plan {
	n := c.Method.Particles
	rng := rand.New(rand.NewPCG(c.Seed, designStream|uint64(g)))
	k := len(c.Params)
	lo, hi := make([]float64, k), make([]float64, k)
	for j, p := range c.Params {
		lo[j], hi[j] = p.Low, p.High
	}
	pl := &plan{gen: g, tolerance: math.Inf(1), alive: n, parents: make([]int, n), proposals: make([][]float64, n), run: make([]bool, n)}
	if g == 0 {
		for i := range n {
			th := make([]float64, k)
			for j := range k {
				th[j] = lo[j] + rng.Float64()*(hi[j]-lo[j])
			}
			pl.parents[i], pl.proposals[i], pl.run[i] = -1, c.round(th), true
		}
		return pl
	}
	d := make([]float64, n)
	for i, p := range prev {
		d[i] = p.Dist
	}
	pl.tolerance = quantile(d, c.Method.Quantile)
	var alive []int
	var pts [][]float64
	for i, p := range prev {
		if p.Dist <= pl.tolerance {
			alive = append(alive, i)
			pts = append(pts, p.Theta)
		}
	}
	pl.alive = len(alive)
	// The walk moves in the unbounded coordinates φ = logit of each
	// parameter's place in its prior's range (free), so that no proposal
	// leaves the prior; the flat prior in θ is, in φ, a density
	// proportional to the Jacobian Π σ(φ)(1 − σ(φ)), whose ratio enters the
	// Metropolis–Hastings test. That part of the test is decided here,
	// before simulating; the tolerance part after.
	unit0, unit1 := make([]float64, k), make([]float64, k)
	for j := range k {
		unit1[j] = 1
	}
	free := make([][]float64, len(pts))
	for i, p := range pts {
		free[i] = toFree(p, lo, hi)
	}
	l := kernel(free, c.Method.KernelScale, unit0, unit1)
	for i := range n {
		par := alive[rng.IntN(len(alive))]
		from := toFree(prev[par].Theta, lo, hi)
		to := propose(rng, from, l)
		th := c.round(toBox(to, lo, hi))
		inside := true
		for j := range k {
			inside = inside && th[j] >= lo[j] && th[j] <= hi[j]
		}
		u := rng.Float64()
		run := inside && math.Log(u) < logJacobian(to)-logJacobian(from)
		pl.parents[i], pl.proposals[i], pl.run[i] = par, th, run
	}
	return pl
}

// round rounds the values of whole-number parameters.
func (c *Calibration) round(th []float64) []float64 {
	for j, p := range c.Params {
		if p.Whole {
			th[j] = math.Round(th[j])
		}
	}
	return th
}

// advance returns generation pl.gen's population: a proposal simulated
// within the tolerance replaces its parent, which otherwise stays.
func (c *Calibration) advance(pl *plan, prev []particle, stats [][]float64) []particle {
	pop := make([]particle, len(pl.proposals))
	for i := range pop {
		d := math.NaN()
		if pl.run[i] {
			d = Distance(c.Targets, stats[i])
		}
		switch {
		case pl.gen == 0:
			pop[i] = particle{Theta: pl.proposals[i], Stats: stats[i], Dist: d, Parent: -1, Simulated: true, Accepted: true}
		case pl.run[i] && d <= pl.tolerance:
			pop[i] = particle{Theta: pl.proposals[i], Stats: stats[i], Dist: d, Parent: pl.parents[i], Simulated: true, Accepted: true}
		default:
			par := prev[pl.parents[i]]
			pop[i] = particle{Theta: par.Theta, Stats: par.Stats, Dist: par.Dist, Parent: pl.parents[i], Simulated: pl.run[i]}
		}
		pop[i].Proposed = d
	}
	return pop
}

// runBatch runs the simulations of plan pl not yet in its journal,
// journalling each as it finishes, and returns every particle's
// statistics (nil for proposals not simulated) and whether all are done.
func (c *Calibration) runBatch(ctx context.Context, path string, pl *plan, opt Options) ([][]float64, bool, error) {
	n := len(pl.proposals)
	j, stats, warning, err := openJournal(path, n, len(c.Targets.Statistics))
	if err != nil {
		return nil, false, err
	}
	defer j.close()
	if warning != "" {
		logf(opt.Log, "%s", warning)
	}
	mine := func(i int) bool { return opt.Shard.N < 2 || i%opt.Shard.N == opt.Shard.I }
	var todo []int
	total, done := 0, 0
	for i := range n {
		if !pl.run[i] || !mine(i) {
			continue
		}
		total++
		if stats[i] != nil {
			done++
		} else {
			todo = append(todo, i)
		}
	}
	var mu sync.Mutex
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(pl.gen, done, total)
		}
	}
	progress()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	simulate := opt.simulate
	if simulate == nil {
		simulate = simulateParticle
	}
	e := experiment.ForPoints(c.Base, c.Seed, c.Params, pl.proposals)
	grp, gctx := errgroup.WithContext(ctx)
	grp.SetLimit(workers)
	for _, i := range todo {
		if gctx.Err() != nil {
			break
		}
		grp.Go(func() error {
			s, err := simulate(gctx, c, e, pl.gen, i)
			if err != nil {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				mu.Lock()
				logf(opt.Log, "generation %d, particle %d: %v (its distance is +Inf)", pl.gen, i, err)
				mu.Unlock()
				s = nanStats(len(c.Targets.Statistics))
			}
			mu.Lock()
			defer mu.Unlock()
			if err := j.record(i, s); err != nil {
				return err
			}
			stats[i] = s
			done++
			progress()
			return nil
		})
	}
	err = grp.Wait()
	if serr := j.sync(); err == nil {
		err = serr
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, false, fmt.Errorf("interrupted in generation %d (%d of %d simulations done); rerun with -resume to go on (journal %s)", pl.gen, done, total, path)
	case err != nil:
		return nil, false, err
	}
	for i := range n {
		if pl.run[i] && stats[i] == nil {
			return stats, false, nil
		}
	}
	return stats, true, nil
}

func nanStats(k int) []float64 {
	s := make([]float64, k)
	for j := range s {
		s[j] = math.NaN()
	}
	return s
}

// simulateParticle runs particle i's proposal of generation g
// Replications times and returns each statistic's mean.
func simulateParticle(ctx context.Context, c *Calibration, e *experiment.Experiment, g, i int) ([]float64, error) {
	return simulateStreams(ctx, c, e, i, func(r int) uint64 { return c.Stream(g, i, r) })
}

// simulateStream runs point 0 of e once, drawing from stream.
func simulateStream(ctx context.Context, c *Calibration, e *experiment.Experiment, stream uint64) ([]float64, error) {
	return simulateStreams(ctx, c, e, 0, func(int) uint64 { return stream })
}

// simulateStreams runs point i of e Replications times, replication r
// drawing from stream(r), and returns each statistic's mean.
func simulateStreams(ctx context.Context, c *Calibration, e *experiment.Experiment, i int, stream func(r int) uint64) ([]float64, error) {
	cfg, err := e.Config(i)
	if err != nil {
		return nil, err
	}
	sectors := make([]string, len(cfg.Sectors))
	for s, sec := range cfg.Sectors {
		sectors[s] = sec.Name
	}
	k := len(c.Targets.Statistics)
	sum := make([]float64, k)
	for r := range c.Method.Replications {
		rep, err := sim.RunStream(ctx, cfg, stream(r))
		if err != nil {
			return nil, err
		}
		for j := range k {
			sum[j] += c.Targets.Statistics[j].Of(&rep, sectors)
		}
	}
	for j := range sum {
		sum[j] /= float64(c.Method.Replications)
	}
	return sum, nil
}

// A journal records the simulations of a generation as they finish, one
// line each: the CRC-32 of the rest of the line in hex, a space, and the
// particle's index and statistics separated by commas.
type journal struct {
	f *os.File
	w *bufio.Writer
}

// openJournal opens (creating it if need be) the journal at path of a
// generation of n particles and k statistics, and returns the statistics
// it holds. An entry that is damaged or half-written, and everything
// after it, is cut off, with a warning.
func openJournal(path string, n, k int) (*journal, [][]float64, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, "", err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, nil, "", err
	}
	stats := make([][]float64, n)
	good, warning := 0, ""
	for good < len(data) {
		end := bytes.IndexByte(data[good:], '\n')
		if end < 0 {
			warning = fmt.Sprintf("%s: cut a half-written last entry", path)
			break
		}
		i, s, ok := parseEntry(data[good:good+end], n, k)
		if !ok {
			warning = fmt.Sprintf("%s: cut a damaged entry at byte %d and what followed", path, good)
			break
		}
		stats[i] = s
		good += end + 1
	}
	if good < len(data) {
		if err := f.Truncate(int64(good)); err != nil {
			f.Close()
			return nil, nil, "", err
		}
	}
	if _, err := f.Seek(int64(good), io.SeekStart); err != nil {
		f.Close()
		return nil, nil, "", err
	}
	return &journal{f: f, w: bufio.NewWriter(f)}, stats, warning, nil
}

func parseEntry(line []byte, n, k int) (int, []float64, bool) {
	sum, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok || len(sum) != 8 {
		return 0, nil, false
	}
	want, err := strconv.ParseUint(string(sum), 16, 32)
	if err != nil || uint32(want) != crc32.ChecksumIEEE(rest) {
		return 0, nil, false
	}
	fields := strings.Split(string(rest), ",")
	if len(fields) != k+1 {
		return 0, nil, false
	}
	i, err := strconv.Atoi(fields[0])
	if err != nil || i < 0 || i >= n {
		return 0, nil, false
	}
	s := make([]float64, k)
	for j := range k {
		if s[j], err = strconv.ParseFloat(fields[j+1], 64); err != nil {
			return 0, nil, false
		}
	}
	return i, s, true
}

// record appends particle i's statistics and writes them to the file.
func (j *journal) record(i int, s []float64) error {
	var b []byte
	b = strconv.AppendInt(b, int64(i), 10)
	for _, v := range s {
		b = append(b, ',')
		b = appendFloat(b, v)
	}
	fmt.Fprintf(j.w, "%08x %s\n", crc32.ChecksumIEEE(b), b)
	return j.w.Flush()
}

func (j *journal) sync() error {
	if err := j.w.Flush(); err != nil {
		return err
	}
	return j.f.Sync()
}

func (j *journal) close() { j.f.Close() }

// appendFloat writes v exactly (the shortest text that reads back as v).
func appendFloat(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// populationHeader is the header of gen-NNN.csv.
func (c *Calibration) populationHeader() []string {
	h := []string{"particle", "parent", "simulated", "accepted", "proposal_distance"}
	for _, p := range c.Params {
		h = append(h, p.Path)
	}
	h = append(h, "distance")
	for _, s := range c.Targets.Statistics {
		h = append(h, s.ID)
	}
	return h
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// writePopulation writes a population as gen-NNN.csv, every number exact.
func (c *Calibration) writePopulation(w io.Writer, pop []particle) error {
	cw := csv.NewWriter(w)
	cw.Write(c.populationHeader())
	for i, p := range pop {
		row := []string{strconv.Itoa(i), strconv.Itoa(p.Parent), b01(p.Simulated), b01(p.Accepted), string(appendFloat(nil, p.Proposed))}
		for _, v := range p.Theta {
			row = append(row, string(appendFloat(nil, v)))
		}
		row = append(row, string(appendFloat(nil, p.Dist)))
		for _, v := range p.Stats {
			row = append(row, string(appendFloat(nil, v)))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// readPopulation reads a gen-NNN.csv.
func (c *Calibration) readPopulation(path string) ([]particle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	head := c.populationHeader()
	if len(rows) != c.Method.Particles+1 || strings.Join(rows[0], ",") != strings.Join(head, ",") {
		return nil, fmt.Errorf("%s: not a population of this calibration (%d rows); remove it to run its generation again", path, len(rows)-1)
	}
	k := len(c.Params)
	pop := make([]particle, c.Method.Particles)
	for i, row := range rows[1:] {
		nums := make([]float64, len(row))
		for j, cell := range row {
			if nums[j], err = strconv.ParseFloat(cell, 64); err != nil {
				return nil, fmt.Errorf("%s: row %d: %w", path, i+1, err)
			}
		}
		pop[i] = particle{Parent: int(nums[1]), Simulated: nums[2] == 1, Accepted: nums[3] == 1, Proposed: nums[4],
			Theta: nums[5 : 5+k : 5+k], Dist: nums[5+k], Stats: nums[6+k:]}
	}
	return pop, nil
}

// readGenerations reads the complete generations in dir, in order.
func (c *Calibration) readGenerations(dir string) ([][]particle, error) {
	var pops [][]particle
	for g := 0; outdir.Exists(dir, genFile(g)); g++ {
		pop, err := c.readPopulation(filepath.Join(dir, genFile(g)))
		if err != nil {
			return nil, err
		}
		pops = append(pops, pop)
	}
	return pops, nil
}

// summarise returns the summary of each generation.
func (c *Calibration) summarise(pops [][]particle) []Generation {
	var out []Generation
	for g, pop := range pops {
		pl := c.plan(g, last(pops[:g]))
		gen := Generation{Index: g, Tolerance: pl.tolerance, Alive: pl.alive}
		for _, p := range pop {
			if p.Simulated {
				gen.Simulations++
			}
			if p.Accepted {
				gen.Accepted++
			}
		}
		for _, p := range pop {
			if p.Simulated && math.IsInf(p.Proposed, 1) {
				gen.Undefined++
			}
		}
		gen.AcceptanceRate = float64(gen.Accepted) / float64(len(pop))
		out = append(out, gen)
	}
	return out
}
