package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrTornLine matches (with errors.Is) a LineError whose last line was cut
// short, as a crash in the middle of a write leaves it.
var ErrTornLine = errors.New("audit: torn last line")

// LineError reports the lines Read skipped because they were not entries.
type LineError struct {
	// Lines are the 1-based numbers of the skipped lines.
	Lines []int
	// Torn is set when the last line was skipped and had no newline: a
	// write cut short rather than a damaged file.
	Torn bool
}

// Error describes the skipped lines.
func (e *LineError) Error() string {
	nums := make([]string, len(e.Lines))
	for i, n := range e.Lines {
		nums[i] = fmt.Sprint(n)
	}
	noun := "line"
	if len(e.Lines) > 1 {
		noun = "lines"
	}
	msg := fmt.Sprintf("audit: skipped unreadable %s %s", noun, strings.Join(nums, ", "))
	if e.Torn {
		msg += " (the last was cut short by an interrupted write)"
	}
	return msg
}

// Is makes errors.Is(err, ErrTornLine) true for a torn last line.
func (e *LineError) Is(target error) bool { return target == ErrTornLine && e.Torn }

// Read parses an audit log. Lines that are not entries (a torn last line,
// a hand-edited one) are skipped and reported in a *LineError after the
// entries that did parse; blank lines are ignored. A read error stops it
// and is returned with what was read so far.
func Read(r io.Reader) ([]Entry, error) {
	var (
		entries []Entry
		bad     LineError
		br      = bufio.NewReader(r)
	)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return entries, fmt.Errorf("audit: %w", err)
		}
		ended := err == nil
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			var e Entry
			if jerr := json.Unmarshal(trimmed, &e); jerr != nil {
				bad.Lines = append(bad.Lines, n)
				bad.Torn = !ended
			} else {
				entries = append(entries, e)
			}
		}
		if !ended {
			break
		}
	}
	if len(bad.Lines) > 0 {
		return entries, &bad
	}
	return entries, nil
}
