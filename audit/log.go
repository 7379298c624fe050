package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// fileMode is the audit log's mode: it names customers and operators, so
// only its owner may read it.
const fileMode os.FileMode = 0o600

// dirMode is the state folder's mode: the log's directory is private too,
// so nobody else can swap or remove the file under resold.
const dirMode os.FileMode = 0o700

// Log is an open audit log. Appends are safe from many goroutines.
type Log struct {
	path     string
	warnings []string
	now      func() time.Time // injected by tests

	mu sync.Mutex
	f  *os.File // nil once closed
	// reopened counts the times the file was found renamed or deleted
	// and opened again by path.
	reopened int
	// process is this open log's ID, stamped on every entry it writes;
	// live holds the lock that tells other processes it still runs.
	process string
	live    *os.File
}

// Open opens the audit log at path for appending. It creates missing
// parent directories and the file's folder with mode 0700, tightening the
// folder with a warning when it is looser, and the file with mode 0600,
// tightened likewise. It refuses, with an error naming path, anything
// that is not a regular file: a symbolic link (never followed), a FIFO (it
// does not wait for a reader), a device or a socket. A torn last line left
// by a crash is ended with a newline first, so the next entry starts on
// its own line.
func Open(path string) (*Log, error) {
	l := &Log{path: path, now: time.Now}
	f, warnings, err := openLog(path)
	if err != nil {
		return nil, err
	}
	l.f, l.warnings = f, warnings
	l.process = NewID()
	// Without the lock the log still works; other processes then cannot
	// tell this one runs, as before there was a lock.
	removeStale(filepath.Dir(path))
	l.live, _ = lockLive(liveName(path, l.process))
	return l, nil
}

// livePrefix begins the names of the lock files of running processes.
const livePrefix = ".resold-live-"

// liveName is the lock file of process id, beside the log.
func liveName(logPath, id string) string {
	return filepath.Join(filepath.Dir(logPath), livePrefix+id)
}

// RunningElsewhere reports whether e, an intent or a planned row, was
// written by another resold process that still has this log open (another
// terminal's UI, resold serve): a change it is sending, or a bulk change it
// is running, is its own to finish and record, not a start's to check or
// resume. Entries of this log's own process, and entries from before
// processes were named, are not.
func (l *Log) RunningElsewhere(e Entry) bool {
	if e.Process == "" || e.Process == l.process {
		return false
	}
	return isLive(liveName(l.path, e.Process))
}

// openLog opens and checks the file at path (see Open).
func openLog(path string) (*os.File, []string, error) {
	var warnings []string
	w, err := privateDir(filepath.Dir(path))
	if err != nil {
		return nil, nil, err
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	f, err := openFile(path, true)
	if err != nil {
		return nil, nil, err
	}
	w, err = prepare(f, path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	return f, warnings, nil
}

// privateDir creates dir (and its parents) with mode 0700, and tightens
// dir itself when its mode is looser.
func privateDir(dir string) (warning string, err error) {
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("audit: %s is not a directory", dir)
	}
	perm := info.Mode().Perm()
	if perm&^dirMode == 0 {
		return "", nil
	}
	if err := os.Chmod(dir, dirMode); err != nil {
		return "", fmt.Errorf("audit: the audit log's folder %s has mode %04o and cannot be made private: %w", dir, perm, err)
	}
	return fmt.Sprintf("audit log folder %s had mode %04o; tightened to %04o", dir, perm, dirMode), nil
}

// notRegular is the error for a path that is not a regular file.
func notRegular(path string, mode os.FileMode) error {
	kind := "not a regular file"
	switch {
	case mode&os.ModeSymlink != 0:
		kind = "a symbolic link"
	case mode&os.ModeNamedPipe != 0:
		kind = "a FIFO (named pipe)"
	case mode&os.ModeDevice != 0:
		kind = "a device"
	case mode&os.ModeSocket != 0:
		kind = "a socket"
	case mode.IsDir():
		kind = "a directory"
	}
	return fmt.Errorf("audit: %s is %s, not a regular file; resold writes its audit log only to a regular file it owns: remove or move it", path, kind)
}

// prepare checks a freshly opened file: a regular file, private, and
// ending in a newline.
func prepare(f *os.File, path string) (warning string, err error) {
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	if !info.Mode().IsRegular() {
		return "", notRegular(path, info.Mode())
	}
	if perm := info.Mode().Perm(); perm&^fileMode != 0 {
		if err := f.Chmod(fileMode); err != nil {
			return "", fmt.Errorf("audit: %s has mode %04o and cannot be made private: %w", path, perm, err)
		}
		warning = fmt.Sprintf("audit log %s had mode %04o; tightened to %04o", path, perm, fileMode)
	}
	if info.Size() == 0 {
		return warning, nil
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], info.Size()-1); err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("audit: %w", err)
	}
	if last[0] != '\n' {
		if _, err := f.Write([]byte{'\n'}); err != nil {
			return "", fmt.Errorf("audit: %w", err)
		}
	}
	return warning, nil
}

// Path is the file the log appends to.
func (l *Log) Path() string { return l.path }

// Warning is a note for the user from Open, such as a file or folder mode
// that had to be tightened; empty when there was nothing to say.
func (l *Log) Warning() string { return strings.Join(l.warnings, "; ") }

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
	if e.Process == "" && (e.Phase == PhaseIntent || e.Phase == PhasePlanned) {
		// What another start must leave alone while this process runs.
		e.Process = l.process
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
	if err := l.follow(); err != nil {
		return err
	}
	if _, err := l.f.Write(line); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// follow reopens the log by path when the file at path is no longer the
// one open (renamed away by a log rotation, or deleted), so entries never
// go to a file nobody will read. Called with l.mu held.
func (l *Log) follow() error {
	open, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if now, err := os.Lstat(l.path); err == nil && os.SameFile(open, now) {
		return nil
	}
	f, _, err := openLog(l.path)
	if err != nil {
		return err
	}
	l.f.Close()
	l.f = f
	l.reopened++
	return nil
}

// Entries reads every entry of the log back, through the open file, so
// they come from the same file appends go to. A *LineError reports lines
// that are not entries, after the entries that are.
func (l *Log) Entries() ([]Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil, fmt.Errorf("audit: read %s: %w", l.path, os.ErrClosed)
	}
	info, err := l.f.Stat()
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return Read(io.NewSectionReader(l.f, 0, info.Size()))
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
	if l.live != nil {
		// Removed before it is unlocked: a process that finds the file
		// unlocked finds this one ended.
		os.Remove(l.live.Name())
		l.live.Close()
		l.live = nil
	}
	return err
}
