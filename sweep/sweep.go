package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"skillsim/experiment"
	"skillsim/outdir"
	"skillsim/sim"
)

// A DirError says that a directory cannot be used as asked: it holds
// another experiment, a sweep not complete, files that do not match their
// manifest, or it is locked by another process. Nothing was changed.
type DirError struct{ Err error }

// Error returns the message of the underlying error.
func (e *DirError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *DirError) Unwrap() error { return e.Err }

// dirErrorf formats a DirError.
func dirErrorf(format string, args ...any) error {
	return &DirError{fmt.Errorf(format, args...)}
}

// A Manifest is the content of manifest.json: what a sweep directory
// holds. Two directories hold the same experiment when their SHA256s are
// equal. The manifest is written before the first run, without Files, and
// again when the sweep (or merge) is complete, with the SHA-256 of each
// file of the result: a sweep is complete when Files is not empty.
type Manifest struct {
	Name         string      `json:"name"`
	Seed         uint64      `json:"seed"`
	Runs         int         `json:"runs"`
	Replications int         `json:"replications"`
	Method       string      `json:"method"`
	Params       []string    `json:"params"`
	Outputs      []string    `json:"outputs"`
	Timeseries   bool        `json:"timeseries"`
	SHA256       string      `json:"sha256"` // of experiment.resolved.yaml
	Shard        string      `json:"shard"`
	Shards       int         `json:"shards"`
	Version      string      `json:"skillsim_version"`
	Files        outdir.Sums `json:"files,omitempty"`
}

// NewManifest returns the manifest of shard s of e, whose resolved form
// has the given SHA-256.
func NewManifest(e *experiment.Experiment, sum string, s Shard) *Manifest {
	m := &Manifest{
		Name:         e.Name,
		Seed:         e.Seed,
		Runs:         e.Runs(),
		Replications: e.Replications,
		Method:       e.Method,
		Params:       []string{},
		Outputs:      append([]string{}, e.Outputs...),
		Timeseries:   e.Timeseries,
		SHA256:       sum,
		Shard:        s.String(),
		Shards:       s.N,
		Version:      sim.Version,
	}
	for _, p := range e.Params {
		m.Params = append(m.Params, p.Path)
	}
	return m
}

// Complete reports whether the sweep of m is complete: its result files
// are written and listed.
func (m *Manifest) Complete() bool { return len(m.Files) > 0 }

// marshal returns m as indented JSON.
func (m *Manifest) marshal() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic("sweep: " + err.Error())
	}
	return append(b, '\n')
}

// ReadManifest reads dir/manifest.json; it returns nil and no error when
// there is none.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileManifest))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := new(Manifest)
	if err := json.Unmarshal(b, m); err != nil || m.SHA256 == "" {
		return nil, dirErrorf("%s is not a skillsim sweep manifest", filepath.Join(dir, FileManifest))
	}
	return m, nil
}

// describe names the experiment of m for messages.
func (m *Manifest) describe() string {
	return fmt.Sprintf("experiment %q (sha256 %.12s)", m.Name, m.SHA256)
}

// part names the shard of m for messages.
func (m *Manifest) part() string {
	if m.Shard == "" {
		return "the whole experiment"
	}
	return "shard " + m.Shard
}

// finish writes m with the sums of the result files in dir: the sweep is
// complete.
func (m *Manifest) finish(dir string) error {
	m.Files = outdir.Sums{}
	names := []string{FileExperiment, FileRuns}
	if m.Timeseries {
		names = append(names, FileSeries)
	}
	for _, name := range names {
		sum, err := outdir.SumFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		m.Files[name] = sum
	}
	return outdir.WriteBytes(dir, FileManifest, m.marshal())
}

// checkResolved checks that dir's experiment.resolved.yaml is the one m
// records.
func (m *Manifest) checkResolved(dir string) error {
	sum, err := outdir.SumFile(filepath.Join(dir, FileExperiment))
	if err != nil {
		return &DirError{err}
	}
	if sum != m.SHA256 {
		return dirErrorf("%s was changed after the sweep began: it no longer matches the SHA-256 in %s; restore it, or remove %s to start again",
			filepath.Join(dir, FileExperiment), FileManifest, dir)
	}
	return nil
}

// Verify checks that the complete sweep (or merge) in dir is what its
// manifest says: every result file matches its SHA-256. It returns the
// manifest.
func Verify(dir string) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	switch {
	case m == nil && !outdir.Exists(dir, FileExperiment):
		return nil, dirErrorf("%s is not an experiment directory: it has no %s", dir, FileManifest)
	case m == nil:
		return nil, dirErrorf("%s has no %s: it was written by an older skillsim, or the merge writing it was killed; run the sweep or merge again", dir, FileManifest)
	case !m.Complete():
		return nil, dirErrorf("the sweep in %s is not complete (%s lists no results); finish it with skillsim sweep -resume, or skillsim merge", dir, FileManifest)
	}
	if err := m.Files.Verify(dir); err != nil {
		return nil, &DirError{err}
	}
	return m, nil
}

// Options controls a Sweep.
type Options struct {
	// Workers is the number of runs at once; 0 means the number of CPUs.
	// It never changes the results.
	Workers int
	// Shard is the part of the experiment to run; the zero value is the
	// whole experiment.
	Shard Shard
	// Resume continues the sweep in the directory.
	Resume bool
	// Log receives notes and warnings, one a line (nil: none).
	Log io.Writer
	// Progress, if not nil, is called with the runs done, the failed of
	// them and the total of the shard: once before the first run, after
	// each run is journalled and at the end. Calls are serialised.
	Progress func(done, failed, total int)
	// Analysis, if not nil, analyses the sweep when it is complete and the
	// whole experiment, as Analyze does.
	Analysis *AnalyzeOptions
	// Execute runs the experiment; nil means experiment.Execute.
	Execute func(context.Context, *experiment.Experiment, experiment.ExecOptions, func(*experiment.Result) error) error

	step stepHook // tests only: called between writes
}

// An Outcome is what a sweep or merge reports.
type Outcome struct {
	// Dir is the output directory.
	Dir string
	// Tally counts the runs of runs.csv.
	Tally *Tally
	// Already says that the directory already held the complete result.
	Already bool
	// Analysis is the analysis made at the end, or nil.
	Analysis *Analysis
}

// syncEvery is the longest a journal entry waits for an fsync. Every row
// is written to the file as soon as its run finishes, so a killed process
// loses only the runs in flight; syncEvery bounds what a power cut can
// lose.
const syncEvery = time.Second

// Sweep runs the runs of opt.Shard of experiment e, whose resolved form
// (experiment.Resolved) is resolved, into dir: experiment.resolved.yaml
// and manifest.json first, then a journal of the runs as they finish, and
// at the end runs.csv (and timeseries.csv.gz) in run order and the
// manifest again with their SHA-256 (docs/experiments.md). It locks dir
// while it works, and first removes what a killed process left there.
//
// A directory that cannot be used (another experiment, results of this
// one without opt.Resume, a resolved experiment edited since, a lock held
// by another process) is a *DirError, and nothing is changed. When ctx is
// cancelled the runs in flight finish and are journalled, and the error
// says the sweep was interrupted; rerun with opt.Resume to finish.
func Sweep(ctx context.Context, e *experiment.Experiment, resolved []byte, dir string, opt Options) (*Outcome, error) {
	sh := opt.Shard
	if sh.N == 0 {
		sh = Whole
	}
	sh = sh.ForExperiment(e)
	m := NewManifest(e, outdir.SumBytes(resolved), sh)
	if !opt.Resume {
		// Refuse before creating anything.
		if _, err := checkDir(dir, m, false); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(dir); err != nil {
		return nil, dirErrorf("-resume: %s holds no sweep to resume (%v)", dir, err)
	}
	release, err := lockDir(dir, "skillsim sweep")
	if err != nil {
		return nil, err
	}
	defer release(false)
	state, err := checkDir(dir, m, opt.Resume)
	if err != nil {
		release(true)
		return nil, err
	}
	opt.step.at("locked")
	out := &Outcome{Dir: dir}
	j := newJournal(e, dir, sh)
	switch state {
	case fresh:
		if err := outdir.WriteBytes(dir, FileExperiment, resolved); err != nil {
			return nil, err
		}
		opt.step.at("experiment written")
		if err := outdir.WriteBytes(dir, FileManifest, m.marshal()); err != nil {
			return nil, err
		}
		opt.step.at("manifest begun")
		if err := j.create(); err != nil {
			return nil, err
		}
		opt.step.at("journals created")
	case complete:
		old, err := Verify(dir)
		if err != nil {
			return nil, err
		}
		removeJournals(dir)
		opt.step.at("journals removed")
		logf(opt.Log, "%s is already complete", dir)
		if out.Tally, err = tallyFile(filepath.Join(dir, FileRuns), e); err != nil {
			return nil, err
		}
		out.Already = true
		return out, analyzeAfter(ctx, dir, old, sh, opt, out)
	case partial:
		warning, err := j.open()
		if err != nil {
			j.close()
			return nil, err
		}
		if warning != "" {
			logf(opt.Log, "%s", warning)
		}
		logf(opt.Log, "resuming %s: %d of %d runs done", dir, j.done, len(j.offsets))
	}
	if out.Tally, err = sweepRuns(ctx, j, opt); err != nil {
		return nil, err
	}
	opt.step.at("runs written")
	if err := m.finish(dir); err != nil {
		return nil, err
	}
	opt.step.at("manifest complete")
	removeJournals(dir)
	opt.step.at("journals removed")
	return out, analyzeAfter(ctx, dir, m, sh, opt, out)
}

// lockDir creates dir if need be, locks it for the command what and
// removes what a killed process left in it. release releases the lock
// and, when undo, removes dir again if lockDir created it and it is
// empty; it may be called more than once.
func lockDir(dir, what string) (release func(undo bool), err error) {
	cleanup, err := outdir.Prepare(dir)
	if err != nil {
		return nil, &DirError{fmt.Errorf("output directory: %w", err)}
	}
	lock, err := outdir.Acquire(dir, what)
	if err != nil {
		cleanup()
		return nil, &DirError{err}
	}
	release = func(undo bool) {
		lock.Release()
		if undo {
			cleanup()
		}
	}
	if err := outdir.Clean(dir, FileManifest, noSets); err != nil {
		release(true)
		return nil, err
	}
	return release, nil
}

// analyzeAfter analyses the complete sweep in dir when opt asks and it is
// the whole experiment. A failure is not a DirError: the sweep's input was
// good.
func analyzeAfter(ctx context.Context, dir string, m *Manifest, sh Shard, opt Options, out *Outcome) error {
	if opt.Analysis == nil || !sh.IsWhole() {
		return nil
	}
	aopt := *opt.Analysis
	aopt.step = opt.step
	a, err := analyzeLocked(ctx, dir, m, aopt)
	if err != nil {
		return fmt.Errorf("the runs are complete in %s, but analysing them failed: %v", dir, err)
	}
	out.Analysis = a
	return nil
}

// noSets says that a sweep directory holds no staged sets.
func noSets(string) bool { return false }

// logf writes a line to w, if not nil.
func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// removeJournals removes the journals of a complete sweep.
func removeJournals(dir string) {
	for _, name := range []string{FileJournal, FileSeriesJournal} {
		os.Remove(filepath.Join(dir, name))
	}
}

// The states of a sweep directory.
type dirState int

const (
	fresh    dirState = iota // no results of the experiment yet
	partial                  // a journal of some runs
	complete                 // the result, listed in the manifest
)

// checkDir checks that a sweep of the experiment of m may write into dir,
// and says what it holds.
func checkDir(dir string, m *Manifest, resume bool) (dirState, error) {
	old, err := ReadManifest(dir)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		return 0, &DirError{err}
	}
	if err != nil {
		return 0, err
	}
	results := outdir.Exists(dir, FileJournal) || outdir.Exists(dir, FileRuns)
	switch {
	case old == nil && resume:
		return 0, dirErrorf("-resume: %s holds no sweep to resume (no %s)", dir, FileManifest)
	case old == nil && results:
		return 0, dirErrorf("%s holds %s or %s but no %s; remove them or choose another -out", dir, FileRuns, FileJournal, FileManifest)
	case old == nil:
		return fresh, nil
	case old.SHA256 != m.SHA256:
		why := ""
		if resume && old.Name == m.Name {
			why = "; the experiment or its base scenario has changed since the sweep began"
		}
		return 0, dirErrorf("%s holds %s, not this %s%s; choose another -out, or remove %s", dir, old.describe(), m.describe(), why, dir)
	case old.Shard != m.Shard:
		return 0, dirErrorf("%s holds %s of this experiment, not %s; give the same -shard, or another -out", dir, old.part(), m.part())
	case resume && old.Version != m.Version:
		return 0, dirErrorf("-resume: %s was begun by skillsim %s, and this is %s; its runs would not match", dir, old.Version, m.Version)
	case !resume && (results || old.Complete()):
		return 0, dirErrorf("%s already holds results of %s; pass -resume to continue or finish it, or remove %s to start again", dir, m.describe(), dir)
	}
	if err := old.checkResolved(dir); err != nil {
		return 0, err
	}
	switch {
	case old.Complete():
		return complete, nil
	case results:
		return partial, nil
	}
	return fresh, nil
}

// sweepRuns runs the runs of j's shard that are not done yet, journalling
// each as it finishes, and when all are done builds runs.csv. It returns
// the tally of runs.csv.
func sweepRuns(ctx context.Context, j *journal, opt Options) (*Tally, error) {
	// skip is fixed before the runs start, so Include reads nothing that
	// record writes.
	skip := make([]uint64, (len(j.offsets)+63)/64)
	for k, off := range j.offsets {
		if off >= 0 {
			skip[k/64] |= 1 << (k % 64)
		}
	}
	include := func(run int) bool {
		if !j.shard.includes(run) {
			return false
		}
		k := j.shard.slot(run)
		return skip[k/64]&(1<<(k%64)) == 0
	}
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(j.done, j.failed, len(j.offsets))
		}
	}
	progress()
	// Say at once that an interruption was heard: the runs in flight may
	// take a while to finish.
	heard := context.AfterFunc(ctx, func() {
		logf(opt.Log, "interrupted; finishing the runs in flight")
	})
	defer heard()
	stopSync := j.syncEach(syncEvery)
	execute := opt.Execute
	if execute == nil {
		execute = experiment.Execute
	}
	err := execute(ctx, j.e, experiment.ExecOptions{Workers: opt.Workers, Include: include}, func(r *experiment.Result) error {
		if err := j.record(r); err != nil {
			return err
		}
		opt.step.at("run journalled")
		progress()
		return nil
	})
	if serr := stopSync(); err == nil && serr != nil {
		err = serr
	}
	if cerr := j.sync(); err == nil && cerr != nil {
		err = cerr
	}
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		j.close()
		return nil, fmt.Errorf("interrupted: %d of %d runs done; rerun with -resume to finish (results in %s)", j.done, len(j.offsets), j.dir)
	case err != nil:
		j.close()
		return nil, fmt.Errorf("%w (%d of %d runs done; rerun with -resume to finish)", err, j.done, len(j.offsets))
	case !j.complete():
		j.close()
		return nil, fmt.Errorf("only %d of %d runs were done; rerun with -resume to finish", j.done, len(j.offsets))
	}
	t, err := j.finish()
	if err != nil {
		j.close()
		return nil, fmt.Errorf("writing %s: %w", FileRuns, err)
	}
	return t, nil
}

// tallyFile tallies the rows of a runs.csv file of e.
func tallyFile(path string, e *experiment.Experiment) (*Tally, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := newRowReader(f)
	if _, err := r.header(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := newTally(e)
	for {
		row, err := r.next()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.add(row)
	}
}
