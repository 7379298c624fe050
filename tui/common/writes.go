package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
	"resold/tui/message"
)

// WriteBinding pairs a write key with the change it opens.
type WriteBinding struct {
	Binding keymap.Binding
	Kind    message.EditKind
}

// SubscriptionWrites lists the subscription screens' write keys (the
// detail and the table share them) with their changes.
func SubscriptionWrites(seats, plan, renewal, activate, suspend, startPaid, del keymap.Binding) []WriteBinding {
	return []WriteBinding{
		{seats, message.EditSeats}, {plan, message.EditPlan}, {renewal, message.EditRenewal}, {activate, message.EditActivate},
		{suspend, message.EditSuspend}, {startPaid, message.EditStartPaid}, {del, message.EditDelete},
	}
}

// WriteKey returns the change msg opens, if it is one of ws's keys. A
// disabled binding (read-only mode) never matches.
func WriteKey(msg tea.KeyMsg, ws []WriteBinding) (message.EditKind, bool) {
	for _, w := range ws {
		if Matches(msg, w.Binding) {
			return w.Kind, true
		}
	}
	return "", false
}
