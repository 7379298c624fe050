package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
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
}

// Canceler is a screen that makes calls: Cancel stops the one with request
// ID id, if it has it (esc on a call waiting to be retried).
type Canceler interface {
	Cancel(id uint64)
}

// Closer is a screen that holds calls or resources: Close stops them all,
// as the screen is being left for good (popped, swept or quit).
type Closer interface {
	Close()
}

// Cancel asks s to stop its call with request ID id, if s makes calls.
func Cancel(s Screen, id uint64) {
	if c, ok := s.(Canceler); ok {
		c.Cancel(id)
	}
}

// Close stops s's calls, if it has any; s is being left for good.
func Close(s Screen) {
	if c, ok := s.(Closer); ok {
		c.Close()
	}
}

// Matches reports whether msg fires b (false when b is disabled).
func Matches(msg tea.KeyMsg, b keymap.Binding) bool { return key.Matches(msg, b.Binding) }

// Finisher is a screen that can end itself: a form once its change is
// applied or cancelled, a detail whose subscription was deleted. The root
// drops a finished screen from the stack.
type Finisher interface {
	Finished() bool
}

// Inflight is a screen that may have a change on its way to the API; the
// root asks before it quits. label names the change in a few words
// ("seat cap 20 → 28 on flex.example").
type Inflight interface {
	Inflight() (label string, ok bool)
}

// Returner is a screen that wants to know when the user comes back to it:
// the search screen gives its box the focus again, since looking up the
// next customer is why one goes back there.
type Returner interface {
	Returned() Screen
}

// KeyMsg returns the key message Bubble Tea sends for a key name as
// bindings spell it ("enter", "ctrl+r", "down", "D").
func KeyMsg(name string) tea.KeyMsg {
	for t := tea.KeyType(-256); t <= 255; t++ {
		if t.String() == name && name != "runes" {
			return tea.KeyMsg{Type: t}
		}
	}
	if name == "space" || name == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Backer is a screen with a level of its own to step back from before it
// is left (esc steps back one level): a selection to clear, a read to
// stop. Back returns the screen and true when it stepped back, false when
// esc should leave the screen.
type Backer interface {
	Back() (Screen, tea.Cmd, bool)
}

// Keeper is a screen worth keeping when left, so that coming back to it
// finds what it had loaded and where its cursor was (a long table). Keep
// names what it shows ("" when it should not be kept); Park stops its calls
// as it is left; Resume starts them again as it is shown once more.
type Keeper interface {
	Keep() string
	Park() Screen
	Resume() (Screen, tea.Cmd)
}

// Applier is a screen that knows which of its keys do something now: the
// footer leaves out those that do not, and pressing one anyway says why in
// one line. Applies returns ok false and the reason ("no row selected").
type Applier interface {
	Applies(a keymap.Action) (ok bool, why string)
}

// Selector is a screen whose change keys act on a subscription it shows
// (the detail, or a table's selected row); ok is false when none is.
// Picking reports that rows are picked for a bulk change, which the change
// keys then act on instead: no one row's rules decide then.
type Selector interface {
	SelectedSub() (client.Subscription, bool)
	Picking() bool
}
