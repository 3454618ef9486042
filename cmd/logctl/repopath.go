package main

import (
	"os"
	"path/filepath"
	"strings"
)

// workspaceRepoPath returns how GitHub should name the files of findings:
// relative to the repository root, which a workflow run checks out at
// GITHUB_WORKSPACE. Annotations, code-scanning alerts and blob links all
// resolve paths against that root, while logctl reads them relative to the
// current directory (a step's working-directory). Outside Actions it
// returns nil: paths stay as the user wrote them.
func (a *app) workspaceRepoPath() func(string) string {
	ws := a.getenv("GITHUB_WORKSPACE")
	if ws == "" {
		return nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	return relativeTo(ws, wd)
}

// relativeTo returns a function naming a file (relative to wd, or
// absolute) relative to base, with forward slashes. A file outside base is
// left as is. When the plain paths disagree, the paths with symlinks
// resolved are compared too (a checkout reached through a link). The
// function remembers its answers and is not safe for concurrent use.
func relativeTo(base, wd string) func(string) string {
	if !filepath.IsAbs(base) {
		base = filepath.Join(wd, base)
	}
	realBase, err := filepath.EvalSymlinks(base)
	if err != nil {
		realBase = base
	}
	known := map[string]string{} // many findings share a file
	return func(file string) string {
		if r, ok := known[file]; ok {
			return r
		}
		abs := file
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, file)
		}
		r, ok := within(base, abs)
		if !ok {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				r, ok = within(realBase, real)
			}
		}
		if !ok {
			r = file
		}
		known[file] = r
		return r
	}
}

// within returns p relative to base, when p lies inside base.
func within(base, p string) (string, bool) {
	r, err := filepath.Rel(base, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
