package outdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"skillsim/plots"
)

// The directory, beside a command's data, that holds its figures, and the
// index of them in it.
const (
	FiguresDir   = "figures"
	FiguresIndex = "figures.json"
)

// A FigureEntry is one figure of figures.json: its name, caption and
// files, relative to the figures directory.
type FigureEntry struct {
	Name    string `json:"name"`
	Caption string `json:"caption"`
	PNG     string `json:"png"`
	SVG     string `json:"svg"`
}

// figureIndex is the layout of figures.json: the figures in the order a
// report shows them.
type figureIndex struct {
	Figures []FigureEntry `json:"figures"`
}

// WriteFigures draws figs as PNG and SVG into dir, creating it, each file
// atomically, and then figures.json listing them in order. Figures are
// drawn in parallel; the files do not depend on the order.
func WriteFigures(dir string, figs []*plots.Figure) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var g errgroup.Group
	g.SetLimit(4)
	index := figureIndex{Figures: make([]FigureEntry, len(figs))}
	for i, f := range figs {
		index.Figures[i] = FigureEntry{Name: f.Name, Caption: f.Caption, PNG: f.Name + ".png", SVG: f.Name + ".svg"}
		for _, format := range plots.Formats {
			g.Go(func() error {
				w, err := f.WriterTo(format)
				if err != nil {
					return err
				}
				return WriteFile(dir, f.Name+"."+format, func(out io.Writer) error {
					_, err := w.WriteTo(out)
					return err
				})
			})
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	return WriteBytes(dir, FiguresIndex, append(b, '\n'))
}

// A Figure is a figure as ReadFigures reads it back.
type Figure struct {
	FigureEntry
	// PNGData is the content of the PNG file.
	PNGData []byte
}

// ReadFigures returns the figures listed in dir/figures.json, in order,
// with their PNGs. It returns no figures and no error when there is no
// figures.json.
func ReadFigures(dir string) ([]Figure, error) {
	data, err := os.ReadFile(filepath.Join(dir, FiguresIndex))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var idx figureIndex
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, FiguresIndex), err)
	}
	var figs []Figure
	for _, e := range idx.Figures {
		if !filepath.IsLocal(e.PNG) || filepath.Base(e.PNG) != e.PNG {
			return nil, fmt.Errorf("%s: figure %q: bad file name %q", filepath.Join(dir, FiguresIndex), e.Name, e.PNG)
		}
		png, err := os.ReadFile(filepath.Join(dir, e.PNG))
		if err != nil {
			return nil, err
		}
		figs = append(figs, Figure{FigureEntry: e, PNGData: png})
	}
	return figs, nil
}
