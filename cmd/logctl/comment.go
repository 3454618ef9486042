package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/logctl/logctl/internal/prcomment"
	"github.com/logctl/logctl/internal/render"
)

// postComment writes the sticky PR comment and the job summary. A failure
// is a warning: the exit code reflects the plan, never the comment.
func (a *app) postComment(paths []string, pl *planned) {
	dir := strings.Join(paths, " ")
	if dir == "" {
		dir = "."
	}
	env := prcomment.EnvFrom(a.getenv)
	body, full := composeComment(pl, dir, a.sourceLinker(env))
	if env.StepSummary != "" {
		if err := prcomment.WriteStepSummary(env.StepSummary, full); err != nil {
			fmt.Fprintf(a.stderr, "Warning: could not write the job summary: %v\n", err)
		}
	}
	u, err := prcomment.Upsert(a.ctx, env, dir, body)
	switch {
	case errors.Is(err, prcomment.ErrNotPullRequest):
		fmt.Fprintln(a.stderr, "Not a pull request run: skipping the PR comment.")
	case err != nil:
		fmt.Fprintf(a.stderr, "Warning: could not write the PR comment: %v\n", err)
	default:
		fmt.Fprintf(a.stderr, "PR comment: %s\n", u)
	}
}

// composeComment renders the comment for dir: body fits GitHub's limit
// (details dropped from the least important up), full is everything, for
// the job summary.
func composeComment(pl *planned, dir string, link func(string, int) string) (body, full string) {
	secs := render.CommentSections(pl.plan, pl.findings, render.CommentOptions{Dir: dir, Desired: pl.raw, Link: link})
	texts := make([]string, len(secs))
	psecs := make([]prcomment.Section, len(secs))
	for i, s := range secs {
		texts[i] = s.Markdown
		psecs[i] = prcomment.Section{Markdown: s.Markdown, Priority: s.Priority, Droppable: s.Droppable}
	}
	return prcomment.Fit(psecs, prcomment.BodyBudget(dir)), strings.Join(texts, "\n\n") + "\n"
}

// sourceLinker links file:line to the PR head commit on GitHub, or returns
// nil when the run does not say where that is.
func (a *app) sourceLinker(env prcomment.Env) func(string, int) string {
	server := a.getenv("GITHUB_SERVER_URL")
	if server == "" || env.Repository == "" || env.EventPath == "" {
		return nil
	}
	b, err := os.ReadFile(env.EventPath)
	if err != nil {
		return nil
	}
	var ev struct {
		PullRequest struct {
			Head struct {
				SHA string `json:"sha"`
			} `json:"head"`
		} `json:"pull_request"`
	}
	if json.Unmarshal(b, &ev) != nil || ev.PullRequest.Head.SHA == "" {
		return nil
	}
	// Blob paths are relative to the repository root (GITHUB_WORKSPACE),
	// not to the directory logctl runs in.
	wd, _ := os.Getwd()
	repoPath := a.workspaceRepoPath()
	if repoPath == nil {
		repoPath = relativeTo(wd, wd)
	}
	return func(file string, line int) string {
		return fmt.Sprintf("%s/%s/blob/%s/%s#L%d", strings.TrimRight(server, "/"), env.Repository,
			ev.PullRequest.Head.SHA, (&url.URL{Path: repoPath(file)}).EscapedPath(), line)
	}
}
