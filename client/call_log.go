package client

import (
	"net/http"
	"net/url"
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
	// Query is the request's query parameters (maxResults, pageToken,
	// customerNamePrefix, deletionType…); a transfer token's value is
	// replaced by "[redacted]". Nil when the request never left.
	Query   map[string]string
	Status  int    // HTTP status; 0 when no answer came
	Reason  string // the API's error reason, e.g. "quotaExceeded"
	Latency time.Duration
	Attempt int    // 1 for the first try
	Err     string // the error message; empty on success
	// RequestID is the answer's request ID, where the server sent one
	// (X-Request-Id or X-Goog-Request-Id).
	RequestID string
}

// redactedParams are query parameters whose values are secrets.
var redactedParams = map[string]bool{"customerAuthToken": true, "access_token": true, "key": true}

// plumbingParams are query parameters the generated client adds to every
// call; they say nothing about the call.
var plumbingParams = map[string]bool{"alt": true, "prettyPrint": true}

// loggedQuery is q as the call log keeps it: one value per parameter,
// secrets redacted, the client's own plumbing left out.
func loggedQuery(q url.Values) map[string]string {
	var out map[string]string
	for k, v := range q {
		if plumbingParams[k] || len(v) == 0 {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(q))
		}
		val := Sanitize(v[0])
		if redactedParams[k] {
			val = "[redacted]"
		}
		out[Sanitize(k)] = val
	}
	return out
}

// requestID is the request ID an answer carries, if any.
func requestID(h http.Header) string {
	for _, k := range []string{"X-Goog-Request-Id", "X-Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
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
