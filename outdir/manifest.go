package outdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ManifestName is the manifest of a set, written last by Commit.
const ManifestName = "manifest.json"

// A Manifest says what set of files a directory holds: the kind of set
// (such as "run" or "comparison"), the skillsim version that wrote it and
// the SHA-256 of each file.
type Manifest struct {
	Kind    string `json:"kind"`
	Version string `json:"skillsim_version"`
	Files   Sums   `json:"files"`
}

// ReadSet reads the manifest of the set of the given kind in dir and
// checks every file against it. A directory with no manifest holds no
// whole set: one written by an older skillsim, or by a process killed
// while writing.
func ReadSet(dir, kind string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: the %s in it is not whole (written by an older skillsim, or interrupted while writing); run it again", dir, ManifestName, kind)
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Kind == "" {
		return nil, fmt.Errorf("%s is not a skillsim manifest", filepath.Join(dir, ManifestName))
	}
	if m.Kind != kind {
		return nil, fmt.Errorf("%s holds a %s, not a %s", dir, m.Kind, kind)
	}
	if err := m.Files.Verify(dir); err != nil {
		return nil, err
	}
	return &m, nil
}

// A Set is a set of files being written into a locked directory.
type Set struct {
	dir, kind string
	owned     func(string) bool
	lock      *Lock
	stage     *Stage
	cleanup   func()
}

// Begin begins writing a set of files of the given kind into dir, for the
// command what: it creates dir if need be, locks it (a *BusyError if
// another process holds it), finishes or removes what a killed writer
// left (Clean) and opens a staging directory, Path, to write the set
// into. owned reports whether a name in dir belongs to a set of this kind:
// Commit removes those the new set does not rewrite. A directory whose
// manifest is of another kind (or another skillsim's, a sweep's) is
// refused, and left as it was.
func Begin(dir, kind, what string, owned func(string) bool) (*Set, error) {
	cleanup, err := Prepare(dir)
	if err != nil {
		return nil, err
	}
	lock, err := Acquire(dir, what)
	if err != nil {
		cleanup()
		return nil, err
	}
	s := &Set{dir: dir, kind: kind, owned: owned, lock: lock, cleanup: cleanup}
	if err := Clean(dir, ManifestName, s.owns); err != nil {
		s.Abort()
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(dir, ManifestName)); err == nil {
		var m Manifest
		if json.Unmarshal(b, &m) != nil || m.Kind != kind {
			s.Abort()
			what := "something else (a sweep?)"
			if m.Kind != "" {
				what = "a " + m.Kind
			}
			return nil, fmt.Errorf("%s holds %s, not a %s; choose another output directory", dir, what, kind)
		}
	}
	if s.stage, err = NewStage(dir); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

// owns reports whether name belongs to the set: owned, or the manifest.
func (s *Set) owns(name string) bool { return name == ManifestName || s.owned(name) }

// Path returns the staging directory to write the set into.
func (s *Set) Path() string { return s.stage.Path() }

// Commit puts the set in place, its manifest (recording version) last,
// and releases the lock.
func (s *Set) Commit(version string) error {
	defer s.lock.Release()
	return s.stage.Commit(ManifestName, func(sums Sums) ([]byte, error) {
		b, err := json.MarshalIndent(Manifest{Kind: s.kind, Version: version, Files: sums}, "", "  ")
		return append(b, '\n'), err
	}, s.owns)
}

// Abort removes the staging directory, releases the lock and removes the
// directories Begin created, if they are empty: the directory is as it
// was.
func (s *Set) Abort() {
	if s.stage != nil {
		s.stage.Abort()
	}
	s.lock.Release()
	s.cleanup()
}
