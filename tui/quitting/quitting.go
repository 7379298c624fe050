// Package quitting is the dialog a quit opens while a change is being
// sent: wait for its answer (the default), or quit anyway. Quitting anyway
// does not cut the change off: the process still waits a bounded time for
// its answer and records it, and an answer that never comes leaves the
// change's intent in the audit log for the next start to check.
package quitting

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"resold/internal/inflight"
	"resold/keymap"
	"resold/tui/common"
)

// QuitMsg asks the root to quit now, the change still on its way.
type QuitMsg struct{}

// Model is the dialog.
type Model struct {
	c common.Common
	// what names the change being sent ("seat cap 20 → 28 on
	// flex.example").
	what   string
	notice string
	done   bool
}

// New opens the dialog about the change named what.
func New(c common.Common, what string) Model { return Model{c: c, what: what} }

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenQuitting }

// Title implements common.Screen.
func (m Model) Title() string { return "quit?" }

// Info implements common.Screen.
func (m Model) Info() string { return "sending…" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m
}

// Finished implements common.Finisher: the user chose to wait.
func (m Model) Finished() bool { return m.done }

// Update implements common.Screen. Only y quits; enter, n and esc wait,
// and a second q or ctrl+c only points at y, so a hurried double press
// does not skip what the dialog says.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	keys := m.c.Keys.Quitting
	switch {
	case common.Matches(k, keys.Anyway):
		return m, func() tea.Msg { return QuitMsg{} }
	case common.Matches(k, keys.Wait):
		m.done = true
	case common.Matches(k, m.c.Keys.Global.Quit):
		m.notice = m.keysLine()
	}
	return m, nil
}

func (m Model) keysLine() string {
	keys := m.c.Keys.Quitting
	return keys.Anyway.Help().Key + " quits anyway · " + keys.Wait.Help().Key + " waits"
}

// View implements common.Screen: the dialog in the middle of the body,
// "Wait for its answer" first and focused.
func (m Model) View() string {
	st := m.c.Styles
	w, h := m.c.Width, m.c.Height
	inner := max(20, min(72, w-8))
	var lines []string
	add := func(s string) {
		for _, l := range strings.Split(ansi.Wrap(s, inner, ""), "\n") {
			lines = append(lines, common.Fit(l, inner))
		}
	}
	add(st.DialogTitle.Render("A change is being sent"))
	add(m.what)
	add("")
	add(st.Muted.Render("Quitting now does not stop it: resold waits up to " + inflight.Grace.String() +
		" for its answer and records it in the audit log; if none comes, the next start checks what became of it."))
	add("")
	add(st.ButtonFocused.Render("Wait for its answer") + "  " + st.Button.Render("Quit anyway"))
	if m.notice != "" {
		add(st.Warning.Render(m.notice))
	} else {
		add(st.Muted.Render(m.keysLine()))
	}
	if frame := st.DialogBox.GetVerticalFrameSize(); len(lines)+frame > h {
		lines = slices.DeleteFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "" })
	}
	box := st.DialogBox.Render(strings.Join(lines, "\n"))
	return common.FitBlock(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box), w, h)
}
