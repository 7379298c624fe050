package client

import (
	"context"
	"errors"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/api/googleapi"

	"resold/emulator"
)

func TestDefaultRetryPolicyFollowsSeed001(t *testing.T) {
	p := DefaultRetryPolicy()
	if p.Initial != 5*time.Second || p.Multiplier != 2 || p.MaxAttempts != 6 {
		t.Errorf("DefaultRetryPolicy = %+v, want 5 s, ×2, 6 attempts", p)
	}
}

func TestRetryWait(t *testing.T) {
	fixed := func(v float64) func() float64 { return func() float64 { return v } }
	base := RetryPolicy{Initial: 5 * time.Second, Multiplier: 2, MaxAttempts: 6}
	const noCap = -1
	tests := []struct {
		name       string
		rand       float64
		maxWait    time.Duration
		n          int
		retryAfter time.Duration
		want       time.Duration
	}{
		{"mean of the first wait is Initial", 0.5, noCap, 1, 0, 5 * time.Second},
		{"mean doubles: second wait", 0.5, noCap, 2, 0, 10 * time.Second},
		{"mean doubles: fifth wait", 0.5, noCap, 5, 0, 80 * time.Second},
		{"full jitter can wait nothing", 0, noCap, 3, 0, 0},
		{"upper bound is twice the mean", 0.999999, noCap, 1, 0, 9999990 * time.Microsecond},
		{"MaxWait caps the jittered wait", 0.5, 30 * time.Second, 5, 0, 15 * time.Second},
		{"MaxWait 0 is the default 2 min", 0.5, 0, 5, 0, time.Minute},
		{"Retry-After raises a shorter wait", 0.1, noCap, 1, 7 * time.Second, 7 * time.Second},
		{"Retry-After does not shorten a longer wait", 0.5, noCap, 3, time.Second, 20 * time.Second},
		{"Retry-After up to the longest wait is honoured", 0.1, 0, 1, 100 * time.Second, 100 * time.Second},
		{"Retry-After is cut at MaxWait", 0.5, time.Second, 1, 3 * time.Second, time.Second},
		{"Retry-After of 31 years is cut at the longest wait", 0.1, 0, 1, 999999999 * time.Second, 2 * time.Minute},
		{"without MaxWait, the schedule's last step is the longest", 0.1, noCap, 1, time.Hour, 160 * time.Second},
		{"an absurd Retry-After is the longest wait", 0.1, 0, 2, retryAfterAbsurd, 2 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			p.Rand, p.MaxWait = fixed(tt.rand), tt.maxWait
			if got := p.Wait(tt.n, tt.retryAfter); got != tt.want {
				t.Errorf("Wait(%d, %v) = %v, want %v", tt.n, tt.retryAfter, got, tt.want)
			}
		})
	}
}

func TestRetryLongest(t *testing.T) {
	tests := []struct {
		name string
		p    RetryPolicy
		want time.Duration
	}{
		{"default: the 5th wait's bound of 160 s, cut at MaxWait", DefaultRetryPolicy(), 2 * time.Minute},
		{"zero policy takes the default", RetryPolicy{}, 2 * time.Minute},
		{"no MaxWait: the last step's bound", RetryPolicy{Initial: 5 * time.Second, Multiplier: 2, MaxAttempts: 3, MaxWait: -1}, 20 * time.Second},
		{"a huge schedule does not overflow", RetryPolicy{Initial: time.Hour, Multiplier: 1e6, MaxAttempts: 60, MaxWait: -1}, time.Duration(math.MaxInt64) - 1023},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Longest(); got != tt.want {
				t.Errorf("Longest() = %v, want %v", got, tt.want)
			}
			if tt.p.Longest() <= 0 {
				t.Errorf("Longest() = %v overflowed", tt.p.Longest())
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, value string
		want        time.Duration
	}{
		{"absent", "", 0},
		{"seconds", "3", 3 * time.Second},
		{"HTTP date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"date in the past", now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"garbage", "soon", 0},
		{"31 years", "999999999", 999999999 * time.Second},
		{"negative", "-4", retryAfterAbsurd},
		{"one second past a Duration", "9223372037", retryAfterAbsurd},
		{"past int64", "99999999999999999999", retryAfterAbsurd},
		{"date in year 9999", "Fri, 31 Dec 9999 23:59:59 GMT", retryAfterAbsurd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.value != "" {
				h.Set("Retry-After", tt.value)
			}
			if got := parseRetryAfter(h, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

// However long the server asks the client to wait, one wait ends within
// the longest step of the client's own backoff, and the countdown says so.
func TestRetryAfterIsCutAtTheLongestWait(t *testing.T) {
	for _, value := range []string{"999999999", "99999999999999999999", "-5", "Fri, 31 Dec 9999 23:59:59 GMT", "125"} {
		t.Run(value, func(t *testing.T) {
			var calls atomic.Int32
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", value)
					w.WriteHeader(http.StatusTooManyRequests)
					_, _ = w.Write([]byte(`{"error":{"code":429,"message":"Quota exceeded","errors":[{"reason":"quotaExceeded","message":"Quota exceeded"}]}}`))
					return
				}
				_, _ = w.Write([]byte(`{"kind":"reseller#customer","customerId":"C0x","customerDomain":"x.example"}`))
			}))
			defer ts.Close()
			c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "t", Retry: emulatedRetry()})
			if err != nil {
				t.Fatal(err)
			}
			var waits []time.Duration
			c.wait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
			log := &eventLog{}
			if _, err := c.GetCustomer(WithEvents(context.Background(), log.add), "C0x"); err != nil {
				t.Fatal(err)
			}
			if len(waits) != 1 || waits[0] != 2*time.Minute {
				t.Errorf("waits %v, want one of 2m0s (the default policy's longest)", waits)
			}
			evs := log.all()
			if len(evs) != 1 || evs[0].Wait != 2*time.Minute || time.Until(evs[0].Until) > 2*time.Minute {
				t.Errorf("events %+v, want one wait of 2 min", evs)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	apiErr := func(code int, reason string) error {
		return &googleapi.Error{Code: code, Message: "m", Errors: []googleapi.ErrorItem{{Reason: reason, Message: "m"}}}
	}
	tests := []struct {
		name                    string
		err                     error
		timedOut                bool
		transient, maybeApplied bool
	}{
		{"429 quota", apiErr(429, "quotaExceeded"), false, true, false},
		{"503", apiErr(503, "backendError"), false, true, false},
		{"500 may have applied", apiErr(500, "backendError"), false, true, true},
		{"502", apiErr(502, ""), false, true, true},
		{"504", apiErr(504, ""), false, true, true},
		{"403 rate limit", apiErr(403, "userRateLimitExceeded"), false, true, false},
		{"403 daily limit", apiErr(403, "dailyLimitExceeded"), false, false, false},
		{"403 API disabled", apiErr(403, "accessNotConfigured"), false, false, false},
		{"403 forbidden", apiErr(403, "forbidden"), false, false, false},
		{"400 invalid", apiErr(400, "invalid"), false, false, false},
		{"401", apiErr(401, "authError"), false, false, false},
		{"connection error", errors.New("connection reset by peer"), false, true, true},
		{"connection refused: nothing sent", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, false, true, false},
		{"attempt timeout", context.DeadlineExceeded, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := classify(tt.err, tt.timedOut)
			if f.transient != tt.transient || f.maybeApplied != tt.maybeApplied {
				t.Errorf("classify = transient %v, maybeApplied %v; want %v, %v", f.transient, f.maybeApplied, tt.transient, tt.maybeApplied)
			}
		})
	}
}

// A QPS-limited emulator answers 429 with Retry-After: the client reports
// the wait, honours Retry-After over its own shorter backoff, and succeeds.
func TestRetryQuotaStormThroughEmulator(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, QPS: 1})
	ctx := e.ctx(t)
	for i := range 3 {
		if _, err := e.c.GetCustomer(ctx, emulator.IDFlex); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	waits := 0
	for _, ev := range e.events.all() {
		if ev.Kind != EventRetryWait {
			continue
		}
		waits++
		if ev.Code != 429 || ev.Reason != "quotaExceeded" || ev.Method != "customers.get" {
			t.Errorf("event %+v: want customers.get 429 quotaExceeded", ev)
		}
		if ev.Attempt != 1 || ev.MaxAttempts != 6 {
			t.Errorf("event says attempt %d of %d, want 1 of 6", ev.Attempt, ev.MaxAttempts)
		}
		if ev.Wait < time.Second {
			t.Errorf("waited %v, want at least the emulator's Retry-After of 1 s", ev.Wait)
		}
		if !ev.Until.After(time.Now().Add(-time.Minute)) {
			t.Errorf("Until %v is not now + wait", ev.Until)
		}
	}
	if waits != 2 {
		t.Errorf("%d retry waits, want 2 (calls 2 and 3 each met the limit once)", waits)
	}
	if n := e.requests("customers.get"); n != 5 {
		t.Errorf("emulator saw %d requests, want 5", n)
	}
}

// With a share of 503s every call still succeeds, and each 503 the
// emulator sent is matched by one reported wait.
func TestRetry503ShareThroughEmulator(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, Fail503: 0.4, Seed: 3})
	ctx := e.ctx(t)
	for i := range 20 {
		if _, err := e.c.GetCustomer(ctx, emulator.IDFlex); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	sent503 := 0
	for _, c := range e.srv.Calls() {
		if c.Status == 503 {
			sent503++
		}
	}
	if sent503 == 0 {
		t.Fatal("the emulator sent no 503: the test proves nothing")
	}
	if w := e.events.count(EventRetryWait); w != sent503 {
		t.Errorf("%d retry waits for %d 503s", w, sent503)
	}
}

// Failures that cannot pass by waiting are not retried.
func TestNoRetryForPermanentFailures(t *testing.T) {
	tests := []struct {
		name string
		opts emulator.Options
		id   string
	}{
		{"daily limit", emulator.Options{Customers: -1, DailyQuota: 1}, emulator.IDFlex},
		{"API not enabled", emulator.Options{Customers: -1, APIDisabled: true}, emulator.IDFlex},
		{"forbidden", emulator.Options{Customers: -1}, emulator.IDRevoked},
		{"not found", emulator.Options{Customers: -1}, "C0missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts)
			ctx := e.ctx(t)
			if tt.opts.DailyQuota > 0 {
				_, _ = e.c.GetCustomer(ctx, tt.id) // spends the quota
			}
			before := e.requests("customers.get")
			if _, err := e.c.GetCustomer(ctx, tt.id); err == nil {
				t.Fatal("no error")
			}
			if n := e.requests("customers.get") - before; n != 1 {
				t.Errorf("sent %d times, want once", n)
			}
			if w := e.events.count(EventRetryWait); w != 0 {
				t.Errorf("%d retry waits, want none", w)
			}
		})
	}
}

// Server errors (500, 502, 504) and broken connections are retried.
func TestRetryServerAndConnectionErrors(t *testing.T) {
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(`{"error":{"code":502,"message":"Bad Gateway"}}`))
		case 2:
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"error":{"code":500,"message":"Internal error","errors":[{"reason":"backendError","message":"Internal error"}]}}`))
		default:
			_, _ = w.Write([]byte(`{"kind":"reseller#customer","customerId":"C0x","customerDomain":"x.example"}`))
		}
	}))
	defer ts.Close()
	ft := &faultTransport{next: http.DefaultTransport, fail: func(_ *http.Request, n int) bool { return n == 1 }}
	c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "t", Retry: emulatedRetry(), HTTPClient: &http.Client{Transport: ft}})
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	log := &eventLog{}
	got, err := c.GetCustomer(WithEvents(context.Background(), log.add), "C0x")
	if err != nil || got.ID != "C0x" {
		t.Fatalf("GetCustomer = %+v, %v", got, err)
	}
	codes := []int{}
	for _, ev := range log.all() {
		codes = append(codes, ev.Code)
	}
	if len(codes) != 3 || codes[0] != 0 || codes[1] != 502 || codes[2] != 500 {
		t.Errorf("waits reported for codes %v, want [0 502 500]", codes)
	}
	if len(waits) != 3 || waits[2] < 3*time.Second {
		t.Errorf("waits %v: the third must honour Retry-After: 3", waits)
	}
}

// Cancelling the context ends a retry wait at once.
func TestCancelDuringRetryWait(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, Fail503: 1}, func(c *Config) {
		c.Retry = RetryPolicy{Initial: time.Hour, Multiplier: 2, MaxAttempts: 6}
	})
	e.c.wait = waitCtx // the real wait: an hour, unless cancelled
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = WithEvents(ctx, func(ev Event) {
		if ev.Kind == EventRetryWait {
			cancel()
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if g := Explain(err); g.Case != "CANCELLED" || g.Method != "customers.get" {
			t.Errorf("Explain = %s %s", g.Case, g.Method)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wait was not cut short by the cancellation")
	}
}

// Every retry wait says why it waits, in a few words, from the first one
// on: the code and reason of an answer, or what went wrong with the
// connection.
func TestRetryWaitSaysItsCause(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close() // nothing listens there now: every dial is refused
		c, err := New(context.Background(), Config{Endpoint: "http://" + addr + "/", Token: "t", Retry: emulatedRetry()})
		if err != nil {
			t.Fatal(err)
		}
		c.wait = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
		log := &eventLog{}
		if _, err := c.GetCustomer(WithEvents(context.Background(), log.add), "C0x"); err == nil {
			t.Fatal("no error from a closed port")
		}
		evs := log.all()
		if len(evs) != 5 {
			t.Fatalf("%d events, want 5 retry waits", len(evs))
		}
		for _, ev := range evs {
			if ev.Kind != EventRetryWait || ev.Cause != "connection refused" || ev.Code != 0 {
				t.Errorf("event %+v: want a retry wait caused by a refused connection", ev)
			}
		}
	})
	t.Run("answers and broken connections", func(t *testing.T) {
		var calls atomic.Int32
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			switch calls.Add(1) {
			case 1:
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(`{"error":{"code":429,"message":"Quota","errors":[{"reason":"quotaExceeded","message":"Quota"}]}}`))
			case 2:
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte(`{"error":{"code":503,"message":"Unavailable"}}`))
			case 3:
				// Hang up in the middle of the answer.
				w.Header().Set("Content-Length", "100")
				_, _ = w.Write([]byte(`{"kind":`))
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			default:
				_, _ = w.Write([]byte(`{"kind":"reseller#customer","customerId":"C0x","customerDomain":"x.example"}`))
			}
		}))
		defer ts.Close()
		c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "t", Retry: emulatedRetry()})
		if err != nil {
			t.Fatal(err)
		}
		c.wait = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
		log := &eventLog{}
		if _, err := c.GetCustomer(WithEvents(context.Background(), log.add), "C0x"); err != nil {
			t.Fatal(err)
		}
		var causes []string
		for _, ev := range log.all() {
			causes = append(causes, ev.Cause)
		}
		want := []string{"429 quotaExceeded", "503", "connection closed"}
		if !slices.Equal(causes, want) {
			t.Errorf("causes %q, want %q", causes, want)
		}
	})
	t.Run("no answer within the attempt's deadline", func(t *testing.T) {
		release := make(chan struct{})
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}))
		defer ts.Close()
		defer close(release)
		c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "t", AttemptTimeout: 20 * time.Millisecond,
			Retry: RetryPolicy{Initial: time.Millisecond, MaxAttempts: 2}})
		if err != nil {
			t.Fatal(err)
		}
		c.wait = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
		log := &eventLog{}
		_, _ = c.GetCustomer(WithEvents(context.Background(), log.add), "C0x")
		evs := log.all()
		if len(evs) != 1 || evs[0].Cause != "no answer in 20ms" {
			t.Errorf("events %+v, want one wait caused by no answer in 20ms", evs)
		}
	})
}
