package tui

import "testing"

func TestTrimLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a  \nb\n  \n", "a\nb\n\n"},
		{"styled \x1b[0m  ", "styled \x1b[0m"},
		{"\x1b[7m  \x1b[0m", "\x1b[7m  \x1b[0m"}, // a styled blank keeps its spaces
		{"no newline   ", "no newline"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := trimLines(tt.in); got != tt.want {
			t.Errorf("trimLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
