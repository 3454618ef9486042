package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/logctl/logctl/internal/filelock"
)

// applyLockName is the lock file apply takes in the configuration's root.
const applyLockName = ".logctl/apply.lock"

// lockApply makes sure one apply at a time acts on a configuration from
// this machine: two at once would both create what the plan creates (every
// CLS export twice). It returns the release function.
//
// With --emulator the emulator already holds its state file's lock for the
// whole run, which serializes everything on that state; otherwise the lock
// is applyLockName in the configuration's root (see applyRoot). The lock is
// the operating system's (flock, LockFileEx): a run killed with -9 loses it
// at once, so there is no stale lock to break and none is ever broken.
// Applies on different machines are not seen: CI must run one apply per
// directory at a time (e.g. a concurrency group).
func (a *app) lockApply(paths []string, planFile string) (func(), error) {
	if a.emulatorState != "" {
		return func() {}, nil
	}
	path := filepath.Join(applyRoot(paths, planFile), applyLockName)
	l, err := filelock.TryLock(path, filelock.Self(time.Now(), "logctl "+strings.Join(a.args, " ")))
	var held *filelock.HeldError
	if errors.As(err, &held) {
		return nil, withCode(exitError, fmt.Errorf("apply: another apply of this configuration is running (%s, lock %s); wait for it to finish and run apply again", held.Holder, path))
	}
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("apply: %w", err))
	}
	return func() { l.Unlock() }, nil
}

// applyRoot is the directory a configuration is locked in: the first
// path given (its directory, for a file), the saved plan's directory with
// --plan, and the working directory when there is neither or the path
// does not exist (planning then reports it).
func applyRoot(paths []string, planFile string) string {
	p := planFile
	if p == "" && len(paths) > 0 {
		p = paths[0]
	}
	if p == "" {
		return "."
	}
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return "."
	case st.IsDir():
		return p
	}
	return filepath.Dir(p)
}
