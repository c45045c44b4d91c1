package patterns_test

import (
	"strings"
	"testing"

	"skillsim/model"
	"skillsim/patterns"
	"skillsim/sim"
)

func TestParseTargetsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"empty", "", []string{"t.yaml:1:1: the file is empty"}},
		{"unknown key", "statistics:\n  - id: A\n    windw: [2011-01, 2012-01]\n", []string{"t.yaml:3:5: statistics[0].windw: unknown field (did you mean window?)"}},
		{"bad indicator", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], indicator: vacancy_rat, window: [2011-01, 2011-12]}\n",
			[]string{"statistics[0].indicator: \"vacancy_rat\" is not a regional indicator (did you mean vacancy_rate?)"}},
		{"inverted tolerance", "statistics:\n  - {id: A, use: fit, tolerance: [1, 0], indicator: vacancy_rate, window: [2011-01, 2011-12]}\n",
			[]string{"t.yaml:2:23: statistics[0].tolerance: [1, 0] is empty"}},
		{"bad use", "statistics:\n  - {id: A, use: fitt, tolerance: [0, 1], indicator: vacancy_rate, window: [2011-01, 2011-12]}\n",
			[]string{"statistics[0].use: \"fitt\" is not a use; must be fit or predict"}},
		{"ratio without then", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], indicator: vacancy_rate, transform: ratio, window: [2011-01, 2011-12]}\n",
			[]string{"statistics[0].then: missing; a ratio compares two windows"}},
		{"bad month", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], indicator: vacancy_rate, window: [2011-13, 2011-12]}\n",
			[]string{"t.yaml:2:76: statistics[0].window[0]:"}},
		{"duplicate id", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], indicator: vacancy_rate, window: [2011-01, 2011-12]}\n  - {id: A, use: fit, tolerance: [0, 1], indicator: vacancy_rate, window: [2011-01, 2011-12]}\n",
			[]string{"t.yaml:3:10: statistics[1].id: \"A\" is also the id of statistics[0]"}},
		{"bad group", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], group: trainers, indicator: vacancy_rate, window: [2011-01, 2011-12]}\n",
			[]string{"statistics[0].indicator: group \"trainers\" is not an employer group"}},
		{"weight on a sector", "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], sector: care, weight: apprenticeship_starts, indicator: vacancy_rate, window: [2011-01, 2011-12]}\n",
			[]string{"statistics[0].weight: a weight goes only with a regional indicator"}},
		{"alias bomb", "a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
			[]string{"more than 100000 YAML nodes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := patterns.ParseTargets("t.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

// TestStatisticTransforms checks each transform and aggregate on a
// hand-made series.
func TestStatisticTransforms(t *testing.T) {
	t.Parallel()
	var rep sim.Rep
	for i := range 24 {
		var o model.Observation
		o.Step = i + 1
		o.Date = model.MonthOf(2011, 1) + model.Month(i)
		o.Region[model.VacancyRate] = float64(i / 12) // 0 in 2011, 1 in 2012
		o.Region[model.ApprenticeshipStarts] = 2
		o.Region[model.StartsLevel2Share] = 0.5
		o.Region[model.LevyPaid] = 4
		o.Region[model.LevySpent] = 1
		o.Sectors = [][model.NumSectorMetrics]float64{{}}
		o.Sectors[0][model.SectorTurnoverRate] = 0.25
		rep.Observations = append(rep.Observations, o)
	}
	var g model.GroupObservation
	g.Step, g.Date = 6, model.MonthOf(2011, 6)
	g.Sectors = make([][model.NumGroups][model.NumGroupMetrics]float64, 2)
	g.Sectors[1][model.GroupTrains][model.GroupVacancyRate] = 0.3
	rep.Groups = append(rep.Groups, g)
	const head = "statistics:\n  - {id: A, use: fit, tolerance: [0, 1], "
	tests := []struct {
		stat string
		want float64
	}{
		{"indicator: vacancy_rate, window: [2012-01, 2012-12]}", 1},
		{"indicator: vacancy_rate, window: [2011-07, 2012-06]}", 0.5},
		{"indicator: vacancy_rate, transform: difference, window: [2011-01, 2011-12], then: [2012-01, 2012-12]}", 1},
		{"indicator: apprenticeship_starts, aggregate: total, transform: ratio, window: [2011-01, 2011-06], then: [2012-01, 2012-03]}", 0.5},
		{"indicator: levy_spent, denominator: levy_paid, transform: ratio, aggregate: total, window: [2011-01, 2011-12]}", 0.25},
		{"indicator: starts_level2_share, weight: apprenticeship_starts, window: [2011-01, 2011-12]}", 0.5},
		{"indicator: starts_level2_share, weight: apprenticeship_starts, aggregate: total, window: [2011-01, 2011-12]}", 12},
		{"sector: care, indicator: turnover_rate, window: [2011-01, 2011-12]}", 0.25},
		{"group: trains, indicator: vacancy_rate, window: [2011-01, 2011-12]}", 0.3},
		{"sector: nowhere, indicator: turnover_rate, window: [2011-01, 2011-12]}", -1},
	}
	for _, tt := range tests {
		tg, err := patterns.ParseTargets("t.yaml", []byte(head+tt.stat+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", tt.stat, err)
		}
		got := tg.Statistics[0].Of(&rep, []string{"care"})
		if tt.want < 0 {
			if got == got {
				t.Errorf("%s = %v, want NaN", tt.stat, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s = %v, want %v", tt.stat, got, tt.want)
		}
	}
}

func TestEnglandUses(t *testing.T) {
	t.Parallel()
	tg, err := patterns.LoadTargets("")
	if err != nil {
		t.Fatal(err)
	}
	fit, predict := 0, 0
	for _, s := range tg.Statistics {
		if s.Use == patterns.Fit {
			fit++
			// A fitted statistic's windows end by mid-2018 at the latest
			// (an academic year starting in 2017), except the structural
			// levels P9 and P10.
			if last := max(s.Window.To, s.Then.To); last > model.MonthOf(2018, 8) && !strings.HasPrefix(s.ID, "P9") && !strings.HasPrefix(s.ID, "P10") {
				t.Errorf("%s is used to fit but its window runs to %v", s.ID, last-1)
			}
		} else {
			predict++
		}
	}
	if fit == 0 || predict == 0 {
		t.Errorf("%d fit, %d predict: want both", fit, predict)
	}
}
