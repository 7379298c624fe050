//go:build race

package tui

// raceEnabled: the race detector is on.
const raceEnabled = true
