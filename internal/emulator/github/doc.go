// Package github is a local stand-in for the part of the GitHub REST API
// that logctl's pull-request comment uses, so tests can drive the real
// go-github client over loopback HTTP without a network or a token:
//
//	GET    /repos/{owner}/{repo}/issues/{number}/comments   (per_page, page, Link)
//	POST   /repos/{owner}/{repo}/issues/{number}/comments
//	PATCH  /repos/{owner}/{repo}/issues/comments/{id}
//	DELETE /repos/{owner}/{repo}/issues/comments/{id}
//	GET    /user
//	GET    /repos/{owner}/{repo}/issues                     (state, per_page, page)
//	POST   /repos/{owner}/{repo}/issues
//	PATCH  /repos/{owner}/{repo}/issues/{number}            (title, body, state)
//
// Tokens stand for users: WithToken is a personal access token (GET /user
// names its user), WithInstallationToken and DefaultToken are like a
// workflow's GITHUB_TOKEN (GET /user is refused with 403, comments are
// written by github-actions[bot]). Several tokens make several authors, to
// test comments written by someone else.
//
// Every path is also served under /api/v3, the prefix of GitHub Enterprise
// Server base URLs (GITHUB_API_URL=https://HOST/api/v3).
//
// It answers the way GitHub documents and behaves: 401 "Bad credentials"
// JSON for an unknown token, 422 "Validation Failed" for bodies over 65,536
// characters, issue comments listed oldest first with Link headers (rel
// next/last/first/prev, per_page at most 100). Faults can be injected (N
// server errors, secondary or primary rate limits with Retry-After or
// X-RateLimit-Reset, optionally after the change was made) and the stored
// comments and received requests inspected.
//
// The package implements the protocol from GitHub's documentation and
// imports nothing of logctl, so a client bug cannot hide behind shared
// code. Repositories are not modelled: any owner, repository and issue
// number is accepted and starts with no comments. Issues exist once
// created (the drift check opens, edits and closes them); comments are
// accepted on any number, issue or pull request.
package github
