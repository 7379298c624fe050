package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
	"resold/tui/message"
)

// WriteKey returns the change msg opens under k, the subscription screens'
// write keys (the detail and the table share them); false when msg is none
// of them. A disabled binding (read-only mode) never matches.
func WriteKey(msg tea.KeyMsg, k keymap.WriteKeys) (message.EditKind, bool) {
	for _, w := range []struct {
		b    keymap.Binding
		kind message.EditKind
	}{
		{k.Seats, message.EditSeats}, {k.Plan, message.EditPlan}, {k.Renewal, message.EditRenewal},
		{k.Activate, message.EditActivate}, {k.Suspend, message.EditSuspend},
		{k.StartPaid, message.EditStartPaid}, {k.Delete, message.EditDelete},
	} {
		if Matches(msg, w.b) {
			return w.kind, true
		}
	}
	return "", false
}
