// Package exporter is the export dialog: it reads every page of a listing
// (a progress bar shows rows and pages; esc stops it, retries show in the
// status pane as for any call), keeps the rows the table's filter matches,
// asks for a file name and a format, and writes a 0600 file that replaces
// an existing one only when asked. It also writes the session's call log
// as JSON for a support case.
package exporter
