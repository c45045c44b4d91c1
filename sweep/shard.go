package sweep

import (
	"fmt"
	"strconv"
	"strings"

	"skillsim/experiment"
)

// A Shard is the part of an experiment one sweep runs. The runs are
// grouped in units of execution of Per consecutive runs (a hysteresis
// replication's lever steps, which run as one continuing run; otherwise
// single runs), and the shard holds the units u with u mod N = I: for
// every method but hysteresis, the runs i with i mod N = I. N = 1 is the
// whole experiment.
type Shard struct{ I, N, Per int }

// Whole is the shard that is the whole experiment.
var Whole = Shard{0, 1, 1}

// ForExperiment returns s for experiment e, whose units hold
// e.Runs()/e.Units() runs each.
func (s Shard) ForExperiment(e *experiment.Experiment) Shard {
	s.Per = 1
	if u := e.Units(); u > 0 {
		s.Per = e.Runs() / u
	}
	return s
}

// String formats s as "i/N", or "" for the whole experiment, as recorded in
// manifest.json.
func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// IsWhole reports whether s is the whole experiment.
func (s Shard) IsWhole() bool { return s.N <= 1 }

// per returns the number of runs in a unit, at least 1.
func (s Shard) per() int { return max(s.Per, 1) }

// of returns the shard index of run.
func (s Shard) of(run int) int { return run / s.per() % s.N }

// includes reports whether run belongs to s.
func (s Shard) includes(run int) bool { return s.of(run) == s.I }

// count returns the number of runs of s among runs 0..runs-1.
func (s Shard) count(runs int) int {
	units := runs / s.per()
	if s.I >= units {
		return 0
	}
	return (units - s.I + s.N - 1) / s.N * s.per()
}

// slot returns the position of run, one of s's runs, among s's runs.
func (s Shard) slot(run int) int {
	p := s.per()
	return run/p/s.N*p + run%p
}

// The environment variables that choose a shard (docs/cluster.md).
const (
	envSlurmID    = "SLURM_ARRAY_TASK_ID"
	envSlurmCount = "SLURM_ARRAY_TASK_COUNT"
	envSlurmMin   = "SLURM_ARRAY_TASK_MIN"
	envSlurmMax   = "SLURM_ARRAY_TASK_MAX"
	envSlurmStep  = "SLURM_ARRAY_TASK_STEP"
	envK8sIndex   = "JOB_COMPLETION_INDEX"
	envShards     = "SKILLSIM_SHARDS"
)

// ResolveShard returns the shard a sweep runs, from the value of -shard
// (given reports whether the flag was given) and the environment, read by
// lookupEnv (os.LookupEnv, or nil for an empty environment), and a
// note saying where it came from when the environment chose it:
//
//   - -shard i/N runs shard i of N (0 ≤ i < N); the environment is ignored,
//     and -shard 0/1 is the whole experiment.
//   - -shard /N takes N from the flag and i from the environment, as below.
//   - Without -shard, in a Slurm array job (SLURM_ARRAY_TASK_ID set), i is
//     SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN and N is
//     SLURM_ARRAY_TASK_COUNT (or SKILLSIM_SHARDS if set); the array must be
//     a contiguous range of task IDs. In a Kubernetes Indexed Job
//     (JOB_COMPLETION_INDEX set), i is JOB_COMPLETION_INDEX and N is
//     SKILLSIM_SHARDS, which must then be set. Otherwise the sweep runs the
//     whole experiment.
func ResolveShard(flag string, given bool, lookupEnv func(string) (string, bool)) (s Shard, note string, err error) {
	if lookupEnv == nil {
		lookupEnv = func(string) (string, bool) { return "", false }
	}
	if given {
		i, n, ok := strings.Cut(flag, "/")
		if !ok {
			return Shard{}, "", fmt.Errorf("-shard %q: want i/N, such as 3/16 (0 ≤ i < N), or /N to take i from the environment", flag)
		}
		N, err := strconv.Atoi(n)
		if err != nil || N < 1 {
			return Shard{}, "", fmt.Errorf("-shard %q: the number of shards N must be a whole number ≥ 1", flag)
		}
		if i != "" {
			I, err := strconv.Atoi(i)
			if err != nil || I < 0 || I >= N {
				return Shard{}, "", fmt.Errorf("-shard %q: the shard i must be a whole number from 0 to %d", flag, N-1)
			}
			return Shard{I: I, N: N}, "", nil
		}
		I, from, err := envShardIndex(lookupEnv)
		if err != nil {
			return Shard{}, "", err
		}
		if from == "" {
			return Shard{}, "", fmt.Errorf("-shard /%d: neither %s nor %s is set to give the shard's index; write -shard i/%d", N, envSlurmID, envK8sIndex, N)
		}
		if I >= N {
			return Shard{}, "", fmt.Errorf("-shard /%d: %s gives shard %d, not below %d", N, from, I, N)
		}
		return Shard{I: I, N: N}, fmt.Sprintf("shard %d/%d, the index from %s", I, N, from), nil
	}

	I, from, err := envShardIndex(lookupEnv)
	if err != nil || from == "" {
		return Whole, "", err
	}
	N, nfrom := 0, ""
	if v, ok := lookupEnv(envShards); ok {
		N, nfrom = envInt(v), envShards
	} else if v, ok := lookupEnv(envSlurmCount); ok && from != envK8sIndex {
		N, nfrom = envInt(v), envSlurmCount
	}
	switch {
	case nfrom == "":
		return Shard{}, "", fmt.Errorf("%s is set but not the number of shards: set %s or give -shard i/N (-shard 0/1 runs the whole experiment)", from, envShards)
	case N < 1:
		return Shard{}, "", fmt.Errorf("%s: want a whole number ≥ 1", nfrom)
	case I >= N:
		return Shard{}, "", fmt.Errorf("%s gives shard %d, but %s gives only %d shards", from, I, nfrom, N)
	}
	return Shard{I: I, N: N}, fmt.Sprintf("shard %d/%d from %s and %s", I, N, from, nfrom), nil
}

// envShardIndex returns the shard index the environment gives and the
// variable it came from, or "" when none is set.
func envShardIndex(lookupEnv func(string) (string, bool)) (int, string, error) {
	if v, ok := lookupEnv(envSlurmID); ok {
		id := envInt(v)
		if id < 0 {
			return 0, "", fmt.Errorf("%s=%q: want a whole number ≥ 0", envSlurmID, v)
		}
		lo := 0
		if m, ok := lookupEnv(envSlurmMin); ok {
			lo = envInt(m)
		}
		if st, ok := lookupEnv(envSlurmStep); ok && envInt(st) != 1 {
			return 0, "", fmt.Errorf("%s=%s: the array must be a range of consecutive task IDs, such as --array=0-15", envSlurmStep, st)
		}
		mx, okMax := lookupEnv(envSlurmMax)
		cnt, okCount := lookupEnv(envSlurmCount)
		if okMax && okCount && envInt(mx)-lo+1 != envInt(cnt) {
			return 0, "", fmt.Errorf("the Slurm array (task IDs %d–%s, %s tasks) is not a range of consecutive task IDs, such as --array=0-15", lo, mx, cnt)
		}
		if lo < 0 || id < lo {
			return 0, "", fmt.Errorf("%s=%s is below %s=%d", envSlurmID, v, envSlurmMin, lo)
		}
		return id - lo, envSlurmID, nil
	}
	if v, ok := lookupEnv(envK8sIndex); ok {
		i := envInt(v)
		if i < 0 {
			return 0, "", fmt.Errorf("%s=%q: want a whole number ≥ 0", envK8sIndex, v)
		}
		return i, envK8sIndex, nil
	}
	return 0, "", nil
}

// envInt parses a whole number from the environment, or returns -1.
func envInt(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// ParseShard parses a manifest's "i/N" (N ≥ 2), or "" for the whole
// experiment.
func ParseShard(v string) (Shard, error) {
	if v == "" {
		return Whole, nil
	}
	i, n, ok := strings.Cut(v, "/")
	I, err1 := strconv.Atoi(i)
	N, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || N < 2 || I < 0 || I >= N {
		return Shard{}, fmt.Errorf("shard %q is not of the form i/N with 0 ≤ i < N", v)
	}
	return Shard{I: I, N: N}, nil
}
