package tuitest

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"resold/keymap"
	"resold/theme"
	"resold/tui/call"
	"resold/tui/common"
)

// Now is the fixed time of every test clock.
var Now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// Common returns a Common of size w×h on api, with the Ascii profile (so a
// view holds no escape sequence at all), the fixed clock, and timers that
// fire at once.
func Common(api common.API, w, h int) common.Common {
	c := common.Common{
		Caller: call.Caller{
			Ctx:    context.Background(),
			Events: api,
			IDs:    &call.IDs{},
			Sender: &call.Sender{},
		},
		API:    api,
		Styles: common.NewStyles(theme.New(theme.Options{Profile: termenv.Ascii})),
		Width:  w,
		Height: h,
		Now:    func() time.Time { return Now },
		Tick:   Immediate,
		Copy:   func(string) (string, error) { return "", nil },
	}
	c.SetKeys(keymap.Default())
	return c
}

// Immediate is a Tick that fires at once.
func Immediate(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return fn(Now) }
}

// Never is a Tick that never fires.
func Never(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }

// Msgs runs cmd and every command it batches or sequences, in order, and
// returns the messages they produce.
func Msgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if cmds, ok := call.Nested(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, Msgs(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// Drive feeds the messages of cmd back into s until no command is left,
// and returns the final screen and every message seen (navigation
// requests among them).
func Drive(t testing.TB, s common.Screen, cmd tea.Cmd) (common.Screen, []tea.Msg) {
	t.Helper()
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			t.Fatal("Drive: more than 1000 commands; a loop?")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range Msgs(c) {
			seen = append(seen, msg)
			var next tea.Cmd
			s, next = s.Update(msg)
			if next != nil {
				queue = append(queue, next)
			}
		}
	}
	return s, seen
}

// Key returns the key message for a bubbletea key name ("enter", "esc",
// "ctrl+r", "down") or a single character.
func Key(name string) tea.KeyMsg {
	for t := tea.KeyType(-256); t <= 255; t++ {
		if t.String() == name && name != "runes" {
			return tea.KeyMsg{Type: t}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Type returns one key message per character of s.
func Type(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// Press sends keys to s one by one, driving each key's commands to the
// end, and returns the final screen and the messages seen.
func Press(t testing.TB, s common.Screen, keys ...tea.KeyMsg) (common.Screen, []tea.Msg) {
	t.Helper()
	var seen []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		var msgs []tea.Msg
		s, cmd = s.Update(k)
		s, msgs = Drive(t, s, cmd)
		seen = append(seen, msgs...)
	}
	return s, seen
}

// CheckLayout fails unless view is exactly h lines of exactly w cells.
func CheckLayout(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d:\n%s", len(lines), h, view)
	}
	for i, l := range lines {
		if got := common.Width(l); got != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i+1, got, w, l)
		}
	}
}
