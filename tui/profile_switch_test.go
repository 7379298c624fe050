package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/emulator"
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/internal/tuitest"
)

// sending is a screen with a change on its way.
type sending struct{ common.Screen }

func (sending) Inflight() (string, bool) { return "seat cap 20 → 28 on flex.example", true }

func (s sending) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	next, cmd := s.Screen.Update(msg)
	return sending{next}, cmd
}

func (s sending) SetSize(w, h int) common.Screen { return sending{s.Screen.SetSize(w, h)} }

// switchable is the root model on a test API with two profiles: "test"
// (active) and "prod", read-only, on an emulator of its own.
func switchable(t *testing.T) (Model, *[]string) {
	t.Helper()
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	prodAPI, _ := emulatorAPI(t, emulator.Options{Customers: 1}, fastRetry)
	c := syncCommon(api)
	c.Demo = false
	c.Profile, c.Label = "test", "ACME test reseller"
	c.Profiles = []common.Profile{{Name: "prod", Label: "ACME production", ReadOnly: true}, {Name: "test", Label: "ACME test reseller"}}
	var asked []string
	sw := func(_ context.Context, name string) (Session, error) {
		asked = append(asked, name)
		if name != "prod" {
			return Session{}, errors.New(`config: unknown profile "` + name + `" (profiles: prod, test)`)
		}
		return Session{API: prodAPI, ReadOnly: true, Profile: "prod", Label: "ACME production", Endpoint: audit.EndpointCustom}, nil
	}
	m := New(c).Switching(sw)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return next.(Model), &asked
}

func TestProfileSwitchInTheUI(t *testing.T) {
	m, asked := switchable(t)
	if !strings.Contains(m.View(), "ACME test reseller (test)") {
		t.Fatalf("the header does not show the profile:\n%s", m.View())
	}
	// Somewhere deep: a customer's subscription.
	m = press(t, m, typed(emulator.DomainAcmeAnnual)...)
	m = press(t, m, key("enter"))
	m = press(t, m, key(":"))
	m = press(t, m, typed("profile")...)
	if m.screenName() != keymap.ScreenProfiles {
		t.Fatalf(":profile opened %s:\n%s", m.screenName(), m.View())
	}
	if _, ok := contains(m.View(), "prod", "ACME production · read-only", "test", "active"); !ok {
		t.Fatalf("the list:\n%s", m.View())
	}
	// The active profile is selected; up picks prod.
	m = press(t, m, key("up"), key("enter"))
	if len(*asked) != 1 || (*asked)[0] != "prod" {
		t.Fatalf("switched to %v", *asked)
	}
	view := m.View()
	if m.screenName() != keymap.ScreenSearch || len(m.stack) != 1 {
		t.Fatalf("after the switch the stack is %d deep, top %s", len(m.stack), m.screenName())
	}
	if _, ok := contains(view, "ACME production (prod)", "READ-ONLY", "Switched to profile prod (ACME production), read-only"); !ok {
		t.Fatalf("after the switch:\n%s", view)
	}
	// The label fits the smallest terminal beside the badge.
	small, _ := m.Update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight})
	tuitest.CheckLayout(t, small.(Model).View(), MinWidth, MinHeight)
	if !strings.Contains(small.(Model).View(), "ACME production (prod)") {
		t.Errorf("at %d×%d the header lost the profile:\n%s", MinWidth, MinHeight, small.(Model).View())
	}
	if m.c.Profile != "prod" || !m.c.ReadOnly || m.c.Keys.Customer.Edit.Enabled() {
		t.Errorf("common after the switch: profile %q read-only %v, edit key enabled %v", m.c.Profile, m.c.ReadOnly, m.c.Keys.Customer.Edit.Enabled())
	}
	// The new client is the one asked: acme-annual.example is still a
	// fixture there, and its calls are in the new client's log only.
	m = press(t, m, typed(emulator.DomainAcmeAnnual)...)
	if calls := m.c.API.Calls(); len(calls) == 0 {
		t.Error("the lookup did not go to the new client")
	}

	// An unknown profile leaves everything as it was, and says why.
	for m.top().Typing() || len(m.stack) > 1 {
		m = press(t, m, key("esc"))
	}
	m = press(t, m, key(":"))
	m = press(t, m, typed("profile staging")...)
	if _, ok := contains(m.View(), `Still on profile prod: config: unknown profile "staging"`); !ok || m.c.Profile != "prod" {
		t.Errorf("unknown profile:\n%s", m.View())
	}
}

// While a change is being sent, the switch asks first; n stays, y switches.
func TestProfileSwitchAsksWhileAChangeIsSent(t *testing.T) {
	m, asked := switchable(t)
	m = press(t, m, key("esc")) // leave the search box
	m.stack = append(m.stack, sending{m.top()})
	m = press(t, m, key(":"))
	m = press(t, m, typed("profile prod")...)
	if len(*asked) != 0 {
		t.Fatal("switched without asking")
	}
	if _, ok := contains(m.View(), "A change is being sent (seat cap 20 → 28 on flex.example). Switch to prod anyway?"); !ok {
		t.Fatalf("no question:\n%s", m.View())
	}
	m = press(t, m, key("n"))
	if len(*asked) != 0 || m.c.Profile != "test" {
		t.Fatal("n switched")
	}
	// The list stays open after n: pick prod again.
	m = press(t, m, key("up"), key("enter"))
	m = press(t, m, key("y"))
	if len(*asked) != 1 || m.c.Profile != "prod" {
		t.Errorf("y did not switch: asked %v, profile %q\n%s", *asked, m.c.Profile, m.View())
	}
}

// After a switch to a profile that can make changes, a change goes to the
// new profile's API and its audit entries carry the new profile's name.
func TestProfileSwitchAuditsUnderTheNewProfile(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	prodAPI, _ := emulatorAPI(t, emulator.Options{Customers: 1}, fastRetry)
	log, path := auditLog(t)
	c := syncCommon(api)
	c.Demo, c.ReadOnly = false, true
	c.SetKeys(c.Keys.WithReadOnly(true))
	c.Profile = "test"
	c.Profiles = []common.Profile{{Name: "prod"}, {Name: "test", ReadOnly: true}}
	reconciled := false
	sw := func(_ context.Context, name string) (Session, error) {
		return Session{API: prodAPI, Profile: name, Endpoint: audit.EndpointCustom, Audit: log,
			Reconcile: func(context.Context) string { reconciled = true; return "" }}, nil
	}
	m := New(c).Switching(sw)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	m = press(t, m, key("esc"), key(":"))
	m = press(t, m, typed("profile prod")...)
	if m.c.ReadOnly || !m.c.Keys.Subscription.Seats.Enabled() || !reconciled {
		t.Fatalf("after the switch: read-only %v, seats key %v, interrupted changes checked %v", m.c.ReadOnly, m.c.Keys.Subscription.Seats.Enabled(), reconciled)
	}
	m = press(t, m, typed(emulator.DomainFlex)...)
	m = press(t, m, key("enter"), key("s"))
	m = press(t, m, typed("25")...)
	m = press(t, m, key("y"))
	rows := audit.Merge(readLog(t, path))
	if len(rows) != 1 || rows[0].Profile != "prod" || rows[0].Outcome != audit.OutcomeApplied {
		t.Fatalf("audit = %+v\n%s", rows, m.View())
	}
	sub, err := prodAPI.GetSubscription(context.Background(), rows[0].CustomerID, rows[0].SubscriptionID)
	if err != nil || sub.MaximumSeats != 25 {
		t.Errorf("the new profile's API holds %d seats (%v), want 25", sub.MaximumSeats, err)
	}
}
