package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

const (
	tmpSuffix     = ".tmp"
	stagingPrefix = ".staging-"
	trashPrefix   = ".trash-"
	// setNames, in a staging directory, lists the names of the set's
	// files and subdirectories, one a line, written before its manifest.
	setNames = ".set"
)

// Sums maps the files of a set, by slash-separated path relative to its
// directory, to the SHA-256 of their content in hex.
type Sums map[string]string

// SumFile returns the SHA-256 of the file at path in hex.
func SumFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// SumBytes returns the SHA-256 of b in hex.
func SumBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// SumDir returns the sums of every regular file under dir, except
// temporary files, the lock file and the file skip (the manifest).
func SumDir(dir, skip string) (Sums, error) {
	sums := Sums{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if p != dir && IsTemp(d.Name()) || rel == skip || d.Name() == LockName {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		sum, err := SumFile(p)
		if err != nil {
			return err
		}
		sums[rel] = sum
		return nil
	})
	return sums, err
}

// Verify checks that each file of s in dir has its sum; it names the
// first file (in name order) that is missing or differs.
func (s Sums) Verify(dir string) error {
	names := make([]string, 0, len(s))
	for name := range s {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("the manifest names %q, outside %s", name, dir)
		}
		sum, err := SumFile(filepath.Join(dir, filepath.FromSlash(name)))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is missing, though the manifest lists it", filepath.Join(dir, name))
		}
		if err != nil {
			return err
		}
		if sum != s[name] {
			return fmt.Errorf("%s does not match the SHA-256 in the manifest: it was changed after it was written, or belongs to another run", filepath.Join(dir, name))
		}
	}
	return nil
}

// A Stage writes a set of files into a staging directory inside an output
// directory, to be moved into place together by Commit.
type Stage struct {
	dir, path string
}

// NewStage begins a set of files for dir, which the caller has locked.
func NewStage(dir string) (*Stage, error) {
	p, err := os.MkdirTemp(dir, stagingPrefix+"*")
	if err != nil {
		return nil, err
	}
	return &Stage{dir: dir, path: p}, nil
}

// Path returns the staging directory, in which the set is written (with
// WriteFile, or WriteFigures into a subdirectory).
func (s *Stage) Path() string { return s.path }

// WriteFile writes name into the staging directory atomically.
func (s *Stage) WriteFile(name string, write func(io.Writer) error) error {
	return WriteFile(s.path, name, write)
}

// Abort removes the staging directory.
func (s *Stage) Abort() { os.RemoveAll(s.path) }

// Commit moves the staged set into the output directory, replacing the
// previous set: it writes the manifest into the staging directory (which
// marks the set complete), removes the old manifest, removes the files of
// the directory that owned reports as belonging to a set (so none of the
// previous set outlives it), moves the staged files and subdirectories
// into place and writes the manifest last. manifest returns the
// manifest's content from the sums of the staged files.
func (s *Stage) Commit(name string, manifest func(Sums) ([]byte, error), owned func(string) bool) error {
	if err := s.seal(name, manifest); err != nil {
		return err
	}
	return commit(s.dir, s.path, name, owned)
}

// seal writes the list of the set's names and then its manifest into the
// staging directory, which marks the set complete.
func (s *Stage) seal(name string, manifest func(Sums) ([]byte, error)) error {
	sums, err := SumDir(s.path, name)
	if err != nil {
		return err
	}
	data, err := manifest(sums)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(s.path)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if err := WriteBytes(s.path, setNames, []byte(strings.Join(names, "\n"))); err != nil {
		return err
	}
	return WriteBytes(s.path, name, data)
}

// commit finishes the commit of the sealed staging directory stage into
// dir. It is idempotent: a commit cut short is finished by running it
// again. It reads the list of the set's names before it changes
// anything, so a staging directory that is not sealed is refused and dir
// left as it was.
func commit(dir, stage, manifest string, owned func(string) bool) error {
	list, err := os.ReadFile(filepath.Join(stage, setNames))
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, manifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	has := map[string]bool{}
	for n := range strings.SplitSeq(string(list), "\n") {
		has[n] = true
	}
	staged, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	old, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range old {
		n := e.Name()
		if IsTemp(n) || n == LockName || !owned(n) {
			continue
		}
		switch {
		case !has[n]:
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				return err
			}
		case e.IsDir() && Exists(stage, n):
			// A subdirectory is replaced whole: moved aside first, so
			// that no mix of the old and new is ever in place.
			trash, err := os.MkdirTemp(dir, trashPrefix+"*")
			if err != nil {
				return err
			}
			if err := os.Rename(filepath.Join(dir, n), filepath.Join(trash, n)); err != nil {
				return err
			}
		}
	}
	for _, e := range staged {
		if n := e.Name(); n != manifest && n != setNames && !IsTemp(n) {
			if err := os.Rename(filepath.Join(stage, n), filepath.Join(dir, n)); err != nil {
				return err
			}
		}
	}
	if err := os.Rename(filepath.Join(stage, manifest), filepath.Join(dir, manifest)); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return removeTemp(dir)
}

// Clean, called by a writer that holds the lock on dir, finishes a commit
// of a set (whose manifest is called manifest) that a killed process cut
// short, and removes what killed writers left in dir and its
// subdirectories: temporary files, staging directories that were not
// complete and trash.
//
// A commit is finished only from a staging directory that Commit sealed:
// one holding the list of the set's names and the manifest, which seal
// writes in that order. A staging directory that holds a file called
// manifest but no list is another writer's (a subdirectory staged for
// Replace, such as a sweep's analysis/ with its own manifest.json): it is
// removed like any incomplete one, and dir's manifest left alone. owned
// is as for Commit.
func Clean(dir, manifest string, owned func(string) bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		stage := filepath.Join(dir, n)
		if e.IsDir() && strings.HasPrefix(n, stagingPrefix) && Exists(stage, setNames) && Exists(stage, manifest) {
			if err := commit(dir, stage, manifest, owned); err != nil {
				return fmt.Errorf("finishing the interrupted commit in %s: %w", dir, err)
			}
		}
	}
	return removeTemp(dir)
}

// removeTemp removes the temporary files, staging and trash directories
// in dir and its subdirectories.
func removeTemp(dir string) error {
	var errs []error
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && IsTemp(d.Name()) {
			errs = append(errs, os.RemoveAll(p))
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	return errors.Join(errs...)
}

// Leftovers returns the paths, relative to dir and slash-separated, of
// the temporary files and staging and trash directories under dir: what
// a killed writer leaves until Clean removes it.
func Leftovers(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && IsTemp(d.Name()) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, path.Clean(filepath.ToSlash(rel)))
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	return out, err
}

// Replace makes the staging directory s the subdirectory name of its
// output directory, replacing the old one whole: the old is renamed
// aside, the new renamed into place and the old removed. A process killed
// between the two renames leaves no subdirectory name, never a mix of old
// and new; Clean removes what is left aside.
func Replace(s *Stage, name string) error {
	// MkdirTemp made the staging directory private; the subdirectory is
	// as readable as any other.
	if err := os.Chmod(s.path, 0o755); err != nil {
		return err
	}
	target := filepath.Join(s.dir, name)
	if _, err := os.Lstat(target); err == nil {
		trash, err := os.MkdirTemp(s.dir, trashPrefix+"*")
		if err != nil {
			return err
		}
		if err := os.Rename(target, filepath.Join(trash, name)); err != nil {
			return err
		}
	}
	if err := os.Rename(s.path, target); err != nil {
		return err
	}
	if err := syncDir(s.dir); err != nil {
		return err
	}
	return removeTemp(s.dir)
}
