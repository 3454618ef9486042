// Package adopt turns live resources into desired-state YAML for
// `logctl import`: complete resources in the format of design §3, stable
// names, secrets replaced by ${env:NAME} references with deterministic
// names, and a scope for everything imported.
//
// It never writes a secret: the values stay in memory, where the import
// command uses them to prove that the written files plan to no change.
package adopt
