package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// EnvVar is one variable that the files reference as ${env:NAME}, with
// every place that does.
type EnvVar struct {
	Name string
	Uses []Pos // sorted by file, line, column
}

// EnvVars returns the ${env:NAME} variables that the YAML files under paths
// reference, sorted by name. It only parses the files: a file that breaks
// the format still reports its references, and nothing needs a cloud
// account. A reference's position is where its "${" stands in the file; a
// value repeated through an anchor and its aliases counts once, at the
// anchor. Comments and mapping keys are never expanded by Resolve, so their
// references are not uses. The error is a path that cannot be read, or a
// file that is not YAML, naming file and line.
func EnvVars(paths []string) ([]EnvVar, error) {
	files, err := Files(paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.yaml or *.yml files in %s", strings.Join(paths, ", "))
	}
	uses := make([][]envUse, len(files))
	errs := make([]error, len(files))
	onEveryCore(len(files), func(i int) { uses[i], errs[i] = fileEnvUses(files[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return groupEnvUses(slices.Concat(uses...)), nil
}

// EnvVarsIn is EnvVars for one file's content; name is used in positions.
func EnvVarsIn(name string, data []byte) ([]EnvVar, error) {
	uses, err := envUsesIn(name, data)
	if err != nil {
		return nil, err
	}
	return groupEnvUses(uses), nil
}

// envUse is one reference to one variable.
type envUse struct {
	name string
	pos  Pos
}

func fileEnvUses(name string) ([]envUse, error) {
	data, err := readFile(name)
	if err != nil {
		return nil, err
	}
	return envUsesIn(name, data)
}

// envUsesIn checks what Load checks before parsing (size, encoding), then
// parses each document and collects the references of its scalars.
func envUsesIn(name string, data []byte) ([]envUse, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d MiB", name, MaxFileSize>>20)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: file is not valid UTF-8", Pos{File: name, Line: firstInvalidLine(data)})
	}
	if plan := planSplit(data, defaultSplit()); plan != nil {
		if uses, ok := envUsesSplit(name, data, plan, defaultSplit().batchItems); ok {
			return uses, nil
		}
	}
	return envUsesWhole(name, data)
}

// envUsesWhole parses data whole, one document after the other. Files
// without a reference are parsed too: a file that is not YAML is an error
// whatever it holds.
func envUsesWhole(name string, data []byte) ([]envUse, error) {
	var src *sourceText
	if bytes.Contains(data, []byte("${env:")) {
		src = newSourceText(data)
	}
	var uses []envUse
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return uses, nil
		}
		if err != nil {
			return nil, syntaxDiag(name, data, err)
		}
		if src != nil {
			uses = append(uses, src.envUses(name, &n)...)
		}
	}
}

// groupEnvUses sorts uses by name and position and groups them by name.
func groupEnvUses(uses []envUse) []EnvVar {
	slices.SortFunc(uses, func(a, b envUse) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return comparePos(a.pos, b.pos)
	})
	var vars []EnvVar
	for _, u := range uses {
		if len(vars) == 0 || vars[len(vars)-1].Name != u.name {
			vars = append(vars, EnvVar{Name: u.name})
		}
		last := &vars[len(vars)-1]
		last.Uses = append(last.Uses, u.pos)
	}
	return vars
}

func comparePos(a, b Pos) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Column - b.Column
}
