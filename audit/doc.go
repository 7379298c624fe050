// Package audit keeps resold's write audit log: every change attempted
// through the terminal UI is appended as one JSON line to a private file,
// and `resold audit` prints the log as a table. It is a leaf package: the
// UI's edit screen records each attempt (through tui/common) and main
// opens the log; it imports neither the client nor the UI, never sees a
// token or key, and redacts anything that looks like one before writing.
package audit
