package tui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// panicky is a model that panics where told: in Update on its first
// message, in View once that message arrived, or in a command batched
// with others.
type panicky struct {
	where string
	got   bool
}

type poke struct{}

func (p panicky) Init() tea.Cmd {
	return func() tea.Msg { return poke{} }
}

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(poke); !ok {
		return p, nil
	}
	switch p.where {
	case "update":
		panicInUpdate()
	case "command":
		return p, tea.Batch(func() tea.Msg { return nil }, tea.Sequence(func() tea.Msg { panicInCommand(); return nil }))
	}
	p.got = true
	return p, nil
}

func (p panicky) View() string {
	if p.where == "view" && p.got {
		panicInView()
	}
	return "hello"
}

func panicInUpdate()  { panic("boom in update") }
func panicInView()    { panic("boom in view") }
func panicInCommand() { panic("boom in command") }

// syncBuffer is a bytes.Buffer safe for the renderer's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestPanicEndsTheProgramRestoredAndIsReturned(t *testing.T) {
	for _, where := range []string{"update", "view", "command"} {
		t.Run(where, func(t *testing.T) {
			var out syncBuffer
			err := run(context.Background(), panicky{where: where}, nil, tea.WithInput(nil), tea.WithOutput(&out))
			var perr *PanicError
			if !errors.As(err, &perr) {
				t.Fatalf("run = %v, want a *PanicError", err)
			}
			if got := perr.Value; got != "boom in "+where {
				t.Errorf("panic value %v, want boom in %s", got, where)
			}
			fn := "panicIn" + strings.ToUpper(where[:1]) + where[1:]
			if !strings.Contains(string(perr.Stack), fn) {
				t.Errorf("the stack does not show %s:\n%s", fn, perr.Stack)
			}
			// The terminal is given back: normal screen, cursor shown.
			for _, seq := range []string{"\x1b[?1049l", "\x1b[?25h"} {
				if !strings.Contains(out.String(), seq) {
					t.Errorf("the output lacks %q: the terminal was not restored: %q", seq, out.String())
				}
			}
		})
	}
}

// TestPanicErrorIsCleaned: the panic value may hold API text or a token
// (a panic on a request's body); the error's text, wherever it is
// printed, is cleaned and redacted like the crash report.
func TestPanicErrorIsCleaned(t *testing.T) {
	got := (&PanicError{Value: "bad \x1b]52;c;aGk=\x07 answer Bearer ya29.a0AfH6SMB"}).Error()
	if strings.Contains(got, "\x1b") || strings.Contains(got, "ya29.") || !strings.HasPrefix(got, "internal error: bad") {
		t.Errorf("Error() = %q", got)
	}
}
