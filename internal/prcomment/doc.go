// Package prcomment keeps one sticky pull-request comment per PR and
// config directory with logctl's plan, the way design §8 asks: found by a
// hidden marker, edited in place, created only when none exists, never
// duplicated. It takes finished Markdown; rendering is not its business.
//
// Pieces:
//
//   - Env / EnvFrom read the GitHub Actions variables (GITHUB_TOKEN,
//     GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL,
//     GITHUB_STEP_SUMMARY); PullRequestNumber finds the PR in the event
//     payload and returns ErrNotPullRequest outside one.
//   - Upsert (or Commenter.Upsert, with an injectable HTTP client, clock
//     and retry policy) talks to the REST API through go-github, retrying
//     server errors and rate limits (internal/retry, with GitHub's own
//     waits) within a total wait shared by all its requests. Only comments
//     written by the token's own login count as logctl's (GET /user; a
//     workflow's GITHUB_TOKEN is refused that call and is
//     github-actions[bot]): the marker alone proves nothing, since anyone
//     who may comment can write it. Other marked comments are left alone
//     and returned in Result.Ignored for the caller to report.
//   - Fit cuts a comment down to GitHub's 65,536-character limit by dropping
//     the least important sections first; BodyBudget says how much of the
//     limit the marker leaves.
//   - WriteStepSummary appends the full Markdown to the job summary within
//     its 1 MiB per-step limit.
//
// Untrusted strings must be escaped before they reach this package; see
// internal/mdsafe.
package prcomment
