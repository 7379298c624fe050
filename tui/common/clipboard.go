package common

import (
	"io"
	"os/exec"
	"strings"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"resold/tui/call"
	"resold/tui/message"
)

// Clipboard puts text where the user can paste it and says where, in
// words that finish "Copied the customer ID C0… to …".
type Clipboard func(text string) (where string, err error)

// Where a copy went, as CopyCmd tells the user.
const (
	ToTmux      = "tmux's paste buffer (and your terminal's clipboard where tmux can reach it)"
	ToOSC52     = "your terminal's clipboard (OSC 52: it arrives only if the terminal allows it)"
	ToClipboard = "the clipboard"
)

// Runner runs a command with stdin, as the clipboard needs tmux.
type Runner func(stdin, name string, args ...string) error

// execRunner runs name for real.
func execRunner(stdin, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	return cmd.Run()
}

// SystemClipboard copies the way the session allows: inside tmux through
// tmux itself (load-buffer -w fills its paste buffer and, where tmux can,
// the outer terminal's clipboard; tmux with its default settings drops an
// application's OSC 52, wrapped for passthrough or not); on a local
// session with the system's clipboard tool; otherwise, over SSH, with a
// plain OSC 52 written to term. term is not the renderer's output, so the
// sequence never splits a frame.
func SystemClipboard(term io.Writer, getenv func(string) string) Clipboard {
	return SystemClipboardWith(term, getenv, execRunner)
}

// SystemClipboardWith is SystemClipboard with the way tmux is run.
func SystemClipboardWith(term io.Writer, getenv func(string) string, run Runner) Clipboard {
	return func(text string) (string, error) {
		if getenv("TMUX") != "" {
			if err := run(text, "tmux", "load-buffer", "-w", "-"); err == nil {
				return ToTmux, nil
			}
		}
		if getenv("TMUX") == "" && getenv("SSH_TTY") == "" && getenv("SSH_CONNECTION") == "" {
			if err := clipboard.WriteAll(text); err == nil {
				return ToClipboard, nil
			}
		}
		_, err := osc52.New(text).WriteTo(term)
		return ToOSC52, err
	}
}

// CopyCmd copies text, described as what (e.g. "customer ID"), and says
// where it went.
func (c Common) CopyCmd(what, text string) tea.Cmd {
	if text == "" || c.Copy == nil {
		return nil
	}
	copyFn := c.Copy
	return call.Safe(func() tea.Msg {
		where, err := copyFn(text)
		if err != nil {
			return message.Notice{Text: "Could not copy the " + what + ": " + err.Error(), Refused: true}
		}
		if where == "" {
			where = ToClipboard
		}
		return message.Notice{Text: "Copied the " + what + " " + text + " to " + where}
	})
}
