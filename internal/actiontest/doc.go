// Package actiontest runs the composite action at the repository root
// (action.yml) the way a GitHub-hosted runner does, so its shell steps can
// be tested against the emulators without GitHub:
//
//   - the steps run in order, each `run:` with bash (-eo pipefail, as
//     `shell: bash` does), in a simulated runner environment: GITHUB_*,
//     RUNNER_* and fresh GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and
//     GITHUB_STEP_SUMMARY files per step, applied between steps;
//   - the `${{ }}` expressions the action uses are evaluated by a small
//     evaluator (contexts inputs, github, runner, env, steps; literals,
//     ==, !=, &&, ||, !, parentheses, success(), failure(), always(),
//     cancelled()). Anything else is an error, never a guess;
//   - steps that `uses:` another action are not run: they are listed, and
//     give the outputs the test stubs for them;
//   - `::add-mask::` and annotation commands in a step's output are
//     collected, as the runner would act on them.
//
// The tests of this package drive the action with a built logctl against
// `logctl emulator serve` and the GitHub stand-in of internal/emulator/github.
package actiontest
