package export

import (
	"encoding/json"
	"io"
	"time"

	"resold/client"
	"resold/internal/safetext"
)

// CallLog is the call log as a support case wants it: every API call of
// the session with what Google's reseller support asks for (time, method,
// IDs and query, status, reason, message, latency, attempt, request ID).
// It never holds a token: the client's records carry none, and a transfer
// token in a query is already "[redacted]".
type CallLog struct {
	Exported time.Time `json:"exported"`
	Tool     string    `json:"tool"`               // "resold <version>"
	Profile  string    `json:"profile,omitempty"`  // the profile's name
	Endpoint string    `json:"endpoint,omitempty"` // google, emulator or custom; never the URL
	Calls    []Call    `json:"calls"`
}

// Call is one HTTP attempt.
type Call struct {
	Time           string            `json:"time"` // RFC 3339 UTC, milliseconds
	Method         string            `json:"method"`
	CustomerID     string            `json:"customerId,omitempty"`
	SubscriptionID string            `json:"subscriptionId,omitempty"`
	Query          map[string]string `json:"query,omitempty"`
	Status         int               `json:"httpStatus"` // 0: no answer came
	Reason         string            `json:"reason,omitempty"`
	Message        string            `json:"message,omitempty"`
	LatencyMS      int64             `json:"latencyMs"`
	Attempt        int               `json:"attempt"`
	RequestID      string            `json:"requestId,omitempty"`
}

// Calls converts the client's records, oldest first; every text is
// cleaned again on the way out.
func Calls(records []client.CallRecord) []Call {
	out := make([]Call, len(records))
	for i, r := range records {
		var q map[string]string
		if len(r.Query) > 0 {
			q = make(map[string]string, len(r.Query))
			for k, v := range r.Query {
				q[safetext.Clean(k)] = safetext.Clean(v)
			}
		}
		out[i] = Call{
			Time:           r.Time.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
			Method:         safetext.Clean(r.Method),
			CustomerID:     safetext.Clean(r.CustomerID),
			SubscriptionID: safetext.Clean(r.SubscriptionID),
			Query:          q,
			Status:         r.Status,
			Reason:         safetext.Clean(r.Reason),
			Message:        safetext.Clean(r.Err),
			LatencyMS:      r.Latency.Milliseconds(),
			Attempt:        r.Attempt,
			RequestID:      safetext.Clean(r.RequestID),
		}
	}
	return out
}

// WriteCallLog writes l as indented JSON.
func WriteCallLog(w io.Writer, l CallLog) error {
	l.Exported = l.Exported.UTC()
	if l.Calls == nil {
		l.Calls = []Call{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(l)
}
