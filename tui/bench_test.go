package tui

import (
	"net/http/httptest"
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

// runner runs commands concurrently, as Bubble Tea does, and hands their
// messages to the model it drives; one runner can drive a model in steps,
// so a test can act between them while calls are still running.
type runner struct {
	tb   testing.TB
	msgs chan tea.Msg
}

func newRunner(tb testing.TB) *runner { return &runner{tb: tb, msgs: make(chan tea.Msg, 1024)} }

// spawn runs c as the program would: a batch's commands concurrently, a
// sequence's one after the other.
func (r *runner) spawn(c tea.Cmd) {
	if c == nil {
		return
	}
	go func() { r.run(c) }()
}

func (r *runner) run(c tea.Cmd) {
	msg := c()
	v := reflect.ValueOf(msg)
	if msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		if _, batch := msg.(tea.BatchMsg); batch {
			for i := range v.Len() {
				r.spawn(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		// A sequence: one after the other, each message in order.
		for i := range v.Len() {
			if sub := v.Index(i).Interface().(tea.Cmd); sub != nil {
				r.run(sub)
			}
		}
		return
	}
	if msg != nil {
		r.msgs <- msg
	}
}

// until runs cmd and feeds every message to m until done(m) holds.
func (r *runner) until(m Model, cmd tea.Cmd, done func(Model) bool) Model {
	r.tb.Helper()
	r.spawn(cmd)
	timeout := time.After(30 * time.Second)
	for !done(m) {
		select {
		case msg := <-r.msgs:
			next, c := m.Update(msg)
			m = next.(Model)
			r.spawn(c)
		case <-timeout:
			r.tb.Fatalf("gave up waiting; view:\n%s", m.View())
		}
	}
	return m
}

// loop runs cmd and what follows from it until done(m) holds.
func loop(tb testing.TB, m Model, cmd tea.Cmd, done func(Model) bool) Model {
	tb.Helper()
	return newRunner(tb).until(m, cmd, done)
}

// BenchmarkEnterToFirstRows measures, with every API call taking 100 ms,
// the time from enter to the customer's subscriptions painted: on a prefix
// search's result (the record and the subscriptions are read in parallel)
// and on a typed domain (the lookup and the listing are read in parallel).
// Both should cost one round trip. Every enter is on a new client, so no
// page kept by an earlier one answers it.
func BenchmarkEnterToFirstRows(b *testing.B) {
	ts := httptest.NewServer(emulator.New(emulator.Options{Customers: testCustomers, Seed: 1, Latency: 100 * time.Millisecond}))
	b.Cleanup(ts.Close)
	rowsPainted := func(m Model) bool {
		return m.screenName() == keymap.ScreenCustomer && strings.Contains(m.View(), "▶ Business Standard")
	}
	cases := []struct {
		name string
		// keys lead to the enter being measured; prefix lets the prefix
		// search run while they are typed.
		keys   []tea.KeyMsg
		prefix bool
	}{
		{"picked", append(tuitest.Type("acme-annual"), key("down")), true},
		{"typed", tuitest.Type("acme-annual.example"), false},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			var timers atomic.Bool // debounce fires during set-up only
			for b.Loop() {
				b.StopTimer()
				c := syncCommon(clientOn(b, ts.URL))
				c.Tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
					if timers.Load() {
						return tuitest.Immediate(d, fn)
					}
					return nil
				}
				timers.Store(tc.prefix)
				m := press(b, sized(c, 120, 40), tc.keys...)
				timers.Store(false)
				b.StartTimer()

				next, cmd := m.Update(key("enter"))
				loop(b, next.(Model), cmd, rowsPainted)
			}
		})
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

// BenchmarkRootViewSubscriptions measures one frame of the root model on
// the subscriptions table at 80×24: header, table, status pane, footer.
func BenchmarkRootViewSubscriptions(b *testing.B) {
	api, _ := emulatorAPI(b, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(b, m, key("esc"), key("S"))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
