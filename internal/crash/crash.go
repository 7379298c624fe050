// Package crash writes the report of a panic that got past every other
// guard: what panicked, where, and which build, in a file only the user can
// read, so the user can send it without screenshots of a broken terminal.
package crash

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"resold/audit"
	"resold/internal/safetext"
)

// maxValue caps the panic value's text in the report.
const maxValue = 2048

// Write writes a crash report to a new file with mode 0600 in dir (made
// with mode 0700 if missing) and returns its path. The panic value is
// cleaned of control characters and of anything shaped like a secret; the
// stack holds only function names, files and lines (argument words are
// addresses), never the program's data.
func Write(dir, version string, now time.Time, value any, stack []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("crash report: %w", err)
	}
	text := Text(value)
	var b strings.Builder
	fmt.Fprintf(&b, "resold crash report\n\nversion: %s\ntime:    %s\ngo:      %s %s/%s\npanic:   %s\n\n%s",
		version, now.UTC().Format(time.RFC3339), runtime.Version(), runtime.GOOS, runtime.GOARCH, text, stack)
	base := "crash-" + now.UTC().Format("20060102T150405Z")
	for i := 0; ; i++ {
		name := base + ".txt"
		if i > 0 {
			name = fmt.Sprintf("%s-%d.txt", base, i)
		}
		path := filepath.Join(dir, name)
		// A new file, never through a symlink: a report must not land
		// anywhere but where it says.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("crash report: %w", err)
		}
		_, werr := f.WriteString(b.String())
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			return path, fmt.Errorf("crash report: %w", err)
		}
		return path, nil
	}
}

// Text is the panic value as the report and the terminal show it: no
// control characters, nothing shaped like a secret, at most a couple of
// kilobytes.
func Text(value any) string {
	text := safetext.Clean(audit.RedactText(fmt.Sprint(value)))
	if len(text) > maxValue {
		text = strings.ToValidUTF8(text[:maxValue], "") + "…"
	}
	return text
}

// Dir is where crash reports go: the state folder, next to the audit log
// ($XDG_STATE_HOME/resold).
func Dir() (string, error) {
	p, err := audit.DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Dir(p), nil
}
