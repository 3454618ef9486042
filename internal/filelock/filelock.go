package filelock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrUnsupported is returned on systems without a file-locking call we
// use (neither Unix nor Windows).
var ErrUnsupported = errors.New("file locking is not supported on this system")

// Holder says who holds a lock.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	Command string    `json:"command"`
}

// Self describes the running process, with command as the command line
// to show (cut to 200 bytes).
func Self(now time.Time, command string) Holder {
	host, _ := os.Hostname()
	if len(command) > 200 {
		command = command[:200] + "…"
	}
	return Holder{PID: os.Getpid(), Host: host, Started: now.UTC().Truncate(time.Second), Command: command}
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another process (it did not say which)"
	}
	s := fmt.Sprintf("pid %d on %s, since %s", h.PID, h.Host, h.Started.Format(time.RFC3339))
	if h.Command != "" {
		s += fmt.Sprintf(", running %q", h.Command)
	}
	return s
}

// HeldError is returned by TryLock when another process holds the lock.
type HeldError struct {
	Path   string
	Holder Holder // zero when the holder has not written itself yet
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("%s is locked by %s", e.Path, e.Holder)
}

// Lock is a held lock; Unlock releases it.
type Lock struct {
	f *os.File
}

// TryLock takes the lock on path without waiting, creating the file (and
// its directory) when missing, and records who as the holder. When another
// process holds it, it returns *HeldError naming that process.
func TryLock(path string, who Holder) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if held {
		// The holder writes its record just after it locks: give it a
		// moment rather than name nobody.
		h := readHolder(f)
		for i := 0; i < 20 && h.PID == 0; i++ {
			time.Sleep(10 * time.Millisecond)
			h = readHolder(f)
		}
		f.Close()
		return nil, &HeldError{Path: path, Holder: h}
	}
	if err := writeHolder(f, who); err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock. The file stays (see the package comment);
// its holder record is cleared so nobody is named after the fact.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

func writeHolder(f *os.File, who Holder) error {
	b, err := json.Marshal(who)
	if err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err = f.WriteAt(append(b, '\n'), 0)
	return err
}

// readHolder reads the record a holder wrote; a record being written or
// cleared reads as the zero Holder.
func readHolder(f *os.File) Holder {
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	var h Holder
	if err != nil || json.Unmarshal([]byte(strings.TrimSpace(string(b))), &h) != nil {
		return Holder{}
	}
	return h
}
