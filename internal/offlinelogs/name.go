package offlinelogs

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes keeps "<name>.log.gz.part" within the 255-byte file name
// limit of common file systems.
const maxNameBytes = 200

// ErrUnsafeName is wrapped by SafeName's errors.
var ErrUnsafeName = errors.New("unsafe package name")

// SafeName checks that a package name from the server can be used as a file
// name inside the download directory, and returns it unchanged. It refuses,
// rather than rewrites, anything else: a rewritten name could collide with
// another package's and would no longer match what the API lists. Refused:
// the empty name, "." and "..", absolute paths, path separators (both / and
// \, whatever the OS), ':' (drive letters and alternate data streams on
// Windows), NUL and other control characters, invalid UTF-8, names longer
// than 200 bytes, and names the OS does not consider local (filepath.IsLocal:
// reserved device names such as NUL or COM1 on Windows). Errors quote the
// name with %q, so control characters cannot reach a terminal raw.
func SafeName(name string) (string, error) {
	why := unsafeReason(name)
	if why == "" && !filepath.IsLocal(name) {
		why = "not a local file name on this system"
	}
	if why != "" {
		return "", fmt.Errorf("%w %q: %s", ErrUnsafeName, truncateForError(name), why)
	}
	return name, nil
}

func unsafeReason(name string) string {
	switch {
	case name == "":
		return "empty"
	case name == "." || name == "..":
		return "a directory reference"
	case len(name) > maxNameBytes:
		return fmt.Sprintf("longer than %d bytes", maxNameBytes)
	case !utf8.ValidString(name):
		return "not valid UTF-8"
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.IsAbs(name):
		return "an absolute path"
	case strings.ContainsAny(name, `/\`):
		return "contains a path separator"
	case strings.ContainsRune(name, ':'):
		return "contains ':'"
	case strings.ContainsFunc(name, isControl):
		return "contains a control character"
	}
	return ""
}

// isControl covers C0, DEL, C1 and the Unicode format characters that can
// reorder what a terminal shows (bidi overrides).
func isControl(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// truncateForError shortens a hostile name before it is quoted in an error.
func truncateForError(name string) string {
	if len(name) <= 80 {
		return name
	}
	return name[:80] + "..."
}

// fileSuffix is appended to a package name to make its file name; packages
// are gzip files (edgeone-logs.md §11: Url is a .gz download).
const (
	fileSuffix = ".log.gz"
	partSuffix = ".part"
)

// FileName is the file a package is saved as: its checked name plus
// ".log.gz". The temporary file adds ".part", which no final name can end
// with, so the two never collide.
func FileName(p Package) (string, error) {
	n, err := SafeName(p.Name)
	if err != nil {
		return "", err
	}
	return n + fileSuffix, nil
}

// checkURL accepts only absolute http(s) URLs with a host and no user
// information. Errors never quote the URL: its query may hold a signature.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("download URL is not a valid URL")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("download URL scheme %q is not http or https", truncateForError(u.Scheme))
	case u.Host == "":
		return nil, errors.New("download URL has no host")
	case u.User != nil:
		return nil, errors.New("download URL must not contain user information")
	}
	return u, nil
}
