package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
	"resold/tui/subscriptions"
)

// esc steps back one level: a kept filter first, then the table.
func TestEscClearsTheTableFilterBeforeLeaving(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, key("esc"), key("S"), key("/"))
	m = press(t, m, typed("trial")...)
	if m.top().Typing() || !strings.Contains(m.top().Info(), "match") {
		t.Fatalf("filter not kept: typing %v, info %q", m.top().Typing(), m.top().Info())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Fatalf("esc left the filtered table for %s", m.screenName())
	}
	if strings.Contains(m.top().Info(), "match") {
		t.Errorf("esc did not clear the filter: %q", m.top().Info())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSearch {
		t.Errorf("second esc: on %s, want search", m.screenName())
	}
}

// A table you come back to keeps its loaded rows and cursor until
// refreshed.
func TestTableComesBackWithItsRowsAndCursor(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, key("esc"), key("S"), key("G"), key("G"), key("G"), key("up"))
	s := m.top().(subscriptions.Model)
	loaded, cursor := s.Info(), s.Cursor()
	if !strings.HasPrefix(loaded, "900 loaded") {
		t.Fatalf("loaded %q, want 900 after three jumps to the end", loaded)
	}
	// Back on the search box, esc leaves the box, then S.
	m = press(t, m, key("esc"), key("esc"), key("S"))
	back := m.top().(subscriptions.Model)
	if back.Info() != loaded || back.Cursor() != cursor {
		t.Errorf("came back to %q at row %d, want %q at row %d", back.Info(), back.Cursor(), loaded, cursor)
	}
	m = press(t, m, key("ctrl+r"))
	if got := m.top().(subscriptions.Model); got.Cursor() != 0 {
		t.Errorf("refresh kept the cursor at %d", got.Cursor())
	}
}

// A form holding typed values asks for a second esc before it discards
// them; an untouched one closes at once.
func TestFormWithTypedValuesAsksForASecondEsc(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, typed(emulator.DomainFlex)...)
	m = press(t, m, key("enter"), key("s"))
	m = press(t, m, key("esc"))
	if m.screenName() == keymap.ScreenEdit {
		t.Fatal("esc on an untouched form did not close it")
	}
	m = press(t, m, key("s"))
	m = press(t, m, tuitest.Type("25")...)
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenEdit || !strings.Contains(m.View(), "esc again discards what you typed") {
		t.Fatalf("first esc on typed values: on %s\n%s", m.screenName(), m.View())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSubscription {
		t.Errorf("second esc: on %s, want the detail", m.screenName())
	}
}

// Guidance belongs to the screen and the object that made it: cancelling
// the form, or going to another customer, clears it.
func TestGuidanceStaysWhereItWasMade(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, typed("nobody-here.example")...)
	m = press(t, m, key("esc"), key("n"), key("enter"))
	if !m.status.HasFailure() {
		t.Fatalf("submitting the empty new-customer form gave no guidance:\n%s", m.View())
	}
	m = press(t, m, key("esc"), key("esc"))
	if m.screenName() != keymap.ScreenSearch || m.status.HasFailure() {
		t.Errorf("after cancelling the form: on %s, failure %v\n%s", m.screenName(), m.status.HasFailure(), m.View())
	}

	m = sized(syncCommon(api), 80, 24)
	m = press(t, m, typed(emulator.DomainAcmeAnnual)...)
	m = press(t, m, key(":"))
	m = press(t, m, typed("sp")...)
	if !strings.Contains(m.View(), "t: The subscription is not in a trial") {
		t.Fatalf(":sp on an annual subscription did not say why:\n%s", m.View())
	}
	m = press(t, m, key(":"))
	m = press(t, m, typed("customer "+emulator.DomainFlex)...)
	if m.screenName() != keymap.ScreenCustomer || m.status.HasFailure() || strings.Contains(m.View(), "not in a trial") {
		t.Errorf("on another customer: on %s, failure %v\n%s", m.screenName(), m.status.HasFailure(), m.View())
	}
}

// teams.example typed and entered before the prefix search's pause ends
// still lists the team customers under the lookup's refusal.
func TestTeamsTypedFastListsTheTeams(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	c := syncCommon(api)
	c.Tick = tuitest.Never // the pause before a prefix search never ends
	m := sized(c, 80, 24)
	m = press(t, m, typed(emulator.DomainTeams)...)
	if _, ok := contains(m.View(), "Several team customers", emulator.IDTeam1, emulator.IDTeam2); !ok {
		t.Errorf("team customers not listed:\n%s", m.View())
	}
}

// Forgiving input: an email address, a small c, an international domain,
// a paste cut at the limit, and a refusal without the stale hint.
func TestForgivingInput(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	tests := []struct {
		name   string
		keys   []tea.KeyMsg
		screen keymap.ScreenName
		want   []string
		not    []string
	}{
		{"an email address looks up its domain", typed("admin@" + emulator.DomainFlex), keymap.ScreenCustomer,
			[]string{"admin@flex.example is an email address: looked up its domain, flex.example"}, nil},
		{"a small c reads as a customer ID", typed("c0flex001"), keymap.ScreenCustomer,
			[]string{"Read c0flex001 as the customer ID C0flex001"}, nil},
		{"an international domain shows both forms", typed("bücher.example"), keymap.ScreenSearch,
			[]string{"Looked up bücher.example as xn--bcher-kva.example"}, nil},
		{"a paste cut at the limit says so", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("a", 300)), Paste: true}},
			keymap.ScreenSearch, []string{"The paste was cut to the 255 characters"}, nil},
		{"a refusal drops the stale hint", typed("acme annual"), keymap.ScreenSearch,
			[]string{"no spaces"}, []string{"press enter to look it up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sized(syncCommon(api), 80, 24)
			m = press(t, m, tt.keys...)
			view := m.View()
			if m.screenName() != tt.screen {
				t.Errorf("on %s, want %s", m.screenName(), tt.screen)
			}
			if miss, ok := contains(view, tt.want...); !ok {
				t.Errorf("lacks %q:\n%s", miss, view)
			}
			for _, n := range tt.not {
				if strings.Contains(view, n) {
					t.Errorf("shows %q:\n%s", n, view)
				}
			}
		})
	}
}
