package keymap

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

func TestTextInputSafe(t *testing.T) {
	k := Default()
	tests := []struct {
		name string
		b    Binding
		want bool
	}{
		{"esc back", k.Global.Back, true},
		{"quit keeps ctrl+c", k.Global.Quit, true},
		{"enter opens", k.Search.Open, true},
		{"tab next field", k.Edit.NextField, true},
		{"shift+tab previous field", k.Edit.PrevField, true},
		{"up arrow", k.Search.Up, true},
		{"down arrow", k.Palette.Down, true},
		{"? would be typed", k.Global.Help, false},
		{": would be typed", k.Global.Palette, false},
		{"/ would be typed", k.Search.Search, false},
		{"n would be typed", k.Search.New, false},
		{"g/home: home moves the cursor", k.Search.Top, false},
		{"pgup", k.Search.PageUp, false},
		{"ctrl+r", k.Search.Refresh, false},
		{"left moves the cursor", k.Edit.PrevOption, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.TextInputSafe(); got != tt.want {
				t.Errorf("TextInputSafe(%v) = %v, want %v", tt.b.Keys(), got, tt.want)
			}
		})
	}
}

func TestTextInputKeyMap(t *testing.T) {
	typing := Default().TextInput()
	safe := TextInputSafeKeys()
	for _, s := range Screens() {
		for _, b := range typing.Screen(s) {
			for _, k := range b.Keys() {
				if !slices.Contains(safe, k) {
					t.Errorf("%s.%s keeps %q while typing", s, b.Action, k)
				}
			}
		}
	}
	tests := []struct {
		name  string
		b     Binding
		keys  []string
		label string
	}{
		{"quit loses q", typing.Global.Quit, []string{"ctrl+c"}, "ctrl+c"},
		{"up loses k", typing.Search.Up, []string{"up"}, "↑"},
		{"help is gone", typing.Global.Help, nil, ""},
		{"new is gone", typing.Search.New, nil, ""},
		{"submit stays", typing.Edit.Submit, []string{"enter"}, "enter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.b.Keys(), tt.keys) || tt.b.Help().Key != tt.label {
				t.Errorf("keys %q label %q, want %q %q", tt.b.Keys(), tt.b.Help().Key, tt.keys, tt.label)
			}
			if (tt.keys == nil) == tt.b.Enabled() {
				t.Errorf("Enabled() = %v with keys %v", tt.b.Enabled(), tt.b.Keys())
			}
		})
	}
	if key.Matches(keyMsg(t, "q"), typing.Global.Quit.Binding) {
		t.Error("typing q quits")
	}
	if !key.Matches(keyMsg(t, "ctrl+c"), typing.Global.Quit.Binding) {
		t.Error("ctrl+c no longer quits while typing")
	}
	// Read-only composes with typing: a write stays hidden either way.
	if typing.WithReadOnly(true).Edit.Submit.Enabled() {
		t.Error("read-only typing map still submits")
	}
}
