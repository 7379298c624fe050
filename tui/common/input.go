package common

import (
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Input is every text input of the app: a bubbles text input whose Update
// deletes the word after the cursor itself. bubbles v1.0.0 (the newest v1)
// panics on that key (alt+d, alt+delete) with the cursor on the last rune
// and deletes an extra word with it on the last rune of a word
// (charmbracelet/bubbles#1056); a fast esc then d arrives as alt+d, so
// anyone can press it.
type Input struct {
	textinput.Model
}

// NewInput is a text input drawn with the theme's styles (so NO_COLOR and
// --light reach it too) and a cursor that does not blink: a blinking cursor
// is a ticker running while the user reads.
func (c Common) NewInput(prompt, placeholder string, limit int) Input {
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
	return Input{in}
}

// Update is textinput's, except for the delete-word-forward keys, which
// never reach bubbles.
func (in Input) Update(msg tea.Msg) (Input, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && in.Focused() && key.Matches(k, in.KeyMap.DeleteWordForward) {
		in.deleteWordForward()
		return in, nil
	}
	var cmd tea.Cmd
	in.Model, cmd = in.Model.Update(msg)
	return in, cmd
}

// deleteWordForward deletes from the cursor to the end of the word under
// or after it (spaces before that word included), as readline's alt+d
// does; the cursor stays. In a masked input everything after the cursor
// goes, so that word breaks the mask hides are not revealed.
func (in *Input) deleteWordForward() {
	value := []rune(in.Value())
	pos := in.Position()
	if pos >= len(value) {
		return
	}
	end := len(value)
	if in.EchoMode == textinput.EchoNormal {
		end = pos
		for end < len(value) && unicode.IsSpace(value[end]) {
			end++
		}
		for end < len(value) && !unicode.IsSpace(value[end]) {
			end++
		}
	}
	in.SetValue(string(value[:pos]) + string(value[end:]))
	in.SetCursor(pos)
}
