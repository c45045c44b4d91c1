package outdir

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes dir/name through write: it writes a temporary file
// .NAME.*.tmp in dir, syncs and closes it, and renames it to name, so a
// reader sees either the old file or the whole new one. On error the
// temporary file is removed.
func WriteFile(dir, name string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*"+tmpSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, name))
}

// WriteBytes writes data to dir/name atomically, as WriteFile.
func WriteBytes(dir, name string, data []byte) error {
	return WriteFile(dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Prepare creates dir if need be and checks that a file can be created in
// it. It returns a function that removes the directories it created, if
// they are still empty; on error it has already done so.
func Prepare(dir string) (cleanup func(), err error) {
	// top is the outermost directory that does not exist yet.
	top := ""
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	cleanup = func() {
		if top == "" {
			return
		}
		for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
			if err := os.Remove(d); err != nil && !errors.Is(err, os.ErrNotExist) || d == top {
				return
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		cleanup()
		return nil, err
	}
	f, err := os.CreateTemp(dir, ".skillsim-probe-*"+tmpSuffix)
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("%s is not writable: %w", dir, err)
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		cleanup()
		return nil, err
	}
	return cleanup, nil
}

// Exists reports whether dir/name exists.
func Exists(dir, name string) bool {
	_, err := os.Lstat(filepath.Join(dir, name))
	return err == nil
}

// IsTemp reports whether name is the name of a temporary file written by
// WriteFile or Prepare, or of a staging or trash directory of a Stage:
// what a killed writer leaves behind.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, tmpSuffix) ||
		strings.HasPrefix(name, stagingPrefix) || strings.HasPrefix(name, trashPrefix)
}

// syncDir syncs the directory dir, so that renames in it are durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some file systems cannot sync a directory; the renames stand.
	if errors.Is(err, os.ErrInvalid) {
		err = nil
	}
	return err
}
