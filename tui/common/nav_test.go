package common

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/viewport"

	"resold/keymap"
)

func TestNav(t *testing.T) {
	k := keymap.Default().Log.NavKeys
	tests := []struct {
		key  string
		want Move
		ok   bool
	}{
		{"up", Move{Delta: -1}, true},
		{"k", Move{Delta: -1}, true},
		{"down", Move{Delta: 1}, true},
		{"j", Move{Delta: 1}, true},
		{"pgup", Move{Delta: -7}, true},
		{"pgdown", Move{Delta: 7}, true},
		{"g", Move{Top: true}, true},
		{"home", Move{Top: true}, true},
		{"G", Move{Bottom: true}, true},
		{"end", Move{Bottom: true}, true},
		{"x", Move{}, false},
		{"enter", Move{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := Nav(KeyMsg(tt.key), k, 7)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Nav(%s) = %+v, %v; want %+v, %v", tt.key, got, ok, tt.want, tt.ok)
			}
		})
	}
	// While typing the input keeps the letters: only the arrows move.
	typing := keymap.Default().TextInput().Search.NavKeys
	for _, key := range []string{"j", "k", "g", "G", "pgdown"} {
		if _, ok := Nav(KeyMsg(key), typing, 7); ok {
			t.Errorf("%s moves while typing", key)
		}
	}
}

func TestMoveForward(t *testing.T) {
	tests := []struct {
		mv   Move
		want bool
	}{
		{Move{Delta: 1}, true}, {Move{Delta: 20}, true}, {Move{Bottom: true}, true},
		{Move{Delta: -1}, false}, {Move{Top: true}, false},
	}
	for _, tt := range tests {
		if got := tt.mv.Forward(); got != tt.want {
			t.Errorf("%+v.Forward() = %v, want %v", tt.mv, got, tt.want)
		}
	}
}

func TestScroll(t *testing.T) {
	lines := make([]string, 100)
	for i := range lines {
		lines[i] = fmt.Sprint("line ", i)
	}
	k := keymap.Default().Help.NavKeys
	tests := []struct {
		name string
		from int
		key  string
		want int
	}{
		{"down one line", 0, "down", 1},
		{"up stops at the top", 0, "up", 0},
		{"a page down is the height", 5, "pgdown", 15},
		{"a page up is the height", 15, "pgup", 5},
		{"a page up stops at the top", 5, "pgup", 0},
		{"the bottom shows the last line last", 0, "G", 90},
		{"down stops at the bottom", 90, "j", 90},
		{"the top", 50, "g", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vp := viewport.New(40, 10)
			vp.SetContent(strings.Join(lines, "\n"))
			vp.SetYOffset(tt.from)
			vp, ok := Scroll(vp, KeyMsg(tt.key), k)
			if !ok || vp.YOffset != tt.want {
				t.Errorf("after %s from %d: offset %d (%v), want %d", tt.key, tt.from, vp.YOffset, ok, tt.want)
			}
		})
	}
	if _, ok := Scroll(viewport.New(40, 10), KeyMsg("s"), k); ok {
		t.Error("a key that is no navigation scrolled")
	}
}
