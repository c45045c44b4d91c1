package sweep

import (
	"strings"
	"testing"
)

func TestResolveShard(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name  string
		flag  string // "-" for no -shard
		env   map[string]string
		want  Shard
		note  string // a substring of the note
		error string // a substring of the error; "" for none
	}{
		{name: "none", flag: "-", want: Whole},
		{name: "flag", flag: "2/8", want: Shard{I: 2, N: 8}},
		{name: "flag 0/1 is whole", flag: "0/1", env: map[string]string{envSlurmID: "3", envSlurmCount: "4"}, want: Whole},
		{name: "flag wins", flag: "1/2", env: map[string]string{envK8sIndex: "5", envShards: "8"}, want: Shard{I: 1, N: 2}},
		{name: "flag i ≥ N", flag: "8/8", error: "from 0 to 7"},
		{name: "flag N 0", flag: "0/0", error: "≥ 1"},
		{name: "flag no slash", flag: "3", error: "want i/N"},
		{name: "flag junk", flag: "a/b", error: "whole number"},
		{
			name: "slurm",
			flag: "-",
			env:  map[string]string{envSlurmID: "3", envSlurmCount: "16", envSlurmMin: "0", envSlurmMax: "15"},
			want: Shard{I: 3, N: 16}, note: "SLURM_ARRAY_TASK_ID",
		},
		{
			name: "slurm from 1",
			flag: "-",
			env:  map[string]string{envSlurmID: "16", envSlurmCount: "16", envSlurmMin: "1", envSlurmMax: "16"},
			want: Shard{I: 15, N: 16},
		},
		{
			name:  "slurm not contiguous",
			flag:  "-",
			env:   map[string]string{envSlurmID: "4", envSlurmCount: "3", envSlurmMin: "0", envSlurmMax: "8"},
			error: "consecutive",
		},
		{
			name:  "slurm step",
			flag:  "-",
			env:   map[string]string{envSlurmID: "4", envSlurmCount: "3", envSlurmStep: "2"},
			error: "consecutive",
		},
		{name: "slurm without count", flag: "-", env: map[string]string{envSlurmID: "3"}, error: envShards},
		{name: "slurm with SKILLSIM_SHARDS", flag: "-", env: map[string]string{envSlurmID: "3", envShards: "4"}, want: Shard{I: 3, N: 4}},
		{name: "k8s", flag: "-", env: map[string]string{envK8sIndex: "5", envShards: "8"}, want: Shard{I: 5, N: 8}, note: "JOB_COMPLETION_INDEX"},
		{name: "k8s without N", flag: "-", env: map[string]string{envK8sIndex: "5"}, error: envShards},
		{name: "k8s index ≥ N", flag: "-", env: map[string]string{envK8sIndex: "8", envShards: "8"}, error: "only 8 shards"},
		{name: "k8s bad index", flag: "-", env: map[string]string{envK8sIndex: "x", envShards: "8"}, error: "whole number"},
		{name: "k8s with /N", flag: "/8", env: map[string]string{envK8sIndex: "5"}, want: Shard{I: 5, N: 8}},
		{name: "/N without environment", flag: "/8", error: "neither"},
		{name: "/N too small", flag: "/4", env: map[string]string{envK8sIndex: "5"}, error: "not below 4"},
	} {
		t.Run(test.name, func(t *testing.T) {
			env := func(k string) (string, bool) { v, ok := test.env[k]; return v, ok }
			got, note, err := ResolveShard(strings.TrimPrefix(test.flag, "-"), test.flag != "-", env)
			switch {
			case test.error != "":
				if err == nil || !strings.Contains(err.Error(), test.error) {
					t.Errorf("error %v, want one with %q", err, test.error)
				}
			case err != nil:
				t.Errorf("error %v", err)
			case got.I != test.want.I || got.N != test.want.N:
				t.Errorf("shard %v, want %v", got, test.want)
			case !strings.Contains(note, test.note):
				t.Errorf("note %q lacks %q", note, test.note)
			}
		})
	}
}

func TestShardRuns(t *testing.T) {
	t.Parallel()
	for _, s := range []Shard{{0, 1, 1}, {0, 3, 1}, {2, 3, 1}, {1, 2, 5}, {0, 4, 3}} {
		for _, runs := range []int{0, 1, 2, 7, 15, 60} {
			if runs%s.per() != 0 {
				continue
			}
			n := 0
			for run := range runs {
				if !s.includes(run) {
					continue
				}
				if k := s.slot(run); k != n {
					t.Errorf("%+v: run %d in slot %d, want %d", s, run, k, n)
				}
				n++
			}
			if c := s.count(runs); c != n {
				t.Errorf("%+v: count(%d) = %d, want %d", s, runs, c, n)
			}
		}
	}
}
