package experiment

import (
	"errors"
	"math"
	"strings"
	"testing"

	"skillsim/model"
)

func TestReadRuns(t *testing.T) {
	t.Parallel()
	const grid = `run,point,rep,seed,policies.network.budget,initial.high_spec_share,regime,coproduction_share,mean_wage,error
0,0,0,1:0,0,0.1,low-skills,0.05,1500.25,
1,0,1,1:1,0,0.1,co-production,0.61,1890,
2,1,0,1:2,2000000,0.3,,,,"model: sectors.social_care.quit_rate: must be in [0, 1], got 2; and ""more"""
`
	runs, err := ReadRuns(strings.NewReader(grid))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(runs.Params, " ") != "policies.network.budget initial.high_spec_share" || runs.HasPhase ||
		strings.Join(runs.Metrics, " ") != "coproduction_share mean_wage" || len(runs.Rows) != 3 {
		t.Fatalf("got %+v", runs)
	}
	r := runs.Rows[1]
	if r.Run != 1 || r.Point != 0 || r.Rep != 1 || r.Seed != [2]uint64{1, 1} || r.Params[0] != 0 || r.Params[1] != 0.1 ||
		r.Regime != "co-production" || !r.Success() || r.Metrics[0] != 0.61 || r.Metrics[1] != 1890 || r.Failed() {
		t.Errorf("row 1 = %+v", r)
	}
	f := runs.Rows[2]
	if !f.Failed() || f.Success() || f.Params[0] != 2e6 || !math.IsNaN(f.Metrics[0]) || !math.IsNaN(f.Metrics[1]) ||
		f.Error != `model: sectors.social_care.quit_rate: must be in [0, 1], got 2; and "more"` {
		t.Errorf("failed row = %+v", f)
	}
	if v := runs.Valid(); len(v) != 2 || v[0].Run != 0 || v[1].Run != 1 || runs.Failed() != 1 {
		t.Errorf("valid %d rows, failed %d", len(v), runs.Failed())
	}
	if runs.ParamIndex("initial.high_spec_share") != 1 || runs.MetricIndex("mean_wage") != 1 || runs.MetricIndex("nope") != -1 {
		t.Error("indices")
	}

	const hyst = `run,point,rep,seed,policies.network.budget,phase,regime,coproduction_share,error
0,0,0,3:0,0,up,low-skills,0.1,
1,1,0,3:0,500000,up,co-production,0.5,
2,2,0,3:0,0,down,transitional,0.3,
`
	runs, err = ReadRuns(strings.NewReader(hyst))
	if err != nil {
		t.Fatal(err)
	}
	if !runs.HasPhase || len(runs.Params) != 1 || runs.Params[0] != "policies.network.budget" || len(runs.Rows) != 3 ||
		runs.Rows[2].Phase != "down" || runs.Rows[1].Params[0] != 5e5 || runs.Rows[2].Seed != [2]uint64{3, 0} {
		t.Errorf("hysteresis: %+v", runs)
	}

	// A header alone is an experiment with no runs.
	runs, err = ReadRuns(strings.NewReader("run,point,rep,seed,x,regime,m,error\n"))
	if err != nil || len(runs.Rows) != 0 || runs.Failed() != 0 {
		t.Errorf("header only: %+v, %v", runs, err)
	}
}

func TestReadRunsErrors(t *testing.T) {
	t.Parallel()
	const head = "run,point,rep,seed,x,regime,m,error\n"
	for _, tc := range []struct {
		name, csv, want string
		header          bool
	}{
		{"empty", "", "empty input", true},
		{"no regime", "run,point,rep,seed,x,m,error\n", "header", true},
		{"no error column", "run,point,rep,seed,x,regime,m\n", "header", true},
		{"wrong start", "point,run,rep,seed,x,regime,m,error\n", "header", true},
		{"field count", head + "0,0,0,1:0,1,low-skills,0.5\n", "wrong number of fields", false},
		{"bad run", head + "a,0,0,1:0,1,low-skills,0.5,\n", "line 2, column run", false},
		{"bad seed", head + "0,0,0,1-0,1,low-skills,0.5,\n", "line 2, column seed", false},
		{"bad param", head + "0,0,0,1:0,,low-skills,0.5,\n", "line 2, column x", false},
		{"bad metric", head + "0,0,0,1:0,1,low-skills,0.5,\n1,0,1,1:1,1,low-skills,high,\n", "line 3, column m", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadRuns(strings.NewReader(tc.csv))
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, ErrRunsHeader) != tc.header {
				t.Errorf("err = %v, want one mentioning %q (header error %v)", err, tc.want, tc.header)
			}
		})
	}
}

// What AppendRow writes, ReadRuns and the row helpers read back.
func TestRunsCSVRoundTrip(t *testing.T) {
	t.Parallel()
	for _, text := range []string{linkedFile, `
base: tiny
design: {method: hysteresis}
hysteresis: {path: behaviour.noise, values: [0.01, 0.02], years: 1}
`} {
		e := mustParse(t, text)
		buf := e.HeaderLine()
		if string(buf) != strings.Join(e.Header(), ",")+"\n" {
			t.Errorf("HeaderLine %q", buf)
		}
		var want []Result
		for i := range e.Runs() {
			point, rep := e.RunInfo(i)
			r := Result{Run: i, Point: point, Rep: rep, Seed: [2]uint64{e.Seed, e.Stream(i)}, Values: e.Points[point], Regime: model.Regime(i % 3)}
			for m := range r.Final {
				r.Final[m] = float64(i) + float64(m)/8
			}
			if i == 1 {
				r.Err = errors.New("a \"quoted\",\nbroken message")
			}
			want = append(want, r)
			line := e.AppendRow(nil, &r)
			if run, ok := RowRun(line); !ok || run != i {
				t.Errorf("RowRun(%q) = %d, %v", line, run, ok)
			}
			if RowFailed(line) != (r.Err != nil) {
				t.Errorf("RowFailed(%q) = %v", line, RowFailed(line))
			}
			if g, ok := e.RowRegime(line); ok == (r.Err != nil) || (ok && g != r.Regime) {
				t.Errorf("RowRegime(%q) = %v, %v; want %v", line, g, ok, r.Regime)
			}
			buf = append(buf, line...)
		}
		runs, err := ReadRuns(strings.NewReader(string(buf)))
		if err != nil {
			t.Fatal(err)
		}
		if len(runs.Rows) != len(want) || runs.HasPhase != (e.Method == Hysteresis) || len(runs.Metrics) != int(model.NumMetrics) {
			t.Fatalf("read %d rows, phase %v, %d metrics", len(runs.Rows), runs.HasPhase, len(runs.Metrics))
		}
		for i, row := range runs.Rows {
			w := want[i]
			if row.Run != w.Run || row.Point != w.Point || row.Rep != w.Rep || row.Seed != w.Seed || !near(row.Params, w.Values) {
				t.Errorf("row %d: %+v, want %+v", i, row, w)
			}
			if w.Err != nil {
				if row.Error != `a "quoted",; broken message` || !row.Failed() {
					t.Errorf("row %d error %q", i, row.Error)
				}
				continue
			}
			if row.Regime != w.Regime.String() || row.Metrics[2] != w.Final[2] {
				t.Errorf("row %d: regime %s, metric %v; want %s, %v", i, row.Regime, row.Metrics[2], w.Regime, w.Final[2])
			}
		}
	}
	for _, bad := range []string{"", ",1,2", "x,1", "-1,2"} {
		if _, ok := RowRun([]byte(bad)); ok {
			t.Errorf("RowRun(%q) succeeded", bad)
		}
	}
}
