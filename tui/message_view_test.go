package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// The whole message covers the status pane, so the first esc there must
// close it: dismissing the pane underneath would be a key that does
// nothing the user can see.
func TestEscClosesTheWholeMessageFirst(t *testing.T) {
	for _, tt := range []struct {
		name  string
		keys  []tea.KeyMsg
		under keymap.ScreenName
	}{
		{"m after a refused token", keys(typed(emulator.DomainOtherReseller), "enter", typed(emulator.ExpiredTransferToken), "m"), keymap.ScreenTransferable},
		{"ctrl+o in a form", keys(typed(emulator.DomainAcmeAnnual), "enter", "s", tuitest.Type("40"), "enter", "ctrl+o"), keymap.ScreenEdit},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
			m := press(t, sized(syncCommon(api), 80, 24), tt.keys...)
			if got := m.screenName(); got != keymap.ScreenMessage {
				t.Fatalf("the top screen is %s, want the whole message", got)
			}
			m = press(t, m, key("esc"))
			if got := m.screenName(); got != tt.under {
				t.Errorf("one esc left %s on top, want %s back", got, tt.under)
			}
		})
	}
}
