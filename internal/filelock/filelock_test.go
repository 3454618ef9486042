package filelock

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestTryLockRefusesASecondHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "apply.lock")
	first := Holder{PID: 4242, Host: "ci-runner-1", Started: t0, Command: "logctl apply logs/"}
	l, err := TryLock(path, first)
	if err != nil {
		t.Fatal(err)
	}
	// A second open of the file, even in this process, is refused and
	// told who holds it.
	_, err = TryLock(path, Self(t0, "logctl apply logs/"))
	var held *HeldError
	if !errors.As(err, &held) || held.Holder != first {
		t.Fatalf("second TryLock: %v, want HeldError naming %+v", err, first)
	}
	want := path + ` is locked by pid 4242 on ci-runner-1, since 2026-01-02T03:04:05Z, running "logctl apply logs/"`
	if err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := TryLock(path, Self(t0, "again"))
	if err != nil {
		t.Fatalf("after Unlock: %v", err)
	}
	l2.Unlock()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the lock file must stay: %v", err)
	}
}

// TestLeftoverFileIsNotALock: a lock file whose holder is gone (its record
// still in it) is taken at once: the system lock, not the file, counts.
func TestLeftoverFileIsNotALock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "apply.lock")
	os.WriteFile(path, []byte(`{"pid":99999,"host":"gone","started":"2020-01-01T00:00:00Z","command":"logctl apply"}`+"\n"), 0o644)
	l, err := TryLock(path, Self(t0, "logctl apply"))
	if err != nil {
		t.Fatalf("leftover file refused: %v", err)
	}
	l.Unlock()
}

// TestKilledHolderReleases: a holder killed with SIGKILL cannot unlock;
// the system releases the lock for it.
func TestKilledHolderReleases(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a Unix signal")
	}
	path := filepath.Join(t.TempDir(), "apply.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHolder$")
	cmd.Env = append(os.Environ(), "FILELOCK_HOLD="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("helper: %q %v", line, err)
	}
	var held *HeldError
	if _, err := TryLock(path, Self(t0, "x")); !errors.As(err, &held) || held.Holder.PID != cmd.Process.Pid {
		t.Fatalf("while the helper holds it: %v, want held by pid %d", err, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := TryLock(path, Self(t0, "x"))
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Unlock()
}

// TestHelperHolder is the process TestKilledHolderReleases kills.
func TestHelperHolder(t *testing.T) {
	path := os.Getenv("FILELOCK_HOLD")
	if path == "" {
		t.Skip("helper process only")
	}
	if _, err := TryLock(path, Self(time.Now(), "helper")); err != nil {
		os.Stdout.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute)
	os.Exit(0)
}
