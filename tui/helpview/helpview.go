package helpview

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"resold/keymap"
	"resold/tui/common"
)

// Model is the help overlay for one screen.
type Model struct {
	c      common.Common
	of     keymap.ScreenName
	groups [][]key.Binding
	vp     viewport.Model
}

// New shows the help of screen of.
func New(c common.Common, of keymap.ScreenName) Model {
	m := Model{c: c, of: of, groups: c.Keys.HelpMap(of).FullHelp(), vp: viewport.New(c.Width, c.Height)}
	return m.render()
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenHelp }

// Title implements common.Screen.
func (m Model) Title() string { return "help" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string { return "keys of the " + string(m.of) + " screen" }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.vp.Width, m.vp.Height = w, h
	return m.render()
}

// Update implements common.Screen: it only scrolls.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		m.vp, _ = common.Scroll(m.vp, msg, m.c.Keys.Help.NavKeys)
	}
	return m, nil
}

// render lays the key groups side by side when they fit, else one under
// the other.
func (m Model) render() Model {
	h := help.New()
	h.Styles = m.c.Styles.Help
	h.FullSeparator = "   "
	title := m.c.Styles.ScreenTitle.Render("Keys on the " + string(m.of) + " screen")
	body := h.FullHelpView(m.groups)
	if widest(body) > m.c.Width {
		var parts []string
		for _, g := range m.groups {
			parts = append(parts, h.FullHelpView([][]key.Binding{g}))
		}
		body = strings.Join(parts, "\n\n")
	}
	back := m.c.Keys.Global.Back.Help().Key
	rule := m.c.Styles.Muted.Render(ansi.Wrap(back+" steps back one level: it clears a filter, then leaves an input, then closes an "+
		"overlay or a form (a form with typed values asks for a second "+back+"), then goes to the previous screen.", max(10, m.c.Width), ""))
	m.vp.SetContent(title + "\n\n" + body + "\n\n" + rule)
	return m
}

func widest(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, common.Width(l))
	}
	return w
}

// View implements common.Screen.
func (m Model) View() string {
	return common.FitBlock(m.vp.View(), m.c.Width, m.c.Height)
}
