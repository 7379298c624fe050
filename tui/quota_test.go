package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// virtualTicks is a Tick on a virtual clock: a timer (the search's
// debounce) fires when the test moves the clock past it, as it would for
// someone typing at that pace.
type virtualTicks struct {
	now    time.Duration
	timers []virtualTimer
}

type virtualTimer struct {
	at time.Duration
	fn func(time.Time) tea.Msg
}

func (v *virtualTicks) tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		v.timers = append(v.timers, virtualTimer{at: v.now + d, fn: fn})
		return nil
	}
}

// advance moves the clock on by d, firing the timers due meanwhile in
// order, each driven to the end.
func (v *virtualTicks) advance(t testing.TB, m Model, d time.Duration) Model {
	end := v.now + d
	for {
		slices.SortStableFunc(v.timers, func(a, b virtualTimer) int { return int(a.at - b.at) })
		if len(v.timers) == 0 || v.timers[0].at > end {
			break
		}
		tm := v.timers[0]
		v.timers = v.timers[1:]
		v.now = tm.at
		next, cmd := m.Update(tm.fn(tuitest.Now.Add(v.now)))
		m = drive(t, next.(Model), cmd)
	}
	v.now = end
	return m
}

// TestSupportJourneyRequests counts, with the emulator's call record, the
// requests of a support journey: type a domain at a given pace, enter,
// enter on its subscription, then change the seats (s, the number, enter,
// y). The search lists customers as you type whenever typing pauses longer
// than its debounce; the client's first-page cache answers a longer prefix
// from a shorter one's complete answer, and the customer's listing, read
// alongside the lookup, is not read again. It should take at most 4
// requests at any pace.
func TestSupportJourneyRequests(t *testing.T) {
	journeys := []struct {
		domain, seats string
	}{
		{emulator.DomainAcmeAnnual, "55"},
		{emulator.DomainFlex, "25"},
	}
	paces := []time.Duration{100 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond}
	for _, j := range journeys {
		for _, pace := range paces {
			t.Run(fmt.Sprintf("%s_%s", j.domain, pace), func(t *testing.T) {
				api, srv := emulatorAPI(t, emulator.Options{Customers: 2000}, fastRetry)
				c := syncCommon(api)
				v := &virtualTicks{}
				c.Tick = v.tick
				m := sized(c, 120, 40)
				keys := slices.Concat(tuitest.Type(j.domain), keys("enter", "enter", "s"), tuitest.Type(j.seats), keys("enter", "y"))
				for _, k := range keys {
					m = v.advance(t, m, pace)
					next, cmd := m.Update(k)
					m = drive(t, next.(Model), cmd)
				}
				m = v.advance(t, m, time.Second)
				if view := m.View(); m.screenName() != keymap.ScreenSubscription || !strings.Contains(view, "Seats changed") {
					t.Fatalf("the journey did not end with the change applied:\n%s", view)
				}
				var methods []string
				for _, call := range srv.Calls() {
					methods = append(methods, strings.TrimPrefix(call.Method, "reseller."))
				}
				t.Logf("%d requests: %s", len(methods), strings.Join(methods, ", "))
				if len(methods) > 4 {
					t.Errorf("%d requests, want at most 4", len(methods))
				}
			})
		}
	}
}
