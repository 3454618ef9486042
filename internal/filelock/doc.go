// Package filelock makes sure that two processes on one machine never act
// on the same thing at once: two applies of one configuration, two
// emulators on one state file.
//
// A Lock is an advisory lock the operating system holds on an open lock
// file: flock(2) on Unix, LockFileEx on Windows. The system drops it when
// the process ends, however it ends (kill -9, a crash, a lost CI runner),
// so there is no stale lock to detect or break: a lock file left behind is
// only a file, and the next TryLock takes it. Nothing ever removes a lock
// file, because unlinking one while another process waits on it would let
// a third lock a new file and two would hold "the" lock.
//
// The holder writes who it is (pid, host, start time, command) into the
// file, so a refused run can say whom it waits for.
//
// The package is a leaf: it imports nothing of logctl, which lets both
// the command and the emulator use it.
package filelock
