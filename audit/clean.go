package audit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field length caps: the log records what changed, not payloads, and a
// runaway message must not bloat every line.
const (
	maxShort   = 256
	maxMessage = 1024
)

// clean makes s safe to write and later print on a terminal, then caps it
// at limit bytes (see sanitize and capBytes).
func clean(s string, limit int) string { return capBytes(sanitize(s), limit) }

// sanitize drops C0 and C1 controls (ESC included), DEL and Unicode format
// characters (bidi overrides, zero-width characters), and turns tabs,
// newlines and line separators into spaces and invalid UTF-8 into U+FFFD.
// A local copy of client.Sanitize, since audit must not import client.
func sanitize(s string) string {
	if isCleanASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isSpaceLike(r):
			b.WriteByte(' ')
		case isUnsafe(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// capBytes cuts s to at most limit bytes on a rune boundary, marking the
// cut with "…".
func capBytes(s string, limit int) string {
	const tail = "…"
	if len(s) <= limit {
		return s
	}
	n := max(limit-len(tail), 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + tail
}

// isCleanASCII reports whether s is printable ASCII only, the common case
// that needs no copy.
func isCleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f {
			return false
		}
	}
	return true
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
