package tui

import (
	"fmt"
	"strings"
	"testing"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
	"resold/tui/subscriptions"
)

// TestJourneySelection: space toggles rows, * selects every row matching
// the filter after loading every page, the footer counts them, and esc
// steps back one level at a time: selection, filter, screen.
func TestJourneySelection(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, key("esc"), key("S"), key(" "), key(" "), key(" "), key("up"), key(" "))
	if got := len(m.top().(subscriptions.Model).Picked()); got != 2 {
		t.Fatalf("%d rows selected, want 2 (three toggled, one of them twice)", got)
	}
	if footer := lastLine(m.View()); !strings.Contains(footer, "2 selected") {
		t.Errorf("footer %q does not count the selection", footer)
	}
	if !strings.Contains(m.View(), "● ") {
		t.Errorf("no selected row is marked:\n%s", m.View())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSubscriptions || len(m.top().(subscriptions.Model).Picked()) != 0 {
		t.Fatalf("esc: on %s with %d selected, want the table with none", m.screenName(), len(m.top().(subscriptions.Model).Picked()))
	}

	// * loads every page first: the count is every matching row of the
	// whole listing, not of the 300 loaded.
	var want int
	for _, s := range allSubscriptions(t, api) {
		if strings.Contains(strings.Join(s.SuspensionReasons, ","), "RESELLER_INITIATED") {
			want++
		}
	}
	m = press(t, m, key("/"))
	m = press(t, m, append(tuitest.Type("reseller_initiated"), key("enter"), key("*"))...)
	picked := m.top().(subscriptions.Model).Picked()
	if len(picked) != want || want == 0 {
		t.Fatalf("* selected %d rows, want every RESELLER_INITIATED row of the listing (%d)", len(picked), want)
	}
	if footer := lastLine(m.View()); !strings.Contains(footer, fmt.Sprintf("%d selected", want)) {
		t.Errorf("footer %q", footer)
	}
	m = press(t, m, key("esc"))
	if n := len(m.top().(subscriptions.Model).Picked()); n != 0 || !strings.Contains(lastLine(m.View()), "match") {
		t.Errorf("the first esc should clear the selection only: %d selected, footer %q", n, lastLine(m.View()))
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSubscriptions || strings.Contains(lastLine(m.View()), "match") {
		t.Errorf("the second esc should clear the filter: on %s, footer %q", m.screenName(), lastLine(m.View()))
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSearch {
		t.Errorf("the third esc should leave the table: on %s", m.screenName())
	}
}
