package spec

import (
	"fmt"
	"io/fs"
	"os"
	"unicode/utf8"
)

// Bounds on what one Load reads (MaxFileSize is per file, load.go) and on
// the messages that quote what it read.

// MaxTotalSize bounds the files of one Load together. Loading and linting
// take about 15 bytes of memory per byte of YAML at most, so three files
// of 64 MiB took 5 GB; the design's largest configuration (100,000
// resources) is about 55 MB. A bigger set is refused before any is read.
const MaxTotalSize = 128 << 20

// checkTotalSize refuses files that together exceed MaxTotalSize. Files
// that cannot be stat'ed are left for parseFile to report.
func checkTotalSize(files []string) error {
	var total int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			total += st.Size()
		}
	}
	if total > MaxTotalSize {
		return fmt.Errorf("the %d files total %d MiB, more than one run reads (%d MiB): lint or plan them in parts, e.g. one directory per run",
			len(files), total>>20, MaxTotalSize>>20)
	}
	return nil
}

// describeMode names the kind of a file that is not regular.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// MaxText is the longest message kept, in bytes, of a diagnostic (summary
// or hint) or a policy finding: one that quotes a key or value would
// otherwise print all of a 30 MB string.
const MaxText = 2048

// ClipText shortens s to MaxText bytes at a rune boundary and says how
// much was cut.
func ClipText(s string) string {
	if len(s) <= MaxText {
		return s
	}
	cut := MaxText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes not shown)", s[:cut], len(s)-cut)
}
