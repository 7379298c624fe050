package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// fileMode is the audit log's mode: it names customers and operators, so
// only its owner may read it.
const fileMode os.FileMode = 0o600

// Log is an open audit log. Appends are safe from many goroutines.
type Log struct {
	path    string
	warning string
	now     func() time.Time // injected by tests

	mu sync.Mutex
	f  *os.File // nil once closed
}

// Open opens the audit log at path for appending, creating missing parent
// directories (0700) and the file (0600). A file whose mode is looser than
// 0600 is tightened, and Warning says so. A torn last line left by a crash
// is ended with a newline first, so the next entry starts on its own line.
func Open(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, fileMode)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	l := &Log{path: path, f: f, now: time.Now}
	if err := l.prepare(); err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

// prepare checks the freshly opened file: a regular file, private, and
// ending in a newline.
func (l *Log) prepare() error {
	info, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("audit: %s is not a regular file", l.path)
	}
	if perm := info.Mode().Perm(); perm&^fileMode != 0 {
		if err := l.f.Chmod(fileMode); err != nil {
			return fmt.Errorf("audit: %s has mode %04o and cannot be made private: %w", l.path, perm, err)
		}
		l.warning = fmt.Sprintf("audit log %s had mode %04o; tightened to %04o", l.path, perm, fileMode)
	}
	if info.Size() == 0 {
		return nil
	}
	torn, err := endsTorn(l.path, info.Size())
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if torn {
		if _, err := l.f.Write([]byte{'\n'}); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

// endsTorn reports whether the file's last byte is not a newline. The log
// itself is write-only, so the byte is read through a second descriptor.
func endsTorn(path string, size int64) (bool, error) {
	r, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer r.Close()
	var last [1]byte
	if _, err := r.ReadAt(last[:], size-1); err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	return last[0] != '\n', nil
}

// Path is the file the log appends to.
func (l *Log) Path() string { return l.path }

// Warning is a note for the user from Open, such as a file mode that had
// to be tightened; empty when there was nothing to say.
func (l *Log) Warning() string { return l.warning }

// Append writes e as one line. It fills in the time and operator when
// unset, cleans every string of control characters, and redacts anything
// that looks like a secret. The line goes out in a single write under a
// lock, so concurrent appends never interleave (and O_APPEND keeps lines
// whole across processes too). Each line is fsynced: writes follow a
// network round trip, so the cost is small next to losing a record.
func (l *Log) Append(e Entry) error {
	if err := e.check(); err != nil {
		return err
	}
	if e.Time.IsZero() {
		e.Time = l.now()
	}
	if e.Operator == "" && e.SSHClient == "" {
		e.Operator, e.SSHClient = Operator()
	}
	line, err := json.Marshal(e.scrubbed())
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	line = append(line, '\n')

	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return fmt.Errorf("audit: append to %s: %w", l.path, os.ErrClosed)
	}
	if _, err := l.f.Write(line); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Close closes the log; closing twice is harmless.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
