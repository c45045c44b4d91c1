package progress

import (
	"strings"
	"testing"
	"time"
)

// clock is a fake clock that moves only when told.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func ptr[T any](v T) *T              { return &v }
func lines(s string) []string        { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }
func newTestMeter(b *strings.Builder, term bool, c *clock) *Meter {
	return New(b, "x: ", "runs", &Options{Terminal: ptr(term), Every: 5 * time.Second, Now: c.now})
}

func TestLine(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		done, total, start int
		elapsed            time.Duration
		note, want         string
	}{
		{0, 10, 0, 0, "", "0/10 runs (0%)"},
		{5, 10, 0, 10 * time.Second, "", "5/10 runs (50%)  0.5 runs/s  ETA 10s"},
		{6, 10, 4, 4 * time.Second, "1 failed", "6/10 runs (60%)  0.5 runs/s  ETA 8s  1 failed"},
		{10, 10, 0, time.Second, "", "10/10 runs (100%)  10 runs/s  ETA 0s"},
	} {
		if got := Line(test.done, test.total, test.start, test.elapsed, "runs", test.note); got != test.want {
			t.Errorf("Line(%d, %d, %d, %v) = %q, want %q", test.done, test.total, test.start, test.elapsed, got, test.want)
		}
	}
}

func TestLogLinesEveryInterval(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	c := &clock{time.Unix(0, 0)}
	m := newTestMeter(&b, false, c)
	for i := 0; i <= 20; i++ {
		m.Update(i, 20, "")
		c.add(time.Second)
	}
	m.Done()
	// Updates at 0..20 s: lines at 5, 10, 15 and 20 s (the end).
	got := lines(b.String())
	if len(got) != 4 || !strings.HasPrefix(got[0], "x: 5/20 runs") || !strings.HasPrefix(got[3], "x: 20/20 runs (100%)") {
		t.Errorf("log lines %q", got)
	}
	if strings.Contains(b.String(), "\r") {
		t.Error("a carriage return in a log")
	}
}

func TestTerminalRedrawsInPlace(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	c := &clock{time.Unix(0, 0)}
	m := newTestMeter(&b, true, c)
	m.Update(0, 2, "")
	c.add(time.Second)
	m.Update(1, 2, "")
	c.add(time.Millisecond) // too soon to redraw, but the last one is drawn
	m.Update(2, 2, "")
	m.Done()
	s := b.String()
	if strings.Count(s, "\r") != 3 || !strings.HasSuffix(s, "\n") || !strings.Contains(s, "\rx: 2/2 runs (100%)") {
		t.Errorf("terminal output %q", s)
	}
}

func TestNilMeterIsSilent(t *testing.T) {
	t.Parallel()
	var m *Meter
	m.Update(1, 2, "")
	m.Done()
}

func TestRestartTimesTheNewCount(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	c := &clock{time.Unix(0, 0)}
	m := newTestMeter(&b, false, c)
	// A first count of 10 units at one a second, then a pause of 100 s.
	for i := 0; i <= 10; i++ {
		m.Update(i, 10, "")
		c.add(time.Second)
	}
	c.add(100 * time.Second)
	// A second count, of 40 units at two a second: without the restart
	// the rate would be taken over the whole 100 s and more since the start.
	m.Restart()
	for i := 0; i <= 20; i += 2 {
		m.Update(i, 40, "")
		c.add(time.Second)
	}
	got := lines(b.String())
	last := got[len(got)-1]
	if !strings.Contains(last, "2 runs/s") || !strings.Contains(last, "ETA 10s") {
		t.Errorf("after Restart the last line is %q, want a rate of 2 runs/s and 10s left", last)
	}
}
