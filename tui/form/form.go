package form

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"resold/tui/common"
)

// Model is a form. It is a value; its methods return the changed copy.
type Model struct {
	c      common.Common
	fields []Field
	// focus is the focused field, -1 when none is (after a refused
	// submit, so the keys of the next step work).
	focus int
	// last is the field focused before the form was blurred.
	last int
	// revealed shows every field's error, touched or not: the user
	// submitted.
	revealed bool
}

// New returns a form of fields with the first focusable one focused.
func New(c common.Common, fields ...Field) Model {
	m := Model{c: c, fields: fields, focus: -1}
	for i, f := range fields {
		if f.focusable() {
			return m.focusAt(i)
		}
	}
	return m
}

// SetWidth sets the width the form draws in.
func (m Model) SetWidth(w int) Model {
	m.c.Width = w
	return m
}

// Len is the number of fields, hidden ones included.
func (m Model) Len() int { return len(m.fields) }

// Empty reports whether no field can take focus: a change with nothing to
// choose, such as activate.
func (m Model) Empty() bool {
	return !slices.ContainsFunc(m.fields, Field.focusable)
}

func (m Model) index(key string) int {
	return slices.IndexFunc(m.fields, func(f Field) bool { return f.Key == key })
}

// Field returns the field named key.
func (m Model) Field(key string) (Field, bool) {
	if i := m.index(key); i >= 0 {
		return m.fields[i], true
	}
	return Field{}, false
}

// Value is the value of field key; "" for a hidden or unknown field.
func (m Model) Value(key string) string {
	if i := m.index(key); i >= 0 && !m.fields[i].hidden {
		return m.fields[i].Value()
	}
	return ""
}

// Label returns the option label of choice field key, or its text.
func (m Model) Label(key string) string {
	i := m.index(key)
	if i < 0 {
		return ""
	}
	f := m.fields[i]
	if f.kind == KindChoice && f.choice < len(f.options) {
		return f.options[f.choice].Label
	}
	return f.input.Value()
}

// Values returns every visible field's value by key.
func (m Model) Values() map[string]string {
	out := make(map[string]string, len(m.fields))
	for _, f := range m.fields {
		if !f.hidden {
			out[f.Key] = f.Value()
		}
	}
	return out
}

// SetOptions replaces the options of choice field key, keeping the choice
// when it is still offered.
func (m Model) SetOptions(key string, opts []Option) Model {
	i := m.index(key)
	if i < 0 {
		return m
	}
	m.fields = slices.Clone(m.fields)
	f := &m.fields[i]
	keep := f.Value()
	f.options, f.choice = opts, 0
	for j, o := range opts {
		if o.Value == keep {
			f.choice = j
		}
	}
	return m
}

// Relabel takes the labels, hints and options of fields (a form built
// again for a changed subscription) and keeps what was typed and chosen.
func (m Model) Relabel(fields ...Field) Model {
	m.fields = slices.Clone(m.fields)
	for _, nf := range fields {
		i := m.index(nf.Key)
		if i < 0 {
			continue
		}
		f := &m.fields[i]
		f.Label, f.Hint = nf.Label, nf.Hint
		if f.kind == KindChoice {
			keep := f.Value()
			f.options, f.choice = nf.options, 0
			for j, o := range nf.options {
				if o.Value == keep {
					f.choice = j
				}
			}
		}
	}
	return m
}

// SetHidden hides or shows field key; a hidden field has no value and
// takes no focus.
func (m Model) SetHidden(key string, hidden bool) Model {
	i := m.index(key)
	if i < 0 || m.fields[i].hidden == hidden {
		return m
	}
	m.fields = slices.Clone(m.fields)
	m.fields[i].hidden = hidden
	if hidden && m.focus == i {
		m = m.move(1)
	}
	return m
}

// SetErrors sets each field's inline error; fields not in errs have none.
func (m Model) SetErrors(errs map[string]string) Model {
	m.fields = slices.Clone(m.fields)
	for i := range m.fields {
		m.fields[i].err = errs[m.fields[i].Key]
	}
	return m
}

// Error is field key's current error, shown or not.
func (m Model) Error(key string) string {
	if i := m.index(key); i >= 0 {
		return m.fields[i].err
	}
	return ""
}

// Reveal shows every field's error, touched or not: the user submitted.
func (m Model) Reveal() Model {
	m.revealed = true
	return m
}

// FirstError returns the key of the first visible field with an error.
func (m Model) FirstError() (string, bool) {
	for _, f := range m.fields {
		if !f.hidden && f.err != "" {
			return f.Key, true
		}
	}
	return "", false
}

// Typing reports whether a text field has focus: it gets every key but the
// text-input-safe ones.
func (m Model) Typing() bool {
	return m.focus >= 0 && (m.fields[m.focus].kind == KindText || m.fields[m.focus].findable())
}

// ClearFind clears what was typed to find an option on the focused field;
// false when nothing was (esc then goes on to close the form).
func (m Model) ClearFind() (Model, bool) {
	if m.focus < 0 || m.fields[m.focus].find == "" {
		return m, false
	}
	m.fields = slices.Clone(m.fields)
	m.fields[m.focus].find = ""
	return m, true
}

// Focused returns the key of the focused field.
func (m Model) Focused() (string, bool) {
	if m.focus < 0 {
		return "", false
	}
	return m.fields[m.focus].Key, true
}

// Focus moves the focus to field key.
func (m Model) Focus(key string) (Model, tea.Cmd) {
	i := m.index(key)
	if i < 0 || !m.fields[i].focusable() {
		return m, nil
	}
	m = m.focusAt(i)
	return m, nil
}

// Blur takes the focus away from every field, so keys act as commands.
func (m Model) Blur() Model {
	if m.focus < 0 {
		return m
	}
	m.fields = slices.Clone(m.fields)
	m.fields[m.focus].input.Blur()
	m.fields[m.focus].touched = true
	m.last, m.focus = m.focus, -1
	return m
}

// Refocus gives the focus back to the field that had it before Blur.
func (m Model) Refocus() Model {
	if m.focus >= 0 || m.last < 0 || m.last >= len(m.fields) || !m.fields[m.last].focusable() {
		return m
	}
	return m.focusAt(m.last)
}

func (m Model) focusAt(i int) Model {
	m.fields = slices.Clone(m.fields)
	if m.focus >= 0 && m.focus < len(m.fields) {
		m.fields[m.focus].input.Blur()
		m.fields[m.focus].touched = true
	}
	m.focus, m.last = i, i
	if m.fields[i].kind == KindText {
		m.fields[i].input.Focus()
		m.fields[i].input.CursorEnd()
	}
	return m
}

// move focuses the next (+1) or previous (-1) focusable field, wrapping.
func (m Model) move(dir int) Model {
	n := len(m.fields)
	start := m.focus
	if start < 0 {
		start = m.last
		if dir < 0 {
			start++
		} else {
			start--
		}
	}
	for step := 1; step <= n; step++ {
		i := ((start+dir*step)%n + n) % n
		if m.fields[i].focusable() {
			return m.focusAt(i)
		}
	}
	return m
}

// Update handles a key: field navigation, choosing, typing. changed
// reports that a value changed, so the caller validates again.
func (m Model) Update(msg tea.KeyMsg) (_ Model, cmd tea.Cmd, changed bool) {
	k := m.c.KeysFor(m.Typing()).Edit
	switch {
	case common.Matches(msg, k.NextField):
		return m.move(1), nil, false
	case common.Matches(msg, k.PrevField):
		return m.move(-1), nil, false
	}
	if m.focus < 0 {
		return m, nil, false
	}
	m.fields = slices.Clone(m.fields)
	f := &m.fields[m.focus]
	if f.kind == KindChoice {
		n := len(f.options)
		// ← and → pick even while a long list takes letters.
		k := m.c.Keys.Edit
		if f.findable() {
			if next, ok := f.findKey(msg); ok {
				changed := next.choice != f.choice
				*f = next
				return m, nil, changed
			}
		}
		switch {
		case n == 0:
		case common.Matches(msg, k.NextOption):
			f.choice = (f.choice + 1) % n
			f.touched = true
			return m, nil, true
		case common.Matches(msg, k.PrevOption):
			f.choice = (f.choice - 1 + n) % n
			f.touched = true
			return m, nil, true
		}
		return m, nil, false
	}
	before := f.input.Value()
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		f.touched = true
		return m, cmd, true
	}
	return m, cmd, false
}
