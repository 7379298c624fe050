// Package rooms holds no code: its test reads the module's import graph
// and fails when a package reaches into a room it must not enter (a screen
// into another screen, the emulator into the client, …). The rules are
// listed in rooms_test.go and in the README's Architecture section.
package rooms
