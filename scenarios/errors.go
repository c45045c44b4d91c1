package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a scenario file, located at the line and column
// of the YAML node it concerns.
type Error struct {
	// File is the name of the scenario file as given to Parse.
	File string
	// Line and Column are 1-based; 0 means unknown.
	Line, Column int
	// Field is the YAML key path of the field, such as sectors[2].quit_rate,
	// or empty when the problem is with the file as a whole.
	Field string
	// Message says what is wrong and what would be valid.
	Message string
}

// Error formats e as file:line:col: field: message, leaving out the parts
// that are unknown or empty.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		// A field path is short unless the file gives a huge key.
		b.WriteString(shortenTo(e.Field, 4*maxQuoted))
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// ErrorList is every problem found in a scenario file, sorted by line and
// column. Parse returns one as its error.
type ErrorList []*Error

// Error returns the problems one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so that errors.As finds the first *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// MaxErrors is the most problems Parse lists; past it, the last entry
// says how many more there were.
const MaxErrors = 100

// cut returns the first MaxErrors problems of l and, if there were more,
// one that says how many more.
func (l ErrorList) cut() ErrorList {
	if len(l) <= MaxErrors {
		return l
	}
	more := &Error{File: l[0].File, Message: fmt.Sprintf("and %d more problems", len(l)-MaxErrors)}
	return append(l[:MaxErrors:MaxErrors], more)
}

// sort orders the list by line and then column, keeping the order in which
// problems were found among those at the same place.
func (l ErrorList) sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}
