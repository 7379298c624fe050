package theme

import "github.com/charmbracelet/lipgloss"

// Status is the style of one kind of status line. Its symbol makes the kind
// readable without colour.
type Status struct {
	// Symbol is shown before the message, e.g. "✗".
	Symbol string
	// Style colours the whole line.
	Style lipgloss.Style
}

// Render returns msg as a status line: symbol, space, message.
func (s Status) Render(msg string) string {
	return s.Style.Render(s.Symbol + " " + msg)
}
