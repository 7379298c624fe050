package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"resold/audit"
	"resold/emulator"
	"resold/internal/inflight"
	"resold/keymap"
	"resold/tui/internal/tuitest"
	"resold/tui/quitting"
)

// sendingSeatChange drives the root model to the moment y was pressed on
// flex.example's seat change (cap 20 → 28): the model is sending, and the
// returned command is the write, not yet run.
func sendingSeatChange(t *testing.T) (Model, tea.Cmd, *tuitest.Audit, *emulator.Server) {
	t.Helper()
	api, srv := emulatorAPI(t, emulator.Options{}, fastRetry)
	log := &tuitest.Audit{}
	c := syncCommon(api)
	c.Audit = log
	c.Writes = &inflight.Tracker{}
	m := press(t, sized(c, 100, 30), typed(emulator.DomainFlex)...)
	m = press(t, m, key("enter"), key("s"))
	m = press(t, m, typed("28")...)
	if m.screenName() != keymap.ScreenConfirm {
		t.Fatalf("on %s, want the confirm dialog:\n%s", m.screenName(), m.View())
	}
	next, write := m.Update(key("y"))
	return next.(Model), write, log, srv
}

// update sends msg and returns the model and the message its command
// produces (nil for none).
func update(t *testing.T, m Model, msg tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), tuitest.Msgs(cmd)
}

func quits(msgs []tea.Msg) bool {
	for _, msg := range msgs {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func TestQuitWhileSendingAsksFirstAndWaitIsTheDefault(t *testing.T) {
	m, write, log, srv := sendingSeatChange(t)

	m, msgs := update(t, m, key("q"))
	if quits(msgs) || m.screenName() != keymap.ScreenQuitting {
		t.Fatalf("q while sending: on %s (quit: %v), want the quit dialog", m.screenName(), quits(msgs))
	}
	view := m.View()
	for _, want := range []string{"A change is being sent", "seat cap 20 → 28 on flex.example", "Wait for its answer", "Quit anyway", "y quits anyway"} {
		if !strings.Contains(view, want) {
			t.Errorf("the quit dialog lacks %q:\n%s", want, view)
		}
	}
	// A hurried second q, or ctrl+c, only points at y.
	for _, k := range []string{"q", "ctrl+c"} {
		if m, msgs = update(t, m, key(k)); quits(msgs) || m.screenName() != keymap.ScreenQuitting {
			t.Fatalf("%s in the quit dialog: on %s (quit: %v), want the dialog still", k, m.screenName(), quits(msgs))
		}
	}
	// Bare enter waits: back to the change being sent.
	if m, msgs = update(t, m, key("enter")); quits(msgs) || m.screenName() != keymap.ScreenConfirm {
		t.Fatalf("enter in the quit dialog: on %s (quit: %v), want the change being sent", m.screenName(), quits(msgs))
	}
	// esc while sending says what it does.
	m, _ = update(t, m, key("esc"))
	if v := m.View(); !strings.Contains(v, "cannot be called back") {
		t.Errorf("esc while sending says nothing:\n%s", v)
	}

	// y quits anyway; the write is not cut off by the quit.
	m, _ = update(t, m, key("ctrl+c"))
	m, msgs = update(t, m, key("y"))
	if len(msgs) != 1 {
		t.Fatalf("y in the quit dialog produced %v, want the quit", msgs)
	}
	if _, msgs = update(t, m, msgs[0]); !quits(msgs) {
		t.Fatalf("quit anyway did not quit: %v", msgs)
	}
	tuitest.Msgs(write) // the change goes on after the UI ended
	if sent, applied := writes(srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("changeSeats sent %d, applied %d; want 1, 1", sent, applied)
	}
	entries := log.Entries()
	if len(entries) != 1 || entries[0].Outcome != audit.OutcomeApplied || entries[0].After["seats"] != "28" {
		t.Errorf("audit after quitting anyway = %+v, want the change applied, seats 28", entries)
	}
}

func TestQuitDialogGoesWhenTheAnswerComes(t *testing.T) {
	m, write, _, _ := sendingSeatChange(t)
	m, _ = update(t, m, key("q"))
	if m.screenName() != keymap.ScreenQuitting {
		t.Fatalf("on %s, want the quit dialog", m.screenName())
	}
	m = drive(t, m, write)
	if m.screenName() == keymap.ScreenQuitting {
		t.Fatalf("the quit dialog stayed after the change was answered:\n%s", m.View())
	}
	if v := m.View(); !strings.Contains(v, "Seats changed") {
		t.Errorf("the answer does not show:\n%s", v)
	}
	// Nothing is being sent now: q quits at once.
	if _, msgs := update(t, m, key("q")); !quits(msgs) {
		t.Errorf("q after the answer: %v, want the quit", msgs)
	}
}

func TestQuitWithNothingSentQuitsAtOnce(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := press(t, sized(syncCommon(api), 100, 30), typed(emulator.DomainFlex)...)
	if _, msgs := update(t, m, key("ctrl+c")); !quits(msgs) {
		t.Errorf("ctrl+c with nothing sent: %v, want the quit", msgs)
	}
	// Sanity: the message type the dialog sends is not a quit by itself.
	if quits([]tea.Msg{quitting.QuitMsg{}}) {
		t.Fatal("quitting.QuitMsg is tea.QuitMsg")
	}
}

// A key clears the status pane's passing note; the layout must follow even
// when the key does nothing else (found by the random-key test: q after
// copying an ID left the view a line short).
func TestAKeyThatClearsTheNoteKeepsTheViewSized(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	// A failure in the pane, then a note under it.
	m := press(t, sized(syncCommon(api), 100, 30), typed(emulator.DomainRevoked)...)
	m = press(t, m, key("esc"), key("S"), key("y"))
	if v := m.View(); !strings.Contains(v, "Copied") || !strings.Contains(v, "turned off reseller access") {
		t.Fatalf("want the failure and the note in the pane:\n%s", v)
	}
	m, _ = update(t, m, key("q"))
	tuitest.CheckLayout(t, m.View(), 100, 30)
}

// The quit dialog, which no key-only scene reaches (a scene's write is
// answered before the next key): golden at the usual sizes, exact at
// every size and after resizes.
func TestQuitDialogView(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {250, 70}, {60, 15}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, _, _, _ := sendingSeatChange(t)
			m, _ = update(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m, _ = update(t, m, key("q"))
			if m.screenName() != keymap.ScreenQuitting {
				t.Fatalf("on %s, want the quit dialog", m.screenName())
			}
			view := m.View()
			tuitest.CheckLayout(t, view, size[0], size[1])
			if size == [2]int{80, 24} || size == [2]int{120, 40} {
				golden.RequireEqual(t, []byte(view))
			}
		})
	}
}
