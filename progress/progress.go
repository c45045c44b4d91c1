package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Options controls a Meter. The zero value detects a terminal and writes
// a line every 5 seconds elsewhere.
type Options struct {
	// Terminal redraws the line in place; nil means IsTerminal(w).
	Terminal *bool
	// Every is the interval between lines when not on a terminal; 0 means
	// 5 seconds.
	Every time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// A Meter shows the progress of a computation of a known number of units
// (runs, steps). Its methods may be called from several goroutines; a nil
// *Meter shows nothing.
type Meter struct {
	mu        sync.Mutex
	w         io.Writer
	label     string
	unit      string
	terminal  bool
	every     time.Duration
	now       func() time.Time
	start     time.Time
	last      time.Time
	startDone int
	started   bool
	width     int // of the line last drawn on a terminal
}

// New returns a meter writing to w, each line opened by label (such as
// "skillsim: run: ") and counting unit (such as "steps").
func New(w io.Writer, label, unit string, opt *Options) *Meter {
	var o Options
	if opt != nil {
		o = *opt
	}
	m := &Meter{w: w, label: label, unit: unit, every: o.Every, now: o.Now}
	if m.every <= 0 {
		m.every = 5 * time.Second
	}
	if m.now == nil {
		m.now = time.Now
	}
	if o.Terminal != nil {
		m.terminal = *o.Terminal
	} else {
		m.terminal = IsTerminal(w)
	}
	return m
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Update says that done of total units are done; note, if not empty, is
// added to the line (such as "2 failed"). The first call starts the
// clock, with its done counted as done before the meter began (a resumed
// sweep), so the rate and the time left are of this session's work.
func (m *Meter) Update(done, total int, note string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if !m.started {
		m.started, m.start, m.startDone = true, now, done
		if !m.terminal {
			m.last = now
			return // the first log line comes after an interval
		}
	}
	interval := m.every
	if m.terminal {
		interval = 100 * time.Millisecond
	}
	if now.Sub(m.last) < interval && done < total {
		return
	}
	m.last = now
	m.draw(Line(done, total, m.startDone, now.Sub(m.start), m.unit, note))
}

// Restart begins a new count of units, as for each generation of a
// calibration, whose total differs from the last: the next Update starts
// the clock again, so the rate and the time left are of the new count,
// not of the units and time before it.
func (m *Meter) Restart() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.started = false
}

// draw writes line: in place on a terminal, as a line elsewhere.
func (m *Meter) draw(line string) {
	if !m.terminal {
		fmt.Fprintf(m.w, "%s%s\n", m.label, line)
		return
	}
	pad := max(m.width-len(line), 0)
	m.width = len(line)
	fmt.Fprintf(m.w, "\r%s%s%s", m.label, line, strings.Repeat(" ", pad))
}

// Done ends the meter's line on a terminal, so that what follows starts
// on a line of its own.
func (m *Meter) Done() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.terminal && m.width > 0 {
		fmt.Fprintln(m.w)
		m.width = 0
	}
}

// Line formats the progress of done of total units, startDone of them
// done before elapsed began: the count and percentage, and once some work
// is done the rate and the estimated time left,
//
//	ETA = (total − done) / rate,  rate = (done − startDone) / elapsed,
//
// then note.
func Line(done, total, startDone int, elapsed time.Duration, unit, note string) string {
	pct := 100.0
	if total > 0 {
		pct = 100 * float64(done) / float64(total)
	}
	line := fmt.Sprintf("%d/%d %s (%.0f%%)", done, total, unit, pct)
	if n := done - startDone; n > 0 && elapsed > 0 {
		rate := float64(n) / elapsed.Seconds()
		eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  %.3g %s/s  ETA %s", rate, unit, eta)
	}
	if note != "" {
		line += "  " + note
	}
	return line
}
