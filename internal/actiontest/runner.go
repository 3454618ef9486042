package actiontest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Runner runs an Action as one job step of a simulated runner.
type Runner struct {
	Action     *Action
	ActionPath string            // the action's directory (github.action_path)
	Workspace  string            // GITHUB_WORKSPACE, the working directory of run steps
	Temp       string            // RUNNER_TEMP
	Env        map[string]string // the process environment of every step (GITHUB_*, RUNNER_*, PATH, HOME, …)
	JobEnv     map[string]string // the job's env: (the env context, and the environment too)
	Github     map[string]any    // the github context (event_name, repository, token, event, …)
	Inputs     map[string]string // the with: of the calling step
	// Stubs gives the outputs of a used action, by its name without @ref
	// ("actions/cache"); a used action without an entry has none.
	Stubs map[string]map[string]string
}

// Result is what a run of the action produced.
type Result struct {
	Outputs  map[string]string // the action's outputs
	Steps    []StepResult
	Stubbed  []string // the uses: of steps that would have run, in order
	Masks    []string // values passed to ::add-mask::
	Errors   []string // ::error annotations
	Log      string   // every run step's output, in order
	Summary  string   // the job summary written by all steps
	Failed   bool     // a step failed (and was not continue-on-error)
	FailedAt string   // its id or name
}

// StepResult is one step's fate.
type StepResult struct {
	ID, Name string
	Outcome  string // success, failure or skipped
	Outputs  map[string]string
}

// Run runs the steps in order. An expression it cannot evaluate is an
// error, not a failed step.
func (r *Runner) Run(ctx context.Context) (*Result, error) {
	res := &Result{Outputs: map[string]string{}}
	steps := map[string]any{}
	for _, s := range r.Action.Runs.Steps {
		if s.ID != "" {
			steps[s.ID] = map[string]any{"outputs": map[string]any{}, "outcome": "", "conclusion": ""}
		}
	}
	inputs, err := r.inputs()
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	for k, v := range r.JobEnv {
		env[k] = v
	}
	var paths []string
	var summary strings.Builder
	for i, s := range r.Action.Runs.Steps {
		c := r.contexts(inputs, env, steps)
		ran, err := r.shouldRun(s, c, res.Failed)
		if err != nil {
			return nil, fmt.Errorf("step %d if: %w", i+1, err)
		}
		sr := StepResult{ID: s.ID, Outcome: "skipped", Outputs: map[string]string{}}
		if sr.Name, err = Interpolate(s.Name, c); err != nil {
			return nil, fmt.Errorf("step %d name: %w", i+1, err)
		}
		if ran {
			files, err := r.runStep(ctx, i, s, c, env, paths, res, &sr)
			if err != nil {
				return nil, err
			}
			for k, v := range files.env {
				env[k] = v
			}
			paths = append(files.path, paths...)
			summary.WriteString(files.summary)
			if sr.Outcome == "failure" && !s.ContinueOnError && !res.Failed {
				res.Failed, res.FailedAt = true, firstNonEmpty(s.ID, sr.Name)
			}
		}
		res.Steps = append(res.Steps, sr)
		if s.ID != "" {
			outs := map[string]any{}
			for k, v := range sr.Outputs {
				outs[k] = v
			}
			steps[s.ID] = map[string]any{"outputs": outs, "outcome": sr.Outcome, "conclusion": sr.Outcome}
		}
	}
	res.Summary = summary.String()
	c := r.contexts(inputs, env, steps)
	for name, o := range r.Action.Outputs {
		if res.Outputs[name], err = Interpolate(o.Value, c); err != nil {
			return nil, fmt.Errorf("output %s: %w", name, err)
		}
	}
	return res, nil
}

// inputs applies the defaults (which may be expressions) and refuses
// inputs the action does not declare.
func (r *Runner) inputs() (map[string]any, error) {
	in := map[string]any{}
	c := Contexts{"github": r.github(), "runner": r.runner()}
	for name, decl := range r.Action.Inputs {
		v, ok := r.Inputs[name]
		if !ok {
			var err error
			if v, err = Interpolate(decl.Default, c); err != nil {
				return nil, fmt.Errorf("input %s default: %w", name, err)
			}
		}
		if decl.Required && v == "" {
			return nil, fmt.Errorf("input %s is required", name)
		}
		in[name] = v
	}
	for name := range r.Inputs {
		if _, ok := r.Action.Inputs[name]; !ok {
			return nil, fmt.Errorf("input %s is not declared by the action", name)
		}
	}
	return in, nil
}

func (r *Runner) github() map[string]any {
	g := map[string]any{"action_path": r.ActionPath, "workspace": r.Workspace}
	for k, v := range r.Github {
		g[k] = v
	}
	return g
}

func (r *Runner) runner() map[string]any {
	return map[string]any{"os": r.Env["RUNNER_OS"], "arch": r.Env["RUNNER_ARCH"],
		"temp": r.Temp, "tool_cache": r.Env["RUNNER_TOOL_CACHE"]}
}

func (r *Runner) contexts(inputs map[string]any, env map[string]string, steps map[string]any) Contexts {
	e := map[string]any{}
	for k, v := range env {
		e[k] = v
	}
	return Contexts{"inputs": inputs, "github": r.github(), "runner": r.runner(), "env": e, "steps": steps}
}

// shouldRun evaluates if:, which is implicitly success() && (if) unless it
// calls a status function itself.
func (r *Runner) shouldRun(s Step, c Contexts, failed bool) (bool, error) {
	cond := strings.TrimSpace(s.If)
	if strings.HasPrefix(cond, "${{") && strings.HasSuffix(cond, "}}") {
		cond = strings.TrimSpace(cond[3 : len(cond)-2])
	}
	if cond == "" {
		return !failed, nil
	}
	v, err := evalStatus(cond, c, status{failed: failed})
	if err != nil {
		return false, err
	}
	for _, f := range []string{"success(", "failure(", "always(", "cancelled("} {
		if strings.Contains(cond, f) {
			return Truthy(v), nil
		}
	}
	return !failed && Truthy(v), nil
}

// stepFiles is what a step wrote to its command files.
type stepFiles struct {
	env     map[string]string
	path    []string // newest first
	summary string
}

// runStep runs one step: a used action is stubbed, a run step is written
// to a script and run with bash as `shell: bash` does.
func (r *Runner) runStep(ctx context.Context, i int, s Step, c Contexts, env map[string]string, paths []string, res *Result, sr *StepResult) (stepFiles, error) {
	for _, k := range sortedKeys(s.With) {
		if _, err := Interpolate(s.With[k], c); err != nil {
			return stepFiles{}, fmt.Errorf("step %d with.%s: %w", i+1, k, err)
		}
	}
	if s.Uses != "" {
		res.Stubbed = append(res.Stubbed, s.Uses)
		name, _, _ := strings.Cut(s.Uses, "@")
		for k, v := range r.Stubs[name] {
			sr.Outputs[k] = v
		}
		sr.Outcome = "success"
		return stepFiles{}, nil
	}
	script, err := Interpolate(s.Run, c)
	if err != nil {
		return stepFiles{}, fmt.Errorf("step %d run: %w", i+1, err)
	}
	stepEnv := map[string]string{}
	for _, k := range sortedKeys(s.Env) {
		if stepEnv[k], err = Interpolate(s.Env[k], c); err != nil {
			return stepFiles{}, fmt.Errorf("step %d env.%s: %w", i+1, k, err)
		}
	}
	wd := r.Workspace
	if s.WorkingDirectory != "" {
		if wd, err = Interpolate(s.WorkingDirectory, c); err != nil {
			return stepFiles{}, err
		}
	}
	dir := filepath.Join(r.Temp, fmt.Sprintf("_step%02d", i+1))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return stepFiles{}, err
	}
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"} {
		files[f] = filepath.Join(dir, strings.ToLower(f))
		if err := os.WriteFile(files[f], nil, 0o644); err != nil {
			return stepFiles{}, err
		}
	}
	scriptPath := filepath.Join(dir, "script.sh")
	if err := os.WriteFile(scriptPath, []byte(script), 0o644); err != nil {
		return stepFiles{}, err
	}
	cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc", "-eo", "pipefail", scriptPath)
	cmd.Dir = wd
	cmd.Env = r.environ(env, stepEnv, files, paths)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	res.Log += fmt.Sprintf("##[group]%s\n%s##[endgroup]\n", sr.Name, out.String())
	r.commands(out.String(), res)
	sr.Outcome = "success"
	if runErr != nil {
		sr.Outcome = "failure"
	}
	return r.readFiles(files, sr)
}

// environ is the step's process environment: the runner's, the job's,
// what earlier steps put in GITHUB_ENV, the step's env:, then the step's
// own command files and GITHUB_PATH entries before PATH.
func (r *Runner) environ(env, stepEnv, files map[string]string, paths []string) []string {
	all := map[string]string{}
	for _, m := range []map[string]string{r.Env, env, stepEnv, files} {
		for k, v := range m {
			all[k] = v
		}
	}
	all["GITHUB_ACTION_PATH"] = r.ActionPath
	all["GITHUB_WORKSPACE"] = r.Workspace
	all["RUNNER_TEMP"] = r.Temp
	if len(paths) > 0 {
		all["PATH"] = strings.Join(paths, string(os.PathListSeparator)) + string(os.PathListSeparator) + all["PATH"]
	}
	out := make([]string, 0, len(all))
	for _, k := range sortedKeys(all) {
		out = append(out, k+"="+all[k])
	}
	return out
}
