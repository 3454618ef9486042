package policy

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/logctl/logctl/spec"
)

// parityFile is testdata/parity/cases.yaml: what the emulator refuses,
// written as logctl YAML and as the request (see the file's header).
type parityFile struct {
	Bases map[string]struct {
		List     string         `yaml:"list"`
		Defaults map[string]any `yaml:"defaults"`
		YAML     map[string]any `yaml:"yaml"`
	} `yaml:"bases"`
	Cases []struct {
		Name          string         `yaml:"name"`
		Base          string         `yaml:"base"`
		Code          string         `yaml:"code"`
		Rule          string         `yaml:"rule"`
		Live          string         `yaml:"live"`
		Existing      bool           `yaml:"existing"`
		Streams       int            `yaml:"streams"`
		CustomHeaders int            `yaml:"customHeaders"`
		YAML          map[string]any `yaml:"yaml"`
	} `yaml:"cases"`
}

// TestLintFindsWhatTheEmulatorRefuses lints every case of the parity table
// and requires a finding of the case's rule: a request the emulator (and
// so, as far as it models them, the clouds) would refuse is caught before
// any API call. internal/emulator's lintparity_test.go checks the other
// half: that the emulator refuses each case with its code.
func TestLintFindsWhatTheEmulatorRefuses(t *testing.T) {
	pf := readParity(t)
	e := newEngine(t)
	for _, c := range pf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if c.Rule == "" {
				if c.Live == "" {
					t.Fatal("a case needs a rule, or in live why lint cannot see it")
				}
				t.Skipf("only the live state tells: %s", c.Live)
			}
			base, ok := pf.Bases[c.Base]
			if !ok {
				t.Fatalf("unknown base %q", c.Base)
			}
			res := mergeParity(base.YAML, c.YAML)
			if c.Streams > 0 {
				res["logStreamIds"] = parityIDs(c.Streams)
			}
			if c.CustomHeaders > 0 {
				res["customFields"] = parityHeaders(c.CustomHeaders)
			}
			list := []any{res}
			if c.Existing {
				list = []any{mergeParity(res, map[string]any{"name": "first"}), res}
			}
			doc := map[string]any{"version": 1, base.List: list}
			if base.Defaults != nil {
				doc["defaults"] = base.Defaults
			}
			text, err := yaml.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			parsed, diags := spec.ParseBytes("parity.yaml", text)
			rules := make([]string, 0, len(diags))
			for _, d := range diags {
				rules = append(rules, d.Rule)
			}
			if parsed != nil {
				fs, err := e.Eval(context.Background(), parsed, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					rules = append(rules, f.Rule)
				}
			}
			if !slices.Contains(rules, c.Rule) {
				t.Errorf("lint did not report %s (the emulator answers %s); it reported %v\n%s", c.Rule, c.Code, rules, text)
			}
		})
	}
}

func readParity(t *testing.T) parityFile {
	t.Helper()
	var pf parityFile
	data, err := os.ReadFile("testdata/parity/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &pf); err != nil {
		t.Fatal(err)
	}
	return pf
}

// mergeParity returns base with patch merged in: mappings key by key, null
// deletes, anything else replaces.
func mergeParity(base, patch map[string]any) map[string]any {
	out := make(map[string]any, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range patch {
		switch pv := v.(type) {
		case nil:
			delete(out, k)
		case map[string]any:
			bv, _ := out[k].(map[string]any)
			out[k] = mergeParity(bv, pv)
		default:
			out[k] = v
		}
	}
	return out
}

func parityIDs(n int) []any {
	ids := make([]any, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("45e7f609-0000-4cd3-835b-%012d", i)
	}
	return ids
}

func parityHeaders(n int) []any {
	fs := make([]any, n)
	for i := range fs {
		fs[i] = map[string]any{"name": "ReqHeader", "value": fmt.Sprintf("X-H%d", i)}
	}
	return fs
}
