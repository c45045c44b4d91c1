package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"skillsim/model"
	"skillsim/scenarios"
	"skillsim/sweep"
)

// reducedRegion writes the shipped region scenario cut down to persons
// people, its employers and college places divided by div, run for years
// years, into dir/base.yaml.
func reducedRegion(b *testing.B, dir string, persons int, div float64, years int) {
	b.Helper()
	cfg, err := scenarios.Embedded("region")
	if err != nil {
		b.Fatal(err)
	}
	cfg.Name = "reduced-region"
	cfg.Population.Persons = persons
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = max(math.Round(e.Micro/div), 1)
		e.SmallMedium = max(math.Round(e.SmallMedium/div), 1)
		e.Large = max(math.Round(e.Large/div), 1)
	}
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places = max(int(math.Round(float64(cfg.Colleges[i].Places)/div)), 1)
	}
	cfg.End = cfg.Start + model.Month(12*years)
	data, err := scenarios.Marshal(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), data, 0o644); err != nil {
		b.Fatal(err)
	}
}

// gridExperiment writes an experiment over dir/base.yaml with points
// values of initial.high_spec_share and reps replications into
// dir/exp.yaml and returns its path.
func gridExperiment(b *testing.B, dir string, points, reps int) string {
	b.Helper()
	vals := make([]string, points)
	for i := range vals {
		vals[i] = fmt.Sprint(0.05 + 0.9*float64(i)/float64(max(points-1, 1)))
	}
	exp := fmt.Sprintf("name: bench\nbase: base.yaml\nseed: 1\nreplications: %d\nparameters:\n  - path: initial.high_spec_share\n    values: [%s]\n",
		reps, strings.Join(vals, ", "))
	p := filepath.Join(dir, "exp.yaml")
	if err := os.WriteFile(p, []byte(exp), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// sweepOnce sweeps exp into out with workers, without the analysis at
// the end, calling progress after each run, and fails the benchmark
// unless it succeeds.
func sweepOnce(b *testing.B, workers int, out, exp string, progress func(done int)) {
	b.Helper()
	e, err := loadExperiment(context.Background(), exp)
	if err != nil {
		b.Fatal(err)
	}
	resolved, err := e.Resolved()
	if err != nil {
		b.Fatal(err)
	}
	opt := sweep.Options{Workers: workers}
	if progress != nil {
		opt.Progress = func(done, _, _ int) { progress(done) }
	}
	if _, err := sweep.Sweep(context.Background(), e, resolved, out, opt); err != nil {
		b.Fatalf("sweep of %s: %v", exp, err)
	}
}

// BenchmarkSweep sweeps 32 runs (8 points, 4 replications) of the region
// scenario cut to 5,000 people, a tenth of its employers and college
// places, and 5 years, with 1 and 2 workers, and reports runs per second,
// journal and runs.csv included. The sweep's
// fixed cost (files, fsync) is about 15 ms, so parallel
// efficiency is measured on runs that dominate it, as a real sweep's do.
func BenchmarkSweep(b *testing.B) {
	const runs = 32
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			dir := b.TempDir()
			reducedRegion(b, dir, 5000, 10, 5)
			exp := gridExperiment(b, dir, 8, 4)
			i := 0
			for b.Loop() {
				out := filepath.Join(dir, fmt.Sprintf("out-%d-%d", workers, i))
				i++
				sweepOnce(b, workers, out, exp, nil)
			}
			b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkSweepMemory sweeps 100 and 10,000 runs of a region of 200
// people (a 250th of the employers and places) over one year, and reports
// two measures of the memory the sweep holds, above the heap before it:
// peak-heap-B, the largest heap of objects sampled every millisecond
// (garbage not yet collected included, so it depends on when the
// collector runs), and peak-live-B, the largest live heap, measured after
// a forced collection 50 times in the sweep. Neither should grow with the
// number of runs beyond the journal's 8 bytes per run.
func BenchmarkSweepMemory(b *testing.B) {
	for _, size := range []struct{ points, reps int }{{10, 10}, {100, 100}} {
		runs := size.points * size.reps
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			sub := b.TempDir()
			reducedRegion(b, sub, 200, 250, 1)
			exp := gridExperiment(b, sub, size.points, size.reps)
			var peak, live uint64
			i := 0
			for b.Loop() {
				out := filepath.Join(sub, fmt.Sprint("out-", i))
				i++
				var l uint64
				peak = max(peak, peakHeap(func() {
					l = peakLive(runs, func(progress func(int)) { sweepOnce(b, 2, out, exp, progress) })
				}))
				live = max(live, l)
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
			b.ReportMetric(float64(live), "peak-live-B")
		})
	}
}

// peakHeap runs f and returns the largest heap in use by live and not yet
// swept objects while it ran, above the heap after a collection before it.
func peakHeap(f func()) uint64 {
	read := heapObjects
	runtime.GC()
	base := read()
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	f()
	close(stop)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}

// heapObjects returns the bytes of the heap held by objects, live or not
// yet swept.
func heapObjects() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// peakLive runs f, a sweep of runs runs that calls progress after each, and returns the largest live heap
// above the one before it, measured after a forced collection every 50th
// of the runs.
func peakLive(runs int, f func(progress func(done int))) uint64 {
	runtime.GC()
	base := heapObjects()
	var peak uint64
	every := max(runs/50, 1)
	f(func(n int) {
		if n > 0 && n%every == 0 {
			runtime.GC()
			peak = max(peak, heapObjects())
		}
	})
	if peak < base {
		return 0
	}
	return peak - base
}
