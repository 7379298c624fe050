package common

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"resold/client"
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

// Wrap is the one word wrap: s broken at word boundaries into lines of at
// most w cells (a word longer than a line is broken too), escape-aware.
func Wrap(s string, w int) []string {
	w = max(w, 10)
	lines := strings.Split(ansi.Wrap(s, w, ""), "\n")
	for i, l := range lines {
		lines[i] = Truncate(l, w)
	}
	return lines
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

// AsOf says how old data shown from memory is: "as of 12 s ago".
func AsOf(age time.Duration) string {
	if age < time.Minute {
		return fmt.Sprintf("as of %d s ago", int(age.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("as of %d min ago", int(age/time.Minute))
}

// QuietAge is how old rows from the client's memory may be before a
// screen says how old they are: younger, they are as good as read just
// now, and a footer that counts seconds while someone types is noise.
const QuietAge = 5 * time.Second

// ReadSince is when the rows of p were read, by c's clock, when the client
// answered p from memory (p.Kept); zero when p was read for the call.
func (c Common) ReadSince(p client.Page) time.Time {
	if !p.Kept {
		return time.Time{}
	}
	return c.Now().Add(-p.Age)
}

// AsOfSince says how old rows read at t (ReadSince) are, once they are
// QuietAge old: "as of 12 s ago"; otherwise "".
func (c Common) AsOfSince(t time.Time) string {
	if t.IsZero() || c.Now().Sub(t) < QuietAge {
		return ""
	}
	return AsOf(c.Now().Sub(t))
}
