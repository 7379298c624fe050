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
}

// Append implements common.Auditor.
func (a *Audit) Append(e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.Err != nil {
		return a.Err
	}
	a.entries = append(a.entries, e)
	return nil
}

// Entries returns what was appended, oldest first.
func (a *Audit) Entries() []audit.Entry {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]audit.Entry(nil), a.entries...)
}
