package web

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"
)

// The bounds on a request's work besides those of Options.
const (
	// validateReserve is how many validations may run beyond MaxSims: a
	// validation takes one of the MaxSims slots when one is free, and
	// otherwise one of this small reserve, so that a full server still
	// checks files.
	validateReserve = 2
	// streamWriteTimeout is the longest one event of a stream may take to
	// write: a client that stops reading is dropped after it, and never
	// later than a second past the stream's time limit, MaxWall.
	streamWriteTimeout = 30 * time.Second
	// endGrace is how long past MaxWall a stream may take to write its
	// last event, the one that says it reached the limit.
	endGrace = time.Second
)

// validateBudget is the longest a validation may take before the client
// is answered 503. The work goes on to its end (reading a scenario is
// bounded by scenarios.MaxNodes), holding its slot until then. Tests
// shorten it.
var validateBudget = 5 * time.Second

// busy writes the 429 answer for a request that finds every one of the
// server's MaxSims slots taken.
func (s *Server) busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "10")
	writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
		"the server is already running its limit of %d simulation%s at once (a comparison counts as two); pause a run in another tab or try again shortly",
		s.opt.MaxSims, plural(s.opt.MaxSims)))
}

// budgeted returns h counted as one simulation against MaxSims while it
// runs, or when every slot is taken against the reserve of
// validateReserve (429 when that too is taken), and answered 503 if it
// takes longer than validateBudget. h writes its answer to a buffer,
// copied to the client when h returns in time.
func (s *Server) budgeted(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		slot := s.sims
		if !slot.TryAcquire(1) {
			slot = s.checks
			if !slot.TryAcquire(1) {
				s.busy(w)
				return
			}
		}
		buf := &bufferedResponse{header: make(http.Header)}
		done := make(chan struct{})
		go func() {
			defer close(done) // after the slot is released
			defer slot.Release(1)
			defer func() {
				// net/http recovers a handler's panics, but not those of
				// a goroutine it starts: a bug answers 500, not a crash.
				if v := recover(); v != nil {
					if s.opt.Log != nil {
						s.opt.Log.Printf("internal error: panic: %v\n%s", v, debug.Stack())
					}
					*buf = bufferedResponse{header: make(http.Header)}
					writeError(buf, http.StatusInternalServerError, fmt.Sprintf("internal error (a bug in skillsim): %v", v))
				}
			}()
			h(buf, r)
		}()
		timer := time.NewTimer(validateBudget)
		defer timer.Stop()
		select {
		case <-done:
		case <-timer.C:
			writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("checking this configuration took longer than %s; make it smaller", validateBudget))
			return
		case <-r.Context().Done():
			return // the client has gone
		}
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		w.WriteHeader(max(buf.code, http.StatusOK))
		w.Write(buf.body.Bytes())
	}
}

// bufferedResponse is an http.ResponseWriter that keeps the response.
type bufferedResponse struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// writeDeadline returns the deadline for writing the next event of a
// stream that must end by end: streamWriteTimeout from now, or endGrace
// past end if sooner.
func writeDeadline(end time.Time) time.Time {
	d := time.Now().Add(streamWriteTimeout)
	if last := end.Add(endGrace); last.Before(d) {
		return last
	}
	return d
}
