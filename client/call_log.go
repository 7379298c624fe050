package client

import (
	"sync"
	"time"
)

// CallRecord is one HTTP attempt, for the UI's log pane. It never holds a
// token, key or transfer token: only the method, the IDs acted on, the
// answer's status and timing, and a redacted error text.
type CallRecord struct {
	Time           time.Time // when the attempt started
	Method         string    // e.g. "subscriptions.changeSeats"
	CustomerID     string
	SubscriptionID string
	Status         int // HTTP status; 0 when no answer came
	Latency        time.Duration
	Attempt        int    // 1 for the first try
	Err            string // empty on success
	Reason         string // the API's reason, when it refused
	// Request is the HTTP method, path and query parameters sent (list
	// calls' paging included); Body the request body, if any. Neither
	// ever holds a transfer token.
	Request string
	Body    string
}

// callLogSize bounds the log kept in memory.
const callLogSize = 500

// callLog is a bounded ring of the most recent records.
type callLog struct {
	mu   sync.Mutex
	buf  []CallRecord
	next int // where the next record goes once the ring is full
	full bool
}

func (l *callLog) add(r CallRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.full {
		l.buf = append(l.buf, r)
		if len(l.buf) == callLogSize {
			l.full = true
		}
		return
	}
	l.buf[l.next] = r
	l.next = (l.next + 1) % callLogSize
}

// snapshot returns the records oldest first.
func (l *callLog) snapshot() []CallRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]CallRecord, 0, len(l.buf))
	if l.full {
		out = append(out, l.buf[l.next:]...)
		return append(out, l.buf[:l.next]...)
	}
	return append(out, l.buf...)
}
