package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII kept", "Invalid value for seats", "Invalid value for seats"},
		{"CSI colour loses its ESC", "\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"OSC title set loses ESC and BEL", "\x1b]0;pwned\x07ok", "]0;pwnedok"},
		{"C1 CSI dropped", "a\u009b2Jb", "a2Jb"},
		{"DEL dropped", "a\x7fb", "ab"},
		{"bidi override dropped", "abc\u202edcba", "abcdcba"},
		{"zero-width space dropped", "ya\u200b29", "ya29"},
		{"newlines and tabs become spaces", "line1\nline2\tx\r\n", "line1 line2 x  "},
		{"line separator becomes space", "a\u2028b", "a b"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\uFFFDb"},
		{"non-ASCII text kept", "Zürich 東京", "Zürich 東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize(tt.in); got != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCapBytes(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"short kept", "abc", 5, "abc"},
		{"exact kept", "abcde", 5, "abcde"},
		{"long cut with ellipsis", "abcdefgh", 6, "abc…"},
		{"cut on a rune boundary", "ééééé", 7, "éé…"},
		{"tiny limit still marks the cut", "abcdef", 2, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capBytes(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("capBytes(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("capBytes(%q, %d) = %q is not valid UTF-8", tt.in, tt.limit, got)
			}
		})
	}
}

// FuzzSanitize checks the properties the log relies on: output is valid
// UTF-8, holds nothing a terminal would act on, and is a fixed point.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", "\u009b", "a\u202eb", "\xff\xfe", "x\ny"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := sanitize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("sanitize(%q) = %q: invalid UTF-8", s, got)
		}
		if i := strings.IndexFunc(got, func(r rune) bool { return isUnsafe(r) || isSpaceLike(r) && r != ' ' }); i >= 0 {
			t.Fatalf("sanitize(%q) = %q keeps an unsafe rune at %d", s, got, i)
		}
		if again := sanitize(got); again != got {
			t.Fatalf("sanitize is not idempotent: %q then %q", got, again)
		}
	})
}
