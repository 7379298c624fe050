package tui

import (
	"runtime/debug"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"resold/internal/crash"
	"resold/tui/call"
)

// PanicError is what Run returns when the UI panicked: the value and the
// stack where it happened. The terminal has been restored by then; main
// writes the crash report.
type PanicError struct {
	Value any
	Stack []byte
}

// Error says what panicked as a crash report does: without control
// characters or anything shaped like a secret, whoever prints it.
func (e *PanicError) Error() string { return "internal error: " + crash.Text(e.Value) }

// crashBox keeps the first panic of a program, from whichever goroutine.
type crashBox struct {
	mu   sync.Mutex
	err  *PanicError
	quit func()
}

// record keeps r (the first one only) and reports whether it was the first.
func (b *crashBox) record(r any) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return false
	}
	b.err = &PanicError{Value: r, Stack: debug.Stack()}
	return true
}

func (b *crashBox) crashed() *PanicError {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// guarded wraps the root model so that a panic in Update, View or a
// command they return ends the program the ordinary way (the terminal
// restored by Bubble Tea's own shutdown) and is kept for the crash report,
// instead of Bubble Tea printing a stack over the user's terminal. The
// model stays as it was before the panicking call.
type guarded struct {
	m   tea.Model
	box *crashBox
}

// crashMsg ends the program after a panic in a command.
type crashMsg struct{}

func (g guarded) Init() tea.Cmd { return g.cmd(g.m.Init()) }

func (g guarded) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashMsg); ok || g.box.crashed() != nil {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.box.record(r)
			model, cmd = g, tea.Quit
		}
	}()
	next, cmd := g.m.Update(msg)
	g.m = next
	return g, g.cmd(cmd)
}

func (g guarded) View() (view string) {
	if g.box.crashed() != nil {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			view = ""
			if g.box.record(r) && g.box.quit != nil {
				// View runs in the event loop: quit from outside it.
				go g.box.quit()
			}
		}
	}()
	return g.m.View()
}

// cmd wraps cmd, and the commands of the batch or sequence it returns, so
// a panic in any of them becomes a crashMsg.
func (g guarded) cmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.box.record(r)
				msg = crashMsg{}
			}
		}()
		msg = cmd()
		switch m := msg.(type) {
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = g.cmd(c)
			}
			return out
		}
		if cmds, ok := call.Nested(msg); ok {
			for i, c := range cmds {
				cmds[i] = g.cmd(c)
			}
			return tea.Sequence(cmds...)()
		}
		return msg
	}
}
