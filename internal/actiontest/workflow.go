package actiontest

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// Workflow is the part of a workflow file the tests read.
type Workflow struct {
	On struct {
		WorkflowCall struct {
			Inputs map[string]struct {
				Type    string `yaml:"type"`
				Default any    `yaml:"default"`
			} `yaml:"inputs"`
		} `yaml:"workflow_call"`
	} `yaml:"on"`
	Jobs map[string]Job `yaml:"jobs"`
}

// Job is one job of a workflow.
type Job struct {
	Uses           string `yaml:"uses"` // a reusable workflow
	TimeoutMinutes any    `yaml:"timeout-minutes"`
	Steps          []Step `yaml:"steps"`
}

// LoadWorkflow reads a workflow file.
func LoadWorkflow(path string) (*Workflow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var w Workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &w, nil
}

// JobAction wraps a job's steps as a composite action whose inputs are the
// workflow_call inputs, so a Runner can run them: inputs.* reads the same
// in both.
func (w *Workflow) JobAction(job string) (*Action, error) {
	j, ok := w.Jobs[job]
	if !ok {
		return nil, fmt.Errorf("no job %q", job)
	}
	a := &Action{Name: job, Inputs: map[string]Input{}}
	for name, in := range w.On.WorkflowCall.Inputs {
		a.Inputs[name] = Input{Default: fmt.Sprint(in.Default)}
	}
	a.Runs.Using = "composite"
	a.Runs.Steps = j.Steps
	return a, nil
}
