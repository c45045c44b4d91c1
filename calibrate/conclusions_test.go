package calibrate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"skillsim/model"
	"skillsim/scenarios"
)

// TestConclusions answers questions on the small region across a
// posterior (made with the stand-in simulator), and checks that the
// answers are consistent with each other and the same for any number of
// workers.
func TestConclusions(t *testing.T) {
	t.Parallel()
	c := loadRecovery(t)
	dir := t.TempDir()
	if _, err := Run(context.Background(), c, dir, Options{simulate: fakeSimulate, NoFigures: true}); err != nil {
		t.Fatal(err)
	}
	high := scenarios.Clone(c.Base)
	high.Name = "recovery-high"
	q := &Questions{Scenarios: []*model.Config{c.Base, high}}
	for g := range model.NumRegimes {
		q.Questions = append(q.Questions, Question{Text: g.String(), Checks: []Check{{Scenario: 0, Regime: g}}})
	}
	q.Questions = append(q.Questions,
		Question{Text: "low in 2012 and at the end", Checks: []Check{{0, model.MonthOf(2012, 1), model.LowSkills}, {0, 0, model.LowSkills}}},
		Question{Text: "a date outside the run", Checks: []Check{{0, model.MonthOf(2030, 1), model.LowSkills}}},
		Question{Text: "the same scenario twice, common random numbers", Checks: []Check{{0, 0, model.Transitional}, {1, 0, model.Transitional}}},
	)
	var files [][]byte
	for _, w := range []int{1, 3} {
		cs, err := Conclusions(context.Background(), c, dir, q, ConclusionOptions{Sample: 4, Replications: 2, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, cn := range cs[:3] {
			sum += cn.Answer.Successes
			if cn.Answer.N != 8 {
				t.Errorf("%s: %d runs, want 8", cn.Question, cn.Answer.N)
			}
		}
		if sum != 8 {
			t.Errorf("the regimes' shares add to %d of 8 runs", sum)
		}
		if cs[3].Answer.Successes > cs[0].Answer.Successes || cs[4].Answer.Successes != 0 {
			t.Errorf("inconsistent answers: %+v", cs)
		}
		if cs[5].Answer.Successes != cs[1].Answer.Successes {
			t.Errorf("a copy of the scenario with common random numbers answers differently: %+v vs %+v", cs[5].Answer, cs[1].Answer)
		}
		b, err := os.ReadFile(filepath.Join(dir, FileConclusions))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
		t.Logf("%s", b)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("conclusions differ between 1 and 3 workers")
	}
	if _, err := Conclusions(context.Background(), c, t.TempDir(), q, ConclusionOptions{}); err == nil {
		t.Error("no error for a directory without a calibration")
	}
}

func TestEnglandQuestions(t *testing.T) {
	t.Parallel()
	q, err := EnglandQuestions()
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Questions) != 9 || !slices.ContainsFunc(q.Scenarios, func(c *model.Config) bool { return c.Name == "temporary-push" && c.End == model.MonthOf(2055, 1) }) {
		t.Errorf("%d questions over %d scenarios", len(q.Questions), len(q.Scenarios))
	}
}
