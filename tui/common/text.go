package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Width is the one display-width function: cells, not bytes or runes, and
// blind to escape sequences. Plain printable ASCII, most of a table, is
// one cell per byte and skips the grapheme walk.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// Truncate is the one truncation: it cuts s to at most w cells, ending in an
// ellipsis when it had to cut, without splitting a grapheme or an escape
// sequence.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Fit returns s truncated and padded with spaces to exactly w cells.
func Fit(s string, w int) string {
	s = Truncate(s, w)
	if pad := w - Width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// FitRight is Fit with the padding on the left, for numbers.
func FitRight(s string, w int) string {
	s = Truncate(s, w)
	if pad := w - Width(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// FitBlock makes s exactly h lines of exactly w cells each, cutting or
// padding as needed.
func FitBlock(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	b.Grow((w + 1) * h)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(Fit(line, w))
	}
	return b.String()
}

// Spread puts left and right on one line of exactly w cells, right-aligned
// right; left is cut first when both do not fit.
func Spread(left, right string, w int) string {
	rw := Width(right)
	if rw >= w {
		return Fit(right, w)
	}
	return Fit(left, w-rw-1) + " " + right
}
