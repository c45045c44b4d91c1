//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHelperMain runs main with the arguments in SKILLSIM_TEST_ARGS when
// the test binary is started by TestSignalWhileLoading; otherwise it does
// nothing.
func TestHelperMain(t *testing.T) {
	args, ok := os.LookupEnv("SKILLSIM_TEST_ARGS")
	if !ok {
		t.Skip("runs only as the child of TestSignalWhileLoading")
	}
	os.Args = append([]string{"skillsim"}, strings.Split(args, "\n")...)
	main()
}

// TestSignalWhileLoading sends SIGTERM to a skillsim process blocked
// reading a named pipe and checks that it exits with status 130 having
// written nothing.
func TestSignalWhileLoading(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "scenario.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes:", err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	cmd.Env = append(os.Environ(), "SKILLSIM_TEST_ARGS="+strings.Join([]string{"run", "-out", out, fifo}, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Opening the pipe for writing without blocking succeeds once the
	// child has it open for reading; it then blocks reading, and has
	// installed its signal handler long before.
	var w *os.File
	for w == nil {
		f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		switch {
		case err == nil:
			w = f
		case errors.Is(err, syscall.ENXIO):
			time.Sleep(10 * time.Millisecond)
		default:
			t.Fatal(err)
		}
	}
	defer w.Close()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The bound: a signal stops a command within seconds; the
	// old reader ignored it for ever.
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 20 s after SIGTERM; stderr:\n%s", stderr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Errorf("after SIGTERM: %v, want exit status %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output directory created by an interrupted run (stat: %v)", err)
	}
}
