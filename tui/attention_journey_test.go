package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"resold/client"
	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// allSubscriptions reads every subscription through api, as the attention
// view should.
func allSubscriptions(t *testing.T, api interface {
	ListSubscriptions(context.Context, client.Query, string) (client.Page, error)
}) []client.Subscription {
	t.Helper()
	var all []client.Subscription
	token := ""
	for {
		p, err := api.ListSubscriptions(context.Background(), client.Query{PageSize: client.MaxPageSize}, token)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Rows...)
		if token = p.NextToken; token == "" {
			return all
		}
	}
}

// TestJourneyAttentionView: A on the search screen reads every
// subscription, shows each group's count and meaning, and enter opens the
// group's rows in the subscriptions table.
func TestJourneyAttentionView(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	m := sized(c, 120, 40)
	m = press(t, m, key("esc"), key("A"))
	if m.screenName() != keymap.ScreenAttention {
		t.Fatalf("A opened %s", m.screenName())
	}
	want := client.Attention(allSubscriptions(t, api), tuitest.Now, client.DefaultAttentionRules)
	view := m.View()
	for _, g := range want {
		line := fmt.Sprintf("%6d  %s", len(g.Rows), g.Title)
		if !strings.Contains(view, strings.TrimLeft(line, " ")) {
			t.Errorf("the view lacks %q:\n%s", line, view)
		}
	}
	if _, ok := contains(view, "All ", "subscriptions read, as of", want[0].Meaning, "100%"); !ok {
		t.Errorf("view:\n%s", view)
	}
	if len(want[0].Rows) == 0 {
		t.Fatal("no subscription suspended by the reseller in the generated data")
	}
	// The first group is suspended by you: enter opens exactly its rows.
	m = press(t, m, key("enter"))
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Fatalf("enter opened %s", m.screenName())
	}
	info := m.top().Info()
	if wantInfo := fmt.Sprintf("%d rows · %s", len(want[0].Rows), want[0].Title); info != wantInfo {
		t.Errorf("table info %q, want %q", info, wantInfo)
	}
	if strings.Contains(m.View(), "ACTIVE") {
		t.Errorf("the group's table shows an active row:\n%s", m.View())
	}
	// esc goes back to the groups, still read.
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenAttention {
		t.Fatalf("esc went to %s", m.screenName())
	}
}

// TestAttentionPaletteAndStop: :attention opens the view from another
// screen; esc while reading stops the read and keeps what was read, a
// second esc leaves.
func TestAttentionPaletteAndStop(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	m := sized(c, 120, 40)
	m = press(t, m, key("esc"), key("S"), key(":"))
	m = press(t, m, tuitest.Type("attention")...)
	next, cmd := m.Update(key("enter"))
	m = next.(Model)
	// Deliver the palette's message, which opens the view and starts the
	// first read; the read itself is not run.
	for _, msg := range tuitest.Msgs(cmd) {
		next, _ = m.Update(msg)
		m = next.(Model)
	}
	if m.screenName() != keymap.ScreenAttention || !strings.Contains(m.View(), "Reading every subscription") {
		t.Fatalf(":attention: on %s:\n%s", m.screenName(), m.View())
	}
	next, _ = m.Update(key("esc"))
	m = next.(Model)
	if m.screenName() != keymap.ScreenAttention || !strings.Contains(m.View(), "Stopped after 0 subscriptions") {
		t.Fatalf("esc while reading: on %s:\n%s", m.screenName(), m.View())
	}
	next, _ = m.Update(key("esc"))
	if next.(Model).screenName() != keymap.ScreenSubscriptions {
		t.Errorf("a second esc went to %s, want back to the table", next.(Model).screenName())
	}
}
