package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean drops C0 and C1 control characters (ESC included), DEL, and Unicode
// format characters (category Cf: bidi overrides and isolates, zero-width
// joiners, the BOM, tag characters); it turns tabs, newlines and the Unicode
// line and paragraph separators into spaces, and invalid UTF-8 into U+FFFD.
// Cleaning twice changes nothing.
func Clean(s string) string {
	// Fast path: most text is printable ASCII and is returned as is,
	// without allocating.
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f {
			return cleanSlow(s)
		}
	}
	return s
}

func cleanSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isSpaceLike(r):
			b.WriteByte(' ')
		case isUnsafe(r):
			// dropped
		default:
			// range yields utf8.RuneError for invalid bytes; writing it
			// gives U+FFFD, so the output is always valid UTF-8.
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isSpaceLike reports the line-breaking and tabbing runes that become a
// plain space, so words they separated stay apart.
func isSpaceLike(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isUnsafe reports the runes that could move the cursor, recolour the
// terminal or reorder text: controls, DEL and format characters.
func isUnsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r < utf8.RuneSelf:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}
