package safetext

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII unchanged", "acme-annual.example", "acme-annual.example"},
		{"accents kept", "Société Générale – Zürich", "Société Générale – Zürich"},
		{"CJK and emoji kept", "株式会社 🚀", "株式会社 🚀"},
		{"ESC colour sequence loses its ESC", "\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"OSC title set loses ESC and BEL", "\x1b]0;pwned\x07ok", "]0;pwnedok"},
		{"OSC 52 clipboard write defused", "\x1b]52;c;ZXZpbA==\x07x", "]52;c;ZXZpbA==x"},
		{"C1 CSI dropped", "a\u009b2Jb", "a2Jb"},
		{"NUL, BEL, backspace dropped", "a\x00b\x07c\x08d", "abcd"},
		{"DEL dropped", "ab\x7fc", "abc"},
		{"tab and newlines become spaces", "a\tb\nc\r\nd", "a b c  d"},
		{"Unicode line separators become spaces", "a\u2028b\u2029c\u0085d", "a b c d"},
		{"bidi override dropped", "user\u202egpj.exe", "usergpj.exe"},
		{"bidi isolates dropped", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"zero-width and BOM dropped", "a\u200bb\u200dc\ufeffd", "abcd"},
		{"zero-width inside a token prefix dropped", "ya\u200b29", "ya29"},
		{"soft hyphen dropped", "co\u00adop", "coop"},
		{"tag characters dropped", "x\U000E0041\U000E007Fy", "xy"},
		{"invalid UTF-8 replaced", "a\xffb", "a\ufffdb"},
		{"truncated sequence replaced", "a\xe2\x82", "a\ufffd\ufffd"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanASCIIDoesNotAllocate(t *testing.T) {
	s := "Google Workspace Business Standard"
	if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
		t.Errorf("Clean of printable ASCII allocated %v times, want 0", n)
	}
}

// FuzzClean checks what every caller relies on: the output is valid UTF-8,
// holds nothing a terminal would act on, and is a fixed point.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[2J\x1b[H", "\u202etxt.exe", "a\xffb", "\u0085\u2028\t\n",
		"\xe2\x80\xae", "\x9b31m", "\ufeff\u200d", "株式会社", "\U000E0001tag",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Clean(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q: not valid UTF-8", in, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.Is(unicode.Cf, r) ||
				r == 0x2028 || r == 0x2029 {
				t.Fatalf("Clean(%q) = %q: still holds %U", in, out, r)
			}
		}
		if again := Clean(out); again != out {
			t.Fatalf("Clean is not idempotent: %q → %q → %q", in, out, again)
		}
	})
}
