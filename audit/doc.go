// Package audit keeps resold's write audit log: every change sent to the
// Reseller API is appended as one JSON line to a private file, and
// `resold audit` prints the log as a table. It is a leaf package: the client
// and the terminal UI call into it, it never sees a token or key, and it
// redacts anything that looks like one before writing.
package audit
