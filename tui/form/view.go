package form

import (
	"strconv"
	"strings"

	"resold/tui/common"
)

// maxLabel caps the label column so the inputs keep room on 80 columns.
const maxLabel = 26

// labelWidth is the widest visible label, capped.
func (m Model) labelWidth() int {
	w := 0
	for _, f := range m.fields {
		if !f.hidden {
			w = max(w, common.Width(f.Label))
		}
	}
	return min(w, maxLabel)
}

// Lines renders the form, one entry per line, each at most the width. at
// is the index of the focused field's line, for a caller that scrolls.
func (m Model) Lines() (lines []string, at int) {
	st := m.c.Styles
	w := m.c.Width
	lw := m.labelWidth()
	indent := strings.Repeat(" ", lw+3)
	inputW := max(10, w-lw-4)
	at = -1
	for i, f := range m.fields {
		if f.hidden {
			continue
		}
		focused := i == m.focus
		mark := "  "
		label := st.FormLabel.Render(common.Fit(f.Label, lw))
		if focused {
			mark = st.FormInputFocused.Render("▸") + " "
			label = st.FormInputFocused.Render(common.Fit(f.Label, lw))
			at = len(lines)
		}
		lines = append(lines, common.Truncate(mark+label+" "+m.valueView(f, focused, inputW), w))
		if f.err != "" && (f.touched || m.revealed) {
			for j, l := range common.Wrap(f.err, max(10, w-len(indent)-2)) {
				// Only the first line carries the ✗.
				if j == 0 {
					l = st.FormError.Render(l)
				} else {
					l = st.FormError.Style.Render("  " + l)
				}
				lines = append(lines, common.Truncate(indent+l, w))
			}
		}
		if focused {
			if h := m.hint(f); h != "" {
				for _, l := range common.Wrap(h, max(10, w-len(indent))) {
					lines = append(lines, st.Muted.Render(common.Truncate(indent+l, w)))
				}
			}
		}
	}
	return lines, at
}

// valueView draws a field's value: the text input, or the choice between
// arrows with its position.
func (m Model) valueView(f Field, focused bool, w int) string {
	st := m.c.Styles
	if f.kind == KindText {
		in := f.input
		in.Width = w - 3
		return in.View()
	}
	if len(f.options) == 0 {
		return st.Muted.Render("—")
	}
	label := common.Truncate(f.options[f.choice].Label, max(1, w-12))
	if len(f.options) == 1 {
		return st.FormInput.Render(label)
	}
	if !focused {
		return st.FormInput.Render("‹ " + label + " ›")
	}
	pos := " " + strconv.Itoa(f.choice+1) + "/" + strconv.Itoa(len(f.options))
	switch {
	case f.findable() && f.find != "" && f.match() < 0:
		pos += " · no match for “" + f.find + "”"
	case f.findable() && f.find != "":
		pos += " · find “" + f.find + "”"
	case f.findable():
		pos += " · type to find"
	}
	return "‹ " + st.FormInputFocused.Render(label) + " ›" + st.Muted.Render(pos)
}

// hint is what shows under the focused field: the chosen option's help,
// then the field's own hint.
func (m Model) hint(f Field) string {
	var parts []string
	if f.kind == KindChoice && f.choice < len(f.options) && f.options[f.choice].Help != "" {
		parts = append(parts, f.options[f.choice].Help)
	}
	if f.Hint != "" {
		parts = append(parts, f.Hint)
	}
	return strings.Join(parts, " ")
}
