package tui

import (
	"testing"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

func TestPaletteRunsWhatTheKeyWould(t *testing.T) {
	tests := []struct {
		name   string
		before []string
		typed  string
		want   keymap.ScreenName
	}{
		{"a write action opens its form", []string{"enter"}, "seats", keymap.ScreenEdit},
		{"a global action", nil, "call log", keymap.ScreenLog},
		{":subs opens the table", nil, "subs", keymap.ScreenSubscriptions},
		{":customer looks up and opens", []string{"enter"}, "customer " + emulator.DomainAcmeAnnual, keymap.ScreenCustomer},
		{"esc closes it", nil, "", keymap.ScreenCustomer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
			m := press(t, sized(syncCommon(api), 100, 30), typed(emulator.DomainFlex)...)
			m = press(t, m, keys(tt.before)...)
			m = press(t, m, key(":"))
			if m.screenName() != keymap.ScreenPalette {
				t.Fatalf(": opened %s", m.screenName())
			}
			if tt.typed == "" {
				m = press(t, m, key("esc"))
			} else {
				m = press(t, m, typed(tt.typed)...)
			}
			if m.screenName() != tt.want {
				t.Errorf("on %s, want %s:\n%s", m.screenName(), tt.want, m.View())
			}
			for _, s := range m.stack {
				if s.Name() == keymap.ScreenPalette {
					t.Error("the palette stayed on the stack")
				}
			}
		})
	}
}

func TestBackOnTheSearchScreenTypingGoesToTheBox(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := press(t, sized(syncCommon(api), 80, 24), typed(emulator.DomainFlex)...)
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSearch || !m.top().Typing() {
		t.Fatalf("back on %s, typing %v", m.screenName(), m.top().Typing())
	}
	// n types, it does not order a customer.
	m = press(t, m, tuitest.Type("n")...)
	if m.screenName() != keymap.ScreenSearch {
		t.Errorf("n opened %s", m.screenName())
	}
}

func TestAppliedChangeClosesTheFormAndUpdatesEveryScreen(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := press(t, sized(syncCommon(api), 100, 30), typed(emulator.DomainFlex)...)
	m = press(t, m, key("S"), key("enter"), key("s"))
	if m.screenName() != keymap.ScreenEdit || len(m.stack) != 5 {
		t.Fatalf("on %s with %d screens", m.screenName(), len(m.stack))
	}
	m = press(t, m, typed("25")...)
	m = press(t, m, key("y"))
	if m.screenName() != keymap.ScreenSubscription || len(m.stack) != 4 {
		t.Fatalf("after y: on %s with %d screens", m.screenName(), len(m.stack))
	}
	for _, s := range m.stack[1:] {
		if v := s.View(); !contains2(v, "/25") && !contains2(v, "cap 25") {
			t.Errorf("%s does not show the new cap:\n%s", s.Name(), v)
		}
	}
	if sent, applied := writes(srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("sent %d applied %d", sent, applied)
	}
	// Deleting it drops its detail too and the rows go.
	m = press(t, m, key("esc"), key("D"), key("enter"))
	m = press(t, m, typed(emulator.DomainFlex)...)
	m = press(t, m, key("y"))
	if m.screenName() != keymap.ScreenSubscriptions || m.top().Info() != "0 loaded · all" {
		t.Errorf("after the delete: on %s\n%s", m.screenName(), m.View())
	}
}

func contains2(s, part string) bool { _, ok := contains(s, part); return ok }

func TestBackFromALookupStartsAfreshButKeepsAPrefixList(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := press(t, sized(syncCommon(api), 80, 24), typed(emulator.DomainFlex)...)
	m = press(t, m, key("esc"))
	if v := m.View(); contains2(v, "› "+emulator.DomainFlex) {
		t.Errorf("the looked-up domain is still in the box:\n%s", v)
	}
	m = press(t, m, tuitest.Type("ac")...)
	m = press(t, m, key("down"), key("enter"))
	if m.screenName() != keymap.ScreenCustomer {
		t.Fatalf("on %s", m.screenName())
	}
	m = press(t, m, key("esc"))
	if v := m.View(); !contains2(v, "› ac") || !contains2(v, emulator.DomainAcmeAnnual) {
		t.Errorf("the prefix list is gone:\n%s", v)
	}
}
