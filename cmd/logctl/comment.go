package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/logctl/logctl/internal/mdsafe"
	"github.com/logctl/logctl/internal/prcomment"
	"github.com/logctl/logctl/internal/redact"
	"github.com/logctl/logctl/internal/render"
)

// postComment writes the sticky PR comment and the job summary. A failure
// is a warning: the exit code reflects the plan, never the comment.
func (a *app) postComment(paths []string, pl *planned) {
	dir := commentKey(paths, a.workspaceRepoPath())
	env := prcomment.EnvFrom(a.getenv)
	clean := markdownRedactor(a.secrets)
	head := headCommit(env.EventPath)
	body, full := composeComment(pl, dir, a.commitLine(env, head), a.sourceLinker(env, head), clean)
	if env.StepSummary != "" {
		if err := prcomment.WriteStepSummary(env.StepSummary, full); err != nil {
			fmt.Fprintf(a.stderr, "Warning: could not write the job summary: %v\n", err)
		}
	}
	res, err := prcomment.Upsert(a.ctx, env, dir, body)
	switch {
	case errors.Is(err, prcomment.ErrNotPullRequest):
		fmt.Fprintln(a.stderr, "Not a pull request run: skipping the PR comment.")
	case err != nil:
		fmt.Fprintf(a.stderr, "Warning: could not write the PR comment: %v\n", err)
	default:
		fmt.Fprintf(a.stderr, "PR comment: %s\n", res.URL)
	}
	a.reportIgnored(env, res, clean)
}

// markdownRedactor returns what removes secrets from Markdown: their
// plain forms and the forms the Markdown escapers give them, since
// rendered text escapes values (a "_" becomes "\_").
func markdownRedactor(secrets *redact.Set) func(string) string {
	if secrets.Len() == 0 {
		return func(s string) string { return s }
	}
	return secrets.Derive(mdsafe.EscapeMarkdown, mdsafe.EscapeTableCell, mdsafe.EscapeHTML).String
}

// reportIgnored names, on stderr and in the job summary, every comment that
// carries logctl's marker but was written by someone else: logctl leaves
// it alone, and reviewers must know it is not logctl's plan.
func (a *app) reportIgnored(env prcomment.Env, res prcomment.Result, clean func(string) string) {
	if len(res.Ignored) == 0 {
		return
	}
	var md strings.Builder
	for _, c := range res.Ignored {
		fmt.Fprintf(a.stderr, "Warning: ignored comment %s by %s: it carries logctl's marker but logctl posts as %s\n",
			c.URL, c.Author, res.Author)
		fmt.Fprintf(&md, "> [!WARNING]\n> Ignored the comment %s by %s: it carries logctl's plan marker, but logctl posts as %s, so it is not logctl's plan.\n\n",
			mdsafe.CodeSpan(c.URL), mdsafe.CodeSpan(c.Author), mdsafe.CodeSpan(res.Author))
	}
	if err := prcomment.WriteStepSummary(env.StepSummary, clean(md.String())); err != nil {
		fmt.Fprintf(a.stderr, "Warning: could not write the job summary: %v\n", err)
	}
}

// commentKey names the planned paths relative to the repository root
// (repoPath, from workspaceRepoPath; nil outside Actions keeps them as
// given), whatever the current directory: the comment's marker is keyed on
// it, so two directories each planned as "." from inside them keep two
// comments.
func commentKey(paths []string, repoPath func(string) string) string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	keys := make([]string, len(paths))
	for i, p := range paths {
		keys[i] = p
		if repoPath != nil {
			keys[i] = repoPath(p)
		}
	}
	return strings.Join(keys, " ")
}

// headCommit is the pull request's head commit from the event payload, or
// "" when the run does not say.
func headCommit(eventPath string) string {
	if eventPath == "" {
		return ""
	}
	b, err := os.ReadFile(eventPath)
	if err != nil {
		return ""
	}
	var ev struct {
		PullRequest struct {
			Head struct {
				SHA string `json:"sha"`
			} `json:"head"`
		} `json:"pull_request"`
	}
	if json.Unmarshal(b, &ev) != nil {
		return ""
	}
	return ev.PullRequest.Head.SHA
}

// commitLine names the commit the plan was made for, so a reader can tell
// a stale comment from a current one.
func (a *app) commitLine(env prcomment.Env, head string) string {
	if head == "" {
		return ""
	}
	short := head[:min(len(head), 7)]
	server := strings.TrimRight(a.getenv("GITHUB_SERVER_URL"), "/")
	if server == "" || env.Repository == "" {
		return fmt.Sprintf("<sub>Planned at commit `%s`.</sub>", short)
	}
	return fmt.Sprintf("<sub>Planned at commit [`%s`](%s/%s/commit/%s).</sub>", short, server, env.Repository, url.PathEscape(head))
}

// composeComment renders the comment for dir: body fits GitHub's limit
// (details dropped from the least important up), full is everything, for
// the job summary. commit, when not empty, ends both and is never dropped.
// clean redacts each section before it is measured, so a redacted comment
// still fits.
func composeComment(pl *planned, dir, commit string, link func(string, int) string, clean func(string) string) (body, full string) {
	secs := render.CommentSections(pl.Plan, pl.Findings, render.CommentOptions{Dir: dir, Desired: pl.Raw, Link: link, DataChanges: pl.dataChanges})
	if commit != "" {
		secs = append(secs, render.CommentSection{Markdown: commit, Priority: 100})
	}
	texts := make([]string, len(secs))
	psecs := make([]prcomment.Section, len(secs))
	for i, s := range secs {
		texts[i] = clean(s.Markdown)
		psecs[i] = prcomment.Section{Markdown: texts[i], Priority: s.Priority, Droppable: s.Droppable}
	}
	return prcomment.Fit(psecs, prcomment.BodyBudget(dir)), strings.Join(texts, "\n\n") + "\n"
}

// sourceLinker links file:line to the PR head commit on GitHub, naming
// the file relative to the repository root (GITHUB_WORKSPACE, else the
// current directory), or returns nil when the run does not say where that
// is.
func (a *app) sourceLinker(env prcomment.Env, head string) func(string, int) string {
	server := a.getenv("GITHUB_SERVER_URL")
	if server == "" || env.Repository == "" || head == "" {
		return nil
	}
	repoPath := a.workspaceRepoPath()
	if repoPath == nil {
		wd, _ := os.Getwd()
		repoPath = relativeTo(wd, wd)
	}
	return func(file string, line int) string {
		return fmt.Sprintf("%s/%s/blob/%s/%s#L%d", strings.TrimRight(server, "/"), env.Repository,
			head, (&url.URL{Path: repoPath(file)}).EscapedPath(), line)
	}
}
