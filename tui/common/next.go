package common

import (
	"resold/client"
	"resold/keymap"
)

// NextKey returns the key that takes the user to guidance's next action
// (the binding the subscription screens use for that change), the change
// it opens and what it does in a few words; false when the action has no
// key here or read-only mode disabled it.
func NextKey(keys keymap.KeyMap, next client.NextAction) (b keymap.Binding, kind EditKind, words string, ok bool) {
	k := keys.Subscription
	switch next {
	case client.NextActivate:
		b, kind, words = k.Activate, EditActivate, "activates the subscription first"
	case client.NextStartPaidService:
		b, kind, words = k.StartPaid, EditStartPaid, "ends the trial (start paid service)"
	case client.NextRenewalSettings:
		b, kind, words = k.Renewal, EditRenewal, "switches to the renewal settings"
	default:
		return keymap.Binding{}, "", "", false
	}
	if !b.Enabled() || len(b.Keys()) == 0 {
		return keymap.Binding{}, "", "", false
	}
	return b, kind, words, true
}
