package profiles

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
	"resold/tui/common"
	"resold/tui/message"
)

// Model is the profile list.
type Model struct {
	c      common.Common
	cursor int
	// busy is set when the root said a change is being sent: the list
	// asks before switching to the profile named.
	busy, busyName string
	done           bool
}

// New lists c.Profiles, the active one selected.
func New(c common.Common) Model {
	m := Model{c: c}
	for i, p := range c.Profiles {
		if p.Name == c.Profile {
			m.cursor = i
		}
	}
	return m
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenProfiles }

// Title implements common.Screen.
func (m Model) Title() string { return "profiles" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string { return fmt.Sprintf("%d profiles", len(m.c.Profiles)) }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m
}

// Finished implements common.Finisher: the question was answered no.
func (m Model) Finished() bool { return m.done }

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case message.ProfileBusy:
		m.busy, m.busyName = msg.What, msg.Name
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	if m.busy != "" {
		switch {
		case common.Matches(msg, k.Confirm.Yes):
			name := m.busyName
			m.busy = ""
			return m, message.Send(message.SwitchProfile{Name: name, Anyway: true})
		case common.Matches(msg, k.Confirm.No):
			m.busy = ""
		}
		return m, nil
	}
	if mv, ok := common.Nav(msg, k.Profiles.NavKeys, max(1, m.c.Height-3)); ok {
		n := len(m.c.Profiles)
		switch {
		case mv.Top:
			m.cursor = 0
		case mv.Bottom:
			m.cursor = n - 1
		default:
			m.cursor += mv.Delta
		}
		m.cursor = max(0, min(m.cursor, n-1))
		return m, nil
	}
	if common.Matches(msg, k.Profiles.Switch) && m.cursor < len(m.c.Profiles) {
		p := m.c.Profiles[m.cursor]
		if p.Name == m.c.Profile {
			m.done = true
			return m, message.Send(message.Notice{Text: "Already on profile " + p.Name + "."})
		}
		return m, message.Send(message.SwitchProfile{Name: p.Name})
	}
	return m, nil
}

// View implements common.Screen.
func (m Model) View() string {
	st := m.c.Styles
	w := m.c.Width
	lines := []string{st.ScreenTitle.Render(common.Truncate("Profiles of the config file", w))}
	if m.busy != "" {
		k := m.c.Keys.Confirm
		lines = append(lines, st.Warning.Render(common.Truncate("A change is being sent ("+m.busy+"). Switch to "+m.busyName+" anyway?", w)),
			st.Muted.Render(common.Truncate(k.Yes.Help().Key+" switches (the change's answer is still recorded) · "+k.No.Help().Key+" stays", w)))
	} else {
		lines = append(lines, st.Muted.Render(common.Truncate(m.c.Keys.Profiles.Switch.Help().Key+" switches: a fresh connection, back to the search", w)))
	}
	lines = append(lines, "")
	nameW := 4
	for _, p := range m.c.Profiles {
		nameW = max(nameW, common.Width(p.Name))
	}
	for i, p := range m.c.Profiles {
		var extra []string
		if p.Label != "" {
			extra = append(extra, p.Label)
		}
		if p.ReadOnly {
			extra = append(extra, "read-only")
		}
		if p.Name == m.c.Profile {
			extra = append(extra, "active")
		}
		mark := "  "
		if i == m.cursor {
			mark = "▶ "
		}
		line := common.Fit(mark+common.Fit(p.Name, nameW)+"  "+strings.Join(extra, " · "), w)
		if i == m.cursor {
			line = st.TableSelectedLine.Render(line)
		}
		lines = append(lines, line)
	}
	return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
}
