package edit

import (
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"resold/tui/common"
)

// View implements common.Screen: the form, or the dialog in its place.
func (m Model) View() string {
	if m.phase == editing {
		return m.formView()
	}
	return m.dialogView()
}

// formView is the title, the context, the fields and what to do next,
// scrolled so the focused field always shows.
func (m Model) formView() string {
	st := m.c.Styles
	w, h := m.c.Width, m.c.Height
	title := m.spec.title
	if m.spec.step != "" {
		title += " (" + m.spec.step + ")"
	}
	head := []string{st.ScreenTitle.Render(common.Truncate(title, w))}
	for _, l := range m.spec.intro {
		head = append(head, common.Wrap(st.Muted.Render(l), w)...)
	}
	head = append(head, "")
	body, at := m.form.Lines()
	var tail []string
	if len(m.results) > 0 {
		tail = append(tail, "")
		for _, r := range m.results {
			tail = append(tail, common.Truncate(r, w))
		}
	}
	if m.armed {
		tail = append(tail, "", common.Truncate(st.Warning.Render(m.c.Keys.Global.Back.Help().Key+" again discards what you typed"), w))
	} else if m.failure != nil {
		tail = append(tail, "")
		if !m.inline {
			tail = append(tail, common.Truncate(st.FormError.Render("Refused: "+m.failure.Title), w))
		}
		if b, ok := m.shortcut(); ok {
			// Keys as the footer shows them: the key, then what it does
			// (no status symbol, which read as a key of its own).
			tail = append(tail, common.Truncate(st.HelpKey.Render(b.Help().Key)+" "+st.Text.Render(m.shortcutWords())+
				st.HelpSeparator.Render(" · ")+st.HelpKey.Render(m.c.Keys.Edit.NextField.Help().Key)+" "+st.HelpDesc.Render("edits again"), w))
		}
	} else {
		tail = append(tail, "", st.Muted.Render(common.Truncate(m.c.Keys.Edit.Submit.Help().Key+" reviews the change before anything is sent · "+
			m.c.Keys.Global.Back.Help().Key+" cancels", w)))
	}
	// Scroll the fields, never the head or the tail, so the focused one
	// stays in view.
	room := max(1, h-len(head)-len(tail))
	if len(body) > room {
		from := 0
		if at >= room {
			from = at - room + 2
		}
		from = min(from, len(body)-room)
		body = body[from : from+room]
	}
	lines := append(append(head, body...), tail...)
	return common.FitBlock(strings.Join(lines, "\n"), w, h)
}

// dialogView is the confirm dialog: what changes, before → after, and the
// buttons, No first and focused.
func (m Model) dialogView() string {
	st := m.c.Styles
	w, h := m.c.Width, m.c.Height
	inner := max(20, min(72, w-8))
	var lines []string
	add := func(s string) { lines = append(lines, common.Fit(s, inner)) }
	addWrapped := func(s string) {
		for _, l := range common.Wrap(s, inner) {
			add(l)
		}
	}
	q := m.spec.question
	if m.spec.step != "" {
		q += " (" + m.spec.step + ")"
	}
	addWrapped(st.DialogTitle.Render(q))
	if m.spec.about != "" {
		addWrapped(st.Muted.Render(m.spec.about))
	}
	add("")
	changes := m.spec.changes(m.form)
	lw := 0
	for _, c := range changes {
		lw = max(lw, common.Width(c.label))
	}
	lw = min(lw, inner/2)
	for _, c := range changes {
		row := st.Subtle.Render(common.Fit(c.label, lw)) + "  "
		if c.before == "" {
			row += c.after
		} else {
			row += orDash(c.before) + "  →  " + st.DialogTitle.Render(orDash(c.after))
		}
		add(common.Truncate(row, inner))
	}
	if m.spec.warning != "" {
		add("")
		addWrapped(st.Warning.Render(m.spec.warning))
	}
	keys := m.c.Keys.Confirm
	switch {
	case m.phase == applying:
		add("")
		add(st.Muted.Render("Sending… the status pane shows progress."))
		if m.notice != "" {
			addWrapped(st.Warning.Render(m.notice))
		}
	default:
		if m.spec.confirmDomain != "" {
			add("")
			addWrapped("Type " + st.DialogTitle.Render(m.spec.confirmDomain) + " to confirm, then enter:")
			add(m.domain.View())
			if m.matched {
				add(st.Success.Render("matches"))
			}
		}
		add("")
		// The default is marked in the text too, so it shows where the
		// terminal draws neither colour nor reverse video (TERM=dumb).
		no := st.ButtonFocused.UnsetPadding().Render("[ No ]")
		yes := st.Button.UnsetPadding().Render("  Yes  ")
		add(no + "  " + yes)
		if m.notice != "" {
			addWrapped(st.Warning.Render(m.notice))
		} else {
			add(st.Muted.Render(common.Truncate(keys.Yes.Help().Key+" applies · "+keys.No.Help().Key+" goes back · enter is not yes", inner)))
		}
	}
	// A short body (a tall status pane, a small terminal) loses the blank
	// lines first, so the buttons and keys always show.
	if frame := st.DialogBox.GetVerticalFrameSize(); len(lines)+frame > h {
		lines = slices.DeleteFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "" })
	}
	box := st.DialogBox.Render(strings.Join(lines, "\n"))
	return common.FitBlock(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box), w, h)
}
