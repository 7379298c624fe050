package tui

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"resold/client"
	"resold/emulator"
	"resold/internal/emutest"
	"resold/keymap"
	"resold/tui/common"
)

// journeyTimeout bounds each wait; a pass takes milliseconds, the race
// detector on two cores more.
const journeyTimeout = 15 * time.Second

// startJourney runs the whole program on api, as Run does, at w×h.
func startJourney(t *testing.T, api common.API, w, h int) *teatest.TestModel {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := NewCommon(ctx, Options{API: api, Theme: asciiTheme(), Keys: keymap.Default(), Demo: true})
	tm := teatest.NewTestModel(t, New(c), teatest.WithInitialTermSize(w, h))
	c.Sender.Set(tm.Send)
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// waitFor waits until the program has painted every part since the last
// wait.
func waitFor(t *testing.T, tm *teatest.TestModel, parts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, p := range parts {
			if !bytes.Contains(b, []byte(p)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(journeyTimeout), teatest.WithCheckInterval(5*time.Millisecond))
}

// enter types s and presses enter.
func enter(tm *teatest.TestModel, s string) {
	tm.Type(s)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(key(k))
	}
}

func TestJourneyAcmeToSubscriptionDetail(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 80, 24)
	waitFor(t, tm, "Find a customer")
	enter(tm, emulator.DomainAcmeAnnual)
	waitFor(t, tm, "Alt email", emulator.IDAcmeAnnual, "Business Standard", "DEMO")
	send(tm, "S")
	waitFor(t, tm, "Subscriptions of "+emulator.DomainAcmeAnnual, "loaded · all")
	send(tm, "enter")
	waitFor(t, tm, "Subscription ID", "Plan and seats", "numberOfSeats")
	send(tm, "L")
	waitFor(t, tm, "customers.get", "subscriptions.list")
}

func TestJourneyOtherResellerTransferPath(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 80, 24)
	waitFor(t, tm, "Find a customer")
	enter(tm, emulator.DomainOtherReseller)
	waitFor(t, tm, "Managed by Google or another reseller", emulator.IDOtherReseller, "transferable subscriptions")
	send(tm, "enter")
	waitFor(t, tm, "transfer token ›")
	// A token that is not this customer's: explained, not a bare error.
	enter(tm, emulator.ExpiredTransferToken)
	waitFor(t, tm, "Transferable subscriptions of "+emulator.DomainOtherReseller, "403 forbidden", "Do:")
}

func TestJourneyTransferableSubscriptions(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 100, 30)
	waitFor(t, tm, "Find a customer")
	enter(tm, emulator.DomainTransfer)
	waitFor(t, tm, "Managed by Google or another reseller")
	send(tm, "enter")
	waitFor(t, tm, "transfer token ›")
	enter(tm, emulator.TransferToken)
	waitFor(t, tm, "Transfer", "min ", "loaded · all")
}

func TestJourneyTeams(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 80, 24)
	waitFor(t, tm, "Find a customer")
	enter(tm, emulator.DomainTeams)
	waitFor(t, tm, "Several team customers share this domain", "team customer's ID")
	// The input kept focus: replace the domain with a team's ID.
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	enter(tm, emulator.IDTeam1)
	waitFor(t, tm, "Alt email", emulator.IDTeam1, "type team")
}

func TestJourneyUnknownDomainIsAvailable(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 80, 24)
	waitFor(t, tm, "Find a customer")
	enter(tm, "nobody-here.example")
	waitFor(t, tm, "No Google account exists for this customer", "Do:")
}

func TestJourney429StormCountsDownThenSucceeds(t *testing.T) {
	clk := emutest.NewClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	// One wait is never longer than the backoff's longest step: make that
	// a second, so the emulator's Retry-After of 1 s is honoured.
	second := client.RetryPolicy{Initial: 500 * time.Millisecond, Multiplier: 1, MaxAttempts: 6}
	api, _ := emulatorAPI(t, emulator.Options{QPS: 1, Clock: clk.Now}, second)
	tm := startJourney(t, api, 80, 24)
	waitFor(t, tm, "Find a customer")
	// The lookup and the subscriptions list, sent together, race for the
	// one token; the one that loses meets 429s until the emulator's clock
	// moves.
	enter(tm, emulator.DomainAcmeAnnual)
	waitFor(t, tm, "429 quotaExceeded · retry 2/6 in")
	seen := 0
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if bytes.Contains(b, []byte("Business Standard")) {
			return true
		}
		// Each new countdown gets one more token: time moves only when
		// a retry is waiting for it.
		if n := bytes.Count(b, []byte("quotaExceeded · retry")); n > seen || seen == 0 {
			seen = max(n, 1)
			clk.Advance(time.Second)
		}
		return false
	}, teatest.WithDuration(journeyTimeout), teatest.WithCheckInterval(5*time.Millisecond))
}

func TestJourneyPagingPast300AndFilter(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	tm := startJourney(t, api, 120, 40)
	waitFor(t, tm, "Find a customer")
	send(tm, "esc", "S")
	waitFor(t, tm, "300 loaded · more")
	// Jumping to the last loaded row keeps two pages loaded below it.
	send(tm, "G")
	waitFor(t, tm, "500 loaded · more")
	tm.Send(key("/"))
	tm.Type("acme")
	waitFor(t, tm, "of 500 loaded match · more not loaded", emulator.DomainAcmeAnnual)
	send(tm, "enter", "enter")
	waitFor(t, tm, "Subscription ID", emulator.DomainAcmeAnnual)
}
