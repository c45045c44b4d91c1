package outdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the lock file of a locked directory.
const LockName = ".skillsim.lock"

// A Lock is an exclusive lock on a directory, held until Release or until
// the process ends.
type Lock struct {
	f    *os.File
	path string
}

// A BusyError says that a directory is locked by another process.
type BusyError struct {
	// Dir is the directory.
	Dir string
	// Holder describes the process holding the lock, as it wrote it: its
	// process id, host, start time and command; empty if it has not yet
	// written it.
	Holder string
}

// Error names the directory and the process that holds it.
func (e *BusyError) Error() string {
	who := e.Holder
	if who == "" {
		who = "another process, which has not yet said which"
	}
	return fmt.Sprintf("%s is in use by %s; wait for it to finish, or choose another output directory", e.Dir, who)
}

// Acquire locks dir, which must exist, for the command what (such as
// "skillsim sweep"). It returns a *BusyError when another process holds
// the lock. The lock file records this process's id, host, start time
// and what.
func Acquire(dir, what string) (*Lock, error) {
	path := filepath.Join(dir, LockName)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		if !ok {
			b := make([]byte, 512)
			n, _ := f.ReadAt(b, 0)
			f.Close()
			return nil, &BusyError{Dir: dir, Holder: strings.TrimSpace(string(b[:n]))}
		}
		// A holder that released the lock removed the file: if path is
		// no longer the file locked, lock the new one.
		st, err1 := f.Stat()
		cur, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(st, cur) {
			f.Close()
			continue
		}
		host, _ := os.Hostname()
		info := fmt.Sprintf("%s (pid %d on host %s, since %s)\n", what, os.Getpid(), host, time.Now().UTC().Format("2006-01-02 15:04:05 MST"))
		if err := f.Truncate(0); err == nil {
			_, err = f.WriteAt([]byte(info), 0)
		}
		return &Lock{f: f, path: path}, nil
	}
}

// Release removes the lock file and releases the lock. It may be called
// more than once, and on a nil *Lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
