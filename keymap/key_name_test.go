package keymap

import "testing"

func TestNormalizeKey(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"letter", "s", "s", true},
		{"capital", "G", "G", true},
		{"punctuation", "?", "?", true},
		{"non-ASCII character", "é", "é", true},
		{"named", "enter", "enter", true},
		{"ctrl", "ctrl+r", "ctrl+r", true},
		{"function key", "f5", "f5", true},
		{"alt", "alt+x", "alt+x", true},
		{"alt named", "alt+enter", "alt+enter", true},
		{"space alias", "space", " ", true},
		{"bare space", " ", " ", true},
		{"pgdn alias", "pgdn", "pgdown", true},
		{"backspace", "backspace", "backspace", true},
		{"empty", "", "", false},
		{"word", "escape", "", false},
		{"wrong case", "Enter", "", false},
		{"runes is internal", "runes", "", false},
		{"ctrl+i is tab", "ctrl+i", "", false},
		{"double alt", "alt+alt+x", "", false},
		{"two letters", "ab", "", false},
		{"control character", "\t", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalizeKey(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("normalizeKey(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}
