package policy

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// builtinFS holds the built-in policies and their unit tests. It is read-only
// data compiled into the binary, so that a lint needs no policy files on disk.
//
//go:embed builtin/*.rego
var builtinFS embed.FS

// builtinPrefix names embedded files in positions and test reports:
// "builtin/teo_task.rego:42".
const builtinPrefix = "builtin/"

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// parserOptions keeps METADATA blocks (they feed Rules and SARIF) and fixes
// the language to Rego v1, as conftest does by default.
func parserOptions() ast.ParserOptions {
	return ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
}

// builtinModules parses the embedded policies; withTests adds *_test.rego.
func builtinModules(withTests bool) (map[string]*ast.Module, error) {
	entries, err := fs.ReadDir(builtinFS, "builtin")
	if err != nil {
		return nil, fmt.Errorf("read built-in policies: %w", err)
	}
	mods := make(map[string]*ast.Module, len(entries))
	for _, e := range entries {
		if !withTests && isTestFile(e.Name()) {
			continue
		}
		src, err := builtinFS.ReadFile(path.Join("builtin", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read built-in policy: %w", err)
		}
		name := builtinPrefix + e.Name()
		m, err := ast.ParseModuleWithOpts(name, string(src), parserOptions())
		if err != nil {
			return nil, fmt.Errorf("parse built-in policy: %w", err)
		}
		mods[name] = m
	}
	return mods, nil
}
