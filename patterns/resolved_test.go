package patterns

import (
	"reflect"
	"strings"
	"testing"
)

// TestResolvedReadsBack checks that the resolved England targets parse
// back to the same statistics, and that defaults are written out.
func TestResolvedReadsBack(t *testing.T) {
	t.Parallel()
	want, err := ParseTargets(EnglandFile, englandYAML)
	if err != nil {
		t.Fatal(err)
	}
	b, err := want.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseTargets("resolved", b)
	if err != nil {
		t.Fatalf("the resolved targets do not parse: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the resolved targets read back differently:\n%s", b)
	}
	if !strings.Contains(string(b), "aggregate: mean") || !strings.Contains(string(b), "window: [2011-01, 2017-12]") {
		t.Errorf("defaults or windows not written out:\n%s", b)
	}
}
