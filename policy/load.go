package policy

import (
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// bundleSet is everything a compile needs: the built-in modules, the user
// modules from --policy directories and the data documents found there.
type bundleSet struct {
	modules map[string]*ast.Module
	user    map[string]bool // module name → came from a user directory
	data    map[string]any
}

// loadPolicies reads the built-in policies and every .rego, .json and
// .yaml/.yml file under dirs, the way `opa eval -d` and conftest read them.
// Test files (*_test.rego) are only read when withTests is set.
func loadPolicies(dirs []string, withTests bool) (*bundleSet, error) {
	mods, err := builtinModules(withTests)
	if err != nil {
		return nil, err
	}
	set := &bundleSet{modules: mods, user: map[string]bool{}, data: map[string]any{}}
	if len(dirs) == 0 {
		return set, nil
	}
	res, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered(dirs, skipFile(withTests))
	if err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	for name, rf := range res.Modules {
		if _, clash := set.modules[name]; clash {
			return nil, fmt.Errorf("load policies: %s: name clashes with a built-in policy", name)
		}
		set.modules[name] = rf.Parsed
		set.user[name] = true
	}
	maps.Copy(set.data, res.Documents)
	return set, nil
}

// skipFile keeps hidden entries out (.git, editor files) and, outside tests,
// the *_test.rego files.
func skipFile(withTests bool) loader.Filter {
	return func(abspath string, info fs.FileInfo, depth int) bool {
		name := info.Name()
		if depth > 0 && strings.HasPrefix(name, ".") {
			return true
		}
		if info.IsDir() {
			return false
		}
		if !withTests && isTestFile(name) {
			return true
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".rego", ".json", ".yaml", ".yml":
			return false
		}
		return true
	}
}

// compile type-checks all modules together. Errors carry file:line:col.
func compile(set *bundleSet, printStatements bool) (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithEnablePrintStatements(printStatements).
		WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(set.modules)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", c.Errors)
	}
	return c, nil
}

// newStore holds the user data documents, read back as AST values so that
// evaluation does not convert them on every read.
func newStore(data map[string]any) storage.Store {
	return inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true))
}
