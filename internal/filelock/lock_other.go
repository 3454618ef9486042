//go:build !unix && !windows

package filelock

import "os"

// tryLock refuses: without a lock the system drops on process exit, a
// lock file could outlive its holder or be broken while held.
func tryLock(*os.File) (bool, error) { return false, ErrUnsupported }

func unlock(*os.File) error { return nil }
