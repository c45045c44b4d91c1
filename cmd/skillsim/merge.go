package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"skillsim/experiment"
)

var cmdMerge = &Command{
	Name:      "merge",
	UsageLine: "merge [-out DIR] [-plots=false] SHARD_DIR...",
	Short:     "join the shards of a sweep into one result",
	Long: `Merge joins the output directories of the N shards of a sweep (skillsim
sweep -shard i/N) into DIR, byte for byte what one sweep on one machine
would have written: experiment.resolved.yaml, manifest.json, runs.csv and,
when the experiment asks for it, timeseries.csv.gz. Flags may come before
or after the directories. DIR defaults to out/<experiment name>.

Merge first checks that the directories hold shards of one experiment (the
same SHA-256 of experiment.resolved.yaml, the same N and skillsim
version), that each shard 0..N−1 is given exactly once, and that each is
complete (runs.csv written, no runs.journal left). If any check fails, or
DIR already holds a sweep, it writes nothing and exits with status 2.

It reads the shards' files once, side by side, in run order (run i is in
shard i mod N), so it holds one row at a time in memory. When it is done it
analyses DIR as "skillsim analyze DIR" (-plots: with figures) would, if
this skillsim has that command. Failed runs are reported but do not change
the exit status, 0.
`,
	Run: runMerge,
}

// A shardDir is one shard's output directory, as merge reads it.
type shardDir struct {
	dir   string
	m     *manifest
	shard shard
}

func runMerge(ctx context.Context, cmd *Command, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet(cmd)
	out := fs.String("out", "", "output directory `DIR` (default: out/<experiment name>)")
	plots := fs.Bool("plots", true, "draw figures when analysing the merged sweep (-plots=false to skip)")
	dirs, err := parseInterspersed(cmd, fs, args, stdout)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(dirs) == 0 {
		return badInputf("merge: no shard directories given (usage: skillsim %s)", cmd.UsageLine)
	}
	if set["out"] && *out == "" {
		return badInputf("merge: -out: the output directory is empty")
	}
	shards, err := checkShards(dirs)
	if err != nil {
		return badInputf("merge: %w", err)
	}
	m := *shards[0].m
	m.Shard, m.Shards = "", 1
	dir := *out
	if dir == "" {
		if !isFileName(m.Name) {
			return badInputf("merge: experiment name %q cannot name an output directory; give -out DIR", m.Name)
		}
		dir = filepath.Join("out", m.Name)
	}
	for _, s := range shards {
		if sameDir(dir, s.dir) {
			return badInputf("merge: the output directory %s is shard %s; choose another -out", dir, s.m.Shard)
		}
	}
	for _, name := range []string{fileManifest, fileRuns, fileJournal, fileExperiment} {
		if exists(dir, name) {
			return badInputf("merge: %s already holds a sweep (%s); remove it or choose another -out", dir, name)
		}
	}
	resolvedFile := filepath.Join(shards[0].dir, fileExperiment)
	resolved, err := os.ReadFile(resolvedFile)
	if err != nil {
		return badInputf("merge: %w", err)
	}
	e, err := experiment.Parse(resolvedFile, resolved, nil)
	if err != nil {
		return badInputf("merge: the resolved experiment does not parse:\n%w", err)
	}
	if e.Runs() != m.Runs {
		return badInputf("merge: %s has %d runs, but its manifest says %d", resolvedFile, e.Runs(), m.Runs)
	}
	part := shard{N: shards[0].shard.N}.forExperiment(e)

	cleanup, err := prepareDir(dir)
	if err != nil {
		return badInputf("merge: output directory: %w", err)
	}
	var written []string
	fail := func(err error) error {
		for _, name := range written {
			os.Remove(filepath.Join(dir, name))
		}
		cleanup()
		return err
	}
	var t *tally
	err = writeFileAtomic(dir, fileRuns, func(w io.Writer) error {
		var err error
		t, err = mergeRows(w, shards, e, part)
		return err
	})
	if err != nil {
		return fail(badInputf("merge: %w", err))
	}
	written = append(written, fileRuns)
	if m.Timeseries {
		err := writeFileAtomic(dir, fileSeries, func(w io.Writer) error { return mergeSeries(w, shards, e.Runs(), part) })
		if err != nil {
			return fail(badInputf("merge: %w", err))
		}
		written = append(written, fileSeries)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{fileExperiment, resolved}, {fileManifest, m.marshal()}} {
		if err := writeFileAtomic(dir, f.name, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return fail(fmt.Errorf("merge: %w", err))
		}
		written = append(written, f.name)
	}

	fmt.Fprintf(stdout, "merged %d shards: %s\n", len(shards), t)
	if err := analyzeAfter(ctx, dir, *plots, stdout, stderr); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "results in %s\n", dir)
	return err
}

// sameDir reports whether a and b name the same existing directory.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// checkShards reads the manifests of dirs and checks that they are the
// shards 0..N−1 of one experiment, each once and complete. It returns them
// in shard order.
func checkShards(dirs []string) ([]shardDir, error) {
	var shards []shardDir
	for _, d := range dirs {
		m, err := readManifest(d)
		if err != nil {
			return nil, err
		}
		if m == nil {
			if _, err := os.Stat(d); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%s is not a sweep directory: it has no %s", d, fileManifest)
		}
		s, err := parseShard(m.Shard)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(d, fileManifest), err)
		}
		if s.isWhole() {
			return nil, fmt.Errorf("%s holds the whole of %s, not a shard", d, m.describe())
		}
		if s.N != m.Shards {
			return nil, fmt.Errorf("%s: shard %s of %d shards", filepath.Join(d, fileManifest), m.Shard, m.Shards)
		}
		shards = append(shards, shardDir{d, m, s})
	}
	first := shards[0]
	for _, s := range shards[1:] {
		switch {
		case s.m.SHA256 != first.m.SHA256:
			return nil, fmt.Errorf("%s and %s hold different experiments: %s and %s", first.dir, s.dir, first.m.describe(), s.m.describe())
		case s.shard.N != first.shard.N:
			return nil, fmt.Errorf("%s and %s split the experiment into different numbers of shards: %d and %d", first.dir, s.dir, first.shard.N, s.shard.N)
		case s.m.Version != first.m.Version:
			return nil, fmt.Errorf("%s and %s were written by different versions of skillsim: %s and %s", first.dir, s.dir, first.m.Version, s.m.Version)
		}
	}
	slices.SortStableFunc(shards, func(a, b shardDir) int { return a.shard.I - b.shard.I })
	var missing []string
	next := 0
	for k, s := range shards {
		if k > 0 && s.shard.I == shards[k-1].shard.I {
			return nil, fmt.Errorf("shard %s is given twice: %s and %s", s.m.Shard, shards[k-1].dir, s.dir)
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
		return nil, fmt.Errorf("shards missing of %s: %s (of 0–%d)", first.m.describe(), strings.Join(missing, ", "), first.shard.N-1)
	}
	for _, s := range shards {
		switch {
		case exists(s.dir, fileJournal) || !exists(s.dir, fileRuns):
			return nil, fmt.Errorf("shard %s in %s is not complete (no %s yet); finish it with skillsim sweep -resume -shard %s -out %s", s.m.Shard, s.dir, fileRuns, s.m.Shard, s.dir)
		case s.m.Timeseries && !exists(s.dir, fileSeries):
			return nil, fmt.Errorf("shard %s in %s has no %s", s.m.Shard, s.dir, fileSeries)
		}
		b, err := os.ReadFile(filepath.Join(s.dir, fileExperiment))
		if err != nil {
			return nil, err
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != s.m.SHA256 {
			return nil, fmt.Errorf("%s does not match the SHA-256 in %s: the directory was changed", filepath.Join(s.dir, fileExperiment), fileManifest)
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

// rowRun returns the run index at the start of a runs.csv row.
func rowRun(row []byte) (int, bool) {
	i := bytes.IndexByte(row, ',')
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(row[:i]))
	return n, err == nil && n >= 0
}

// mergeRows writes to w the header and rows of the shards' runs.csv files
// of e in run order and returns their tally. Run i is the next row of
// shard part.of(i): i mod N, or for hysteresis its replication mod N.
func mergeRows(w io.Writer, shards []shardDir, e *experiment.Experiment, part shard) (*tally, error) {
	want := csvHeader(e)
	readers := make([]*rowReader, len(shards))
	for k, s := range shards {
		f, err := os.Open(filepath.Join(s.dir, fileRuns))
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
	t := newTally(e.Header())
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(want)
	for run := range e.Runs() {
		k := part.of(run)
		name := filepath.Join(shards[k].dir, fileRuns)
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
			return nil, fmt.Errorf("%s has rows beyond the experiment's %d runs", filepath.Join(shards[k].dir, fileRuns), e.Runs())
		}
	}
	return t, bw.Flush()
}

// mergeSeries writes to w the shards' timeseries.csv.gz files in run
// order. Each file is a gzip member holding the header and then one member
// per run, in the shard's run order; each member is decompressed and
// compressed again alone, which gives the bytes one sweep would write.
func mergeSeries(w io.Writer, shards []shardDir, runs int, part shard) error {
	type reader struct {
		name string
		br   *bufio.Reader
		z    *gzip.Reader
	}
	readers := make([]reader, len(shards))
	var header []byte
	for k, s := range shards {
		name := filepath.Join(s.dir, fileSeries)
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
			if got, ok := rowRun(plain.Bytes()); !ok || got != run {
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
