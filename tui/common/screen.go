package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
)

// Screen is what the root model stacks: a value-type component (bubbles'
// shape) that owns its keys and its in-flight calls.
type Screen interface {
	// Update handles a message and returns the new screen.
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the screen at its size; the root fits it exactly.
	View() string
	// SetSize gives the screen its body size.
	SetSize(w, h int) Screen
	// Name is the keymap screen whose bindings apply.
	Name() keymap.ScreenName
	// Title is the screen's breadcrumb in the header.
	Title() string
	// Info is a short note for the right of the footer, e.g. what is loaded.
	Info() string
	// Typing reports whether a text input has focus: the input then gets
	// keys before any binding.
	Typing() bool
	// Cancel stops the screen's call with request ID id, if it has it.
	Cancel(id uint64) Screen
	// Close stops every call of the screen; it is being left for good.
	Close()
}

// Matches reports whether msg fires b (false when b is disabled).
func Matches(msg tea.KeyMsg, b keymap.Binding) bool { return key.Matches(msg, b.Binding) }
