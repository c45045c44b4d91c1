package markdown

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	var b strings.Builder
	Table(&b, []string{"a", "b|c"}, [][]string{{"1", "2"}, {"x", "y"}}, func(s string) string { return strings.ReplaceAll(s, "|", `\|`) })
	want := "| a | b\\|c |\n|---|---|\n| 1 | 2 |\n| x | y |\n\n"
	if got := b.String(); got != want {
		t.Errorf("Table wrote\n%q\nwant\n%q", got, want)
	}
}
