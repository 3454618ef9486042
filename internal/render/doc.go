// Package render turns computed results into what users and CI read: plans,
// lint findings and apply results, each in the formats a caller names.
//
// Every renderer follows the same rule: compute first, then render. The
// caller hands over finished data (findings from package policy, plans from
// package diff, results from package reconcile); a renderer only orders and
// formats it, so the same input always prints the same bytes.
//
// # Findings
//
// [Findings] writes lint findings in one of the formats listed by
// [FindingFormats]:
//
//   - text: grouped by file, one line per finding with file:line:col,
//     severity, rule and message, colored when asked, ending with a
//     one-line summary;
//   - json: the shape of design §5, {"findings": [...], "summary": {...}};
//   - github: GitHub Actions workflow commands (::error file=…::…) that
//     become annotations, within GitHub's per-step annotation limits;
//   - sarif: a SARIF 2.1.0 log for code scanning.
package render
