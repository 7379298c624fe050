package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// Every key the footer shows works; a key pressed where it does nothing
// says why in one line.
func TestKeysThatDoNotApplySayWhy(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	tests := []struct {
		name    string
		keys    []string
		press   string
		why     string
		notShow string
	}{
		{"activate on an active row", []string{emulator.DomainFlex, "enter"}, "a", "a: Nothing to activate", "a activate"},
		{"renewal on a flexible plan", []string{emulator.DomainFlex, "enter"}, "r", "r: Only annual plans have renewal settings", "r renewal"},
		{"start paid outside a trial, on the customer's row", []string{emulator.DomainFlex}, "t", "t: The subscription is not in a trial", "t start paid"},
		{"copy with nothing looked up", []string{"esc"}, "y", "y: no customer ID to copy", "y copy ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sized(syncCommon(api), 80, 24)
			for _, k := range tt.keys {
				if k == "esc" || k == "enter" {
					m = press(t, m, key(k))
				} else {
					m = press(t, m, typed(k)...)
				}
			}
			if f := lastLine(m.View()); strings.Contains(f, tt.notShow) {
				t.Errorf("footer %q offers %q", f, tt.notShow)
			}
			was := m.screenName()
			m = press(t, m, key(tt.press))
			if !strings.Contains(m.View(), tt.why) || m.screenName() != was {
				t.Errorf("%s: on %s, want %q on %s:\n%s", tt.press, m.screenName(), tt.why, was, m.View())
			}
		})
	}
}

func TestReadOnlyChangeKeySaysWhy(t *testing.T) {
	api, _ := readOnlyAPI(t)
	c := syncCommon(api)
	c.ReadOnly = true
	c.SetKeys(c.Keys.WithReadOnly(true))
	m := sized(c, 80, 24)
	m = press(t, m, typed(emulator.DomainFlex)...)
	m = press(t, m, key("enter"), key("s"))
	if !strings.Contains(m.View(), "Read-only mode: changes are disabled") || m.screenName() != keymap.ScreenSubscription {
		t.Errorf("s in read-only mode: on %s\n%s", m.screenName(), m.View())
	}
}

// The detail opened from a transferable row offers T, and T works; the
// changes that only answer "not yours yet" are not offered.
func TestTransferableDetailOffersTransfer(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, typed(emulator.DomainTransfer)...)
	m = press(t, m, key("enter"))
	m = press(t, m, typed(emulator.TransferToken)...)
	m = press(t, m, key("enter"))
	if m.screenName() != keymap.ScreenSubscription {
		t.Fatalf("on %s, want the detail", m.screenName())
	}
	f := lastLine(m.View())
	if !strings.Contains(f, "T transfer to you") || strings.Contains(f, "s seats") || strings.Contains(f, "r renewal") {
		t.Errorf("footer %q", f)
	}
	m = press(t, m, key("T"))
	if m.screenName() != keymap.ScreenEdit || !strings.Contains(m.View(), "ransfer") {
		t.Errorf("T: on %s\n%s", m.screenName(), m.View())
	}
}

// A wrong token's empty table offers no row keys; ctrl+r says it reads
// again; the seat form offers no choice keys.
func TestFooterOffersOnlyWhatWorks(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, typed(emulator.DomainOtherReseller)...)
	m = press(t, m, key("enter"))
	m = press(t, m, typed(emulator.ExpiredTransferToken)...)
	if f := lastLine(m.View()); strings.Contains(f, "enter open") || strings.Contains(f, "T transfer") {
		t.Errorf("empty table's footer %q", f)
	}
	m = press(t, m, key("esc"), key("ctrl+r"))
	if !strings.Contains(m.View(), "Reading it again from the API") {
		t.Errorf("ctrl+r gave no sign:\n%s", m.View())
	}

	m = sized(syncCommon(api), 80, 24)
	m = press(t, m, typed(emulator.DomainFlex)...)
	m = press(t, m, key("enter"), key("s"))
	m = press(t, m, tuitest.Type("2")...)
	if f := lastLine(m.View()); strings.Contains(f, "next choice") || strings.Contains(f, "…") {
		t.Errorf("seat form's footer %q", f)
	}
}

// At 80 columns no footer cuts a label: a key that does not fit is left
// out whole.
func TestFooterNeverCutsALabel(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: 200}, fastRetry)
	for _, sc := range scenes {
		m := sized(syncCommon(api), 80, 24)
		m = press(t, m, sc.keys...)
		f := lastLine(m.View())
		if strings.Contains(f, "…") {
			t.Errorf("%s: footer %q cuts a label", sc.name, f)
		}
		if !strings.Contains(f, "help") && m.answers(keymap.ActionHelp) && !m.top().Typing() {
			t.Errorf("%s: footer %q lacks help", sc.name, f)
		}
	}
}

// The too-small screen says how to quit, and q and ctrl+c quit there, even
// with the search box focused.
func TestTooSmallQuitsOnQ(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		m := sized(syncCommon(&fake.API{}), 60, 20)
		if !strings.Contains(m.View(), "q quits") {
			t.Errorf("too-small screen does not say how to quit:\n%s", m.View())
		}
		_, cmd := m.Update(key(k))
		if cmd == nil {
			t.Fatalf("%s did nothing", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s on the too-small screen did not quit", k)
		}
	}
}

// The header names the backend, as the DEMO badge does.
func TestHeaderNamesTheBackend(t *testing.T) {
	c := syncCommon(&fake.API{})
	c.Demo = false
	c.Backend = "endpoint 127.0.0.1:8085"
	m := sized(c, 80, 24)
	if h := strings.Split(m.View(), "\n")[0]; !strings.Contains(h, "endpoint 127.0.0.1:8085") {
		t.Errorf("header %q", h)
	}
}

// The palette and the keys audit a change the rules refuse the same way a
// form does; a plain typo in a form is not audited.
func TestRefusedChangesAuditedAlike(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	c := syncCommon(api)
	log := &tuitest.Audit{}
	c.Audit = log
	m := sized(c, 80, 24)
	m = press(t, m, typed(emulator.DomainAcmeAnnual)...)
	m = press(t, m, key(":"))
	m = press(t, m, typed("sp")...)
	m = press(t, m, key("t"))
	e := log.Entries()
	if len(e) != 2 {
		t.Fatalf("audit = %+v, want :sp and t, refused", e)
	}
	for _, x := range e {
		if x.Outcome != "refused_locally" || x.Method != "subscriptions.startPaidService" || x.CustomerID != emulator.IDAcmeAnnual ||
			!strings.Contains(x.Message, "not in a trial") {
			t.Errorf("entry %+v", x)
		}
	}
	// A form submitted empty: typos, not change attempts.
	m = press(t, m, key("esc"), key("esc"), key("n"), key("enter"), key("enter"))
	if m.screenName() != keymap.ScreenEdit || !m.status.HasFailure() {
		t.Fatalf("on %s, want the refused new-customer form:\n%s", m.screenName(), m.View())
	}
	if n := len(log.Entries()); n != 2 {
		t.Errorf("an incomplete form added %d audit entries", n-2)
	}
}

// With rows picked, the change keys act on them (a bulk change): the
// cursor row's rules do not hide or refuse them.
func TestPickedRowsTakeTheChangeKeys(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 80, 24)
	m = press(t, m, key("esc"), key("S"), key(" "))
	if strings.Contains(m.View(), "a: ") {
		t.Fatalf("picking said something refused:\n%s", m.View())
	}
	m = press(t, m, key("a"))
	if strings.Contains(m.View(), "a: Nothing to activate") || m.screenName() != keymap.ScreenBulk {
		t.Errorf("a with a row picked was refused by the cursor row's rules:\n%s", m.View())
	}
}
