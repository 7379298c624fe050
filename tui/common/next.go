package common

import (
	"resold/client"
	"resold/keymap"
	"resold/tui/message"
)

// NextKey returns the key that takes the user to guidance's next action
// on screen on, the change it opens and what it does in a few words; false
// when the screen has no enabled key for it (read-only mode, a text input
// with focus, a screen without that change). The edit form answers with
// the subscription detail's key: its refusal is about that subscription.
func NextKey(keys *keymap.KeyMap, on keymap.ScreenName, next client.NextAction) (b keymap.Binding, kind message.EditKind, words string, ok bool) {
	var action keymap.Action
	switch next {
	case client.NextActivate:
		action, kind, words = keymap.ActionActivate, message.EditActivate, "activates the subscription first"
	case client.NextStartPaidService:
		action, kind, words = keymap.ActionStartPaid, message.EditStartPaid, "ends the trial (start paid service)"
	case client.NextRenewalSettings:
		action, kind, words = keymap.ActionRenewal, message.EditRenewal, "switches to the renewal settings"
	default:
		return keymap.Binding{}, "", "", false
	}
	if on == keymap.ScreenEdit {
		on = keymap.ScreenSubscription
	}
	for _, b := range keys.Screen(on) {
		if b.Action == action && len(b.Keys()) > 0 {
			return b, kind, words, true
		}
	}
	return keymap.Binding{}, "", "", false
}
