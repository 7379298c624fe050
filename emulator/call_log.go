package emulator

import (
	"context"
	"net/http"
)

// Call records one request the emulator answered. Tests read it (through
// Server.Calls or Options.OnCall) to prove, for example, that a change was
// applied exactly once although the client retried.
type Call struct {
	// Method is the discovery method id, e.g.
	// "reseller.subscriptions.changeSeats"; empty for unknown routes.
	Method string
	// CustomerID is the resolved customer ID (or, before resolution, the
	// customerId the request named); SubscriptionID likewise.
	CustomerID, SubscriptionID string
	// Status is the HTTP status sent; 0 when the response was lost.
	Status int
	// Applied reports that a write changed the emulator's state.
	Applied bool
	// Fault names the injected fault: "", "latency", "disabled", "daily",
	// "qps", "503" or "drop".
	Fault string
	// Dropped reports that the response was deliberately lost after the
	// change was applied.
	Dropped bool
	// Part reports that the call was one call of a batch request; the
	// batch itself is recorded after its parts, with Method "batch".
	Part bool
}

// maxCalls bounds the call log so a long-running demo cannot grow without
// limit; tests make far fewer calls.
const maxCalls = 100_000

type callKey struct{}

// withCall returns ctx carrying c for the handlers and fault injector.
func withCall(ctx context.Context, c *Call) context.Context {
	return context.WithValue(ctx, callKey{}, c)
}

// callFrom returns the Call being recorded for ctx's request. Outside a
// request it returns a throwaway Call, so callers never need a nil check.
func callFrom(ctx context.Context) *Call {
	if c, ok := ctx.Value(callKey{}).(*Call); ok && c != nil {
		return c
	}
	return &Call{}
}

type commitKey struct{}

// withCommit returns ctx carrying the function that records the request's
// call.
func withCommit(ctx context.Context, commit func(status int)) context.Context {
	return context.WithValue(ctx, commitKey{}, commit)
}

// commitCall records the request's call now, with status, before the client
// can see any answer (or the lost connection): a client that has its answer
// must find the call already in Calls and OnCall. Later commits are no-ops.
func commitCall(ctx context.Context, status int) {
	if f, ok := ctx.Value(commitKey{}).(func(int)); ok {
		f(status)
	}
}

// Calls returns a copy of the calls recorded so far, oldest first.
func (s *Server) Calls() []Call {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]Call(nil), s.calls...)
}

// record appends c to the log, then tells Options.OnCall.
func (s *Server) record(c Call) {
	s.logMu.Lock()
	if len(s.calls) >= maxCalls {
		// Drop the oldest half at once so appends stay amortised O(1).
		n := copy(s.calls, s.calls[len(s.calls)/2:])
		s.calls = s.calls[:n]
	}
	s.calls = append(s.calls, c)
	s.logMu.Unlock()
	if s.opts.OnCall != nil {
		s.opts.OnCall(c)
	}
}

// statusRecorder captures the status a handler sends. It unwraps to the
// real writer so http.ResponseController can flush or hijack through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
	commit func(status int)
}

// WriteHeader remembers the first status sent and records the call before
// the status reaches the client.
func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		r.commit(code)
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write implies 200 when no status was sent, as net/http does.
func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(p)
}

// Unwrap exposes the underlying writer to http.ResponseController.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
