package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// The reported crash, in the running app: type abc, ←, alt+d (what a
// fast esc then d arrives as) in a text input. The word's last rune goes
// and nothing panics, wherever the input is.
func TestAltDInEveryInputOfTheApp(t *testing.T) {
	api := &fake.API{Subscriptions: []client.Subscription{{CustomerID: "C1", CustomerDomain: "a.example", ID: "1"}}}
	tests := []struct {
		name string
		// to reaches the focused input from the start screen.
		to   []tea.KeyMsg
		want string
	}{
		{"search box", nil, "› ab|"},
		{"command palette", []tea.KeyMsg{key("esc"), key(":")}, ": ab|"},
		{"subscriptions filter", []tea.KeyMsg{key("esc"), key("S"), key("/")}, "filter › ab|"},
	}
	for _, tt := range tests {
		for _, k := range tuitest.DeleteWordForwardKeys {
			t.Run(tt.name+" "+k.String(), func(t *testing.T) {
				m := press(t, sized(syncCommon(api), 100, 30), tt.to...)
				m = press(t, m, tuitest.TypeAt("abc", 2)...)
				m = press(t, m, k)
				m = press(t, m, tuitest.Type("|")...)
				if !strings.Contains(m.View(), tt.want) {
					t.Errorf("view lacks %q:\n%s", tt.want, m.View())
				}
			})
		}
	}
}
