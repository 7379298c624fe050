package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/emulator"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func TestTooSmallIsOneNote(t *testing.T) {
	tests := []struct {
		name string
		w, h int
	}{
		{"narrow", 79, 24},
		{"short", 80, 23},
		{"tiny", 20, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sized(syncCommon(&fake.API{}), tt.w, tt.h)
			view := m.View()
			tuitest.CheckLayout(t, view, tt.w, tt.h)
			lines := strings.Split(view, "\n")
			if !strings.HasPrefix(lines[0], "Terminal too") {
				t.Errorf("first line = %q", lines[0])
			}
			// Wrapped, never cut: how to quit always shows.
			if text := strings.Join(strings.Fields(view), " "); !strings.Contains(text, "q quits.") {
				t.Errorf("the note is cut: %q", text)
			}
			// Keys do nothing but quit: after growing, nothing was typed.
			m = press(t, m, tuitest.Type("acme")...)
			next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			if strings.Contains(next.View(), "› acme") {
				t.Error("keys reached the screen while the terminal was too small")
			}
		})
	}
}

func TestHeaderBadges(t *testing.T) {
	tests := []struct {
		name           string
		demo, readOnly bool
		want, notWant  []string
	}{
		{"demo", true, false, []string{"DEMO"}, []string{"READ-ONLY"}},
		{"read-only", false, true, []string{"READ-ONLY"}, []string{"DEMO"}},
		{"both", true, true, []string{"DEMO", "READ-ONLY"}, nil},
		{"neither", false, false, nil, []string{"DEMO", "READ-ONLY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := syncCommon(&fake.API{})
			c.Demo, c.ReadOnly = tt.demo, tt.readOnly
			header := strings.Split(sized(c, 80, 24).View(), "\n")[0]
			for _, w := range tt.want {
				if !strings.Contains(header, w) {
					t.Errorf("header %q lacks %s", header, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(header, w) {
					t.Errorf("header %q shows %s", header, w)
				}
			}
		})
	}
}

func TestFooterAndHelpComeFromTheKeymap(t *testing.T) {
	m := sized(syncCommon(&fake.API{}), 120, 30)
	m = press(t, m, key("esc"))
	footer := lastLine(m.View())
	for _, b := range m.c.Keys.Screen(keymap.ScreenSearch) {
		if _, refused := m.refused[b.Action]; refused || keymap.IsNavigation(b.Action) ||
			b.Action == keymap.ActionLog || b.Action == keymap.ActionPalette || b.Action == keymap.ActionMessage {
			continue
		}
		if w := b.Help().Key; !strings.Contains(footer, w) {
			t.Errorf("footer %q lacks key %q", footer, w)
		}
	}
	m = press(t, m, key("?"))
	if m.screenName() != keymap.ScreenHelp {
		t.Fatalf("? opened %s", m.screenName())
	}
	view := m.View()
	for _, group := range m.c.Keys.HelpMap(keymap.ScreenSearch).FullHelp() {
		for _, b := range group {
			if !strings.Contains(view, b.Help().Desc) {
				t.Errorf("help overlay lacks %q", b.Help().Desc)
			}
		}
	}
	m = press(t, m, key("?"))
	if m.screenName() != keymap.ScreenSearch {
		t.Errorf("? did not close the help: on %s", m.screenName())
	}
}

func TestRebindingShowsInFooterAndWorks(t *testing.T) {
	keys, err := keymap.Default().Rebind(map[string][]string{"search.subscriptions": {"B"}})
	if err != nil {
		t.Fatal(err)
	}
	c := syncCommon(&fake.API{})
	c.SetKeys(keys)
	m := sized(c, 160, 30)
	m = press(t, m, key("esc"))
	if footer := lastLine(m.View()); !strings.Contains(footer, "B all subscriptions") {
		t.Errorf("footer %q does not show the rebound key", footer)
	}
	m = press(t, m, key("B"))
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Errorf("the rebound key opened %s", m.screenName())
	}
}

func TestEscDismissesTheFailureThenGoesBack(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, typed("acme-annual.example")...)
	if m.screenName() != keymap.ScreenCustomer {
		t.Fatalf("on %s, want the customer", m.screenName())
	}
	// A failure stays until esc.
	res := call.FailedMsg{Done: call.Done{ReqID: 999, Err: &client.APIError{Method: "subscriptions.list", Code: 403, Reason: "forbidden"}}}
	m = drive(t, m, func() tea.Msg { return res })
	if !m.status.HasFailure() {
		t.Fatal("the failure is not shown")
	}
	tuitest.CheckLayout(t, m.View(), 80, 24)
	m = press(t, m, key("esc"))
	if m.status.HasFailure() || m.screenName() != keymap.ScreenCustomer {
		t.Fatalf("first esc: failure %v, screen %s; want dismissed, still on the customer", m.status.HasFailure(), m.screenName())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSearch {
		t.Errorf("second esc: on %s, want search", m.screenName())
	}
}

func TestQuitFromAnyScreen(t *testing.T) {
	tests := []struct {
		name   string
		typing bool
		key    string
		quits  bool
	}{
		{"q quits outside a text input", false, "q", true},
		{"q types inside a text input", true, "q", false},
		{"ctrl+c quits inside a text input", true, "ctrl+c", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sized(syncCommon(&fake.API{}), 80, 24)
			if !tt.typing {
				m = press(t, m, key("esc"))
			}
			_, cmd := m.Update(key(tt.key))
			quit := false
			for _, msg := range tuitest.Msgs(cmd) {
				if _, ok := msg.(tea.QuitMsg); ok {
					quit = true
				}
			}
			if quit != tt.quits {
				t.Errorf("quit = %v, want %v", quit, tt.quits)
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// stream runs cmd and everything it batches or sequences in goroutines,
// as Bubble Tea does, delivering each message on the returned channel.
func stream(cmd tea.Cmd) <-chan tea.Msg {
	out := make(chan tea.Msg, 64)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		msg := c()
		v := reflect.ValueOf(msg)
		if msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			if _, batch := msg.(tea.BatchMsg); batch {
				for i := range v.Len() {
					go run(v.Index(i).Interface().(tea.Cmd))
				}
				return
			}
			for i := range v.Len() {
				run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		if msg != nil {
			out <- msg
		}
	}
	go run(cmd)
	return out
}

func TestEscCancelsTheCallWaitingToRetry(t *testing.T) {
	held := make(chan struct{}, 1)
	api := &fake.API{
		Customers: []client.Customer{{ID: "C1", Domain: "held.example"}},
		Hold: func(ctx context.Context) error {
			held <- struct{}{}
			<-ctx.Done()
			return ctx.Err()
		},
	}
	m := sized(syncCommon(api), 80, 24)
	c := client.Customer{ID: "C1", Domain: "held.example"}
	next, cmd := m.Update(message.OpenCustomer{ID: c.ID, Customer: &c})
	m = next.(Model)
	msgs := stream(cmd)
	started, ok := (<-msgs).(call.StartedMsg)
	if !ok {
		t.Fatal("the listing did not start")
	}
	next, _ = m.Update(started)
	m = next.(Model)
	<-held
	retry := call.RetryMsg{ReqID: started.ReqID, Label: started.Label, Event: client.Event{
		Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Code: 429, Reason: "quotaExceeded", Until: tuitest.Now.Add(9 * time.Second)}}
	next, _ = m.Update(retry)
	m = next.(Model)
	if !strings.Contains(m.View(), "retry 2/6 in 9 s") {
		t.Fatalf("no countdown:\n%s", m.View())
	}
	next, _ = m.Update(key("esc"))
	m = next.(Model)
	// The held call returns because its context was cancelled.
	next, _ = m.Update(<-msgs)
	m = next.(Model)
	if m.screenName() != keymap.ScreenCustomer {
		t.Errorf("esc left the screen (%s) instead of cancelling the call", m.screenName())
	}
	if strings.Contains(m.View(), "retry 2/6 in") {
		t.Errorf("after cancelling, the countdown goes on:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "Cancelled while waiting for retry 2/6 (429 quotaExceeded)") {
		t.Errorf("after cancelling, the status pane does not say so:\n%s", m.View())
	}
	// The next esc dismisses the word; the one after goes back.
	next, _ = m.Update(key("esc"))
	m = next.(Model)
	if m.screenName() != keymap.ScreenCustomer || strings.Contains(m.View(), "Cancelled") {
		t.Errorf("esc did not dismiss the cancelled wait (%s):\n%s", m.screenName(), m.View())
	}
}

func TestBurstOfKeysIsTakenOneByOne(t *testing.T) {
	api := &fake.API{Subscriptions: []client.Subscription{
		{CustomerID: "C1", CustomerDomain: "a.example", ID: "1"},
		{CustomerID: "C1", CustomerDomain: "a.example", ID: "2"},
		{CustomerID: "C1", CustomerDomain: "a.example", ID: "3"},
	}}
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, key("esc"), key("S"))
	// "jj" read in one go moves twice.
	m = press(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	m = press(t, m, key("enter"))
	if !strings.Contains(m.View(), "Subscription ID  3") {
		t.Errorf("jj did not move twice:\n%s", m.View())
	}
	// "/ab" read in one go focuses the filter, then types into it.
	m = press(t, m, key("esc"), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/ab")})
	if !strings.Contains(m.View(), "filter › ab") {
		t.Errorf("the burst did not reach the filter:\n%s", m.View())
	}
}

func TestCopyIDs(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	var copied []string
	c := syncCommon(api)
	c.Copy = func(s string) (string, error) { copied = append(copied, s); return "", nil }
	m := press(t, sized(c, 80, 24), typed(emulator.DomainAcmeAnnual)...)
	m = press(t, m, key("y"))
	if !strings.Contains(m.View(), "Copied the customer ID "+emulator.IDAcmeAnnual) {
		t.Errorf("no notice:\n%s", m.View())
	}
	m = press(t, m, key("enter"), key("y"))
	if len(copied) != 2 || copied[0] != emulator.IDAcmeAnnual || copied[1] == "" {
		t.Errorf("copied %q", copied)
	}
	m = press(t, m, key("j"))
	if strings.Contains(m.View(), "Copied") {
		t.Error("the notice outlived the next key")
	}
}

// TestStatusHintsFollowTheScreen: the failure's key hints name only keys
// that work on the screen on top, and what they name does work.
func TestStatusHintsFollowTheScreen(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	tests := []struct {
		name string
		keys []tea.KeyMsg
		on   keymap.ScreenName
		// log says whether the L hint shows, and L opens the log.
		log bool
	}{
		{"a refused form", keys(typed(emulator.DomainAcmeAnnual), "enter", "s", tuitest.Type("40"), "enter"), keymap.ScreenEdit, false},
		{"a refused listing", keys(typed(emulator.DomainOtherReseller), "enter", typed(emulator.ExpiredTransferToken)), keymap.ScreenTransferable, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(t, sized(c, 100, 30), tt.keys...)
			if m.screenName() != tt.on || !m.status.HasFailure() {
				t.Fatalf("on %s with failure %v, want %s with one", m.screenName(), m.status.HasFailure(), tt.on)
			}
			view := m.View()
			if !strings.Contains(view, "esc dismisses") {
				t.Errorf("no esc hint:\n%s", view)
			}
			if got := strings.Contains(view, "L call log"); got != tt.log {
				t.Errorf("L hint shown = %v, want %v:\n%s", got, tt.log, view)
			}
			if opened := press(t, m, key("L")).screenName() == keymap.ScreenLog; opened != tt.log {
				t.Errorf("L opened the log = %v; the hint said %v", opened, tt.log)
			}
			if next := press(t, m, key("esc")); next.status.HasFailure() || next.screenName() != tt.on {
				t.Errorf("esc: failure %v on %s, want it dismissed on %s", next.status.HasFailure(), next.screenName(), tt.on)
			}
		})
	}
}
