package subscriptions

import "resold/tui/common"

// View implements common.Screen: one line for the title or the filter,
// then the table.
func (m Model) View() string {
	return m.topLine() + "\n" + m.table.View()
}

func (m Model) topLine() string {
	st := m.c.Styles
	w := m.c.Width
	if m.filter.Focused() || m.table.Filter() != "" {
		// The footer says how many loaded rows match.
		return common.Fit(m.filter.View(), w)
	}
	title := m.title
	var note string
	switch {
	case m.pages == 0 && m.calls[loadingPage].Pending():
		note = "loading…"
	case m.pages == 0:
		note = "nothing loaded"
	case m.table.Total() == 0:
		note = "none"
	case m.transferable() && m.c.Keys.Transferable.Transfer.Enabled():
		note = m.c.Keys.Transferable.Transfer.Help().Key + " orders the selected one's transfer to you"
	}
	return common.Spread(st.ScreenTitle.Render(title), st.Muted.Render(note), w)
}
