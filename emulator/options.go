package emulator

import (
	"io"
	"time"
)

// Options configures a Server. The zero value is a fault-free emulator with
// the demo dataset and DefaultCustomers generated customers.
type Options struct {
	// Seed makes the generated dataset and every injected fault
	// deterministic: the same seed and the same sequence of requests give
	// the same answers.
	Seed int64
	// Customers is how many generated customers to add to the fixtures.
	// 0 means DefaultCustomers; a negative value means none.
	Customers int

	// Background builds the generated customers after New returns, so
	// that a program embedding the emulator can start at once; requests
	// wait until they are built, and Server.Progress tells how far it is.
	Background bool
	// hold, in tests, keeps a background build from starting until it is
	// closed.
	hold chan struct{}

	// Latency is added to every request; Jitter adds a uniform random
	// extra in [0, Jitter).
	Latency time.Duration
	Jitter  time.Duration
	// QPS limits queries per second across all clients; requests beyond it
	// get 429 usageLimits/quotaExceeded. 0 disables the limit.
	QPS float64
	// DailyQuota caps the number of requests served per (emulated) day;
	// beyond it every request gets 403 usageLimits/dailyLimitExceeded.
	// 0 disables the quota.
	DailyQuota int
	// APIDisabled answers every request with 403
	// usageLimits/accessNotConfigured.
	APIDisabled bool
	// Fail503 is the share (0..1) of requests answered 503 before anything
	// changes.
	Fail503 float64
	// DropResponse is the share (0..1) of writes that are applied but whose
	// response is lost: the connection is closed without an answer.
	DropResponse float64

	// Tokens, when non-empty, is the set of bearer tokens accepted; any
	// other token gets 401. When empty, any non-empty bearer token is
	// accepted.
	Tokens []string
	// ReadOnlyTokens are bearer tokens treated as holding only the
	// apps.order.readonly scope: writes made with them get 403
	// ACCESS_TOKEN_SCOPE_INSUFFICIENT.
	ReadOnlyTokens []string

	// Clock returns the emulated current time; nil means time.Now. Tests
	// inject a fixed or stepping clock so nothing depends on sleeping.
	Clock func() time.Time
	// Log, when set, receives one line per request (method, path, status,
	// latency). Bearer tokens are never written.
	Log io.Writer
	// OnCall, when set, is called synchronously with each finished request's
	// Call record, after it is appended to Server.Calls.
	OnCall func(Call)

	// Initial, when set, is the whole starting state: exactly these
	// customers and subscriptions, without the demo fixtures or generated
	// customers (Customers is then ignored; Seed still seeds the faults).
	// Reset returns to it.
	Initial *State
	// Events, when set, receives one JSON line per push notification
	// (Google's event JSON) once resellernotify.register has created the
	// topic: a stand-in for the Pub/Sub topic.
	Events io.Writer
	// NoAdmin turns off the admin endpoints under /emulator/v1/.
	NoAdmin bool
}

// DefaultCustomers is the number of generated customers when
// Options.Customers is 0.
const DefaultCustomers = 2000
