package client

import (
	"slices"
	"sync"
	"time"
)

// A page fetch runs on its own context, so its retry events cannot go to
// the context of whoever started it: that caller may have returned long
// ago (a prefetch) or given up. Instead every caller waiting on the fetch
// listens to it for as long as it waits, and a caller that arrives during
// a retry wait is told about that wait at once.

// listener is one waiting caller's event func. mu is held while fn runs,
// so that once leave has returned fn is never called again.
type listener struct {
	mu sync.Mutex
	fn func(Event) // nil once the caller stopped waiting
}

// join makes fn hear f's events until leave is called. A retry wait still
// running at now is replayed first, so a caller who comes late sees the
// countdown. A nil fn hears nothing.
func (f *fetch) join(fn func(Event), now time.Time) (leave func()) {
	if fn == nil {
		return func() {}
	}
	l := &listener{fn: fn}
	// l.mu before f.mu: an event emitted meanwhile waits for the replay,
	// so fn sees events in order.
	l.mu.Lock()
	f.mu.Lock()
	f.listeners = append(f.listeners, l)
	last := f.lastWait
	f.mu.Unlock()
	if last != nil && now.Before(last.Until) {
		fn(*last)
	}
	l.mu.Unlock()
	return func() { f.leave(l) }
}

// leave stops l hearing f, waiting for a call of l's func in progress.
func (f *fetch) leave(l *listener) {
	f.mu.Lock()
	f.listeners = slices.DeleteFunc(f.listeners, func(x *listener) bool { return x == l })
	f.mu.Unlock()
	l.mu.Lock()
	l.fn = nil
	l.mu.Unlock()
}

// emit is the fetch's event func: it passes ev to every caller waiting
// now, on the fetch's goroutine, and nowhere when nobody waits.
func (f *fetch) emit(ev Event) {
	f.mu.Lock()
	if ev.Kind == EventRetryWait {
		f.lastWait = &ev
	}
	ls := slices.Clone(f.listeners)
	f.mu.Unlock()
	for _, l := range ls {
		l.mu.Lock()
		if l.fn != nil {
			l.fn(ev)
		}
		l.mu.Unlock()
	}
}
