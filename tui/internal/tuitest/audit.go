package tuitest

import (
	"sync"

	"resold/audit"
)

// Audit records audit entries in memory, as the real log would write them.
type Audit struct {
	mu      sync.Mutex
	entries []audit.Entry
	// Err, when set, is returned by Append (a full disk).
	Err error
	// OutcomeErr, when set, is returned by Append for everything but
	// intents: the disk filled up while the change was being sent.
	OutcomeErr error
}

// Append implements common.Auditor.
func (a *Audit) Append(e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.Err != nil {
		return a.Err
	}
	if a.OutcomeErr != nil && e.Phase != audit.PhaseIntent {
		return a.OutcomeErr
	}
	a.entries = append(a.entries, e)
	return nil
}

// Entries returns one row per write attempt, oldest first, its intent and
// outcome merged as `resold audit` shows them.
func (a *Audit) Entries() []audit.Entry { return audit.Merge(a.Lines()) }

// Lines returns what was appended, oldest first, as the log file holds it.
func (a *Audit) Lines() []audit.Entry {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]audit.Entry(nil), a.entries...)
}
