// Package engine runs logctl's pipeline as a library: load the files and
// compile the policies, lint, resolve the ${env:} references, read the
// live state, diff, run the live policy pass, and apply a plan with a
// progress callback. cmd/logctl keeps the flags, the rendering and the
// exit codes; everything between the paths given and the plan or the
// apply results is here, so that it can be tested and embedded without the
// CLI.
//
// The engine decides nothing about output: it hands findings and the
// targets it reads to an Observer as it goes, and returns errors a caller
// can tell apart with errors.Is and errors.As (ErrDenied for error
// findings, *MissingEnvError, *reconcile.StaleError, and the provider
// errors classified by internal/apierr).
package engine
