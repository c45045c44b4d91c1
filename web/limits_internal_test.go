package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestValidationSlots checks that a validation takes one of the MaxSims
// slots while it runs, or one of the reserve when they are all taken, that
// one more is refused with 429, and that one past its budget is answered
// 503 and keeps its slot until its work ends.
func TestValidationSlots(t *testing.T) {
	s := New(&Options{MaxSims: 1})
	release := make(chan struct{})
	started := make(chan struct{}, validateReserve+2)
	h := s.budgeted(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		writeJSON(w, http.StatusOK, "checked")
	})
	call := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("POST", "/api/validate", strings.NewReader("{}")))
		return rec
	}
	var wg sync.WaitGroup
	codes := make([]int, 1+validateReserve)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = call().Code }()
		<-started
		if i == 0 && s.sims.TryAcquire(1) {
			s.sims.Release(1)
			t.Errorf("a validation in flight does not hold a MaxSims slot")
		}
	}
	if rec := call(); rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "limit of 1 simulation") {
		t.Errorf("a validation past MaxSims and the reserve: %d %s, want 429", rec.Code, rec.Body)
	}
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("validation %d: %d, want 200", i, c)
		}
	}

	// Past its budget: 503 at once, and the slot held until the work ends.
	saved := validateBudget
	validateBudget = 10 * time.Millisecond
	defer func() { validateBudget = saved }()
	slow := make(chan struct{})
	finished := make(chan struct{})
	h = s.budgeted(func(w http.ResponseWriter, r *http.Request) {
		<-slow
		close(finished)
	})
	if rec := call(); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "took longer than") {
		t.Errorf("a validation past its budget: %d %s, want 503", rec.Code, rec.Body)
	}
	if s.sims.TryAcquire(1) {
		s.sims.Release(1)
		t.Errorf("a validation past its budget gave up its slot before its work ended")
	}
	close(slow)
	<-finished
}

// TestValidationPanic checks that a panic in a validation, which runs in
// its own goroutine, answers 500 and frees its slot instead of ending the
// server.
func TestValidationPanic(t *testing.T) {
	s := New(&Options{MaxSims: 1})
	h := s.budgeted(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["x"]++
	})
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest("POST", "/api/validate", strings.NewReader("{}")))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "internal error") {
		t.Errorf("a panicking validation: %d %s, want 500", rec.Code, rec.Body)
	}
	if !s.sims.TryAcquire(1) {
		t.Errorf("a panicking validation kept its slot")
	}
}
