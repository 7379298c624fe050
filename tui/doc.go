// Package tui is resold's terminal UI. The root model only routes messages
// and lays out the header (with the profile and the DEMO and READ-ONLY
// badges), the current screen, the status pane and the footer; each
// screen, in its own package, owns its keys and its calls.
package tui
