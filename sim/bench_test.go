package sim

import (
	"runtime"
	"testing"

	"skillsim/model"
)

// BenchmarkStep steps the default-size region (50,000 people, 5,000
// employers) and reports agent-steps per second, an agent-step being one
// person or employer advanced by one step, and the heap bytes per person
// allocated by model.New.
func BenchmarkStep(b *testing.B) { benchmarkStep(b, false) }

// BenchmarkStepObserved is BenchmarkStep with the observation Run makes
// after every step: Observe, and the employer-group survey when it is due.
func BenchmarkStepObserved(b *testing.B) { benchmarkStep(b, true) }

func benchmarkStep(b *testing.B, observed bool) {
	cfg := model.DefaultConfig()
	persons := cfg.Population.Persons
	employers := 0.0
	for _, s := range cfg.Sectors {
		employers += s.Employers.Micro + s.Employers.SmallMedium + s.Employers.Large
	}
	agents := float64(persons) + employers

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	region, err := model.New(&cfg, Source(cfg.Seed, 0))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)

	rep := 0
	var o model.Observation
	var survey surveyor
	b.ResetTimer()
	for range b.N {
		if region.Done() {
			b.StopTimer()
			rep++
			region, err = model.New(&cfg, Source(cfg.Seed, rep))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		region.Step()
		if observed {
			region.Observe(&o)
			survey.observe(region, &cfg)
			survey.surveys = survey.surveys[:0]
		}
	}
	b.StopTimer()
	runtime.KeepAlive(region)
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(agents*float64(b.N)/s, "agent-steps/s")
	}
	b.ReportMetric(float64(heap)/float64(persons), "bytes/person")
}
