package experiment

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"skillsim/model"
)

// collect runs e with opt and returns the runs.csv lines by run index,
// and the results in the order they were reported.
func collect(t *testing.T, e *Experiment, opt ExecOptions) (lines map[int]string, order []int) {
	t.Helper()
	lines = make(map[int]string)
	var inDone atomic.Int32
	err := Execute(context.Background(), e, opt, func(r *Result) error {
		if inDone.Add(1) != 1 {
			t.Error("done called concurrently")
		}
		defer inDone.Add(-1)
		if _, dup := lines[r.Run]; dup {
			t.Errorf("run %d reported twice", r.Run)
		}
		lines[r.Run] = string(e.AppendRow(nil, r))
		order = append(order, r.Run)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines, order
}

func parseFile(t *testing.T, name string) *Experiment {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Parse(name, data, load)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestExecuteWorkersDoNotChangeResults(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"grid.experiment.yaml", "morris.experiment.yaml", "hysteresis.experiment.yaml"} {
		e := parseFile(t, f)
		one, _ := collect(t, e, ExecOptions{Workers: 1})
		four, _ := collect(t, e, ExecOptions{Workers: 4})
		if len(one) != e.Runs() {
			t.Errorf("%s: %d runs reported, want %d", f, len(one), e.Runs())
		}
		for i := range e.Runs() {
			if one[i] != four[i] {
				t.Errorf("%s: run %d differs with 1 and 4 workers:\n%s%s", f, i, one[i], four[i])
			}
			if strings.Contains(one[i], `"`) {
				t.Errorf("%s: run %d failed: %s", f, i, one[i])
			}
		}
	}
}

func TestExecuteRunReplaysAlone(t *testing.T) {
	t.Parallel()
	e := parseFile(t, "grid.experiment.yaml")
	lines, _ := collect(t, e, ExecOptions{Workers: 3})
	const i = 7
	point, rep := e.RunInfo(i)
	cfg, err := e.Config(point)
	if err != nil {
		t.Fatal(err)
	}
	region, err := model.New(cfg, rand.NewPCG(e.Seed, uint64(i)))
	if err != nil {
		t.Fatal(err)
	}
	for !region.Done() {
		region.Step()
	}
	var o model.Observation
	region.Observe(&o)
	r := &Result{Run: i, Point: point, Rep: rep, Seed: [2]uint64{e.Seed, i}, Values: e.Points[point], Final: o.Region, Regime: o.Regime}
	if got := string(e.AppendRow(nil, r)); got != lines[i] {
		t.Errorf("run %d replayed alone:\n%s\nin the sweep:\n%s", i, got, lines[i])
	}
}

func TestExecuteHysteresis(t *testing.T) {
	t.Parallel()
	e := parseFile(t, "hysteresis.experiment.yaml")
	lines, order := collect(t, e, ExecOptions{Workers: 2})
	steps := e.Hysteresis.Steps()
	// Each replication's steps are reported in order.
	last := map[int]int{}
	for _, run := range order {
		p, rep := e.RunInfo(run)
		if prev, ok := last[rep]; ok && p != prev+1 {
			t.Errorf("replication %d: step %d reported after step %d", rep, p, prev)
		}
		last[rep] = p
	}
	// The first step is a plain run of its scenario on the replication's stream.
	for rep := range e.Replications {
		cfg, err := e.Config(0)
		if err != nil {
			t.Fatal(err)
		}
		region, _ := model.New(cfg, rand.NewPCG(e.Seed, uint64(rep*steps)))
		for !region.Done() {
			region.Step()
		}
		var o model.Observation
		region.Observe(&o)
		i := e.Run(0, rep)
		r := &Result{Run: i, Point: 0, Rep: rep, Seed: [2]uint64{e.Seed, uint64(rep * steps)}, Values: e.Points[0], Final: o.Region, Regime: o.Regime}
		if got := string(e.AppendRow(nil, r)); got != lines[i] {
			t.Errorf("replication %d step 0 alone:\n%s\nin the sweep:\n%s", rep, got, lines[i])
		}
	}
	rd := csv.NewReader(strings.NewReader(lines[e.Run(3, 1)]))
	rec, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	if rec[3] != "5:5" || rec[4] != "0.5" || rec[5] != "down" || rec[len(rec)-1] != "" {
		t.Errorf("row of replication 1, step 3: %v", rec[:7])
	}
}

func TestExecuteTimeseries(t *testing.T) {
	t.Parallel()
	e := parseFile(t, "morris.experiment.yaml")
	steps := 24
	err := Execute(context.Background(), e, ExecOptions{Workers: 2}, func(r *Result) error {
		if len(r.Series) != steps+1 {
			t.Errorf("run %d: %d observations, want %d", r.Run, len(r.Series), steps+1)
		}
		if r.Series[len(r.Series)-1].Region != r.Final {
			t.Errorf("run %d: the last observation is not the final state", r.Run)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h := parseFile(t, "hysteresis.experiment.yaml")
	h.Timeseries = true
	err = Execute(context.Background(), h, ExecOptions{}, func(r *Result) error {
		want := 12
		if r.Point == 0 {
			want = 13
		}
		if len(r.Series) != want || r.Series[len(r.Series)-1].Step != 12*(r.Point+1) {
			t.Errorf("hysteresis run %d: %d observations ending at step %d", r.Run, len(r.Series), r.Series[len(r.Series)-1].Step)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExecuteRecordsAFailingPoint(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
replications: 2
parameters:
  - {path: behaviour.noise, values: [0.02, 1.5]}
`)
	lines, _ := collect(t, e, ExecOptions{Workers: 2})
	if len(lines) != 4 {
		t.Fatalf("%d runs reported, want 4", len(lines))
	}
	for i := range 4 {
		rec, err := csv.NewReader(strings.NewReader(lines[i])).Read()
		if err != nil {
			t.Fatal(err)
		}
		point, _ := e.RunInfo(i)
		regime, errText := rec[5], rec[len(rec)-1]
		switch {
		case point == 0 && (regime == "" || errText != ""):
			t.Errorf("run %d of the valid point: regime %q, error %q", i, regime, errText)
		case point == 1 && (regime != "" || rec[6] != "" || !strings.Contains(errText, "behaviour.noise")):
			t.Errorf("run %d of the invalid point: regime %q, first metric %q, error %q", i, regime, rec[6], errText)
		}
	}
}

func TestExecuteInclude(t *testing.T) {
	t.Parallel()
	e := parseFile(t, "grid.experiment.yaml")
	all, _ := collect(t, e, ExecOptions{Workers: 2})
	odd, _ := collect(t, e, ExecOptions{Workers: 2, Include: func(i int) bool { return i%2 == 1 }})
	if len(odd) != e.Runs()/2 {
		t.Errorf("%d runs reported, want %d", len(odd), e.Runs()/2)
	}
	for i, l := range odd {
		if i%2 != 1 || l != all[i] {
			t.Errorf("run %d reported with Include odd, or differs", i)
		}
	}
	// Hysteresis: a replication runs whole, reporting only what is included.
	h := parseFile(t, "hysteresis.experiment.yaml")
	hall, _ := collect(t, h, ExecOptions{})
	some, _ := collect(t, h, ExecOptions{Include: func(i int) bool { return i == 3 || i == 9 }})
	if len(some) != 2 || some[3] != hall[3] || some[9] != hall[9] {
		t.Errorf("hysteresis with Include: got runs %v", keys(some))
	}
}

func keys(m map[int]string) []int {
	var k []int
	for i := range m {
		k = append(k, i)
	}
	slices.Sort(k)
	return k
}

func TestExecuteCancel(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"", "hysteresis.experiment.yaml"} {
		e := parseFile(t, "grid.experiment.yaml")
		e.Replications = 40
		if f != "" {
			e = parseFile(t, f)
			e.Replications = 40
		}
		ctx, cancel := context.WithCancel(context.Background())
		var started atomic.Int32
		reported := 0
		err := Execute(ctx, e, ExecOptions{Workers: 4, started: func(int) { started.Add(1) }}, func(r *Result) error {
			reported++
			if r.Err != nil {
				t.Errorf("run %d reported with error %v", r.Run, r.Err)
			}
			cancel() // at the first report: the runs in flight still finish
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%s: Execute returned %v, want context.Canceled", f, err)
		}
		if reported == 0 || reported >= e.Runs()/2 {
			t.Errorf("%s: %d of %d runs reported after cancelling at the first", f, reported, e.Runs())
		}
		if int(started.Load()) != reported {
			t.Errorf("%s: %d runs started but %d reported: every run in flight must finish and be reported", f, started.Load(), reported)
		}
	}
}

func TestExecuteStopsWhenDoneFails(t *testing.T) {
	t.Parallel()
	e := parseFile(t, "grid.experiment.yaml")
	stop := errors.New("disk full")
	calls := 0
	err := Execute(context.Background(), e, ExecOptions{Workers: 3}, func(r *Result) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Execute returned %v after %d calls, want the done error after 1", err, calls)
	}
}

func TestParseRunIndex(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
replications: 2
parameters:
  - {path: behaviour.noise, values: [0.02, 1.5]}
`)
	lines, _ := collect(t, e, ExecOptions{})
	for i := range e.Runs() {
		line := []byte(lines[i])
		if got, ok := e.ParseRunIndex(line); !ok || got != i {
			t.Errorf("ParseRunIndex(%q) = %d, %v; want %d", line, got, ok, i)
		}
		for cut := range len(line) {
			if _, ok := e.ParseRunIndex(line[:cut]); ok {
				t.Errorf("a line cut to %d bytes parses: %q", cut, line[:cut])
			}
		}
	}
	for _, bad := range []string{
		"\n", "garbage\n", "3,1,1\n",
		strings.Replace(lines[1], "1,0,1,", "1,1,1,", 1),  // wrong point for the run
		strings.Replace(lines[1], "1,0,1,", "99,0,1,", 1), // run out of range
		lines[0] + lines[1], // two lines
	} {
		if i, ok := e.ParseRunIndex([]byte(bad)); ok {
			t.Errorf("ParseRunIndex(%q) = %d, true", bad, i)
		}
	}
	// The failed run's error is quoted and on one line.
	if l := lines[2]; !strings.HasSuffix(l, "\"\n") || strings.Count(l, "\n") != 1 {
		t.Errorf("failed run's line: %q", l)
	}
}

func TestHeaderAndRow(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
seed: 42
replications: 1
parameters:
  - {path: behaviour.noise, values: [0.02]}
  - {path: policies.network.budget, values: [1234567.25]}
`)
	h := e.Header()
	if got := strings.Join(h[:7], ","); got != "run,point,rep,seed,behaviour.noise,policies.network.budget,regime" {
		t.Errorf("header starts %s", got)
	}
	if h[len(h)-1] != "error" || len(h) != 7+int(model.NumMetrics)+1 {
		t.Errorf("header %v", h)
	}
	r := &Result{Run: 0, Seed: [2]uint64{42, 0}, Values: e.Points[0], Regime: model.Coproduction}
	r.Final[model.MeanWage] = 1234.56789123
	row := e.AppendRow(nil, r)
	rec, err := csv.NewReader(bytes.NewReader(row)).Read()
	if err != nil {
		t.Fatal(err)
	}
	if rec[3] != "42:0" || rec[5] != "1234567.25" || rec[6] != "co-production" || rec[7+int(model.MeanWage)] != "1234.5679" {
		t.Errorf("row %q", row)
	}
	r.Err = errors.New("bad \"thing\",\nsecond line")
	row = e.AppendRow(nil, r)
	if !strings.HasSuffix(string(row), `,"bad ""thing"",; second line"`+"\n") {
		t.Errorf("failed row %q", row)
	}
}

func TestExecuteHysteresisFailedStep(t *testing.T) {
	t.Parallel()
	e := mustParse(t, `
base: tiny
replications: 1
design: {method: hysteresis}
hysteresis: {path: behaviour.noise, values: [0.02, 1.5], years: 1}
`)
	var errs []string
	err := Execute(context.Background(), e, ExecOptions{}, func(r *Result) error {
		msg := ""
		if r.Err != nil {
			msg = r.Err.Error()
		}
		errs = append(errs, msg)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 3 || errs[0] != "" || !strings.Contains(errs[1], "behaviour.noise") || !strings.HasPrefix(errs[2], "not run: lever step 1") {
		t.Errorf("errors by step: %q", errs)
	}
}
