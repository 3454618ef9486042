package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/logctl/logctl/internal/emulator/huawei"
	"github.com/logctl/logctl/internal/emulator/tencent"
	"github.com/logctl/logctl/internal/filelock"
)

// lockState takes the state file's lock, StatePath + ".lock", for the
// server's lifetime. A server holds its whole state in memory and writes
// all of it on every change, so two servers on one file would each write
// over the other's changes: the second is refused, naming the first
// (refusing rather than waiting, because the first may be a long-running
// "logctl emulator serve" that a waiting run would hang on). The lock is
// the operating system's, released when the process ends however it ends.
func lockState(path string, now time.Time) (*filelock.Lock, error) {
	l, err := filelock.TryLock(path+".lock", filelock.Self(now, strings.Join(os.Args, " ")))
	var held *filelock.HeldError
	if errors.As(err, &held) {
		return nil, fmt.Errorf("state %s is in use by %s; stop it or use another state file", path, held.Holder)
	}
	return l, err
}

// removeTemps deletes the temporary files writeAtomic leaves when the
// process is killed between creating and renaming one. It runs under the
// state lock, so no live writer's file is touched.
func removeTemps(path string) {
	pattern := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	matches, _ := filepath.Glob(pattern)
	for _, m := range matches {
		os.Remove(m)
	}
}

// stateFile is the JSON document written to Options.StatePath.
type stateFile struct {
	Tencent *tencent.State `json:"tencent"`
	Huawei  *huawei.State  `json:"huawei"`
}

// loadState reads path; fresh is true when the file does not exist yet.
func loadState(path string) (st stateFile, fresh bool, err error) {
	st = stateFile{Tencent: &tencent.State{}, Huawei: &huawei.State{}}
	if path == "" {
		return st, true, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, true, nil
	}
	if err != nil {
		return st, false, fmt.Errorf("read state: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, false, fmt.Errorf("read state %s: %w", path, err)
	}
	if st.Tencent == nil {
		st.Tencent = &tencent.State{}
	}
	if st.Huawei == nil {
		st.Huawei = &huawei.State{}
	}
	return st, false, nil
}

// writeAtomic replaces path with b so that a crash leaves either the old or
// the new file, never a torn one: write a temp file in the same directory,
// fsync it, rename it over path, fsync the directory.
func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
