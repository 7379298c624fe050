package common

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
)

// NewInput is a text input drawn with the theme's styles (so NO_COLOR and
// --light reach it too) and a cursor that does not blink: a blinking cursor
// is a ticker running while the user reads.
func (c Common) NewInput(prompt, placeholder string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.PromptStyle = c.Styles.FormLabel
	in.TextStyle = c.Styles.FormInput
	in.PlaceholderStyle = c.Styles.Muted
	// The cursor too: its default style would use the process-wide
	// renderer, which an SSH session does not own.
	in.Cursor.Style, in.Cursor.TextStyle = c.Styles.FormInput, c.Styles.FormInput
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}
