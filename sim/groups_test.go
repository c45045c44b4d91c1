package sim

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"skillsim/model"
)

// groupsCSV runs cfg with opt and returns the result and its
// employer_groups.csv.
func groupsCSV(t *testing.T, cfg *model.Config, opt Options) (*Result, []byte) {
	t.Helper()
	res, err := Run(context.Background(), cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteEmployerGroups(&b, res); err != nil {
		t.Fatal(err)
	}
	return res, b.Bytes()
}

func TestEmployerGroupsFile(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	res, b1 := groupsCSV(t, cfg, Options{Workers: 1})
	_, b4 := groupsCSV(t, cfg, Options{Workers: 4})
	if !bytes.Equal(b1, b4) {
		t.Error("employer_groups.csv differs between 1 and 4 workers")
	}
	// One survey a year, in June, after step 0.
	var junes []model.Month
	for d := cfg.Start + 1; d <= cfg.End; d++ {
		if d.MonthOfYear() == SurveyMonth {
			junes = append(junes, d)
		}
	}
	nS := len(cfg.Sectors)
	rows := len(res.Reps) * len(junes) * (nS + 1) * int(model.NumGroups) * int(model.NumGroupMetrics)
	if n := bytes.Count(b1, []byte("\n")); n != rows+1 {
		t.Errorf("%d lines, want a header and %d rows", n, rows)
	}
	if !bytes.HasPrefix(b1, []byte("rep,step,date,sector,group,metric,value\n")) || !bytes.Contains(b1, []byte(",all,untied,qualified_staffing,")) {
		t.Errorf("unexpected layout:\n%.300s", b1)
	}
	for _, rep := range res.Reps {
		if len(rep.Groups) != len(junes) {
			t.Fatalf("rep %d: %d surveys, want %d", rep.Index, len(rep.Groups), len(junes))
		}
		for i, g := range rep.Groups {
			want := 12
			if i == 0 {
				want = int(junes[0] - cfg.Start)
			}
			if g.Date != junes[i] || g.WindowMonths != want {
				t.Errorf("rep %d survey %d at %s over %d months, want %s over %d", rep.Index, i, g.Date, g.WindowMonths, junes[i], want)
			}
		}
	}
	got, err := ReadEmployerGroups(bytes.NewReader(b1), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(res.Reps) {
		t.Fatalf("read %d replications, want %d", len(got), len(res.Reps))
	}
	for r, rep := range res.Reps {
		for i, want := range rep.Groups {
			g := got[r][i]
			if g.Step != want.Step || g.Date != want.Date || g.WindowMonths != want.WindowMonths {
				t.Fatalf("rep %d survey %d: read step %d %s over %d, want %d %s over %d", r, i, g.Step, g.Date, g.WindowMonths, want.Step, want.Date, want.WindowMonths)
			}
			for s := range want.Sectors {
				for gr := range want.Sectors[s] {
					for m, v := range want.Sectors[s][gr] {
						if w := g.Sectors[s][gr][m]; math.Abs(w-v) > 1e-7*math.Abs(v) {
							t.Fatalf("rep %d survey %d sector %d %s %s: read %v, wrote %v", r, i, s, model.EmployerGroup(gr), model.GroupMetric(m), w, v)
						}
					}
				}
			}
		}
	}
}

func TestEmployerGroupsOfAllSectors(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	res, err := Run(context.Background(), cfg, Options{Reps: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range res.Reps {
		for _, g := range rep.Groups {
			all := g.Sectors[len(g.Sectors)-1]
			for gr := range model.NumGroups {
				var employers, jobs float64
				for _, x := range g.Sectors[:len(g.Sectors)-1] {
					employers += x[gr][model.GroupEmployers]
					jobs += x[gr][model.GroupJobs]
				}
				if employers != all[gr][model.GroupEmployers] || jobs != all[gr][model.GroupJobs] {
					t.Errorf("rep %d %s %s: sectors sum to %v employers and %v jobs, all has %v and %v",
						rep.Index, g.Date, model.EmployerGroup(gr), employers, jobs, all[gr][model.GroupEmployers], all[gr][model.GroupJobs])
				}
			}
		}
	}
}

func TestSurveyEveryStep(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	cfg.Replications = 2
	annual, err := Run(context.Background(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	every, err := Run(context.Background(), cfg, Options{SurveyEveryStep: true})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteTimeseries(&a, annual); err != nil {
		t.Fatal(err)
	}
	if err := WriteTimeseries(&b, every); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("surveying every step changed timeseries.csv")
	}
	for _, rep := range every.Reps {
		if len(rep.Groups) != cfg.Steps() {
			t.Fatalf("rep %d: %d surveys, want one per step (%d)", rep.Index, len(rep.Groups), cfg.Steps())
		}
		for i, g := range rep.Groups {
			if g.Step != i+1 || g.WindowMonths != cfg.StepMonths {
				t.Errorf("rep %d survey %d: step %d over %d months", rep.Index, i, g.Step, g.WindowMonths)
			}
		}
	}
}

func TestReadEmployerGroupsErrors(t *testing.T) {
	t.Parallel()
	cfg := smallConfig()
	cfg.Replications = 1
	_, good := groupsCSV(t, cfg, Options{})
	lines := strings.SplitAfter(string(good), "\n")
	n := (len(cfg.Sectors) + 1) * int(model.NumGroups) * int(model.NumGroupMetrics)
	for _, c := range []struct{ name, text string }{
		{"empty", ""},
		{"bad header", "rep,step,date,sector,group,value\n"},
		{"missing value", strings.Join(lines[:len(lines)-2], "")},
		{"duplicate", lines[0] + lines[1] + lines[1] + strings.Join(lines[3:], "")},
		{"unknown group", strings.Replace(string(good), ",untied,", ",unknown,", 1)},
		{"unknown sector", strings.Replace(string(good), ",all,", ",nowhere,", 1)},
		{"bad number", strings.Replace(string(good), ",jobs,", ",jobs,x", 1)},
		{"out of order", lines[0] + strings.Join(lines[1+n:1+2*n], "") + strings.Join(lines[1:1+n], "")},
	} {
		if _, err := ReadEmployerGroups(strings.NewReader(c.text), cfg); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// TestEmployerGroupsShowMechanisms checks, pooled over the surveys of a
// few replications of a small region, two contrasts the model's rules
// imply: employers that train have more of their staff in training than
// those that do not (non-trainers only finish what they started), and
// high-specification employers, with more skilled posts and a premium on
// their output, pay more on average.
func TestEmployerGroupsShowMechanisms(t *testing.T) {
	cfg := smallConfig()
	cfg.End = cfg.Start + 48
	res, err := Run(context.Background(), cfg, Options{Reps: 4, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var sum [model.NumGroups][model.NumGroupMetrics]float64
	n := 0.0
	for _, rep := range res.Reps {
		for _, g := range rep.Groups {
			all := g.Sectors[len(g.Sectors)-1]
			for gr := range all {
				for m, v := range all[gr] {
					sum[gr][m] += v
				}
			}
			n++
		}
	}
	mean := func(g model.EmployerGroup, m model.GroupMetric) float64 { return sum[g][m] / n }
	if a, b := mean(model.GroupTrains, model.GroupTraineeShare), mean(model.GroupNoTraining, model.GroupTraineeShare); a <= b {
		t.Errorf("trainee share: trainers %v, non-trainers %v", a, b)
	}
	if a, b := mean(model.GroupHighSpec, model.GroupMeanWage), mean(model.GroupLowSpec, model.GroupMeanWage); a <= b {
		t.Errorf("mean wage: high-specification employers %v, low-specification %v", a, b)
	}
}
