package actiontest

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// readFiles reads a step's GITHUB_OUTPUT and GITHUB_ENV (name=value lines
// and name<<DELIMITER blocks), GITHUB_PATH (one directory a line) and its
// job summary.
func (r *Runner) readFiles(files map[string]string, sr *StepResult) (stepFiles, error) {
	var sf stepFiles
	outs, err := readKeyValues(files["GITHUB_OUTPUT"])
	if err != nil {
		return sf, err
	}
	for k, v := range outs {
		sr.Outputs[k] = v
	}
	if sf.env, err = readKeyValues(files["GITHUB_ENV"]); err != nil {
		return sf, err
	}
	data, err := os.ReadFile(files["GITHUB_PATH"])
	if err != nil {
		return sf, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			sf.path = append([]string{line}, sf.path...)
		}
	}
	summary, err := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	sf.summary = string(summary)
	return sf, err
}

// readKeyValues parses the runner's file-command format. A block's value
// is the lines between name<<DELIMITER and DELIMITER, without the last
// newline.
func readKeyValues(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	kv := map[string]string{}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			if i >= len(lines) {
				return nil, fmt.Errorf("%s: %s<<%s is not terminated", path, name, delim)
			}
			kv[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: line %q is neither name=value nor name<<DELIMITER", path, line)
		}
		kv[name] = val
	}
	return kv, nil
}

// commands acts on the workflow commands in a step's output.
func (r *Runner) commands(out string, res *Result) {
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "::add-mask::"):
			res.Masks = append(res.Masks, strings.TrimPrefix(line, "::add-mask::"))
		case strings.HasPrefix(line, "::error"):
			res.Errors = append(res.Errors, line)
		}
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// sortedKeys is for stable environments and messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
