package sweep

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"skillsim/experiment"
	"skillsim/model"
	"skillsim/number"
	"skillsim/outdir"
)

// The files of a sweep directory (docs/experiments.md).
const (
	// FileExperiment is the experiment as run, its base scenario inline.
	FileExperiment = "experiment.resolved.yaml"
	// FileManifest says what the directory holds (Manifest).
	FileManifest = "manifest.json"
	// FileRuns is the result: one row per run, in run order.
	FileRuns = "runs.csv"
	// FileJournal holds the finished runs' rows while the sweep runs.
	FileJournal = "runs.journal"
	// FileSeries holds the runs' time series, when the experiment asks.
	FileSeries = "timeseries.csv.gz"
	// FileSeriesJournal holds the finished runs' series while it runs.
	FileSeriesJournal = "timeseries.journal"
	// DirAnalysis holds the analyses of a complete sweep.
	DirAnalysis = "analysis"
)

// A journal records the finished runs of a sweep (or shard) as they finish,
// in completion order, and builds runs.csv and timeseries.csv.gz from them
// in run order.
//
// runs.journal holds one line per finished run: the CRC-32 (IEEE) of the
// run's runs.csv row in 8 hex digits, a space, and the row.
// timeseries.journal, kept when the experiment asks for time series, holds
// one record per finished run: its index and the length n of the gzip
// member that follows (two little-endian uint64s) and the CRC-32 of the
// member (a little-endian uint32), then the member, which compresses the
// run's rows of timeseries.csv. A run is done when both journals hold it;
// the series is written first. On resume an entry whose checksum does not
// match is damaged: the journal is cut there and the runs after it run
// again.
//
// The journal keeps in memory only the byte offset of each run's row (and
// record), -1 until the run is done: 8 bytes per run of the shard, 16 with
// time series.
type journal struct {
	e     *experiment.Experiment
	dir   string
	shard Shard

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
	line    []byte
	plain   []byte
	member  bytes.Buffer
	gz      *gzip.Writer
	scratch []byte
}

// newJournal returns the journal of shard s of e in dir, with no file open.
func newJournal(e *experiment.Experiment, dir string, s Shard) *journal {
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
	if j.rows, err = os.OpenFile(filepath.Join(j.dir, FileJournal), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
		return err
	}
	if j.e.Timeseries {
		if j.series, err = os.OpenFile(filepath.Join(j.dir, FileSeriesJournal), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// open opens the journals in dir, creating any that is missing, reads
// which runs they hold and truncates each after its last whole entry. It
// returns a warning when it dropped more than a half-written last entry.
func (j *journal) open() (warning string, err error) {
	if j.rows, err = os.OpenFile(filepath.Join(j.dir, FileJournal), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		return "", err
	}
	var warnings []string
	if j.e.Timeseries {
		if j.series, err = os.OpenFile(filepath.Join(j.dir, FileSeriesJournal), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
			return "", err
		}
		w, err := j.scanSeries()
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", FileSeriesJournal, err)
		}
		if w != "" {
			warnings = append(warnings, w)
		}
	}
	// failed has a bit set for each slot whose row records an error.
	failed := make([]uint64, (len(j.offsets)+63)/64)
	w, err := j.scanRows(failed)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", FileJournal, err)
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
		var row []byte
		if ok {
			row, ok = checkLine(line)
		}
		if ok {
			run, ok = j.e.ParseRunIndex(row)
		}
		if !ok || run < 0 || run >= j.e.Runs() || !j.shard.includes(run) {
			return j.truncate(j.rows, FileJournal, off, &j.rowsSize, err == io.EOF)
		}
		k := j.shard.slot(run)
		j.offsets[k] = off
		if experiment.RowFailed(row) {
			failed[k/64] |= 1 << (k % 64)
		} else {
			failed[k/64] &^= 1 << (k % 64)
		}
		off += int64(len(line))
	}
	j.rowsSize = off
	return "", nil
}

// crcLen is the length of the CRC that opens a line of runs.journal, and
// of the space after it.
const crcLen = 9

// appendLine appends the journal line of row, a runs.csv row.
func appendLine(b, row []byte) []byte {
	b = fmt.Appendf(b, "%08x ", crc32.ChecksumIEEE(row))
	return append(b, row...)
}

// checkLine returns the runs.csv row of a journal line, and whether its
// checksum matches.
func checkLine(line []byte) ([]byte, bool) {
	if len(line) < crcLen+1 || line[crcLen-1] != ' ' {
		return nil, false
	}
	sum, err := strconv.ParseUint(string(line[:crcLen-1]), 16, 32)
	row := line[crcLen:]
	return row, err == nil && uint32(sum) == crc32.ChecksumIEEE(row)
}

// seriesHeader is the length of a timeseries.journal record's header.
const seriesHeader = 20

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
			return j.truncate(j.series, FileSeriesJournal, off, &j.seriesEnd, true)
		}
		run := binary.LittleEndian.Uint64(head[0:])
		size := binary.LittleEndian.Uint64(head[8:])
		sum := binary.LittleEndian.Uint32(head[16:])
		// A gzip member starts 1f 8b and is at least 18 bytes long.
		if run >= uint64(j.e.Runs()) || !j.shard.includes(int(run)) ||
			size < 18 || size > 1<<40 || head[seriesHeader] != 0x1f || head[seriesHeader+1] != 0x8b {
			return j.truncate(j.series, FileSeriesJournal, off, &j.seriesEnd, false)
		}
		h := crc32.NewIEEE()
		h.Write(head[seriesHeader:])
		if _, err := io.CopyN(h, br, int64(size)-2); err != nil {
			return j.truncate(j.series, FileSeriesJournal, off, &j.seriesEnd, true)
		}
		if h.Sum32() != sum {
			return j.truncate(j.series, FileSeriesJournal, off, &j.seriesEnd, false)
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
	j.line = appendLine(j.line[:0], j.row)
	n, err := j.rows.WriteAt(j.line, j.rowsSize)
	if err != nil {
		// Cut off what was written, so that the journal stays whole.
		j.rows.Truncate(j.rowsSize)
		return fmt.Errorf("writing %s: %w", FileJournal, err)
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
	binary.LittleEndian.PutUint32(b[16:], crc32.ChecksumIEEE(b[seriesHeader:]))
	if _, err := j.series.WriteAt(b, j.seriesEnd); err != nil {
		j.series.Truncate(j.seriesEnd)
		return fmt.Errorf("writing %s: %w", FileSeriesJournal, err)
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
	b := []byte("run,step,date,regime")
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
	b = append(b, ',')
	b = append(b, o.Regime.String()...)
	for _, v := range o.Region {
		b = append(b, ',')
		b = number.Append(b, v)
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

// readRow returns the runs.csv row of the line at off in runs.journal,
// checked against its CRC, valid until the next call.
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
			row, ok := checkLine(buf[:have+i+1])
			if !ok {
				return nil, fmt.Errorf("%s at byte %d: the row does not match its checksum; rerun with -resume", FileJournal, off)
			}
			return row, nil
		}
		have += n
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("%s at byte %d: %w", FileJournal, off, err)
		}
		if have == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}

// A Tally counts the rows of runs.csv by outcome.
type Tally struct {
	// Runs and Failed count the runs and the failed runs.
	Runs, Failed int
	// Regimes counts the runs by the regime they ended in.
	Regimes [model.NumRegimes]int
	e       *experiment.Experiment
}

// newTally returns a tally of the rows of e's runs.csv.
func newTally(e *experiment.Experiment) *Tally { return &Tally{e: e} }

// add counts row, a runs.csv row.
func (t *Tally) add(row []byte) {
	t.Runs++
	if experiment.RowFailed(row) {
		t.Failed++
	}
	if g, ok := t.e.RowRegime(row); ok {
		t.Regimes[g]++
	}
}

// String summarises t: runs, failures and regimes.
func (t *Tally) String() string {
	s := fmt.Sprintf("%d runs, %d failed; regimes:", t.Runs, t.Failed)
	for g := range model.NumRegimes {
		s += fmt.Sprintf(" %s %d", g, t.Regimes[g])
	}
	return s
}

// finish writes runs.csv and, with time series, timeseries.csv.gz in run
// order from the journals, each atomically, and closes the journals
// (which the caller removes once the manifest lists the result). It holds one row at a time in memory, and returns the tally of
// the rows.
func (j *journal) finish() (*Tally, error) {
	if !j.complete() {
		panic("skillsim: finishing an incomplete journal")
	}
	if err := j.sync(); err != nil {
		return nil, err
	}
	if j.series != nil {
		err := outdir.WriteFile(j.dir, FileSeries, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err := j.compress(bw, seriesHeaderRow()); err != nil {
				return err
			}
			var head [seriesHeader]byte
			for _, off := range j.seriesOff {
				if _, err := j.series.ReadAt(head[:], off); err != nil {
					return fmt.Errorf("%s at byte %d: %w", FileSeriesJournal, off, err)
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
	t := newTally(j.e)
	err := outdir.WriteFile(j.dir, FileRuns, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		bw.Write(j.e.HeaderLine())
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
