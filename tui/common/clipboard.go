package common

import (
	"io"
	"resold/tui/call"
	"resold/tui/message"
	"strings"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
)

// Clipboard puts text where the user can paste it.
type Clipboard func(text string) error

// SystemClipboard copies with OSC 52 written to term when the session is
// over SSH (the user's clipboard is on the other machine); otherwise with
// the local clipboard tool, falling back to OSC 52 when there is none.
// term is not the renderer's output, so the sequence never splits a frame.
func SystemClipboard(term io.Writer, getenv func(string) string) Clipboard {
	return func(text string) error {
		if getenv("SSH_TTY") == "" && getenv("SSH_CONNECTION") == "" {
			if err := clipboard.WriteAll(text); err == nil {
				return nil
			}
		}
		seq := osc52.New(text)
		switch {
		case getenv("TMUX") != "":
			seq = seq.Tmux()
		case strings.HasPrefix(getenv("TERM"), "screen"):
			seq = seq.Screen()
		}
		_, err := seq.WriteTo(term)
		return err
	}
}

// CopyCmd copies text, described as what (e.g. "customer ID"), and says so.
func (c Common) CopyCmd(what, text string) tea.Cmd {
	if text == "" || c.Copy == nil {
		return nil
	}
	copyFn := c.Copy
	return call.Safe(func() tea.Msg {
		if err := copyFn(text); err != nil {
			return message.Notice{Text: "Could not copy the " + what + ": " + err.Error()}
		}
		return message.Notice{Text: "Copied the " + what + " " + text}
	})
}
