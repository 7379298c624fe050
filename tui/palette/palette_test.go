package palette

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func open(t testing.TB, of keymap.ScreenName, readOnly bool) Model {
	t.Helper()
	c := tuitest.Common(&fake.API{}, 80, 20)
	if readOnly {
		c.SetKeys(c.Keys.WithReadOnly(true))
	}
	return New(c, of)
}

func run(t *testing.T, m Model, typed string) (common.Screen, []tea.Msg) {
	t.Helper()
	return tuitest.Press(t, m, append(tuitest.Type(typed), tuitest.Key("enter"))...)
}

func TestCommandsComeFromTheKeymap(t *testing.T) {
	for _, s := range []keymap.ScreenName{keymap.ScreenSearch, keymap.ScreenCustomer, keymap.ScreenSubscriptions, keymap.ScreenSubscription} {
		t.Run(string(s), func(t *testing.T) {
			m := open(t, s, false)
			names := m.Commands()
			for _, b := range keymap.Default().Commands(s) {
				if !slices.Contains(names, b.Help().Desc) {
					t.Errorf("palette lacks %q", b.Help().Desc)
				}
			}
			for _, own := range []string{"customer", "subs", "log"} {
				if !slices.Contains(names, own) {
					t.Errorf("palette lacks :%s", own)
				}
			}
		})
	}
}

func TestReadOnlyOffersNoWrite(t *testing.T) {
	for _, s := range []keymap.ScreenName{keymap.ScreenSearch, keymap.ScreenCustomer, keymap.ScreenSubscriptions, keymap.ScreenSubscription} {
		names := open(t, s, true).Commands()
		for _, b := range keymap.Default().Commands(s) {
			if b.Write && slices.Contains(names, b.Help().Desc) {
				t.Errorf("%s: read-only palette offers %q", s, b.Help().Desc)
			}
		}
	}
}

func TestFuzzyMatchRanksAndRuns(t *testing.T) {
	tests := []struct {
		name  string
		typed string
		want  string // key of the binding pressed
	}{
		{"exact word", "seats", "s"},
		{"subsequence", "strtpd", "t"},
		{"word starts", "sp", "t"},
		{"description words", "reactivate", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, msgs := run(t, open(t, keymap.ScreenSubscription, false), tt.typed)
			var got []string
			for _, msg := range msgs {
				if p, ok := msg.(message.Press); ok {
					got = append(got, p.Binding.Keys()...)
				}
			}
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("%q pressed %v, want %s", tt.typed, got, tt.want)
			}
		})
	}
}

func TestOwnCommands(t *testing.T) {
	s, msgs := run(t, open(t, keymap.ScreenSubscription, false), "customer acme-annual.example")
	if l := find[message.Lookup](msgs); len(l) != 1 || l[0].Query != "acme-annual.example" || !s.(Model).Finished() {
		t.Errorf(":customer sent %+v", msgs)
	}
	_, msgs = run(t, open(t, keymap.ScreenSearch, false), "subs")
	if o := find[message.OpenSubscriptions](msgs); len(o) != 1 || o[0].Query.CustomerID != "" {
		t.Errorf(":subs sent %+v", msgs)
	}
	_, msgs = run(t, open(t, keymap.ScreenSearch, false), "log")
	if p := find[message.Press](msgs); len(p) != 1 || p[0].Binding.Action != keymap.ActionLog {
		t.Errorf(":log sent %+v", msgs)
	}
	if slices.Contains(open(t, keymap.ScreenLog, false).Commands(), "log") {
		t.Error(":log is offered on the log itself")
	}
}

func TestCustomerNeedsAValidArgument(t *testing.T) {
	for _, typed := range []string{"customer", "customer a b/c"} {
		s, msgs := run(t, open(t, keymap.ScreenSearch, false), typed)
		if len(find[message.Lookup](msgs)) != 0 || s.(Model).Finished() || !strings.Contains(s.View(), "✗") {
			t.Errorf("%q: msgs %+v, view:\n%s", typed, msgs, s.View())
		}
	}
}

func TestEscClosesAndViewFits(t *testing.T) {
	m := open(t, keymap.ScreenSubscription, false)
	tuitest.CheckLayout(t, m.View(), 80, 20)
	s, _ := tuitest.Press(t, m, tuitest.Key("esc"))
	if !s.(Model).Finished() {
		t.Error("esc did not close the palette")
	}
}

func find[T tea.Msg](msgs []tea.Msg) []T {
	var out []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// alt+d (or a fast esc then d) deletes the word after the cursor in the
// palette's input, at any cursor position, without a panic.
func TestDeleteWordForwardInTheInput(t *testing.T) {
	tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
		s, _ := tuitest.Press(t, open(t, keymap.ScreenSearch, false), append(tuitest.TypeAt(value, pos), k)...)
		m := s.(Model)
		return m.input.Value(), m.input.Position()
	})
}
