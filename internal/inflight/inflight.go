package inflight

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Tracker records the writes under way. The zero value is ready to use and
// safe for concurrent use.
type Tracker struct {
	mu     sync.Mutex
	next   uint64
	writes map[uint64]Write
	idle   chan struct{} // closed while nothing is in flight; nil means idle
}

// Write is one change under way.
type Write struct {
	// Label says what is being sent, e.g. "cap 20 → 28 on flex.example".
	Label string
	// Started is when Begin was called.
	Started time.Time
	id      uint64
}

// Begin records a write that is about to be sent and returns the function
// that marks it ended; calling end more than once is harmless.
func (t *Tracker) Begin(label string) (end func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.writes == nil {
		t.writes = map[uint64]Write{}
	}
	if len(t.writes) == 0 {
		t.idle = make(chan struct{})
	}
	t.next++
	id := t.next
	t.writes[id] = Write{Label: label, Started: time.Now(), id: id}
	var once sync.Once
	return func() { once.Do(func() { t.end(id) }) }
}

func (t *Tracker) end(id uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.writes, id)
	if len(t.writes) == 0 && t.idle != nil {
		close(t.idle)
		t.idle = nil
	}
}

// Active lists the writes under way, oldest first.
func (t *Tracker) Active() []Write {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Write, 0, len(t.writes))
	for _, w := range t.writes {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// Len is the number of writes under way.
func (t *Tracker) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.writes)
}

// Wait returns nil once no write is under way, or ctx's error if it ends
// first. Writes begun while waiting are waited for too.
func (t *Tracker) Wait(ctx context.Context) error {
	for {
		t.mu.Lock()
		idle := t.idle
		t.mu.Unlock()
		if idle == nil {
			return nil
		}
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Grace is how long a quit, a signal or a server shutdown waits for the
// writes under way to end and be recorded before the process exits anyway.
// It is long enough for one answer, short enough that a closing terminal
// is not held hostage by a retry loop.
const Grace = 10 * time.Second

// Detach returns a context for a write that outlives the UI which started
// it: it carries parent's values (call-log events, attempt counters) but
// not its cancellation, so a quit or a dropped session does not cut the
// write off between sending it and recording its outcome. The write is
// still bounded by timeout.
func Detach(parent context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(parent), timeout)
}
