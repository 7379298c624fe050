package common

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/keymap"
	"resold/tui/call"
)

// Common is the value every component holds. Its pointer fields (Styles,
// Keys, and the Caller's IDs, Sender and Writes) are shared on purpose;
// everything else is copied, so a screen can be given its own size without
// touching the others.
type Common struct {
	// Caller starts the screen's API calls (c.Call, c.Write) under the
	// program's context, request IDs and timeout.
	call.Caller
	// API is the Reseller API client.
	API API
	// Styles are the theme's styles, built once.
	Styles *Styles
	// Keys are the bindings; TypingKeys is the copy used while a text input
	// has focus, precomputed because deriving it walks every binding. Both
	// are shared by pointer: a KeyMap is ~10 KB and never changes after
	// SetKeys, while Common is copied into every screen on every Update.
	Keys, TypingKeys *keymap.KeyMap
	// Width and Height are the component's own size.
	Width, Height int
	// Now is the clock; tests inject a fixed one.
	Now func() time.Time
	// Tick schedules a one-shot timer message (debounce, spinner delay,
	// countdown); nil means tea.Tick. Tests inject one that fires at once
	// or never, so nothing waits on real time.
	Tick func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// Copy puts text on the user's clipboard.
	Copy Clipboard
	// Demo and ReadOnly drive the header badges; ReadOnly also keeps every
	// write action out of the keys, help and palette.
	Demo, ReadOnly bool
	// Audit receives one entry per write attempt; nil records nothing
	// (read-only sessions and tests that do not look).
	Audit Auditor
	// Profile and Endpoint go into every audit entry: the config profile
	// ("demo" against the built-in emulator) and the kind of API endpoint.
	Profile  string
	Endpoint audit.EndpointKind
	// Backend names what the UI talks to, shown in the header like the
	// DEMO badge: Google's profile or admin, or a custom endpoint's host.
	Backend string
	// Remote is set when the user is not on the machine resold runs on
	// (an SSH session of resold serve): nothing is written to its disk.
	Remote bool
	// Label is the profile's label for the header ("" for none).
	Label string
	// Profiles are the profiles a switch can choose (:profile); none when
	// switching is not possible (the demo, a single session of serve).
	Profiles []Profile
	// Attention are the thresholds of the attention view (config).
	Attention client.AttentionRules
	// BulkConcurrency is how many rows of a bulk change go out at once
	// (config; 0 means 1).
	BulkConcurrency int
}

// Auditor is the write audit log (*audit.Log).
type Auditor interface {
	Append(e audit.Entry) error
}

// After returns a command that delivers fn's message after d.
func (c Common) After(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.Tick != nil {
		return c.Tick(d, fn)
	}
	return tea.Tick(d, fn)
}

// WithSize returns a copy of c sized w×h.
func (c Common) WithSize(w, h int) Common {
	c.Width, c.Height = w, h
	return c
}

// SetKeys installs k as the bindings, with its text-input-safe copy.
func (c *Common) SetKeys(k keymap.KeyMap) {
	typing := k.TextInput()
	c.Keys, c.TypingKeys = &k, &typing
}

// KeysFor returns the bindings to match against: the text-input-safe copy
// while the user is typing, the full map otherwise.
func (c Common) KeysFor(typing bool) *keymap.KeyMap {
	if typing {
		return c.TypingKeys
	}
	return c.Keys
}
