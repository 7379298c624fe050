// Package status is the status pane: a spinner for calls that take longer
// than ~150 ms, retry countdowns, and the last failure's guidance, kept until
// the user dismisses it.
package status
