//go:build unix

package audit

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRunningElsewhere: an intent of another open log (another process)
// is running elsewhere until that log is closed, or its process ends
// without closing it; this log's own are not. A process that ended
// without closing leaves a lock file nobody holds: the next Open removes
// it, and leaves a running one's alone.
func TestRunningElsewhere(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.jsonl")
	mine, other := openTest(t, path), openTest(t, path)
	intent := func(l *Log) Entry {
		e := seatsEntry()
		e.ID, e.Phase, e.Outcome = NewID(), PhaseIntent, ""
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
		entries, err := l.Entries()
		if err != nil {
			t.Fatal(err)
		}
		return entries[len(entries)-1]
	}
	theirs, own := intent(other), intent(mine)
	if theirs.Process == "" || theirs.Process == own.Process {
		t.Fatalf("process IDs %q and %q", theirs.Process, own.Process)
	}
	if !mine.RunningElsewhere(theirs) || mine.RunningElsewhere(own) {
		t.Errorf("while the other log is open: theirs elsewhere %v (want true), own %v (want false)", mine.RunningElsewhere(theirs), mine.RunningElsewhere(own))
	}
	other.Close()
	if mine.RunningElsewhere(theirs) {
		t.Error("the other log is closed, and its intent still reads as running")
	}

	// A process killed while its log was open: its lock file stays, held
	// by nobody.
	stale := liveName(path, "deadbeefdeadbeef")
	if err := os.WriteFile(stale, nil, fileMode); err != nil {
		t.Fatal(err)
	}
	openTest(t, path)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale lock file is still there: %v", err)
	}
	if _, err := os.Stat(liveName(path, mine.process)); err != nil {
		t.Errorf("a running process's lock file was removed: %v", err)
	}
}
