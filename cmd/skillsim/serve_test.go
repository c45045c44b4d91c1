package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-addr", "0.0.0.0:8080"}, "-public"},
		{[]string{"serve", "-addr", ":8080"}, "-public"},
		{[]string{"serve", "-addr", "[::]:8080"}, "-public"},
		{[]string{"serve", "-addr", "nonsense"}, "-addr"},
		{[]string{"serve", "-max-sims", "0"}, "-max-sims"},
		{[]string{"serve", "-classroom", "-max-students", "0"}, "-max-students"},
		{[]string{"serve", "-classroom", "-room-rate", "0"}, "-room-rate"},
		{[]string{"serve", "extra"}, "unexpected arguments"},
		{[]string{"serve", "-nope"}, "flag provided but not defined"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 mentioning %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestServeServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0"}, &stdout, &stderr) }()

	addrRE := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; {
		if m := addrRE.FindStringSubmatch(stdout.String()); m != nil {
			url = "http://" + m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not say where it listens")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for path, want := range map[string]string{"/": "seminar dashboard", "/api/scenarios": `"baseline"`} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %s, body lacks %q", path, resp.Status, want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d after cancel: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop when cancelled")
	}
}

// TestServeClassroom starts serve -classroom on loopback: it says where
// the teacher's page is and that students' devices need -public, and
// serves the classroom's pages.
func TestServeClassroom(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-classroom", "-max-students", "3"}, &stdout, &stderr)
	}()
	re := regexp.MustCompile(`teacher's page is (http://127\.0\.0\.1:\d+)/room`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(stdout.String()); m != nil && strings.Contains(stdout.String(), "-public") {
			url = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
		if url == "" && time.Now().After(deadline) {
			t.Fatalf("serve -classroom did not name the teacher's page and -public: %q", stdout.String())
		}
	}
	for path, want := range map[string]string{"/room": "the class plays the region", "/join": "Join the room"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %s, body lacks %q", path, resp.Status, want)
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited with %d after cancel: %s", code, stderr.String())
	}
}
