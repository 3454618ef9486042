package actiontest

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// Action is a composite action's metadata (action.yml), the parts a
// runner needs.
type Action struct {
	Name    string                  `yaml:"name"`
	Inputs  map[string]Input        `yaml:"inputs"`
	Outputs map[string]ActionOutput `yaml:"outputs"`
	Runs    struct {
		Using string `yaml:"using"`
		Steps []Step `yaml:"steps"`
	} `yaml:"runs"`
}

// Input is a declared input.
type Input struct {
	Description string `yaml:"description"`
	Default     string `yaml:"default"`
	Required    bool   `yaml:"required"`
}

// ActionOutput maps an output of the action to an expression.
type ActionOutput struct {
	Value string `yaml:"value"`
}

// Step is one step of runs.steps.
type Step struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  bool              `yaml:"continue-on-error"`
}

// Load reads and checks an action.yml: composite, every step either runs
// bash or uses an action, step ids unique.
func Load(path string) (*Action, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a Action
	if err := yaml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if a.Runs.Using != "composite" {
		return nil, fmt.Errorf("%s: runs.using is %q, want composite", path, a.Runs.Using)
	}
	ids := map[string]bool{}
	for i, s := range a.Runs.Steps {
		switch {
		case (s.Run == "") == (s.Uses == ""):
			return nil, fmt.Errorf("%s: step %d needs exactly one of run and uses", path, i+1)
		case s.Run != "" && s.Shell != "bash":
			return nil, fmt.Errorf("%s: step %d: shell %q, the runner here has bash only", path, i+1, s.Shell)
		case s.ID != "" && ids[s.ID]:
			return nil, fmt.Errorf("%s: step id %q used twice", path, s.ID)
		}
		ids[s.ID] = true
	}
	return &a, nil
}
