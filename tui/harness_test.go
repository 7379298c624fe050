package tui

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"resold/client"
	"resold/emulator"
	"resold/internal/emutest"
	"resold/keymap"
	"resold/theme"
	"resold/tui/common"
	"resold/tui/internal/tuitest"
)

func TestMain(m *testing.M) {
	// Bubbles components build some default styles on the default
	// renderer; pin it so nothing depends on the test machine.
	lipgloss.SetDefaultRenderer(asciiTheme().Renderer())
	os.Exit(m.Run())
}

func asciiTheme() *theme.Theme { return theme.New(theme.Options{Profile: termenv.Ascii}) }

// testCustomers keeps the emulator small enough for fast tests and large
// enough to page past 300 rows.
const testCustomers = 400

// emulatorAPI starts an emulator with opts (Customers and Seed defaulted)
// and returns a real client on it.
func emulatorAPI(t testing.TB, opts emulator.Options, retry client.RetryPolicy) (common.API, *emulator.Server) {
	t.Helper()
	if opts.Customers == 0 {
		opts.Customers = testCustomers
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	emu := newEmulator(t, opts)
	return clientWith(t, emu.URL, retry), emu.Server
}

// newEmulator starts an emulator for a UI test. Without Options.Clock it
// runs on the real clock, as the journeys' UI does.
func newEmulator(t testing.TB, opts emulator.Options) *emutest.Emulator {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	return emutest.New(t, opts)
}

// clientOn is a real client on the emulator at url.
func clientOn(t testing.TB, url string) common.API { return clientWith(t, url, fastRetry) }

func clientWith(t testing.TB, url string, retry client.RetryPolicy) common.API {
	t.Helper()
	cl, err := client.New(context.Background(), client.Config{Endpoint: url, Token: "demo", Retry: retry})
	if err != nil {
		t.Fatal(err)
	}
	return FromClient(cl)
}

// fastRetry retries at once: waits come from Retry-After only.
var fastRetry = client.RetryPolicy{Initial: time.Millisecond, Multiplier: 1, MaxAttempts: 6}

// syncCommon is a Common for synchronous tests: fixed clock, timers that
// fire at once, Ascii colours.
func syncCommon(api common.API) common.Common {
	c := NewCommon(context.Background(), Options{API: api, Theme: asciiTheme(), Keys: keymap.Default(), Demo: true,
		Now: func() time.Time { return tuitest.Now }})
	c.Tick = tuitest.Immediate
	c.Copy = func(string) (string, error) { return "", nil }
	return c
}

// sized returns the root model on c after a resize to w×h.
func sized(c common.Common, w, h int) Model {
	m, _ := New(c).Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m.(Model)
}

// drive runs cmd and everything it leads to, synchronously and in order,
// feeding each message to m.
func drive(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 5000 {
			t.Fatal("drive: more than 5000 commands; a loop?")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range tuitest.Msgs(c) {
			if _, ok := msg.(tea.QuitMsg); ok {
				continue
			}
			next, cmd := m.Update(msg)
			m = next.(Model)
			if cmd != nil {
				queue = append(queue, cmd)
			}
		}
	}
	return m
}

// press sends keys to m, driving each one's commands to the end.
func press(t testing.TB, m Model, keys ...tea.KeyMsg) Model {
	t.Helper()
	for _, k := range keys {
		next, cmd := m.Update(k)
		m = drive(t, next.(Model), cmd)
	}
	return m
}

// typed is the keys of s followed by enter.
func typed(s string) []tea.KeyMsg { return append(tuitest.Type(s), tuitest.Key("enter")) }

// key is one named key.
func key(name string) tea.KeyMsg { return tuitest.Key(name) }

// screenName is the top screen's keymap name.
func (m Model) screenName() keymap.ScreenName { return m.top().Name() }

func contains(view string, parts ...string) (string, bool) {
	for _, p := range parts {
		if !strings.Contains(view, p) {
			return p, false
		}
	}
	return "", true
}
