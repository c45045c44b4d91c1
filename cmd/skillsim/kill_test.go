package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"skillsim/outdir"
	"skillsim/sim"
	"skillsim/sweep"
)

// The kill tests build skillsim, kill it with SIGKILL at random points
// of run, sweep, merge and analyze, and start two processes on one
// directory. What they assert does not depend on where the kills land:
// after each kill a directory holds a whole result that matches its
// manifest, or none that a reader accepts; the command run again to the
// end gives byte for byte the result of an uninterrupted one and leaves
// no temporary file or lock behind. The kill points come from a seeded
// generator as fractions of an uninterrupted run's duration;
// SKILLSIM_KILLS sets the number of kills per command (default 3).

// killExperiment is a 4×3 grid with 2 replications and time series over
// sweepBase: 24 runs.
const killExperiment = `name: kill-exp
base: base.yaml
seed: 11
replications: 2
timeseries: true
parameters:
  - path: initial.high_spec_share
    values: [0.1, 0.3, 0.5, 0.7]
  - path: behaviour.noise
    values: [0.05, 0.1, 0.2]
`

// killer runs the built skillsim in a directory.
type killer struct {
	t    *testing.T
	bin  string
	dir  string
	rng  *rand.Rand
	kill int // kills per command
}

func newKiller(t *testing.T) *killer {
	if testing.Short() {
		t.Skip("builds skillsim and kills it; the full suite (go test without -short) runs it")
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs SIGKILL and flock")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "skillsim")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	writeFile(t, dir, "base.yaml", sweepBase)
	writeFile(t, dir, "exp.yaml", killExperiment)
	n := 3
	if v, err := strconv.Atoi(os.Getenv("SKILLSIM_KILLS")); err == nil && v > 0 {
		n = v
	}
	return &killer{t: t, bin: bin, dir: dir, rng: rand.New(rand.NewPCG(14, 3)), kill: n}
}

// start starts skillsim with args, its output into buffers.
func (k *killer) start(args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(k.bin, args...)
	switch args[0] {
	case "run", "compare", "sweep", "patterns":
		cmd = exec.Command(k.bin, append([]string{args[0], "-q"}, args[1:]...)...)
	}
	cmd.Dir = k.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		k.t.Fatal(err)
	}
	return cmd, &out
}

// run runs skillsim with args to the end and returns its exit status,
// output and duration.
func (k *killer) run(args ...string) (int, string, time.Duration) {
	begin := time.Now()
	cmd, out := k.start(args...)
	cmd.Wait()
	return cmd.ProcessState.ExitCode(), out.String(), time.Since(begin)
}

// must runs skillsim with args and fails unless it exits 0; it returns
// the duration.
func (k *killer) must(args ...string) time.Duration {
	k.t.Helper()
	code, out, d := k.run(args...)
	if code != 0 {
		k.t.Fatalf("skillsim %q: exit status %d:\n%s", args, code, out)
	}
	return d
}

// killDuring starts skillsim with args and kills it with SIGKILL after a
// random share of d; it reports whether the kill came before the end.
func (k *killer) killDuring(d time.Duration, args ...string) bool {
	cmd, _ := k.start(args...)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return false
	case <-time.After(time.Duration(k.rng.Float64() * float64(d))):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return cmd.ProcessState.ExitCode() != 0
	}
}

// path returns the path of name in the killer's directory.
func (k *killer) path(name string) string { return filepath.Join(k.dir, name) }

// clean fails if dir holds temporary files or a lock.
func (k *killer) clean(dir string) {
	k.t.Helper()
	l, err := outdir.Leftovers(dir)
	if err != nil {
		k.t.Fatal(err)
	}
	if len(l) > 0 || outdir.Exists(dir, outdir.LockName) {
		k.t.Errorf("%s: left over %v (lock: %v)", dir, l, outdir.Exists(dir, outdir.LockName))
	}
}

// sameSweep fails unless sweep directories a and b hold the same files,
// their analyses included.
func sameSweep(t *testing.T, a, b string) {
	t.Helper()
	sameFiles(t, a, b)
	sameFiles(t, filepath.Join(a, sweep.DirAnalysis), filepath.Join(b, sweep.DirAnalysis))
}

func TestKillSweepMergeAnalyze(t *testing.T) {
	k := newKiller(t)
	whole := k.path("whole")
	d := k.must("sweep", "-out", whole, "exp.yaml")

	// sweep: killed k.kill times, resumed each time, then finished.
	out := k.path("killed")
	killed := 0
	for range k.kill {
		args := []string{"sweep", "-out", out, "exp.yaml"}
		if outdir.Exists(out, sweep.FileManifest) {
			args = []string{"sweep", "-resume", "-out", out, "exp.yaml"}
		}
		if k.killDuring(d, args...) {
			killed++
		}
		if m, err := sweep.ReadManifest(out); err == nil && m != nil && m.Complete() {
			if _, err := sweep.Verify(out); err != nil {
				t.Errorf("after a kill: %v", err)
			}
		}
	}
	// As a job script retries (docs/cluster.md): -resume once there is a
	// manifest. A kill before the sweep wrote it leaves none, and -resume
	// refuses a directory with no sweep to resume.
	args := []string{"sweep", "-out", out, "exp.yaml"}
	if outdir.Exists(out, sweep.FileManifest) {
		args = []string{"sweep", "-resume", "-out", out, "exp.yaml"}
	}
	k.must(args...)
	sameSweep(t, whole, out)
	k.clean(out)
	t.Logf("sweep: %d of %d kills before the end; resumed to a byte-identical result", killed, k.kill)

	// merge: three shards, the merge killed and run again.
	var shards []string
	for i := range 3 {
		s := k.path("shard." + strconv.Itoa(i))
		k.must("sweep", "-shard", strconv.Itoa(i)+"/3", "-out", s, "exp.yaml")
		shards = append(shards, s)
	}
	merged := k.path("merged")
	mergeArgs := append([]string{"merge", "-out", merged}, shards...)
	dm := k.must(append([]string{"merge", "-out", k.path("merged-ref")}, shards...)...)
	killed = 0
	for range k.kill {
		if k.killDuring(dm, mergeArgs...) {
			killed++
		}
		if m, _ := sweep.ReadManifest(merged); m != nil && m.Complete() {
			if _, err := sweep.Verify(merged); err != nil {
				t.Errorf("after a kill of merge: %v", err)
			}
		}
	}
	k.must(mergeArgs...)
	sameSweep(t, whole, merged)
	k.clean(merged)
	t.Logf("merge: %d of %d kills before the end; run again to a byte-identical result", killed, k.kill)

	// analyze: killed in the complete sweep, then run to the end.
	da := k.must("analyze", whole)
	killed = 0
	for range k.kill {
		if k.killDuring(da, "analyze", whole) {
			killed++
		}
		if _, err := sweep.VerifyAnalysis(whole); err != nil {
			t.Errorf("after a kill of analyze: %v", err)
		}
	}
	k.must("analyze", whole)
	sameSweep(t, merged, whole)
	k.clean(whole)
	t.Logf("analyze: %d of %d kills before the end; every analysis left whole or absent", killed, k.kill)
}

// sameResult fails unless directory b holds the files of a, byte for
// byte, and no others but what a killed process leaves until the next
// command cleans up (its lock file, temporary files).
func sameResult(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := dirFiles(t, a), dirFiles(t, b)
	for n := range fb {
		if n == outdir.LockName || outdir.IsTemp(n) {
			delete(fb, n)
		}
	}
	if len(fa) != len(fb) {
		t.Errorf("%s holds %d files, %s %d", a, len(fa), b, len(fb))
	}
	for n, data := range fa {
		if !bytes.Equal(fb[n], data) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
}

// runSeed returns the master seed of the run in dir, or -1 if it holds no
// whole run.
func runSeed(dir string) int {
	if _, err := outdir.ReadSet(dir, "run"); err != nil {
		return -1
	}
	f, err := os.Open(filepath.Join(dir, sim.FileSummary))
	if err != nil {
		return -1
	}
	defer f.Close()
	s, err := sim.ReadSummary(f)
	if err != nil {
		return -1
	}
	return int(s.Seed)
}

func TestKillRun(t *testing.T) {
	k := newKiller(t)
	refs := map[int]string{}
	d := time.Hour
	for _, seed := range []int{1, 9} {
		refs[seed] = k.path("ref" + strconv.Itoa(seed))
		d = min(d, k.must("run", "-reps", "2", "-seed", strconv.Itoa(seed), "-out", refs[seed], "base.yaml"))
	}
	out := k.path("out")
	d = min(d, k.must("run", "-reps", "2", "-seed", "1", "-out", out, "base.yaml"))
	old, neither, killed := 0, 0, 0
	for i := range k.kill {
		seed := []int{9, 1}[i%2]
		want := runSeed(out)
		if k.killDuring(d, "run", "-reps", "2", "-seed", strconv.Itoa(seed), "-out", out, "base.yaml") {
			killed++
		}
		got := runSeed(out)
		code, msg, _ := k.run("report", "-o", k.path("r.html"), out)
		switch {
		case got == want:
			old++
		case got == seed:
		case got < 0:
			neither++
			if code != 2 {
				t.Errorf("report of a directory with no whole run: exit status %d:\n%s", code, msg)
			}
		default:
			t.Errorf("after a kill the directory holds the run of seed %d, want %d or %d", got, want, seed)
		}
		if got >= 0 {
			sameResult(t, refs[got], out) // no file of the other run beside it
			if code != 0 {
				t.Errorf("report of a whole run: exit status %d:\n%s", code, msg)
			}
		}
	}
	k.must("run", "-reps", "2", "-seed", "9", "-out", out, "base.yaml")
	sameFiles(t, refs[9], out)
	k.clean(out)
	t.Logf("run: %d of %d kills before the end: %d left the earlier run (or one of the same seed), %d the new one, %d neither (killed in the commit; the next run finishes it)",
		killed, k.kill, old, k.kill-old-neither, neither)
}

func TestTwoProcessesOneDirectory(t *testing.T) {
	k := newKiller(t)
	whole := k.path("whole")
	k.must("sweep", "-out", whole, "exp.yaml")
	for _, c := range []struct {
		name string
		a, b []string
	}{
		{"sweep", []string{"sweep", "-out", "two", "exp.yaml"}, []string{"sweep", "-out", "two", "exp.yaml"}},
		{"run", []string{"run", "-reps", "2", "-seed", "1", "-out", "tworun", "base.yaml"}, []string{"run", "-reps", "2", "-seed", "9", "-out", "tworun", "base.yaml"}},
	} {
		ca, oa := k.start(c.a...)
		time.Sleep(50 * time.Millisecond) // the first usually holds the lock; either order is checked
		cb, ob := k.start(c.b...)
		ca.Wait()
		cb.Wait()
		codes := []int{ca.ProcessState.ExitCode(), cb.ProcessState.ExitCode()}
		outs := []string{oa.String(), ob.String()}
		refused := 0
		for i, code := range codes {
			switch {
			case code == 0:
			case code == 2 && (strings.Contains(outs[i], "is in use by skillsim") && strings.Contains(outs[i], "pid ") ||
				strings.Contains(outs[i], "already holds results")):
				refused++
			default:
				t.Errorf("%s %d: exit status %d:\n%s", c.name, i, code, outs[i])
			}
		}
		dir := k.path(c.a[len(c.a)-2]) // the -out of both
		if c.name == "sweep" {
			sameSweep(t, whole, dir)
			if refused != 1 {
				t.Errorf("two sweeps of one directory: %d refused, want 1", refused)
			}
		} else if runSeed(dir) < 0 {
			t.Errorf("two runs into one directory left no whole run")
		}
		k.clean(dir)
		t.Logf("%s: exit statuses %v", c.name, codes)
	}
}
