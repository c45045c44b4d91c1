package sweep

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"skillsim/experiment"
	"skillsim/outdir"
	"skillsim/scenarios"
)

// MergeOptions controls a Merge.
type MergeOptions struct {
	// Out is the output directory; "" means out/<experiment name>.
	Out string
	// Log receives notes, one a line (nil: none).
	Log io.Writer
	// Analysis, if not nil, analyses the merged sweep, as Analyze does.
	Analysis *AnalyzeOptions

	step stepHook // tests only: called between writes
}

// Merge joins the output directories of the N shards of a sweep into
// opt.Out, byte for byte what one sweep on one machine would have
// written: experiment.resolved.yaml, runs.csv and, when the experiment
// asks for it, timeseries.csv.gz, and manifest.json, written first
// without its list of files and last with it.
//
// Merge first checks that dirs hold shards of one experiment (the same
// SHA-256 of experiment.resolved.yaml, the same N and skillsim version),
// each shard 0..N−1 once and complete; otherwise, or when opt.Out holds
// another sweep or is locked, it returns a *DirError and writes nothing.
// It reads the shards' files once, side by side, in run order, holding
// one row at a time in memory. A merge that was killed is finished by
// running it again; a complete one is left as it is.
func Merge(ctx context.Context, dirs []string, opt MergeOptions) (*Outcome, error) {
	if len(dirs) == 0 {
		return nil, dirErrorf("no shard directories given")
	}
	shards, err := checkShards(dirs)
	if err != nil {
		return nil, err
	}
	m := *shards[0].m
	m.Shard, m.Shards, m.Files = "", 1, nil
	dir := opt.Out
	if dir == "" {
		if !filepath.IsLocal(m.Name) || filepath.Base(m.Name) != m.Name {
			return nil, dirErrorf("experiment name %q cannot name an output directory; give -out DIR", m.Name)
		}
		dir = filepath.Join("out", m.Name)
	}
	for _, s := range shards {
		if sameDir(dir, s.dir) {
			return nil, dirErrorf("the output directory %s is shard %s; choose another -out", dir, s.m.Shard)
		}
	}
	if err := checkMergeDir(dir, &m); err != nil {
		return nil, err
	}
	resolvedFile := filepath.Join(shards[0].dir, FileExperiment)
	resolved, err := scenarios.ReadFile(resolvedFile)
	if err != nil {
		return nil, &DirError{err}
	}
	e, err := experiment.Parse(resolvedFile, resolved, nil)
	if err != nil {
		return nil, dirErrorf("the resolved experiment does not parse:\n%w", err)
	}
	if e.Runs() != m.Runs {
		return nil, dirErrorf("%s has %d runs, but its manifest says %d", resolvedFile, e.Runs(), m.Runs)
	}
	part := Shard{N: shards[0].shard.N}.ForExperiment(e)

	release, err := lockDir(dir, "skillsim merge")
	if err != nil {
		return nil, err
	}
	defer release(false)
	// Checked again under the lock: another merge may have finished.
	if err := checkMergeDir(dir, &m); err != nil {
		return nil, err
	}
	opt.step.at("locked")
	out := &Outcome{Dir: dir}
	if old, _ := ReadManifest(dir); old != nil && old.Complete() {
		if _, err := Verify(dir); err != nil {
			return nil, err
		}
		logf(opt.Log, "%s already holds the merged sweep", dir)
		if out.Tally, err = tallyFile(filepath.Join(dir, FileRuns), e); err != nil {
			return nil, err
		}
		out.Already = true
	} else {
		if err := outdir.WriteBytes(dir, FileManifest, m.marshal()); err != nil {
			return nil, err
		}
		opt.step.at("manifest begun")
		if err := outdir.WriteBytes(dir, FileExperiment, resolved); err != nil {
			return nil, err
		}
		opt.step.at("experiment written")
		err = outdir.WriteFile(dir, FileRuns, func(w io.Writer) error {
			var err error
			out.Tally, err = mergeRows(w, shards, e, part)
			return err
		})
		if err != nil {
			return nil, &DirError{err}
		}
		opt.step.at("runs written")
		if m.Timeseries {
			err := outdir.WriteFile(dir, FileSeries, func(w io.Writer) error { return mergeSeries(w, shards, e.Runs(), part) })
			if err != nil {
				return nil, &DirError{err}
			}
			opt.step.at("series written")
		}
		if err := m.finish(dir); err != nil {
			return nil, err
		}
		opt.step.at("manifest complete")
	}
	if opt.Analysis != nil {
		aopt := *opt.Analysis
		aopt.step = opt.step
		a, err := analyzeLocked(ctx, dir, &m, aopt)
		if err != nil {
			return nil, fmt.Errorf("the shards are merged in %s, but analysing them failed: %v", dir, err)
		}
		out.Analysis = a
	}
	return out, nil
}

// checkMergeDir checks that a merge of the experiment of m may write into
// dir: it holds nothing, or a merge of the same experiment, finished or
// not.
func checkMergeDir(dir string, m *Manifest) error {
	old, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	if old == nil {
		for _, name := range []string{FileRuns, FileJournal, FileExperiment} {
			if outdir.Exists(dir, name) {
				return dirErrorf("%s already holds a sweep (%s) with no %s; remove it or choose another -out", dir, name, FileManifest)
			}
		}
		return nil
	}
	if old.SHA256 != m.SHA256 || old.Shard != "" || old.Version != m.Version {
		return dirErrorf("%s already holds %s (%s); remove it or choose another -out", dir, old.describe(), old.part())
	}
	return nil
}

// sameDir reports whether a and b name the same existing directory.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// A shardDir is one shard's output directory, as merge reads it.
type shardDir struct {
	dir   string
	m     *Manifest
	shard Shard
}

// checkShards reads the manifests of dirs and checks that they are the
// shards 0..N−1 of one experiment, each once and complete. It returns them
// in shard order.
func checkShards(dirs []string) ([]shardDir, error) {
	var shards []shardDir
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, err
		}
		if m == nil {
			if _, err := os.Stat(d); err != nil {
				return nil, &DirError{err}
			}
			return nil, dirErrorf("%s is not a sweep directory: it has no %s", d, FileManifest)
		}
		s, err := ParseShard(m.Shard)
		if err != nil {
			return nil, dirErrorf("%s: %w", filepath.Join(d, FileManifest), err)
		}
		if s.IsWhole() {
			return nil, dirErrorf("%s holds the whole of %s, not a shard", d, m.describe())
		}
		if s.N != m.Shards {
			return nil, dirErrorf("%s: shard %s of %d shards", filepath.Join(d, FileManifest), m.Shard, m.Shards)
		}
		shards = append(shards, shardDir{d, m, s})
	}
	first := shards[0]
	for _, s := range shards[1:] {
		switch {
		case s.m.SHA256 != first.m.SHA256:
			return nil, dirErrorf("%s and %s hold different experiments: %s and %s", first.dir, s.dir, first.m.describe(), s.m.describe())
		case s.shard.N != first.shard.N:
			return nil, dirErrorf("%s and %s split the experiment into different numbers of shards: %d and %d", first.dir, s.dir, first.shard.N, s.shard.N)
		case s.m.Version != first.m.Version:
			return nil, dirErrorf("%s and %s were written by different versions of skillsim: %s and %s", first.dir, s.dir, first.m.Version, s.m.Version)
		}
	}
	slices.SortStableFunc(shards, func(a, b shardDir) int { return a.shard.I - b.shard.I })
	var missing []string
	next := 0
	for k, s := range shards {
		if k > 0 && s.shard.I == shards[k-1].shard.I {
			return nil, dirErrorf("shard %s is given twice: %s and %s", s.m.Shard, shards[k-1].dir, s.dir)
		}
		for ; next < s.shard.I; next++ {
			missing = append(missing, strconv.Itoa(next))
		}
		next = s.shard.I + 1
	}
	for ; next < first.shard.N; next++ {
		missing = append(missing, strconv.Itoa(next))
	}
	if len(missing) > 0 {
		return nil, dirErrorf("shards missing of %s: %s (of 0–%d)", first.m.describe(), strings.Join(missing, ", "), first.shard.N-1)
	}
	for _, s := range shards {
		m, err := ReadManifest(s.dir)
		if err != nil {
			return nil, err
		}
		if !m.Complete() {
			return nil, dirErrorf("shard %s in %s is not complete (no %s yet); finish it with skillsim sweep -resume -shard %s -out %s", s.m.Shard, s.dir, FileRuns, s.m.Shard, s.dir)
		}
		if err := m.checkResolved(s.dir); err != nil {
			return nil, err
		}
		if _, err := Verify(s.dir); err != nil {
			return nil, err
		}
	}
	return shards, nil
}

// A rowReader reads a runs.csv file a row at a time.
type rowReader struct {
	br      *bufio.Reader
	scratch []byte
	line    int
}

// newRowReader returns a rowReader of r.
func newRowReader(r io.Reader) *rowReader {
	return &rowReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// header reads the header line and returns its columns.
func (r *rowReader) header() ([]string, error) {
	line, err := r.next()
	if err == io.EOF {
		return nil, errors.New("empty file, no header")
	}
	if err != nil {
		return nil, err
	}
	cols, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	return cols, nil
}

// next returns the next line, newline included, valid until the next
// call, or io.EOF at the end. A last line without its newline is an error.
func (r *rowReader) next() ([]byte, error) {
	line, err := readLine(r.br, &r.scratch)
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	r.line++
	if err == io.EOF {
		return nil, fmt.Errorf("line %d: cut short", r.line)
	}
	return line, err
}

// mergeRows writes to w the header and rows of the shards' runs.csv files
// of e in run order and returns their tally. Run i is the next row of
// shard part.of(i): i mod N, or for hysteresis its replication mod N.
func mergeRows(w io.Writer, shards []shardDir, e *experiment.Experiment, part Shard) (*Tally, error) {
	want := e.HeaderLine()
	readers := make([]*rowReader, len(shards))
	for k, s := range shards {
		f, err := os.Open(filepath.Join(s.dir, FileRuns))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers[k] = newRowReader(f)
		line, err := readers[k].next()
		if err != nil {
			return nil, fmt.Errorf("%s: no header: %w", f.Name(), err)
		}
		if !bytes.Equal(line, want) {
			return nil, fmt.Errorf("%s: its header is not the experiment's", f.Name())
		}
	}
	t := newTally(e)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(want)
	for run := range e.Runs() {
		k := part.of(run)
		name := filepath.Join(shards[k].dir, FileRuns)
		row, err := readers[k].next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s ends before run %d; the shard is incomplete", name, run)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if got, ok := e.ParseRunIndex(row); !ok || got != run {
			return nil, fmt.Errorf("%s line %d: want the row of run %d", name, readers[k].line, run)
		}
		t.add(row)
		bw.Write(row)
	}
	for k, r := range readers {
		if _, err := r.next(); err != io.EOF {
			return nil, fmt.Errorf("%s has rows beyond the experiment's %d runs", filepath.Join(shards[k].dir, FileRuns), e.Runs())
		}
	}
	return t, bw.Flush()
}

// mergeSeries writes to w the shards' timeseries.csv.gz files in run
// order. Each file is a gzip member holding the header and then one member
// per run, in the shard's run order; each member is decompressed and
// compressed again alone, which gives the bytes one sweep would write.
func mergeSeries(w io.Writer, shards []shardDir, runs int, part Shard) error {
	type reader struct {
		name string
		br   *bufio.Reader
		z    *gzip.Reader
	}
	readers := make([]reader, len(shards))
	var header []byte
	for k, s := range shards {
		name := filepath.Join(s.dir, FileSeries)
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		br := bufio.NewReaderSize(f, 64<<10)
		z, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		z.Multistream(false)
		h, err := io.ReadAll(z)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if k == 0 {
			header = h
		} else if !bytes.Equal(h, header) {
			return fmt.Errorf("%s: its header differs from shard 0's", name)
		}
		readers[k] = reader{name, br, z}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	zw := gzip.NewWriter(bw)
	if err := gzipMember(zw, header); err != nil {
		return err
	}
	var plain bytes.Buffer
	for run := range runs {
		r := &readers[part.of(run)]
		if err := r.z.Reset(r.br); err == io.EOF {
			return fmt.Errorf("%s ends before run %d; the shard is incomplete", r.name, run)
		} else if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		r.z.Multistream(false)
		plain.Reset()
		if _, err := plain.ReadFrom(r.z); err != nil {
			return fmt.Errorf("%s: run %d: %w", r.name, run, err)
		}
		if plain.Len() > 0 {
			if got, ok := experiment.RowRun(plain.Bytes()); !ok || got != run {
				return fmt.Errorf("%s: want the series of run %d", r.name, run)
			}
		}
		zw.Reset(bw)
		if err := gzipMember(zw, plain.Bytes()); err != nil {
			return err
		}
	}
	for _, r := range readers {
		if err := r.z.Reset(r.br); err != io.EOF {
			return fmt.Errorf("%s holds series beyond the experiment's %d runs", r.name, runs)
		}
	}
	return bw.Flush()
}
