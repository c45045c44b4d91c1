package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"
)

// The limits of what a YAML file may hold, so that no file can drive a
// reader into unbounded memory, time or recursion.
const (
	// MaxFileBytes is the largest scenario or experiment file, in bytes
	// (1 MiB; the shipped files are under 16 KiB).
	MaxFileBytes = 1 << 20
	// MaxNodes is the most YAML nodes a document may hold once every
	// alias and <<: merge key is expanded: each use of an alias counts
	// the nodes it names again. It stops "billion laughs" files, whose
	// few lines expand to more nodes than memory or a lifetime holds.
	MaxNodes = 100_000
)

// ErrTooLarge is the error of ReadFile and ReadLimited for input longer
// than MaxFileBytes.
var ErrTooLarge = fmt.Errorf("larger than %d bytes (1 MiB), the most a scenario or experiment file may hold", MaxFileBytes)

// ReadFile reads the named file, at most MaxFileBytes of it: a longer file,
// or a device or pipe that never ends (/dev/zero), is an error wrapping
// ErrTooLarge rather than a read that exhausts memory. A directory of that
// name is not a file of that name: the error wraps os.ErrNotExist, so that
// an argument that also names a shipped scenario, experiment or
// calibration (an output directory named like it, say) still finds the
// shipped one.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a file: %w", name, os.ErrNotExist)
	}
	data, err := ReadLimited(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}

// ReadLimited reads r to its end, at most MaxFileBytes of it; more is an
// error wrapping ErrTooLarge.
func ReadLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	return data, nil
}

// errExpansion stops the walk of checkExpansion at the first problem.
var errExpansion = errors.New("scenarios: expansion stopped")

// checkExpansion walks the document under root as the readers will, every
// alias followed and every merged mapping expanded, and records a problem
// with d if an alias refers to a node that contains it (an anchor used
// within itself, such as &a {<<: *a}, which has no finite expansion) or if
// the expanded document has more than MaxNodes nodes. The walk stops at
// the first problem, so it takes at most MaxNodes steps whatever the file.
// After it succeeds, every walk of the tree that follows aliases ends and
// visits at most MaxNodes nodes.
func (d *decoder) checkExpansion(root *yaml.Node) bool {
	count := 0
	// open holds the nodes being expanded: those on the path from the
	// root to the node visited, aliases followed.
	open := make(map[*yaml.Node]bool)
	// via is the first alias followed on the way to n, the use at whose
	// line a file that expands too far is reported; nil at the top.
	var walk func(n, via *yaml.Node) error
	walk = func(n, via *yaml.Node) error {
		count++
		if count > MaxNodes {
			at := n
			if via != nil {
				at = via
			}
			d.errorf(at, "", "the file expands to more than %d YAML nodes once its aliases and <<: merge keys are expanded; use fewer or less deeply nested aliases", MaxNodes)
			return errExpansion
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return nil
			}
			if open[n.Alias] {
				d.errorf(n, "", "the alias *%s is used within the node its anchor &%s names, so it would expand without end; an alias may refer only to a node that does not contain it",
					n.Value, n.Value)
				return errExpansion
			}
			return walk(n.Alias, cmp.Or(via, n))
		}
		open[n] = true
		defer delete(open, n)
		for _, c := range n.Content {
			if err := walk(c, via); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root, nil) == nil
}
