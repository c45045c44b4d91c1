package calibrate

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"skillsim/experiment"
)

// fakeSimulate stands in for the model: each statistic a function of the
// parameters plus noise from the simulation's own stream, so that the
// machinery (journal, resume, workers, shards) is tested in milliseconds.
func fakeSimulate(_ context.Context, c *Calibration, e *experiment.Experiment, g, i int) ([]float64, error) {
	th := e.Points[i]
	rng := rand.New(rand.NewPCG(c.Seed, c.Stream(g, i, 0)))
	s := make([]float64, len(c.Targets.Statistics))
	for j := range s {
		s[j] = c.Targets.Statistics[j].Value * (1 + (th[j%len(th)]-c.Params[j%len(th)].Low)/(c.Params[j%len(th)].High-c.Params[j%len(th)].Low) - 0.5 + 0.05*rng.NormFloat64())
	}
	return s, nil
}

// resultFiles returns the bytes of every file a calibration leaves in dir,
// figures left out, by name.
func resultFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() || e.Name() == ".skillsim.lock" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sameFiles(t *testing.T, want, got map[string][]byte, what string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(b, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func loadRecovery(t *testing.T) *Calibration {
	t.Helper()
	c, err := Load("recovery")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestResume interrupts a calibration after k simulations, for several k,
// damages the journal as a kill during a write would, resumes it and
// checks that every file is byte for byte what an uninterrupted run
// writes.
func TestResume(t *testing.T) {
	t.Parallel()
	c := loadRecovery(t)
	ref := t.TempDir()
	if _, err := Run(context.Background(), c, ref, Options{Workers: 3, simulate: fakeSimulate, NoFigures: true}); err != nil {
		t.Fatal(err)
	}
	want := resultFiles(t, ref)
	for _, k := range []int{1, 39, 40, 41, 77, 150} {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		var mu sync.Mutex
		n := 0
		stop := func(ctx context.Context, c *Calibration, e *experiment.Experiment, g, i int) ([]float64, error) {
			mu.Lock()
			n++
			if n == k {
				cancel()
			}
			mu.Unlock()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return fakeSimulate(ctx, c, e, g, i)
		}
		_, err := Run(ctx, c, dir, Options{Workers: 2, simulate: stop, NoFigures: true})
		cancel()
		if err == nil {
			t.Fatalf("k=%d: not interrupted", k)
		}
		// A kill in the middle of a write leaves half a line.
		js, _ := filepath.Glob(filepath.Join(dir, "gen-*.journal"))
		for _, j := range js {
			f, _ := os.OpenFile(j, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("1234abcd 3,0.5,0.")
			f.Close()
		}
		if _, err := Run(context.Background(), c, dir, Options{Workers: 1, simulate: fakeSimulate, NoFigures: true}); err == nil {
			t.Fatalf("k=%d: a second run without Resume was not refused", k)
		}
		var log bytes.Buffer
		if _, err := Run(context.Background(), c, dir, Options{Workers: 4, Resume: true, simulate: fakeSimulate, NoFigures: true, Log: &log}); err != nil {
			t.Fatalf("k=%d: %v", k, err)
		}
		if !bytes.Contains(log.Bytes(), []byte("cut a half-written last entry")) {
			t.Errorf("k=%d: the half-written entry was not noticed: %s", k, log.String())
		}
		sameFiles(t, want, resultFiles(t, dir), "resumed")
	}
}

// TestWorkers checks that the real model gives the same bytes with 1 and
// 4 workers.
func TestWorkers(t *testing.T) {
	t.Parallel()
	c := loadRecovery(t)
	c.Method.Particles, c.Method.Generations = 8, 2
	var files []map[string][]byte
	for _, w := range []int{1, 4} {
		dir := t.TempDir()
		if _, err := Run(context.Background(), c, dir, Options{Workers: w, NoFigures: true}); err != nil {
			t.Fatal(err)
		}
		files = append(files, resultFiles(t, dir))
	}
	sameFiles(t, files[0], files[1], "4 workers")
}

// TestShards runs each generation in three shards, merged by a run with
// Step, and checks the result is what one run writes.
func TestShards(t *testing.T) {
	t.Parallel()
	c := loadRecovery(t)
	ref := t.TempDir()
	if _, err := Run(context.Background(), c, ref, Options{simulate: fakeSimulate, NoFigures: true}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for round := 0; ; round++ {
		if round > 20 {
			t.Fatal("no end")
		}
		for i := range 3 {
			if _, err := Run(context.Background(), c, dir, Options{Shard: Shard{I: i, N: 3}, simulate: fakeSimulate}); err != nil {
				t.Fatal(err)
			}
		}
		out, err := Run(context.Background(), c, dir, Options{Resume: round > 0, Step: true, simulate: func(context.Context, *Calibration, *experiment.Experiment, int, int) ([]float64, error) {
			return nil, errors.New("the coordinator simulated; the shards should have")
		}, NoFigures: true})
		if err != nil {
			t.Fatal(err)
		}
		if !out.Partial {
			break
		}
	}
	got := resultFiles(t, dir)
	sameFiles(t, resultFiles(t, ref), got, "sharded")
}
