package keymap

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// Binding is a bubbles key.Binding plus what the rest of the app needs to
// know about it: its stable action name, a sentence for the command palette,
// and whether it changes data (read-only mode disables those).
type Binding struct {
	key.Binding
	// Action is the stable name used by config files and the palette.
	Action Action
	// Desc is the longer description shown in the command palette.
	Desc string
	// Write is true when the action changes data at Google.
	Write bool
}

// newBinding builds a Binding whose help key label is derived from its keys,
// so the label can never disagree with what actually fires.
func newBinding(a Action, short, desc string, write bool, keys ...string) Binding {
	b := Binding{
		Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(label(keys), short)),
		Action:  a,
		Desc:    desc,
		Write:   write,
	}
	return b
}

// withKeys returns b bound to keys, relabelled; no keys leaves it disabled
// because key.Binding treats nil keys as "not bound".
func (b Binding) withKeys(keys []string) Binding {
	if len(keys) == 0 {
		b.SetKeys()
		b.SetHelp("", b.Help().Desc)
		return b
	}
	b.SetKeys(keys...)
	b.SetHelp(label(keys), b.Help().Desc)
	return b
}

// displayNames are friendlier spellings of bubbletea key names for help text.
var displayNames = map[string]string{
	"up":     "↑",
	"down":   "↓",
	"left":   "←",
	"right":  "→",
	"pgdown": "pgdn",
	" ":      "space",
}

// label is the help text for a list of keys, e.g. "↑/k".
func label(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		if d, ok := displayNames[k]; ok {
			k = d
		}
		parts[i] = k
	}
	return strings.Join(parts, "/")
}
