// Package keymap holds every key binding of resold in one place. The help
// overlay, the per-screen footer and the command palette are all generated
// from it, bindings can be rebound from the config file, and read-only mode
// disables the write actions so they vanish from all three.
package keymap
