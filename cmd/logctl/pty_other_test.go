//go:build !linux

package main

import (
	"os"
	"testing"
)

// openPTY is only implemented for Linux; elsewhere the terminal cases skip.
func openPTY(t *testing.T) *os.File {
	t.Skip("pseudo-terminal helper is Linux-only")
	return nil
}
