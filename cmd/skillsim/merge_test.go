package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sweepShards runs the n shards of exp into dir/shard.i and returns their
// directories.
func sweepShards(t *testing.T, dir, exp string, n int) []string {
	t.Helper()
	var dirs []string
	for i := range n {
		d := filepath.Join(dir, "shard."+string(rune('0'+i)))
		shard := string(rune('0'+i)) + "/" + string(rune('0'+n))
		stdout := mustSweep(t, "sweep", "-shard", shard, "-out", d, exp)
		if !strings.Contains(stdout, "shard "+shard) {
			t.Errorf("shard %s: stdout:\n%s", shard, stdout)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

func TestShardsMerge(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name, exp string
		shards    int
	}{
		{"grid", sweepExperiment, 3},
		{"grid with time series", sweepExperiment + "timeseries: true\n", 3},
		{"more shards than runs", sweepExperiment, 9},
		{"hysteresis", `name: tiny-hysteresis
base: base.yaml
seed: 3
replications: 3
design:
  method: hysteresis
hysteresis:
  path: policies.network.budget
  values: [0, 400000]
  years: 1
timeseries: true
`, 2},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir, exp := sweepSetup(t, test.exp)
			whole := filepath.Join(dir, "whole")
			mustSweep(t, "sweep", "-out", whole, exp)
			shards := sweepShards(t, dir, exp, test.shards)

			// Each shard holds only its rows.
			total := 0
			for _, d := range shards {
				total += len(readRuns(t, d)) - 1
			}
			if want := len(readRuns(t, whole)) - 1; total != want {
				t.Errorf("the shards hold %d rows, want %d", total, want)
			}

			merged := filepath.Join(dir, "merged")
			// Any order, flags anywhere.
			args := append([]string{"merge"}, shards[1:]...)
			args = append(args, "-out", merged, shards[0])
			stdout := mustSweep(t, args...)
			if !strings.Contains(stdout, "merged") || !strings.Contains(stdout, merged) {
				t.Errorf("stdout:\n%s", stdout)
			}
			sameFiles(t, whole, merged)
		})
	}
}

func TestHysteresisShardsHoldWholeReplications(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, `name: tiny-hysteresis
base: base.yaml
seed: 3
replications: 2
design:
  method: hysteresis
hysteresis:
  path: policies.network.budget
  values: [0, 400000]
  years: 1
`)
	shards := sweepShards(t, dir, exp, 2)
	for i, d := range shards {
		for _, rec := range readRuns(t, d)[1:] {
			if rec[2] != string(rune('0'+i)) {
				t.Errorf("shard %d holds run %s of replication %s", i, rec[0], rec[2])
			}
		}
	}
}

func TestMergeErrors(t *testing.T) {
	t.Parallel()
	dir, exp := sweepSetup(t, "")
	shards := sweepShards(t, dir, exp, 3)
	other := writeFile(t, dir, "other.yaml", strings.Replace(sweepExperiment, "seed: 11", "seed: 12", 1))
	otherShard := filepath.Join(dir, "other.1")
	mustSweep(t, "sweep", "-shard", "1/3", "-out", otherShard, other)
	twoShards := filepath.Join(dir, "two.1")
	mustSweep(t, "sweep", "-shard", "1/2", "-out", twoShards, exp)
	whole := filepath.Join(dir, "whole")
	mustSweep(t, "sweep", "-out", whole, exp)
	incomplete := filepath.Join(dir, "incomplete.1")
	interruptAfter(t, 1, "-workers", "1", "-shard", "1/3", "-out", incomplete, exp)

	for _, test := range []struct {
		name string
		dirs []string
		want string
	}{
		{"mixed experiments", []string{shards[0], otherShard, shards[2]}, "different experiments"},
		{"missing shard", []string{shards[0], shards[2]}, "shards missing"},
		{"duplicate shard", []string{shards[0], shards[1], shards[1], shards[2]}, "given twice"},
		{"different N", []string{shards[0], twoShards, shards[2]}, "different numbers of shards"},
		{"incomplete shard", []string{shards[0], incomplete, shards[2]}, "not complete"},
		{"whole sweep", []string{whole}, "not a shard"},
		{"not a sweep", []string{dir}, "not a sweep directory"},
		{"no such directory", []string{filepath.Join(dir, "nope")}, "nope"},
		{"nothing", nil, "no shard directories"},
	} {
		t.Run(test.name, func(t *testing.T) {
			out := filepath.Join(dir, "merged")
			code, stdout, stderr := skillsim(t, append([]string{"merge", "-out", out}, test.dirs...)...)
			if code != 2 || !strings.Contains(stderr, test.want) || stdout != "" {
				t.Errorf("exit status %d, want 2 with %q; stdout:\n%s\nstderr:\n%s", code, test.want, stdout, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output directory created (stat: %v)", err)
			}
		})
	}

	// Merging into the sweep of another experiment is refused; into the
	// complete sweep of this one, it leaves it as it is.
	otherWhole := filepath.Join(dir, "other-whole")
	mustSweep(t, "sweep", "-out", otherWhole, other)
	code, _, stderr := skillsim(t, append([]string{"merge", "-out", otherWhole}, shards...)...)
	if code != 2 || !strings.Contains(stderr, "already holds experiment") {
		t.Errorf("merge into another sweep: exit status %d; stderr:\n%s", code, stderr)
	}
	before := dirFiles(t, whole)
	code, _, stderr = skillsim(t, append([]string{"merge", "-out", whole}, shards...)...)
	if code != 0 || !strings.Contains(stderr, "already holds the merged sweep") {
		t.Errorf("merge into its own sweep: exit status %d; stderr:\n%s", code, stderr)
	}
	for name, b := range dirFiles(t, whole) {
		if !bytes.Equal(before[name], b) {
			t.Errorf("%s changed", name)
		}
	}
}
