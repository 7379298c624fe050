//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// terminal is the far end of a pseudo-terminal that a child process runs
// on: what a terminal emulator or sshd holds. Closing it hangs the
// terminal up, as a closed window or a dropped SSH connection does.
type terminal struct {
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	more   chan struct{} // signalled whenever output arrives or reading ends
	done   chan struct{}
}

// openTerminal opens a pseudo-terminal of w×h cells and returns its far
// end and the near end for the child's stdin, stdout and stderr. It is the
// few ioctls a pty library would make; no dependency is worth it for a
// test.
func openTerminal(t *testing.T, w, h int) (*terminal, *os.File) {
	t.Helper()
	// Not calling master.Fd(): that would make it blocking, and a close
	// would then wait for the reader instead of hanging the terminal up.
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	ioctl := func(req uintptr, arg unsafe.Pointer) {
		t.Helper()
		rc, err := master.SyscallConn()
		if err != nil {
			t.Fatal(err)
		}
		var errno syscall.Errno
		if err := rc.Control(func(fd uintptr) {
			_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg))
		}); err != nil {
			t.Fatal(err)
		}
		if errno != 0 {
			t.Fatalf("ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n))
	size := struct{ rows, cols, x, y uint16 }{uint16(h), uint16(w), 0, 0}
	ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	near, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{master: master, more: make(chan struct{}, 1), done: make(chan struct{})}
	go term.read()
	t.Cleanup(func() { _ = master.Close(); <-term.done })
	return term, near
}

func (term *terminal) read() {
	defer close(term.done)
	defer term.signal()
	buf := make([]byte, 32<<10)
	for {
		n, err := term.master.Read(buf)
		if bytes.Contains(buf[:n], []byte(cursorQuery)) {
			// Answer like a terminal: Bubble Tea's start-up asks (for Lip
			// Gloss) and waits 5 s for an answer that never comes.
			_, _ = term.master.Write([]byte("\x1b[1;1R"))
		}
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		term.signal()
		if err != nil {
			return
		}
	}
}

// cursorQuery asks the terminal where its cursor is.
const cursorQuery = "\x1b[6n"

func (term *terminal) signal() {
	select {
	case term.more <- struct{}{}:
	default:
	}
}

// text is everything painted so far, escape sequences removed.
func (term *terminal) text() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return ansi.Strip(term.out.String())
}

// waitFor waits until every part of want has been painted since the
// output was last cleared, then clears it. The deadline only turns a hang
// into a failure.
func (term *terminal) waitFor(t *testing.T, want ...string) {
	t.Helper()
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for {
		text := term.text()
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			term.mu.Lock()
			term.out.Reset()
			term.mu.Unlock()
			return
		}
		select {
		case <-term.more:
		case <-term.done:
			t.Fatalf("the terminal closed before %q was painted:\n%s", missing, text)
		case <-deadline.C:
			t.Fatalf("%q never painted:\n%s", missing, text)
		}
	}
}

// waitForRaw waits until seq has been written to the terminal, escape
// sequences and all.
func (term *terminal) waitForRaw(t *testing.T, seq string) {
	t.Helper()
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for {
		term.mu.Lock()
		found := strings.Contains(term.out.String(), seq)
		term.mu.Unlock()
		if found {
			return
		}
		select {
		case <-term.more:
		case <-term.done:
			t.Fatalf("the terminal closed before %q was written", seq)
		case <-deadline.C:
			t.Fatalf("%q never written:\n%q", seq, term.text())
		}
	}
}

// leaveAltScreen is what a program writes to give the terminal's normal
// screen back.
const leaveAltScreen = "\x1b[?1049l"

// cooked reports whether the terminal is back in line mode with echo, as
// a shell expects it.
func (term *terminal) cooked(t *testing.T) bool {
	t.Helper()
	var tio syscall.Termios
	rc, err := term.master.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TCGETS, uintptr(unsafe.Pointer(&tio)))
	}); err != nil {
		t.Fatal(err)
	}
	if errno != 0 {
		t.Fatalf("TCGETS: %v", errno)
	}
	return tio.Lflag&syscall.ICANON != 0 && tio.Lflag&syscall.ECHO != 0
}

// typeKeys writes s as typed keys.
func (term *terminal) typeKeys(t *testing.T, s string) {
	t.Helper()
	if _, err := term.master.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

// hangUp closes the far end: the kernel sends SIGHUP to the session on the
// terminal, and reads and writes there fail from now on.
func (term *terminal) hangUp() { _ = term.master.Close() }
