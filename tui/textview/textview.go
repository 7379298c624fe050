// Package textview shows one long text in full, wrapped to the screen and
// scrollable: the status pane's whole message, or one call of the log.
package textview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"resold/keymap"
	"resold/tui/common"
	"resold/tui/message"
)

// Model is the text screen.
type Model struct {
	c        common.Common
	title    string
	sections []message.Section
	vp       viewport.Model
}

// New shows sections under title; empty sections are left out.
func New(c common.Common, title string, sections []message.Section) Model {
	m := Model{c: c, title: title, sections: sections, vp: viewport.New(c.Width, c.Height)}
	return m.render()
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenMessage }

// Title implements common.Screen.
func (m Model) Title() string { return m.title }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen: how far down the text is.
func (m Model) Info() string {
	if m.vp.TotalLineCount() <= m.vp.Height {
		return ""
	}
	return fmt.Sprintf("%d%%", int(m.vp.ScrollPercent()*100+0.5))
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.vp.Width, m.vp.Height = w, h
	return m.render()
}

// Update implements common.Screen: it only scrolls.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		m.vp, _ = common.Scroll(m.vp, msg, m.c.Keys.Message.NavKeys)
	}
	return m, nil
}

// Text is the whole text as shown, unstyled, before wrapping.
func (m Model) Text() string {
	var parts []string
	for _, s := range m.sections {
		if s.Text == "" {
			continue
		}
		parts = append(parts, s.Label+"\n"+s.Text)
	}
	return strings.Join(parts, "\n\n")
}

// render wraps every section at word boundaries to the screen's width,
// the label on a line of its own so the text gets every column.
func (m Model) render() Model {
	st := m.c.Styles
	w := max(10, m.c.Width)
	var b strings.Builder
	for _, s := range m.sections {
		if s.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if s.Label != "" {
			b.WriteString(st.Subtle.Render(s.Label))
			b.WriteByte('\n')
		}
		b.WriteString(ansi.Wrap(s.Text, w, ""))
	}
	m.vp.SetContent(b.String())
	return m
}

// View implements common.Screen.
func (m Model) View() string { return m.vp.View() }
