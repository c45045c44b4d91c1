package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"skillsim/outdir"
	"skillsim/sim"
)

// Options controls a report.
type Options struct {
	// Validation adds to a run of the scenario named baseline the
	// validation table: its time series checked against the patterns
	// observed in England and London (package patterns).
	Validation bool
	// Generated is the date the report says it was made.
	Generated time.Time
}

// A DirError says that a directory is not one a report can read: it holds
// no results, or its files do not match its manifest.
type DirError struct {
	Dir string
	Err error
}

// Error names the directory and the problem.
func (e *DirError) Error() string { return fmt.Sprintf("%s: %v", e.Dir, e.Err) }

// Unwrap returns the problem.
func (e *DirError) Unwrap() error { return e.Err }

// Write reads the results in dirs and writes the report to file, and
// returns the number of figures in it: a self-contained HTML file, or
// Markdown when file ends in .md, its figures written as PNG files into
// <name>-figures/ beside it. Every file is written atomically. A directory
// a report cannot read is a *DirError, and nothing is written.
func Write(file string, dirs []string, opt Options) (figures int, err error) {
	rep := &report{
		Version:   sim.Version,
		Generated: opt.Generated.UTC().Format("2006-01-02 15:04 MST"),
	}
	for _, dir := range dirs {
		sec, err := readSection(dir, opt.Validation)
		if err != nil {
			return 0, err
		}
		rep.Sections = append(rep.Sections, sec)
	}
	rep.number()
	outDir, name := filepath.Dir(file), filepath.Base(file)
	if strings.EqualFold(filepath.Ext(file), ".md") {
		figDir := strings.TrimSuffix(name, filepath.Ext(name)) + "-figures"
		if err := writeMarkdownFigures(filepath.Join(outDir, figDir), rep); err != nil {
			return 0, err
		}
		err = outdir.WriteFile(outDir, name, func(w io.Writer) error { return rep.markdown(w, figDir) })
	} else {
		err = outdir.WriteFile(outDir, name, rep.html)
	}
	if err != nil {
		return 0, err
	}
	for _, s := range rep.Sections {
		figures += len(s.Figures)
	}
	return figures, nil
}

// report is what a report says, for the HTML and Markdown writers.
type report struct {
	Version   string
	Generated string
	Sections  []*section
}

// section is the part of a report about one directory.
type section struct {
	ID         string // an anchor, unique in the report
	Kind       string // run, comparison or experiment
	Dir        string
	Title      string
	Questions  []question
	Summary    []string // sentences under the title
	Figures    []figure
	Notes      []string
	Tables     []table
	Validation *table
	Provenance []fact
	Resolved   []resolvedFile
}

type question struct{ Scenario, Text string }

type figure struct {
	ID      string // unique in the report, also the Markdown file name
	Caption string
	PNG     []byte
}

type table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

type fact struct{ Name, Value string }

type resolvedFile struct{ Name, Text string }

// number gives sections and figures their unique IDs.
func (r *report) number() {
	for i, s := range r.Sections {
		s.ID = fmt.Sprintf("s%d", i+1)
		for j := range s.Figures {
			s.Figures[j].ID = fmt.Sprintf("%s-%s", s.ID, s.Figures[j].ID)
		}
	}
}
