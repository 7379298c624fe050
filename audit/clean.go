package audit

import (
	"unicode/utf8"

	"resold/internal/safetext"
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

// sanitize drops controls, escapes and format characters (see
// safetext.Clean), the same cleaning the client applies to API text.
func sanitize(s string) string { return safetext.Clean(s) }

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
