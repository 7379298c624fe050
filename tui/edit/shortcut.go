package edit

import (
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/message"
)

// shortcut is the key of the last refusal's next action on this
// subscription, if there is one.
func (m Model) shortcut() (keymap.Binding, bool) {
	if m.failure == nil || m.spec.sub == nil {
		return keymap.Binding{}, false
	}
	b, _, _, ok := common.NextKey(m.c.Keys, keymap.ScreenEdit, m.failure.Next)
	return b, ok
}

// follow is the change the shortcut opens. Renewal settings replace this
// form (they are instead of it); activate and start paid service open
// over it, and the form comes back when they are done.
func (m Model) follow() message.OpenEdit {
	_, kind, _, _ := common.NextKey(m.c.Keys, keymap.ScreenEdit, m.failure.Next)
	return message.OpenEdit{Kind: kind, Sub: *m.spec.sub, Replace: kind == message.EditRenewal}
}

// shortcutWords says what the shortcut does.
func (m Model) shortcutWords() string {
	_, _, words, _ := common.NextKey(m.c.Keys, keymap.ScreenEdit, m.failure.Next)
	return words
}
