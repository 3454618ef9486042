package archtest

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/logctl/logctl/"

// allowed lists, per package (a trailing "/..." covers its subpackages),
// the logctl packages it may depend on, directly or not. Anything else is a
// forbidden edge. reconcile and the providers share the error classes of
// internal/apierr, a leaf without logctl imports, and the retry policy of
// internal/retry, which imports only apierr. engine runs the pipeline
// over them all; the clouds' providers are handed to it, never imported.
var allowed = map[string][]string{
	"spec":                  {},
	"policy":                {"spec"},
	"diff":                  {"spec"},
	"reconcile":             {"spec", "diff", "internal/apierr", "internal/retry"},
	"internal/apierr":       {},
	"internal/retry":        {"internal/apierr"},
	"internal/ratelimit":    {},
	"internal/mdsafe":       {},
	"internal/prcomment":    {"internal/retry", "internal/apierr"},
	"internal/redact":       {},
	"internal/tencent":      {"internal/apierr"},
	"internal/adopt":        {"spec", "diff"},
	"internal/emulator/...": {"internal/emulator/...", "internal/filelock"},
	"internal/filelock":     {},
	"internal/provider/...": {"spec", "diff", "reconcile", "internal/apierr", "internal/retry", "internal/ratelimit", "internal/tencent"},
	"internal/offlinelogs":  {"spec", "diff", "reconcile", "internal/apierr", "internal/retry", "internal/ratelimit", "internal/tencent", "internal/provider/teo"},
	"internal/datamap":      {"spec", "diff", "policy"},
	"internal/render":       {"spec", "diff", "policy", "reconcile", "internal/apierr", "internal/retry", "internal/mdsafe", "internal/datamap"},
	"internal/archtest":     {},
	"engine":                {"spec", "policy", "diff", "reconcile", "internal/apierr", "internal/retry"},
	// The runner simulation for action.yml; its tests drive the emulators.
	"internal/actiontest": {},
}

// testOnly packages exist for tests and may reach the emulator.
var testOnly = map[string][]string{
	"internal/provider/providertest": {"internal/emulator/...", "internal/filelock"},
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Deps \" \"}}", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ":")
		pkg = strings.TrimPrefix(pkg, module)
		if strings.HasPrefix(pkg, "cmd/") || strings.HasPrefix(pkg, "bench/") {
			continue // the top: may import everything
		}
		rules, ok := lookup(allowed, pkg)
		if !ok {
			t.Errorf("package %s has no entry in the import rules; add one", pkg)
			continue
		}
		extra, _ := lookup(testOnly, pkg)
		rules = append(slices.Clone(rules), extra...)
		for _, d := range strings.Fields(deps) {
			if !strings.HasPrefix(d, module) {
				continue
			}
			d = strings.TrimPrefix(d, module)
			if d != pkg && !matches(rules, d) && !matches([]string{pkg + "/..."}, d) {
				t.Errorf("forbidden import edge: %s → %s", pkg, d)
			}
		}
	}
}

func lookup(m map[string][]string, pkg string) ([]string, bool) {
	if r, ok := m[pkg]; ok {
		return r, true
	}
	for k, r := range m {
		if base, ok := strings.CutSuffix(k, "/..."); ok && (pkg == base || strings.HasPrefix(pkg, base+"/")) {
			return r, true
		}
	}
	return nil, false
}

func matches(rules []string, dep string) bool {
	for _, r := range rules {
		if base, ok := strings.CutSuffix(r, "/..."); ok {
			if dep == base || strings.HasPrefix(dep, base+"/") {
				return true
			}
		} else if dep == r {
			return true
		}
	}
	return false
}
