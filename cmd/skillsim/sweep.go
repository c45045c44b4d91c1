package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"skillsim/experiment"
	"skillsim/scenarios"
	"skillsim/sim"
)

var cmdSweep = &Command{
	Name:      "sweep",
	UsageLine: "sweep [-workers N] [-out DIR] [-resume] [-shard i/N] [-plots=false] experiment.yaml",
	Short:     "run an experiment: a design over a base scenario's parameters",
	Long: `Sweep runs every run of an experiment (docs/experiments.md): each design
point of its parameters, with its replications, over a base scenario. Flags
may come before or after the experiment file. When no file of that name
exists, the argument names an example experiment shipped with skillsim
(` + strings.Join(experiment.Shipped(), ", ") + `), so that
"skillsim sweep network-basin" runs one.

The experiment's base is a scenario file, relative to the experiment file's
directory, or, when no such file exists, the name of a shipped scenario
(` + strings.Join(scenarios.Names(), ", ") + `).
Run i of an experiment with master seed S draws from PCG(S, i), so the
results depend neither on -workers (how many runs go at once; default: the
number of CPUs) nor on sharding.

Sweep writes into DIR (default: out/<experiment name>):

	experiment.resolved.yaml  the experiment as run, base scenario in full
	manifest.json             name, seed, runs, design, the SHA-256 of
	                          experiment.resolved.yaml, shard, version
	runs.journal              while running: one row per finished run, in
	                          the order they finish, written at once and
	                          synced at least every second
	runs.csv                  at the end: one row per run, in run order
	timeseries.csv.gz         at the end, when the experiment asks for it

The first two are written before any run; runs.csv is built from the
journal when every run is done, and the journal is then removed. The sweep
keeps in memory only the byte offset of each run's row in the journal, 8
bytes per run (16 with time series), and writes runs.csv by reading the
rows at those offsets in run order, so an experiment's size is bounded by
disk, not memory.

Interrupted (Ctrl-C), sweep lets the runs in flight finish and journals
them; a crash loses at most the runs in flight. -resume continues the sweep
in DIR: it checks that DIR holds the same experiment (the same SHA-256 of
experiment.resolved.yaml), ignores a half-written last line of the journal
and runs only what is missing. The result is byte for byte what an
uninterrupted sweep writes. Without -resume, a DIR that already holds
results of the experiment, or holds another experiment, is refused.

-shard i/N runs only the runs whose index is i modulo N (0 ≤ i < N), into
DIR (default: out/<name>.shard-i-of-N); "skillsim merge" joins the N
shards into what one machine would have written. Without -shard, in a Slurm
array job or a Kubernetes Indexed Job the shard is taken from the
environment (SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or
JOB_COMPLETION_INDEX and SKILLSIM_SHARDS; docs/cluster.md); -shard /N
takes only i from it, and -shard 0/1 runs the whole experiment whatever the
environment says.

A run that fails (a point the model rejects, say) is a row with its error
in the error column, not a failed sweep. When the sweep is complete, and
unsharded, it is analysed as by "skillsim analyze DIR", with figures
unless -plots=false, if this skillsim has that command.

Progress (runs done, runs per second, time left, failures) is shown on
standard error when it is a terminal. The exit status is 0 when every run
succeeded; 1 when any run failed, the sweep was interrupted or could not
write its results; and 2, with nothing created, for a bad flag, an
experiment file that cannot be read or is invalid (each problem as
file:line:col: field: message), or a DIR that cannot be used.
`,
	Run: runSweep,
}

// executeSweep runs an experiment; tests replace it to check that bad
// input stops before any run.
var executeSweep = experiment.Execute

// recorded, when not nil, is called after each run is journalled with the
// number of runs journalled so far by this sweep; tests use it to
// interrupt a sweep.
var recorded func(n int)

// isTerminal reports whether w is a terminal, where progress is shown;
// tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// A manifest is the content of manifest.json: what a sweep directory
// holds. Two directories hold the same experiment when their SHA256s are
// equal.
type manifest struct {
	Name         string   `json:"name"`
	Seed         uint64   `json:"seed"`
	Runs         int      `json:"runs"`
	Replications int      `json:"replications"`
	Method       string   `json:"method"`
	Params       []string `json:"params"`
	Outputs      []string `json:"outputs"`
	Timeseries   bool     `json:"timeseries"`
	SHA256       string   `json:"sha256"`
	Shard        string   `json:"shard"`
	Shards       int      `json:"shards"`
	Version      string   `json:"skillsim_version"`
}

// newManifest returns the manifest of shard s of e, whose resolved form
// has the given SHA-256.
func newManifest(e *experiment.Experiment, sum string, s shard) *manifest {
	m := &manifest{
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

// marshal returns m as indented JSON.
func (m *manifest) marshal() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic("skillsim: " + err.Error())
	}
	return append(b, '\n')
}

// readManifest reads dir/manifest.json; it returns nil and no error when
// there is none.
func readManifest(dir string) (*manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, fileManifest))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := new(manifest)
	if err := json.Unmarshal(b, m); err != nil || m.SHA256 == "" {
		return nil, fmt.Errorf("%s is not a skillsim sweep manifest", filepath.Join(dir, fileManifest))
	}
	return m, nil
}

// describe names the experiment of m for messages.
func (m *manifest) describe() string {
	return fmt.Sprintf("experiment %q (sha256 %.12s)", m.Name, m.SHA256)
}

// part names the shard of m for messages.
func (m *manifest) part() string {
	if m.Shard == "" {
		return "the whole experiment"
	}
	return "shard " + m.Shard
}

// exists reports whether dir/name exists.
func exists(dir, name string) bool {
	_, err := os.Lstat(filepath.Join(dir, name))
	return err == nil
}

// loadExperiment reads and parses an experiment file or a shipped example
// by name. Every error is an inputError.
func loadExperiment(file string) (*experiment.Experiment, error) {
	e, err := experiment.Load(file)
	if err != nil {
		return nil, badInput(err)
	}
	return e, nil
}

func runSweep(ctx context.Context, cmd *Command, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet(cmd)
	workers := fs.Int("workers", 0, "runs at once, `N` (default: the number of CPUs)")
	out := fs.String("out", "", "output directory `DIR` (default: out/<experiment name>, or out/<name>.shard-i-of-N)")
	resume := fs.Bool("resume", false, "continue the interrupted sweep in DIR")
	shardFlag := fs.String("shard", "", "run shard `i/N`: the runs whose index is i modulo N (default: from the environment, or all)")
	plots := fs.Bool("plots", true, "draw figures when analysing the complete sweep (-plots=false to skip)")
	files, err := parseInterspersed(cmd, fs, args, stdout)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(files) != 1 {
		return badInputf("sweep: want one experiment file, got %d (usage: skillsim %s)", len(files), cmd.UsageLine)
	}
	if *workers < 0 {
		return badInputf("sweep: -workers %d: must be at least 1 (or 0 for the number of CPUs)", *workers)
	}
	if set["out"] && *out == "" {
		return badInputf("sweep: -out: the output directory is empty")
	}
	sh, note, err := resolveShard(*shardFlag, set["shard"])
	if err != nil {
		return badInputf("sweep: %w", err)
	}

	e, err := loadExperiment(files[0])
	if err != nil {
		return err
	}
	sh = sh.forExperiment(e)
	resolved, err := e.Resolved()
	if err != nil {
		return fmt.Errorf("sweep: writing the resolved experiment: %w", err)
	}
	sum := sha256.Sum256(resolved)
	m := newManifest(e, hex.EncodeToString(sum[:]), sh)
	dir := *out
	if dir == "" {
		if !isFileName(e.Name) {
			return badInputf("sweep: experiment name %q cannot name an output directory; give -out DIR", e.Name)
		}
		dir = filepath.Join("out", e.Name)
		if !sh.isWhole() {
			dir += fmt.Sprintf(".shard-%d-of-%d", sh.I, sh.N)
		}
	}
	fresh, err := checkSweepDir(dir, m, *resume)
	if err != nil {
		return badInputf("sweep: %w", err)
	}
	if note != "" {
		fmt.Fprintf(stderr, "skillsim: sweep: %s\n", note)
	}

	cleanup, err := prepareDir(dir)
	if err != nil {
		return badInputf("sweep: output directory: %w", err)
	}
	j := newJournal(e, dir, sh)
	if fresh {
		for _, f := range []struct {
			name string
			data []byte
		}{{fileExperiment, resolved}, {fileManifest, m.marshal()}} {
			if err := writeFileAtomic(dir, f.name, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
				cleanup()
				return fmt.Errorf("sweep: %w", err)
			}
		}
		if err := j.create(); err != nil {
			return fmt.Errorf("sweep: %w", err)
		}
	} else if exists(dir, fileRuns) && !exists(dir, fileJournal) {
		fmt.Fprintf(stderr, "skillsim: sweep: %s is already complete\n", dir)
		return finishSweep(ctx, dir, sh, nil, *plots, stdout, stderr)
	} else {
		warning, err := j.open()
		if err != nil {
			j.close()
			return fmt.Errorf("sweep: %w", err)
		}
		if warning != "" {
			printError(stderr, errors.New("sweep: "+warning))
		}
		fmt.Fprintf(stderr, "skillsim: sweep: resuming %s: %d of %d runs done\n", dir, j.done, len(j.offsets))
	}

	t, err := sweepRuns(ctx, j, *workers, stderr)
	if err != nil {
		return err
	}
	return finishSweep(ctx, dir, sh, t, *plots, stdout, stderr)
}

// checkSweepDir checks that a sweep of the experiment of m may write into
// dir, and reports whether it starts afresh there (no results of it yet).
func checkSweepDir(dir string, m *manifest, resume bool) (fresh bool, err error) {
	old, err := readManifest(dir)
	if err != nil {
		return false, err
	}
	results := exists(dir, fileJournal) || exists(dir, fileRuns)
	switch {
	case old == nil && resume:
		return false, fmt.Errorf("-resume: %s holds no sweep to resume (no %s)", dir, fileManifest)
	case old == nil && results:
		return false, fmt.Errorf("%s holds %s or %s but no %s; remove them or choose another -out", dir, fileRuns, fileJournal, fileManifest)
	case old == nil:
		return true, nil
	case old.SHA256 != m.SHA256:
		why := ""
		if resume && old.Name == m.Name {
			why = "; the experiment or its base scenario has changed since the sweep began"
		}
		return false, fmt.Errorf("%s holds %s, not this %s%s; choose another -out, or remove %s", dir, old.describe(), m.describe(), why, dir)
	case old.Shard != m.Shard:
		return false, fmt.Errorf("%s holds %s of this experiment, not %s; give the same -shard, or another -out", dir, old.part(), m.part())
	case resume && old.Version != m.Version:
		return false, fmt.Errorf("-resume: %s was begun by skillsim %s, and this is %s; its runs would not match", dir, old.Version, m.Version)
	case !resume && results:
		return false, fmt.Errorf("%s already holds results of %s; pass -resume to continue or finish it, or remove %s to start again", dir, m.describe(), dir)
	}
	return !results, nil
}

// sweepRuns runs the runs of j's shard that are not done yet, journalling
// each as it finishes, and when all are done builds runs.csv. It returns
// the tally of runs.csv.
func sweepRuns(ctx context.Context, j *journal, workers int, stderr io.Writer) (*tally, error) {
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
	var p *progress
	if isTerminal(stderr) {
		stderr = &lockedWriter{w: stderr}
		p = newProgress(stderr, len(j.offsets), j.done)
	} else {
		stderr = &lockedWriter{w: stderr}
	}
	p.update(j.done, j.failed, true)
	// Say at once that an interruption was heard: the runs in flight may
	// take a while to finish.
	said := make(chan struct{})
	heard := context.AfterFunc(ctx, func() {
		defer close(said)
		p.end()
		fmt.Fprintf(stderr, "skillsim: sweep: interrupted; finishing the runs in flight\n")
	})
	stopSync := j.syncEach(syncEvery)
	session := 0
	err := executeSweep(ctx, j.e, experiment.ExecOptions{Workers: workers, Include: include}, func(r *experiment.Result) error {
		if err := j.record(r); err != nil {
			return err
		}
		session++
		p.update(j.done, j.failed, false)
		if recorded != nil {
			recorded(session)
		}
		return nil
	})
	if !heard() {
		<-said // it has run, or is running
	}
	if serr := stopSync(); err == nil && serr != nil {
		err = serr
	}
	p.update(j.done, j.failed, true)
	p.end()
	if cerr := j.sync(); err == nil && cerr != nil {
		err = cerr
	}
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		j.close()
		return nil, fmt.Errorf("sweep: interrupted: %d of %d runs done; rerun with -resume to finish (results in %s)", j.done, len(j.offsets), j.dir)
	case err != nil:
		j.close()
		return nil, fmt.Errorf("sweep: %w (%d of %d runs done; rerun with -resume to finish)", err, j.done, len(j.offsets))
	case !j.complete():
		j.close()
		return nil, fmt.Errorf("sweep: only %d of %d runs were done; rerun with -resume to finish", j.done, len(j.offsets))
	}
	t, err := j.finish()
	if err != nil {
		j.close()
		return nil, fmt.Errorf("sweep: writing %s: %w", fileRuns, err)
	}
	return t, nil
}

// finishSweep reports a complete sweep (or shard) in dir, analyses it when
// it is the whole experiment, and returns an error when any run failed. t
// is the tally of runs.csv, or nil to count it from the file.
func finishSweep(ctx context.Context, dir string, sh shard, t *tally, plots bool, stdout, stderr io.Writer) error {
	if t == nil {
		var err error
		if t, err = tallyFile(filepath.Join(dir, fileRuns)); err != nil {
			return fmt.Errorf("sweep: %w", err)
		}
	}
	what := "sweep"
	if !sh.isWhole() {
		what = "shard " + sh.String()
	}
	fmt.Fprintf(stdout, "%s: %s\n", what, t)
	if sh.isWhole() {
		if err := analyzeAfter(ctx, dir, plots, stdout, stderr); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "when every shard is done: skillsim merge SHARD_DIR...\n")
	}
	fmt.Fprintf(stdout, "results in %s\n", dir)
	if t.failed > 0 {
		return fmt.Errorf("sweep: %d of %d runs failed; their errors are in the error column of %s", t.failed, t.runs, filepath.Join(dir, fileRuns))
	}
	return nil
}

// tallyFile tallies the rows of a runs.csv file.
func tallyFile(path string) (*tally, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := newRowReader(f)
	header, err := r.header()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := newTally(header)
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

// findCommand is lookup, set by init: analyzeAfter cannot call lookup
// directly, as the command table refers to the commands that use it.
var findCommand func(name string) *Command

func init() { findCommand = lookup }

// analyzeAfter analyses the complete sweep in dir as "skillsim analyze
// [-plots=BOOL] DIR" would, when skillsim has an analyze command. A failure is
// reported as a runtime error (exit status 1), even when analyze calls it
// bad input: the sweep's input was good.
func analyzeAfter(ctx context.Context, dir string, plots bool, stdout, stderr io.Writer) error {
	c := findCommand("analyze")
	if c == nil {
		if plots {
			fmt.Fprintf(stderr, "skillsim: -plots: this skillsim cannot analyse or plot; the results are not analysed\n")
		}
		return nil
	}
	args := []string{dir}
	if hasFlag(ctx, c, "plots") {
		args = []string{fmt.Sprintf("-plots=%t", plots), dir}
	} else if plots {
		fmt.Fprintf(stderr, "skillsim: -plots: skillsim analyze cannot draw figures yet; analysing without them\n")
	}
	if err := c.Run(ctx, c, args, stdout, stderr); err != nil {
		return fmt.Errorf("the runs are complete in %s, but analysing them failed: %v", dir, err)
	}
	return nil
}

// hasFlag reports whether command c has the flag -name, by the flags its
// -h lists.
func hasFlag(ctx context.Context, c *Command, name string) bool {
	var help strings.Builder
	c.Run(ctx, c, []string{"-h"}, &help, io.Discard)
	return strings.Contains(help.String(), "  -"+name+" ") || strings.Contains(help.String(), "  -"+name+"\n")
}

// A lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// A progress line shows on a terminal how a sweep is going. Its methods
// may be called from several goroutines.
type progress struct {
	mu               sync.Mutex
	w                io.Writer
	total, startDone int
	start, last      time.Time
	width            int // of the line last drawn
}

// newProgress returns the progress line, on w, of a sweep of total runs,
// done of them before it began. A nil *progress shows nothing.
func newProgress(w io.Writer, total, done int) *progress {
	return &progress{w: w, total: total, startDone: done, start: time.Now()}
}

// update redraws the line with done runs, failed of them, at most ten
// times a second unless force.
func (p *progress) update(done, failed int, force bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	line := fmt.Sprintf("%d/%d runs", done, p.total)
	if n := done - p.startDone; n > 0 && elapsed > 0 {
		rate := float64(n) / elapsed
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  %.3g runs/s  ETA %s", rate, eta)
	}
	line += fmt.Sprintf("  %d failed", failed)
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// end ends the progress line, if one is drawn.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintln(p.w)
		p.width = 0
	}
}
