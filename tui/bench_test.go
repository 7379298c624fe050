package tui

import (
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// loop runs commands concurrently, as Bubble Tea does, feeding their
// messages to m until done(m) holds.
func loop(tb testing.TB, m Model, cmd tea.Cmd, done func(Model) bool) Model {
	tb.Helper()
	msgs := make(chan tea.Msg, 1024)
	var spawn func(tea.Cmd)
	spawn = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			v := reflect.ValueOf(msg)
			if msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				if _, batch := msg.(tea.BatchMsg); batch {
					for i := range v.Len() {
						spawn(v.Index(i).Interface().(tea.Cmd))
					}
					return
				}
				// A sequence: one after the other, each message in order.
				for i := range v.Len() {
					if sub := v.Index(i).Interface().(tea.Cmd); sub != nil {
						if out := sub(); out != nil {
							msgs <- out
						}
					}
				}
				return
			}
			if msg != nil {
				msgs <- msg
			}
		}()
	}
	spawn(cmd)
	timeout := time.After(30 * time.Second)
	for !done(m) {
		select {
		case msg := <-msgs:
			next, c := m.Update(msg)
			m = next.(Model)
			spawn(c)
		case <-timeout:
			tb.Fatalf("gave up waiting; view:\n%s", m.View())
		}
	}
	return m
}

// BenchmarkEnterToFirstRows measures, with every API call taking 100 ms,
// the time from enter on a search result to the customer's subscriptions
// painted. The record and the subscriptions are read in parallel, so it
// should cost one round trip.
func BenchmarkEnterToFirstRows(b *testing.B) {
	api, _ := emulatorAPI(b, emulator.Options{Latency: 100 * time.Millisecond}, fastRetry)
	var timers atomic.Bool // debounce fires during set-up only
	c := syncCommon(api)
	c.Tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		if timers.Load() {
			return tuitest.Immediate(d, fn)
		}
		return nil
	}
	rowsPainted := func(m Model) bool {
		return m.screenName() == keymap.ScreenCustomer && strings.Contains(m.View(), "▶ Business Standard")
	}
	for b.Loop() {
		b.StopTimer()
		timers.Store(true)
		m := press(b, sized(c, 120, 40), tuitest.Type("acme-annual")...)
		m = press(b, m, key("down"))
		timers.Store(false)
		b.StartTimer()

		next, cmd := m.Update(key("enter"))
		loop(b, next.(Model), cmd, rowsPainted)
	}
}

// BenchmarkOpenSubscriptionsToFirstRows is the same for the table of all
// subscriptions.
func BenchmarkOpenSubscriptionsToFirstRows(b *testing.B) {
	api, _ := emulatorAPI(b, emulator.Options{Latency: 100 * time.Millisecond}, fastRetry)
	c := syncCommon(api)
	c.Tick = tuitest.Never
	rowsPainted := func(m Model) bool {
		return m.screenName() == keymap.ScreenSubscriptions && strings.Contains(m.View(), "▶ acme-annual.example")
	}
	for b.Loop() {
		b.StopTimer()
		m := press(b, sized(c, 120, 40), key("esc"))
		b.StartTimer()
		next, cmd := m.Update(key("S"))
		loop(b, next.(Model), cmd, rowsPainted)
	}
}
