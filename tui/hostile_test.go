package tui

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// hostile are strings an API answer could carry to attack or break a
// terminal: colour and title escapes, a bell, bidi overrides, wide and
// combining characters, zero-width characters.
var hostile = map[string]string{
	"contactName":      "\x1b[31mRED\x1b[0m\x1b]0;pwned\x07 Bob",
	"organizationName": "\u202eevil\u202c Corp \u2066x\u2069",
	"addressLine1":     "東京都千代田区丸の内一丁目 ９−１",
	"addressLine2":     "Cafe\u0301 e\u0301\u0301\u0301 z\u200bw\u200dj",
	"locality":         "Tab\there\rCR\x7fDEL\u0085NEL",
	"region":           "\x9b31mC1",
}

// insertHostileCustomer creates, through the API as any client could, a
// customer whose address holds every hostile string.
func insertHostileCustomer(t *testing.T, url string) {
	t.Helper()
	addr := map[string]string{"postalCode": "94043", "countryCode": "US"}
	for k, v := range hostile {
		addr[k] = v
	}
	body, _ := json.Marshal(map[string]any{
		"customerDomain": "hostile.example",
		"alternateEmail": "admin@elsewhere.example",
		"phoneNumber":    "+1 650\x1b[2J 555 0100",
		"postalAddress":  addr,
	})
	req, _ := http.NewRequest(http.MethodPost, url+"/apps/reseller/v1/customers", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer demo")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		t.Fatalf("customers.insert: %d %s", resp.StatusCode, b.String())
	}
}

func TestHostileAPIStringsRenderInert(t *testing.T) {
	emu := newEmulator(t, emulator.Options{Customers: -1, Clock: func() time.Time { return tuitest.Now }})
	insertHostileCustomer(t, emu.URL)
	api := clientOn(t, emu.URL)

	for _, size := range [][2]int{{80, 24}, {120, 40}, {250, 70}} {
		m := press(t, sized(syncCommon(api), size[0], size[1]), typed("hostile.example")...)
		if m.screenName() != keymap.ScreenCustomer {
			t.Fatalf("on %s, want the customer:\n%s", m.screenName(), m.View())
		}
		view := m.View()
		// The Ascii profile emits no escape at all, so any ESC, CSI or
		// control left in the view came from the data.
		for _, r := range view {
			if r == '\x1b' || r == '\x07' || r == '\x7f' || r == '\r' || (r >= 0x80 && r < 0xa0) ||
				r == '\u202e' || r == '\u202c' || r == '\u2066' || r == '\u2069' || r == '\u200b' {
				t.Errorf("%dx%d: the view holds %U from the data", size[0], size[1], r)
			}
		}
		for _, want := range []string{"RED", "Bob", "evil", "東京都", "Cafe\u0301"} {
			if !strings.Contains(view, want) {
				t.Errorf("%dx%d: the view lost the printable text %q:\n%s", size[0], size[1], want, view)
			}
		}
		tuitest.CheckLayout(t, view, size[0], size[1])
	}
}
