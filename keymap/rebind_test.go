package keymap

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

func TestRebind(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string][]string
		check     func(t *testing.T, k KeyMap)
	}{
		{
			name:      "bare action applies to every screen that has it",
			overrides: map[string][]string{"copy": {"c"}},
			check: func(t *testing.T, k KeyMap) {
				for _, b := range []Binding{k.Search.Copy, k.Customer.Copy, k.Subscriptions.Copy, k.Subscription.Copy} {
					if !key.Matches(keyMsg(t, "c"), b.Binding) || key.Matches(keyMsg(t, "y"), b.Binding) {
						t.Errorf("copy keys = %v, want [c]", b.Keys())
					}
				}
			},
		},
		{
			name:      "screen.action changes one screen only",
			overrides: map[string][]string{"subscriptions.seats": {"S"}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.Subscriptions.Seats.Keys(); !slices.Equal(got, []string{"S"}) {
					t.Errorf("subscriptions.seats = %v", got)
				}
				if got := k.Subscription.Seats.Keys(); !slices.Equal(got, []string{"s"}) {
					t.Errorf("subscription.seats = %v, want untouched [s]", got)
				}
			},
		},
		{
			name:      "screen.action wins over the bare action",
			overrides: map[string][]string{"seats": {"c"}, "subscription.seats": {"C"}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.Subscriptions.Seats.Keys(); !slices.Equal(got, []string{"c"}) {
					t.Errorf("subscriptions.seats = %v, want [c]", got)
				}
				if got := k.Subscription.Seats.Keys(); !slices.Equal(got, []string{"C"}) {
					t.Errorf("subscription.seats = %v, want [C]", got)
				}
			},
		},
		{
			name:      "global is addressable as a screen",
			overrides: map[string][]string{"global.quit": {"ctrl+q"}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.Global.Quit.Keys(); !slices.Equal(got, []string{"ctrl+q"}) {
					t.Errorf("quit = %v", got)
				}
			},
		},
		{
			name:      "help label follows the new keys",
			overrides: map[string][]string{"down": {"down", "ctrl+n", "f2"}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.Log.Down.Help(); got.Key != "↓/ctrl+n/f2" || got.Desc != "down" {
					t.Errorf("help = %+v", got)
				}
			},
		},
		{
			name:      "aliases and duplicates are normalised",
			overrides: map[string][]string{"page_down": {"pgdn", "pgdown", "alt+space"}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.Log.PageDown.Keys(); !slices.Equal(got, []string{"pgdown", "alt+ "}) {
					t.Errorf("keys = %q", got)
				}
			},
		},
		{
			name:      "an empty list unbinds and hides the action",
			overrides: map[string][]string{"delete": {}},
			check: func(t *testing.T, k KeyMap) {
				if k.Subscriptions.Delete.Enabled() {
					t.Error("delete still enabled")
				}
				if slices.Contains(actions(k.Screen(ScreenSubscriptions)), ActionDelete) {
					t.Error("delete still listed")
				}
			},
		},
		{
			name:      "keys can be swapped in one go",
			overrides: map[string][]string{"suspend": {"s"}, "seats": {"x"}},
			check: func(t *testing.T, k KeyMap) {
				if !key.Matches(keyMsg(t, "s"), k.Subscription.Suspend.Binding) || !key.Matches(keyMsg(t, "x"), k.Subscription.Seats.Binding) {
					t.Error("swap not applied")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := Default()
			k, err := def.Rebind(tt.overrides)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, k)
			if !slices.Equal(def.Subscriptions.Seats.Keys(), []string{"s"}) || !slices.Equal(def.Search.Copy.Keys(), []string{"y"}) {
				t.Error("Rebind modified its receiver")
			}
		})
	}
}

func TestRebindErrors(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string][]string
		entry     string
		wants     []string
	}{
		{"unknown action", map[string][]string{"seat": {"s"}}, "seat", []string{`unknown action "seat"`}},
		{"unknown screen", map[string][]string{"subs.seats": {"s"}}, "subs.seats", []string{`unknown screen "subs"`}},
		{"screen without that action", map[string][]string{"search.seats": {"s"}}, "search.seats", []string{`screen "search" has no action "seats"`}},
		{"made-up key name", map[string][]string{"quit": {"ctrl+q", "escape"}}, "quit", []string{`"escape" is not a key name`}},
		{"two characters", map[string][]string{"quit": {"qq"}}, "quit", []string{`"qq" is not a key name`}},
		{"empty key", map[string][]string{"quit": {""}}, "quit", []string{`"" is not a key name`}},
		{"ctrl+m can never arrive (it is enter)", map[string][]string{"open": {"ctrl+m"}}, "open", []string{`"ctrl+m" is not a key name`}},
		{"control character", map[string][]string{"open": {"\x01"}}, "open", []string{"is not a key name"}},
		{
			"collision within a screen names both actions",
			map[string][]string{"subscriptions.seats": {"x"}},
			"subscriptions.seats",
			[]string{`"x"`, "subscriptions.seats", "subscriptions.suspend"},
		},
		{
			"collision with an inherited global",
			map[string][]string{"activate": {"q"}},
			"activate",
			[]string{`"q"`, "activate", "global.quit"},
		},
		{
			"a global moved onto a screen key",
			map[string][]string{"global.log": {"s"}},
			"global.log",
			[]string{`"s"`, "customer.seats", "global.log"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := Default()
			k, err := def.Rebind(tt.overrides)
			var re *RebindError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want *RebindError", err)
			}
			if re.Entry != tt.entry {
				t.Errorf("Entry = %q, want %q", re.Entry, tt.entry)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			if err := k.Validate(); err != nil || !slices.Equal(k.Subscriptions.Seats.Keys(), []string{"s"}) {
				t.Error("a failed Rebind must return the key map unchanged")
			}
		})
	}
}
