// Package ptyrun runs a program in a pseudo-terminal of a given size and
// reads what it draws frame by frame, for tests that measure what a screen
// costs to draw: bytes per key, time to the first frame.
package ptyrun

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// Session is a program running in a pseudo-terminal.
type Session struct {
	cmd    *exec.Cmd
	pty    *os.File
	end    []byte // what ends every frame
	chunks chan []byte
	buf    []byte // read, not yet handed out
	// Started is when the program was started.
	Started time.Time
}

// Start runs cmd in a w×h pseudo-terminal.
func Start(cmd *exec.Cmd, w, h int) (*Session, error) {
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		return nil, err
	}
	s := &Session{cmd: cmd, pty: f, chunks: make(chan []byte, 256), Started: time.Now(),
		// Bubble Tea v1's renderer ends each full-screen frame by putting
		// the cursor at the start of the last line, and writes no other
		// cursor position within a frame.
		end: []byte(ansi.CursorPosition(0, h))}
	go func() {
		defer close(s.chunks)
		for {
			b := make([]byte, 32<<10)
			n, err := f.Read(b)
			if n > 0 {
				s.answer(b[:n])
				s.chunks <- b[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	return s, nil
}

// answer replies to the queries a program makes of its terminal at start
// as a dark-background terminal would (termenv asks for the background
// colour, then the cursor position, and waits seconds for an answer).
// A query split across two reads goes unanswered.
func (s *Session) answer(b []byte) {
	if bytes.Contains(b, []byte("\x1b]11;?")) {
		_, _ = s.pty.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
	}
	if bytes.Contains(b, []byte("\x1b[6n")) {
		_, _ = s.pty.WriteString("\x1b[1;1R")
	}
}

// Pid is the program's process ID.
func (s *Session) Pid() int { return s.cmd.Process.Pid }

// Send types keys into the terminal.
func (s *Session) Send(keys string) error {
	_, err := s.pty.WriteString(keys)
	return err
}

// ErrTimeout is returned when no frame ended in time.
var ErrTimeout = errors.New("ptyrun: no frame in time")

// Frame returns the bytes of the next frame, waiting up to wait for it to
// end.
func (s *Session) Frame(wait time.Duration) ([]byte, error) {
	deadline := time.After(wait)
	for {
		if i := bytes.Index(s.buf, s.end); i >= 0 {
			n := i + len(s.end)
			frame := s.buf[:n:n]
			s.buf = s.buf[n:]
			return frame, nil
		}
		select {
		case c, ok := <-s.chunks:
			if !ok {
				return nil, fmt.Errorf("ptyrun: the program ended (%d bytes unread)", len(s.buf))
			}
			s.buf = append(s.buf, c...)
		case <-deadline:
			return nil, ErrTimeout
		}
	}
}

// Until reads frames until one contains text, and returns them all, the
// last one containing text.
func (s *Session) Until(text string, wait time.Duration) ([][]byte, error) {
	var frames [][]byte
	deadline := time.Now().Add(wait)
	for {
		f, err := s.Frame(time.Until(deadline))
		if err != nil {
			return frames, fmt.Errorf("waiting for %q: %w", text, err)
		}
		frames = append(frames, f)
		if bytes.Contains(f, []byte(text)) {
			return frames, nil
		}
	}
}

// Close ends the program and waits for it. Its terminal closes once it
// has ended: a read of the terminal that is under way returns only then.
func (s *Session) Close() error {
	_ = s.cmd.Process.Kill()
	err := s.cmd.Wait()
	for range s.chunks {
	}
	_ = s.pty.Close()
	return err
}
