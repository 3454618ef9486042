// Package archtest holds the test that keeps the direction of imports
// between logctl's packages as the house style lays it out: spec at the
// bottom, cmd/logctl at the top, the emulator and prcomment as leaves
// (prcomment reaches only the shared retry policy and its error classes).
package archtest
