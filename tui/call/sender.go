package call

import (
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// Sender hands messages from goroutines outside the Bubble Tea loop (the
// client's retry events) to the program. The program is created after the
// model, so its Send func is set late; until then messages are dropped.
type Sender struct {
	mu sync.Mutex
	fn func(tea.Msg)
}

// Set installs the delivery func: (*tea.Program).Send, or teatest's Send.
func (s *Sender) Set(fn func(tea.Msg)) {
	s.mu.Lock()
	s.fn = fn
	s.mu.Unlock()
}

// Send delivers msg, or drops it when no program is attached.
func (s *Sender) Send(msg tea.Msg) {
	if s == nil {
		return
	}
	s.mu.Lock()
	fn := s.fn
	s.mu.Unlock()
	if fn != nil {
		fn(msg)
	}
}
