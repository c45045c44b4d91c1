package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"skillsim/experiment"
	"skillsim/model"
)

// The files of a sweep directory (docs/experiments.md).
const (
	fileExperiment    = "experiment.resolved.yaml"
	fileManifest      = "manifest.json"
	fileRuns          = "runs.csv"
	fileJournal       = "runs.journal"
	fileSeries        = "timeseries.csv.gz"
	fileSeriesJournal = "timeseries.journal"
)

// syncEvery is the longest a journal entry waits for an fsync. Every row
// is written to the file as soon as its run finishes, so a killed process
// loses only the runs in flight; syncEvery bounds what a power cut can
// lose.
const syncEvery = time.Second

// A journal records the finished runs of a sweep (or shard) as they finish,
// in completion order, and builds runs.csv and timeseries.csv.gz from them
// in run order.
//
// runs.journal holds one runs.csv row per finished run. timeseries.journal,
// kept when the experiment asks for time series, holds one record per
// finished run: its index and the length n of the gzip member that follows
// (two little-endian uint64s), then the member, which compresses the run's
// rows of timeseries.csv. A run is done when both journals hold it; the
// series is written first.
//
// The journal keeps in memory only the byte offset of each run's row (and
// record), -1 until the run is done: 8 bytes per run of the shard, 16 with
// time series.
type journal struct {
	e     *experiment.Experiment
	dir   string
	shard shard

	rows      *os.File
	rowsSize  int64
	offsets   []int64 // by slot: offset of the run's row in rows, or -1
	series    *os.File
	seriesEnd int64
	seriesOff []int64 // by slot: offset of the run's record in series, or -1; nil without time series

	done, failed int // runs done (both journals), and of those failed

	// mu serialises sync and close with the background syncer; dirty
	// says an entry has been written since the last sync.
	mu    sync.Mutex
	dirty atomic.Bool

	row     []byte
	plain   []byte
	member  bytes.Buffer
	gz      *gzip.Writer
	scratch []byte
}

// newJournal returns the journal of shard s of e in dir, with no file open.
func newJournal(e *experiment.Experiment, dir string, s shard) *journal {
	n := s.count(e.Runs())
	j := &journal{e: e, dir: dir, shard: s, offsets: make([]int64, n)}
	for k := range j.offsets {
		j.offsets[k] = -1
	}
	if e.Timeseries {
		j.seriesOff = make([]int64, n)
		for k := range j.seriesOff {
			j.seriesOff[k] = -1
		}
	}
	return j
}

// create creates empty journals in dir, replacing any.
func (j *journal) create() error {
	var err error
	if j.rows, err = os.OpenFile(filepath.Join(j.dir, fileJournal), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
		return err
	}
	if j.e.Timeseries {
		if j.series, err = os.OpenFile(filepath.Join(j.dir, fileSeriesJournal), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// open opens the journals in dir, creating any that is missing, reads
// which runs they hold and truncates each after its last whole entry. It
// returns a warning when it dropped more than a half-written last entry.
func (j *journal) open() (warning string, err error) {
	if j.rows, err = os.OpenFile(filepath.Join(j.dir, fileJournal), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		return "", err
	}
	var warnings []string
	if j.e.Timeseries {
		if j.series, err = os.OpenFile(filepath.Join(j.dir, fileSeriesJournal), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
			return "", err
		}
		w, err := j.scanSeries()
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", fileSeriesJournal, err)
		}
		if w != "" {
			warnings = append(warnings, w)
		}
	}
	// failed has a bit set for each slot whose row records an error.
	failed := make([]uint64, (len(j.offsets)+63)/64)
	w, err := j.scanRows(failed)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", fileJournal, err)
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	for k, off := range j.offsets {
		if off >= 0 && j.seriesOff != nil && j.seriesOff[k] < 0 {
			j.offsets[k] = -1 // its series is lost: run it again
			continue
		}
		if off >= 0 {
			j.done++
			if failed[k/64]&(1<<(k%64)) != 0 {
				j.failed++
			}
		}
	}
	return joinLines(warnings), nil
}

// scanRows reads runs.journal, records the offset of each run's row (and
// in the bitset failed whether it records an error) and truncates the
// file at its first entry that is not a whole row of one of the shard's
// runs: a half-written last line after a crash.
func (j *journal) scanRows(failed []uint64) (warning string, err error) {
	if _, err := j.rows.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	br := bufio.NewReaderSize(j.rows, 64<<10)
	var off int64
	for {
		line, err := readLine(br, &j.scratch)
		if err == io.EOF && len(line) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return "", err
		}
		run, ok := -1, err == nil // a line without its newline is partial
		if ok {
			run, ok = j.e.ParseRunIndex(line)
		}
		if !ok || run < 0 || run >= j.e.Runs() || !j.shard.includes(run) {
			return j.truncate(j.rows, fileJournal, off, &j.rowsSize, err == io.EOF)
		}
		k := j.shard.slot(run)
		j.offsets[k] = off
		if rowFailed(line) {
			failed[k/64] |= 1 << (k % 64)
		} else {
			failed[k/64] &^= 1 << (k % 64)
		}
		off += int64(len(line))
	}
	j.rowsSize = off
	return "", nil
}

// seriesHeader is the length of a timeseries.journal record's header.
const seriesHeader = 16

// scanSeries reads timeseries.journal like scanRows.
func (j *journal) scanSeries() (warning string, err error) {
	if _, err := j.series.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	br := bufio.NewReaderSize(j.series, 64<<10)
	var off int64
	var head [seriesHeader + 2]byte
	for {
		n, err := io.ReadFull(br, head[:])
		if n == 0 && err == io.EOF {
			break
		}
		if err != nil {
			return j.truncate(j.series, fileSeriesJournal, off, &j.seriesEnd, true)
		}
		run := binary.LittleEndian.Uint64(head[0:])
		size := binary.LittleEndian.Uint64(head[8:])
		// A gzip member starts 1f 8b and is at least 18 bytes long.
		if run >= uint64(j.e.Runs()) || !j.shard.includes(int(run)) ||
			size < 18 || size > 1<<40 || head[16] != 0x1f || head[17] != 0x8b {
			return j.truncate(j.series, fileSeriesJournal, off, &j.seriesEnd, false)
		}
		if _, err := br.Discard(int(size) - 2); err != nil {
			return j.truncate(j.series, fileSeriesJournal, off, &j.seriesEnd, true)
		}
		j.seriesOff[j.shard.slot(int(run))] = off
		off += seriesHeader + int64(size)
	}
	j.seriesEnd = off
	return "", nil
}

// truncate cuts f, the journal called name, at off and sets *size to off.
// Unless only a half-written last entry was cut (what a killed process
// leaves), it returns a warning: the file was damaged, and the runs it
// held after off run again.
func (j *journal) truncate(f *os.File, name string, off int64, size *int64, partial bool) (string, error) {
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if err := f.Truncate(off); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	*size = off
	if partial || st.Size() == off {
		return "", nil
	}
	return fmt.Sprintf("%s: ignored %d damaged bytes from byte %d on; the runs they held run again",
		name, st.Size()-off, off), nil
}

// readLine reads one line including its newline from br; at the end of
// the input it returns what is left with io.EOF. The line is valid until
// the next call.
func readLine(br *bufio.Reader, scratch *[]byte) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return line, err
	}
	*scratch = append((*scratch)[:0], line...)
	for err == bufio.ErrBufferFull {
		line, err = br.ReadSlice('\n')
		*scratch = append(*scratch, line...)
	}
	return *scratch, err
}

// record journals the result of a finished run: its series first, when the
// experiment asks for them, and then its row. Rows are written as soon as
// they are made; syncEach syncs them.
func (j *journal) record(r *experiment.Result) error {
	if r.Run < 0 || r.Run >= j.e.Runs() || !j.shard.includes(r.Run) {
		return fmt.Errorf("run %d is not one of this sweep's runs", r.Run)
	}
	slot := j.shard.slot(r.Run)
	if j.series != nil {
		if err := j.recordSeries(r, slot); err != nil {
			return err
		}
	}
	j.row = j.e.AppendRow(j.row[:0], r)
	n, err := j.rows.WriteAt(j.row, j.rowsSize)
	if err != nil {
		// Cut off what was written, so that the journal stays whole.
		j.rows.Truncate(j.rowsSize)
		return fmt.Errorf("writing %s: %w", fileJournal, err)
	}
	if j.offsets[slot] < 0 {
		j.done++
		if r.Err != nil {
			j.failed++
		}
	}
	j.offsets[slot] = j.rowsSize
	j.rowsSize += int64(n)
	j.dirty.Store(true)
	return nil
}

// syncEach syncs the journals every interval while entries are written,
// until the returned function is called; that returns the first error of
// a sync.
func (j *journal) syncEach(interval time.Duration) (stop func() error) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var err error
	wg.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if j.dirty.Load() {
					if e := j.sync(); e != nil && err == nil {
						err = e
					}
				}
			}
		}
	})
	return func() error {
		close(done)
		wg.Wait()
		return err
	}
}

// recordSeries appends the series record of run r in slot.
func (j *journal) recordSeries(r *experiment.Result, slot int) error {
	j.plain = j.plain[:0]
	for i := range r.Series {
		j.plain = appendSeriesRow(j.plain, r.Run, &r.Series[i])
	}
	j.member.Reset()
	j.member.Write(make([]byte, seriesHeader))
	if err := j.compress(&j.member, j.plain); err != nil {
		return err
	}
	b := j.member.Bytes()
	binary.LittleEndian.PutUint64(b[0:], uint64(r.Run))
	binary.LittleEndian.PutUint64(b[8:], uint64(len(b)-seriesHeader))
	if _, err := j.series.WriteAt(b, j.seriesEnd); err != nil {
		j.series.Truncate(j.seriesEnd)
		return fmt.Errorf("writing %s: %w", fileSeriesJournal, err)
	}
	j.seriesOff[slot] = j.seriesEnd
	j.seriesEnd += int64(len(b))
	return nil
}

// compress writes plain to w as one gzip member.
func (j *journal) compress(w io.Writer, plain []byte) error {
	if j.gz == nil {
		j.gz = gzip.NewWriter(w)
	} else {
		j.gz.Reset(w)
	}
	return gzipMember(j.gz, plain)
}

// gzipMember writes plain through z, which has been reset to its output,
// in one Write, so the member's bytes depend on plain alone.
func gzipMember(z *gzip.Writer, plain []byte) error {
	if _, err := z.Write(plain); err != nil {
		return err
	}
	return z.Close()
}

// seriesHeaderRow returns the header of timeseries.csv.
func seriesHeaderRow() []byte {
	b := []byte("run,step,date")
	for _, m := range model.MetricNames() {
		b = append(b, ',')
		b = append(b, m...)
	}
	return append(b, '\n')
}

// appendSeriesRow appends the timeseries.csv row of observation o of run.
func appendSeriesRow(b []byte, run int, o *model.Observation) []byte {
	b = strconv.AppendInt(b, int64(run), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(o.Step), 10)
	b = append(b, ',')
	b = append(b, o.Date.String()...)
	for _, v := range o.Region {
		b = append(b, ',')
		b = strconv.AppendFloat(b, v, 'g', 8, 64)
	}
	return append(b, '\n')
}

// sync flushes both journals to disk.
func (j *journal) sync() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.dirty.Store(false)
	if j.rows == nil {
		return nil
	}
	if j.series != nil {
		if err := j.series.Sync(); err != nil {
			return err
		}
	}
	return j.rows.Sync()
}

// close syncs and closes the journals.
func (j *journal) close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	var errs []error
	if j.series != nil {
		errs = append(errs, j.series.Sync(), j.series.Close())
		j.series = nil
	}
	if j.rows != nil {
		errs = append(errs, j.rows.Sync(), j.rows.Close())
		j.rows = nil
	}
	return errors.Join(errs...)
}

// complete reports whether every run of the shard is done.
func (j *journal) complete() bool { return j.done == len(j.offsets) }

// doneRun reports whether run is done; it reads only what open set, so it
// may be called from any goroutine while record is not running.
func (j *journal) doneRun(run int) bool { return j.offsets[j.shard.slot(run)] >= 0 }

// readRow returns the row at off in runs.journal, valid until the next
// call.
func (j *journal) readRow(off int64) ([]byte, error) {
	buf := j.scratch[:cap(j.scratch)]
	if len(buf) < 4096 {
		buf = make([]byte, 4096)
	}
	have := 0
	for {
		n, err := j.rows.ReadAt(buf[have:], off+int64(have))
		if i := bytes.IndexByte(buf[have:have+n], '\n'); i >= 0 {
			j.scratch = buf
			return buf[:have+i+1], nil
		}
		have += n
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("%s at byte %d: %w", fileJournal, off, err)
		}
		if have == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}

// A tally counts the rows of runs.csv by outcome.
type tally struct {
	runs, failed int
	regimes      [model.NumRegimes]int
	regimeCol    int // the column of the regime, or -1
}

// newTally returns a tally for rows under header.
func newTally(header []string) *tally {
	t := &tally{regimeCol: -1}
	for i, h := range header {
		if h == "regime" {
			t.regimeCol = i
		}
	}
	return t
}

// add counts row, a runs.csv row. Only the last column, the error, may be
// quoted, so the columns before it are found by their commas.
func (t *tally) add(row []byte) {
	t.runs++
	if rowFailed(row) {
		t.failed++
	}
	if t.regimeCol < 0 {
		return
	}
	f := row
	for range t.regimeCol {
		i := bytes.IndexByte(f, ',')
		if i < 0 {
			return
		}
		f = f[i+1:]
	}
	if i := bytes.IndexByte(f, ','); i >= 0 {
		f = f[:i]
	}
	for g := range model.NumRegimes {
		if string(f) == g.String() {
			t.regimes[g]++
		}
	}
}

// String summarises t: runs, failures and regimes.
func (t *tally) String() string {
	s := fmt.Sprintf("%d runs, %d failed", t.runs, t.failed)
	if t.regimeCol >= 0 {
		s += "; regimes:"
		for g := range model.NumRegimes {
			s += fmt.Sprintf(" %s %d", g, t.regimes[g])
		}
	}
	return s
}

// rowFailed reports whether a runs.csv row records an error: its last
// column, the error, is not empty.
func rowFailed(row []byte) bool {
	row = bytes.TrimRight(row, "\r\n")
	return len(row) > 0 && row[len(row)-1] != ','
}

// csvHeader returns the header line of runs.csv.
func csvHeader(e *experiment.Experiment) []byte {
	var b bytes.Buffer
	for i, h := range e.Header() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(h)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// finish writes runs.csv and, with time series, timeseries.csv.gz in run
// order from the journals, each atomically, and then removes the
// journals. It holds one row at a time in memory, and returns the tally of
// the rows.
func (j *journal) finish() (*tally, error) {
	if !j.complete() {
		panic("skillsim: finishing an incomplete journal")
	}
	if err := j.sync(); err != nil {
		return nil, err
	}
	if j.series != nil {
		err := writeFileAtomic(j.dir, fileSeries, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err := j.compress(bw, seriesHeaderRow()); err != nil {
				return err
			}
			var head [seriesHeader]byte
			for _, off := range j.seriesOff {
				if _, err := j.series.ReadAt(head[:], off); err != nil {
					return fmt.Errorf("%s at byte %d: %w", fileSeriesJournal, off, err)
				}
				size := int64(binary.LittleEndian.Uint64(head[8:]))
				if _, err := io.Copy(bw, io.NewSectionReader(j.series, off+seriesHeader, size)); err != nil {
					return err
				}
			}
			return bw.Flush()
		})
		if err != nil {
			return nil, err
		}
	}
	header := j.e.Header()
	t := newTally(header)
	err := writeFileAtomic(j.dir, fileRuns, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		bw.Write(csvHeader(j.e))
		for _, off := range j.offsets {
			row, err := j.readRow(off)
			if err != nil {
				return err
			}
			t.add(row)
			if _, err := bw.Write(row); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return nil, err
	}
	if err := j.close(); err != nil {
		return nil, err
	}
	for _, name := range []string{fileJournal, fileSeriesJournal} {
		if err := os.Remove(filepath.Join(j.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return t, nil
}

// joinLines joins non-empty warnings one per line.
func joinLines(lines []string) string {
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
