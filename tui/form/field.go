package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"resold/tui/common"
)

// Kind says how a field is edited.
type Kind int

// The kinds of field.
const (
	// KindText is typed into (a bubbles textinput).
	KindText Kind = iota
	// KindChoice is one of a few options, picked with ← and →.
	KindChoice
)

// Option is one choice of a choice field.
type Option struct {
	// Value is what the field's Value returns, e.g. "FLEXIBLE".
	Value string
	// Label is what the user sees, e.g. "Flexible".
	Label string
	// Help explains the option under the field while it has focus.
	Help string
}

// Field is one input of a form. Build it with Text, Secret or Choice.
type Field struct {
	// Key names the field to the form's user, e.g. "seats".
	Key string
	// Label is shown on the left.
	Label string
	// Hint is shown under the field while it has focus.
	Hint string
	kind Kind

	input   common.Input
	options []Option
	choice  int
	// find is what was typed on a long choice field to find an option.
	find string

	err     string
	touched bool
	hidden  bool
}

// findable is a choice field long enough to search by typing (the
// product picker): it takes letters, while a short one leaves them to the
// screen's keys.
func (f Field) findable() bool { return f.kind == KindChoice && len(f.options) > findFrom }

// findFrom is the number of options above which a choice field finds as
// you type.
const findFrom = 8

// Text is a field typed into, holding value at first.
func Text(c common.Common, key, label, value, placeholder string, limit int) Field {
	in := c.NewInput("› ", placeholder, limit)
	in.PromptStyle = c.Styles.Muted
	in.SetValue(value)
	return Field{Key: key, Label: label, kind: KindText, input: in}
}

// Secret is a text field whose characters never show (a transfer token).
func Secret(c common.Common, key, label, value, placeholder string, limit int) Field {
	f := Text(c, key, label, value, placeholder, limit)
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '•'
	return f
}

// Choice is a field holding one of opts, selected at first (the first
// option when selected is not among them).
func Choice(key, label string, opts []Option, selected string) Field {
	f := Field{Key: key, Label: label, kind: KindChoice, options: opts}
	for i, o := range opts {
		if o.Value == selected {
			f.choice = i
		}
	}
	return f
}

// WithHint returns f with a hint shown under it while it has focus.
func (f Field) WithHint(h string) Field {
	f.Hint = h
	return f
}

// Value is the text typed, or the chosen option's value.
func (f Field) Value() string {
	if f.kind == KindChoice {
		if f.choice < len(f.options) {
			return f.options[f.choice].Value
		}
		return ""
	}
	return f.input.Value()
}

// Kind says how the field is edited.
func (f Field) Kind() Kind { return f.kind }

// focusable reports whether the field can take focus.
func (f Field) focusable() bool { return !f.hidden && (f.kind == KindText || len(f.options) > 0) }

// findKey types into a long choice field's search: the first option whose
// label holds what was typed (any case) is chosen; false when msg is no
// typing key.
func (f Field) findKey(msg tea.KeyMsg) (Field, bool) {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		f.find += string(msg.Runes)
	case tea.KeyBackspace:
		r := []rune(f.find)
		if len(r) == 0 {
			return f, true
		}
		f.find = string(r[:len(r)-1])
	default:
		return f, false
	}
	if i := f.match(); i >= 0 {
		f.choice, f.touched = i, true
	}
	return f, true
}

// match is the first option whose label or value holds find, or -1.
func (f Field) match() int {
	q := strings.ToLower(f.find)
	if q == "" {
		return -1
	}
	for i, o := range f.options {
		if strings.Contains(strings.ToLower(o.Label), q) || strings.Contains(strings.ToLower(o.Value), q) {
			return i
		}
	}
	return -1
}
