package analysis

import (
	"testing"

	"skillsim/model"
)

func TestCoproductionName(t *testing.T) {
	t.Parallel()
	if Coproduction != model.Coproduction.String() {
		t.Errorf("Coproduction = %q, model says %q", Coproduction, model.Coproduction.String())
	}
	for _, tc := range []struct {
		regime string
		want   bool
	}{{"co-production", true}, {"transitional", false}, {"low-skills", false}, {"", false}} {
		if got := Success(tc.regime); got != tc.want {
			t.Errorf("Success(%q) = %v", tc.regime, got)
		}
	}
}
