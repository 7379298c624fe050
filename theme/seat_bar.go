package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// SeatBar draws seat usage as a bar whose two characters differ in shape, so
// it reads without colour.
type SeatBar struct {
	// FilledChar draws used seats.
	FilledChar string
	// EmptyChar draws free seats.
	EmptyChar string
	// Filled styles the used part.
	Filled lipgloss.Style
	// Empty styles the free part.
	Empty lipgloss.Style
}

// Render draws used out of total seats in width cells. Any use shows at
// least one filled cell and a bar is only full when every seat is used, so
// "almost" never looks like "none" or "all". Used above total fills the bar.
func (b SeatBar) Render(used, total int64, width int) string {
	if width <= 0 {
		return ""
	}
	filled := 0
	switch {
	case total <= 0 || used <= 0:
	case used >= total:
		filled = width
	default:
		filled = int((used*int64(width) + total/2) / total)
		filled = max(filled, 1)
		filled = min(filled, width-1)
	}
	var out strings.Builder
	if filled > 0 {
		out.WriteString(b.Filled.Render(strings.Repeat(b.FilledChar, filled)))
	}
	if filled < width {
		out.WriteString(b.Empty.Render(strings.Repeat(b.EmptyChar, width-filled)))
	}
	return out.String()
}
