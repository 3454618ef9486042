package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkOutFile makes sure a file can be written at path (--out) before a
// command reads any cloud: its directory exists and path is not a
// directory. "" (no --out) passes.
func checkOutFile(path string) error {
	if path == "" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("--out %s is a directory; give a file name, e.g. %s", path, filepath.Join(path, "plan.json"))
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--out %s: the directory %s does not exist; create it first (mkdir -p %s)", path, dir, dir)
	case err != nil:
		return fmt.Errorf("--out %s: %w", path, unwrapPath(err))
	case !st.IsDir():
		return fmt.Errorf("--out %s: %s is not a directory", path, dir)
	}
	return nil
}

// outFileError names path in an error of writing it, whatever file the
// error was about (the temporary written first is an internal name).
func outFileError(path string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("write %s: %w", path, unwrapPath(err))
}

// unwrapPath drops the operation and path of an *fs.PathError or
// *os.LinkError, keeping the cause ("permission denied").
func unwrapPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
