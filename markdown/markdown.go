// Package markdown writes the Markdown that skillsim's generated
// documents share: the pipe table of docs/validation.md (package
// calibrate) and of a report's Markdown (package report).
package markdown

import (
	"fmt"
	"strings"
)

// Table writes a pipe table to b: the header row, the separator row and
// one row for each of rows, every cell passed through cell (the caller's
// escaping), then a blank line. The caption, if any, is the caller's to
// write above it.
//
//	| h1 | h2 |
//	|---|---|
//	| a | b |
func Table(b *strings.Builder, header []string, rows [][]string, cell func(string) string) {
	b.WriteString("|")
	for _, h := range header {
		fmt.Fprintf(b, " %s |", cell(h))
	}
	b.WriteString("\n|")
	for range header {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, row := range rows {
		b.WriteString("|")
		for _, c := range row {
			fmt.Fprintf(b, " %s |", cell(c))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}
