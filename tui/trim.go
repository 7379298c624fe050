package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// trimmed is the root model as the program runs it: each line of its view
// without the plain spaces that pad it to the width. Bubble Tea's renderer
// ends a line narrower than the terminal with erase-to-end-of-line, three
// bytes for what was as many spaces as the padding. Lines stay padded in
// Model.View, which the layout tests hold to the exact size.
type trimmed struct{ Model }

// Update implements tea.Model.
func (t trimmed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := t.Model.Update(msg)
	return trimmed{m.(Model)}, cmd
}

// View implements tea.Model.
func (t trimmed) View() string { return trimLines(t.Model.View()) }

// trimLines drops the spaces at the end of every line.
func trimLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		nl := strings.HasSuffix(line, "\n")
		b.WriteString(strings.TrimRight(line, " \n"))
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
