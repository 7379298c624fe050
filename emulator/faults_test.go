package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	reseller "google.golang.org/api/reseller/v1"
)

// faultClock is an injected clock that only moves when a test says so.
type faultClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFaultClock(t time.Time) *faultClock { return &faultClock{t: t} }

func (c *faultClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *faultClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// faultEnvelope is the part of Google's error envelope the tests read.
type faultEnvelope struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Domain string `json:"domain"`
			Reason string `json:"reason"`
		} `json:"errors"`
	} `json:"error"`
}

// faultWinter is a Pacific-standard-time instant (UTC-8), so the daily
// reset is the same with or without tzdata.
var faultWinter = time.Date(2026, time.January, 15, 12, 0, 0, 0, time.UTC)

// okHandler is the trivial inner handler: it counts calls and answers 200.
func okHandler(n *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"kind":"reseller#subscription"}`)
	})
}

// serveOnce sends one request through h and returns the recorded answer
// and the Call the fault injector filled in.
func serveOnce(t *testing.T, h http.Handler, method string) (*httptest.ResponseRecorder, *Call) {
	t.Helper()
	rec := httptest.NewRecorder()
	c := &Call{}
	req := httptest.NewRequest(method, "/apps/reseller/v1/subscriptions", nil)
	h.ServeHTTP(rec, req.WithContext(withCall(req.Context(), c)))
	return rec, c
}

// recordCalls wraps h like the core does, sending each request's Call to
// the returned channel once the handler is done.
func recordCalls(h http.Handler) (http.Handler, <-chan Call) {
	calls := make(chan Call, 16)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &Call{}
		h.ServeHTTP(w, r.WithContext(withCall(r.Context(), c)))
		calls <- *c
	}), calls
}

func decodeEnvelope(t *testing.T, body []byte) faultEnvelope {
	t.Helper()
	var e faultEnvelope
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body is not Google's envelope: %v: %s", err, body)
	}
	return e
}

func TestFaultsWrapAnswers(t *testing.T) {
	type want struct {
		code       int
		domain     string
		reason     string
		status     string
		retryAfter string
		message    string // substring
	}
	tests := []struct {
		name     string
		opts     Options
		before   int // requests sent (and ignored) first
		want     want
		fault    string // recorded in Call.Fault
		innerRan bool
	}{
		{
			name: "no faults passes through",
			opts: Options{},
			want: want{code: 200}, innerRan: true,
		},
		{
			name: "API disabled",
			opts: Options{APIDisabled: true},
			want: want{code: 403, domain: "usageLimits", reason: "accessNotConfigured",
				status: "PERMISSION_DENIED", message: "Reseller API has not been used in project"},
			fault: faultDisabled,
		},
		{
			name:   "daily quota spent",
			opts:   Options{DailyQuota: 3},
			before: 3,
			want: want{code: 403, domain: "usageLimits", reason: "dailyLimitExceeded",
				status: "PERMISSION_DENIED", message: "Daily Limit Exceeded"},
			fault: faultDaily,
		},
		{
			name:   "daily quota not yet spent",
			opts:   Options{DailyQuota: 3},
			before: 2,
			want:   want{code: 200}, innerRan: true,
		},
		{
			name:   "QPS exceeded",
			opts:   Options{QPS: 2},
			before: 2,
			want: want{code: 429, domain: "usageLimits", reason: "quotaExceeded",
				status: "RESOURCE_EXHAUSTED", retryAfter: "1"},
			fault: faultQPS,
		},
		{
			name:   "fractional QPS asks for two seconds",
			opts:   Options{QPS: 0.5},
			before: 1,
			want: want{code: 429, domain: "usageLimits", reason: "quotaExceeded",
				status: "RESOURCE_EXHAUSTED", retryAfter: "2"},
			fault: faultQPS,
		},
		{
			name: "every request 503",
			opts: Options{Fail503: 1},
			want: want{code: 503, domain: "global", reason: "backendError",
				status: "UNAVAILABLE", message: "The service is currently unavailable."},
			fault: fault503,
		},
		{
			name: "disabled API wins over the other faults",
			opts: Options{APIDisabled: true, Fail503: 1, QPS: 1},
			want: want{code: 403, domain: "usageLimits", reason: "accessNotConfigured",
				status: "PERMISSION_DENIED"},
			fault: faultDisabled,
		},
		{
			name:   "daily quota is checked before QPS",
			opts:   Options{DailyQuota: 1, QPS: 1},
			before: 1,
			want:   want{code: 403, domain: "usageLimits", reason: "dailyLimitExceeded", status: "PERMISSION_DENIED"},
			fault:  faultDaily,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFaultClock(faultWinter)
			var inner atomic.Int32
			h := newFaults(tc.opts, clock.Now).wrap(okHandler(&inner))
			for range tc.before {
				_, _ = serveOnce(t, h, http.MethodGet)
			}
			innerBefore := inner.Load()
			rec, call := serveOnce(t, h, http.MethodGet)
			if call.Fault != tc.fault {
				t.Errorf("Call.Fault = %q, want %q", call.Fault, tc.fault)
			}
			if rec.Code != tc.want.code {
				t.Fatalf("code = %d, want %d; body %s", rec.Code, tc.want.code, rec.Body)
			}
			if ran := inner.Load() > innerBefore; ran != tc.innerRan {
				t.Errorf("inner handler ran = %v, want %v", ran, tc.innerRan)
			}
			if got := rec.Header().Get("Retry-After"); got != tc.want.retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tc.want.retryAfter)
			}
			if tc.want.code == 200 {
				return
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q, want JSON", ct)
			}
			e := decodeEnvelope(t, rec.Body.Bytes())
			if e.Error.Code != tc.want.code || e.Error.Status != tc.want.status {
				t.Errorf("envelope code/status = %d/%s, want %d/%s", e.Error.Code, e.Error.Status, tc.want.code, tc.want.status)
			}
			if len(e.Error.Errors) != 1 {
				t.Fatalf("errors[] has %d items, want 1", len(e.Error.Errors))
			}
			if got := e.Error.Errors[0]; got.Domain != tc.want.domain || got.Reason != tc.want.reason {
				t.Errorf("errors[0] = %s/%s, want %s/%s", got.Domain, got.Reason, tc.want.domain, tc.want.reason)
			}
			if !strings.Contains(e.Error.Message, tc.want.message) {
				t.Errorf("message %q does not contain %q", e.Error.Message, tc.want.message)
			}
		})
	}
}

func TestFaultsQPSTokenBucket(t *testing.T) {
	type step struct {
		advance    time.Duration // before the request
		ok         bool
		retryAfter int
	}
	tests := []struct {
		name  string
		qps   float64
		steps []step
	}{
		{
			name: "two per second, refilled after a second",
			qps:  2,
			steps: []step{
				{ok: true}, {ok: true}, {ok: false, retryAfter: 1},
				{advance: 500 * time.Millisecond, ok: true},
				{ok: false, retryAfter: 1},
				{advance: time.Second, ok: true}, {ok: true}, {ok: false, retryAfter: 1},
			},
		},
		{
			name: "half a request per second",
			qps:  0.5,
			steps: []step{
				{ok: true}, {ok: false, retryAfter: 2},
				{advance: time.Second, ok: false, retryAfter: 1},
				{advance: time.Second, ok: true},
				{ok: false, retryAfter: 2},
			},
		},
		{
			name: "a long pause does not bank more than a second",
			qps:  3,
			steps: []step{
				{advance: time.Hour, ok: true}, {ok: true}, {ok: true}, {ok: false, retryAfter: 1},
			},
		},
		{
			name: "slow limit rounds Retry-After up",
			qps:  0.3,
			steps: []step{
				{ok: true}, {ok: false, retryAfter: 4},
				{advance: 3 * time.Second, ok: false, retryAfter: 1},
				{advance: 400 * time.Millisecond, ok: true},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFaultClock(faultWinter)
			f := newFaults(Options{QPS: tc.qps}, clock.Now)
			for i, s := range tc.steps {
				clock.Advance(s.advance)
				d := f.decide(false)
				if ok := d.err == nil; ok != s.ok {
					t.Fatalf("step %d: allowed = %v, want %v", i, ok, s.ok)
				}
				if d.retryAfter != s.retryAfter {
					t.Fatalf("step %d: retryAfter = %d, want %d", i, d.retryAfter, s.retryAfter)
				}
			}
		})
	}
}

func TestFaultsDailyQuotaResetsAtPacificMidnight(t *testing.T) {
	// 07:59 UTC on 16 Jan is 23:59 PST on 15 Jan; 08:00 UTC is midnight PT.
	start := time.Date(2026, time.January, 16, 7, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		advance time.Duration // after spending the quota
		ok      bool
	}{
		{name: "same Pacific day, UTC date already changed", advance: 59 * time.Minute, ok: false},
		{name: "after midnight Pacific", advance: time.Hour, ok: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFaultClock(start)
			f := newFaults(Options{DailyQuota: 2}, clock.Now)
			for i := range 2 {
				if d := f.decide(false); d.err != nil {
					t.Fatalf("request %d refused within the quota: %v", i, d.err)
				}
			}
			if d := f.decide(false); d.fault != faultDaily {
				t.Fatalf("third request: fault %q, want %q", d.fault, faultDaily)
			}
			clock.Advance(tc.advance)
			if ok := f.decide(false).err == nil; ok != tc.ok {
				t.Errorf("allowed = %v, want %v", ok, tc.ok)
			}
		})
	}
}

// fail503Pattern returns which of n requests fail with 503.
func fail503Pattern(seed int64, share float64, n int) string {
	f := newFaults(Options{Seed: seed, Fail503: share}, func() time.Time { return faultWinter })
	var b strings.Builder
	for range n {
		if f.decide(false).fault == fault503 {
			b.WriteByte('x')
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}

func TestFaultsFail503IsSeeded(t *testing.T) {
	tests := []struct {
		name  string
		seed  int64
		share float64
	}{
		{name: "seed 1, a third", seed: 1, share: 0.33},
		{name: "seed 42, a half", seed: 42, share: 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const n = 2000
			a := fail503Pattern(tc.seed, tc.share, n)
			if b := fail503Pattern(tc.seed, tc.share, n); a != b {
				t.Fatalf("same seed gave different patterns:\n%s\n%s", a[:60], b[:60])
			}
			if other := fail503Pattern(tc.seed+1, tc.share, n); other == a {
				t.Errorf("seed %d and %d gave the same pattern", tc.seed, tc.seed+1)
			}
			got := float64(strings.Count(a, "x")) / n
			if got < tc.share-0.05 || got > tc.share+0.05 {
				t.Errorf("503 share = %.3f, want about %.2f", got, tc.share)
			}
		})
	}
}

func TestFaultsJitterDoesNotShiftOtherFaults(t *testing.T) {
	pattern := func(jitter time.Duration) string {
		f := newFaults(Options{Seed: 7, Fail503: 0.5, Jitter: jitter}, func() time.Time { return faultWinter })
		var b strings.Builder
		for range 200 {
			f.delay()
			if f.decide(false).fault == fault503 {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	if a, b := pattern(0), pattern(time.Second); a != b {
		t.Errorf("jitter changed the 503 pattern:\n%s\n%s", a, b)
	}
}

func TestFaultsLatency(t *testing.T) {
	tests := []struct {
		name    string
		latency time.Duration
		jitter  time.Duration
	}{
		{name: "fixed latency", latency: 250 * time.Millisecond},
		{name: "latency with jitter", latency: 100 * time.Millisecond, jitter: 50 * time.Millisecond},
		{name: "jitter only", jitter: 10 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run := func() []time.Duration {
				f := newFaults(Options{Seed: 3, Latency: tc.latency, Jitter: tc.jitter}, nil)
				var waits []time.Duration
				f.wait = func(ctx context.Context, d time.Duration) error {
					waits = append(waits, d)
					return nil
				}
				var inner atomic.Int32
				h := f.wrap(okHandler(&inner))
				for range 50 {
					rec, call := serveOnce(t, h, http.MethodGet)
					if rec.Code != 200 {
						t.Fatalf("code = %d", rec.Code)
					}
					if call.Fault != faultLatency {
						t.Fatalf("Call.Fault = %q, want %q", call.Fault, faultLatency)
					}
				}
				if inner.Load() != 50 {
					t.Fatalf("inner ran %d times, want 50", inner.Load())
				}
				return waits
			}
			waits := run()
			for _, d := range waits {
				if d < tc.latency || d >= tc.latency+max(tc.jitter, 1) {
					t.Fatalf("waited %v, want in [%v, %v)", d, tc.latency, tc.latency+tc.jitter)
				}
			}
			again := run()
			for i := range waits {
				if waits[i] != again[i] {
					t.Fatalf("wait %d: %v then %v with the same seed", i, waits[i], again[i])
				}
			}
		})
	}
}

func TestFaultsLatencyHonoursCancellation(t *testing.T) {
	var inner atomic.Int32
	h := newFaults(Options{Latency: time.Hour}, nil).wrap(okHandler(&inner))
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodGet, "/apps/reseller/v1/subscriptions", nil).WithContext(ctx)
	done := make(chan struct{})
	rec := httptest.NewRecorder()
	go func() {
		h.ServeHTTP(rec, req)
		close(done)
	}()
	cancel()
	<-done // an hour-long wait only ends this soon if cancellation is honoured
	if inner.Load() != 0 {
		t.Errorf("inner handler ran after the client left")
	}
}

func TestWaitContext(t *testing.T) {
	tests := []struct {
		name    string
		d       time.Duration
		cancel  bool
		wantErr error
	}{
		{name: "short wait completes", d: time.Millisecond},
		{name: "cancelled wait stops", d: time.Hour, cancel: true, wantErr: context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				cancel()
			}
			if err := waitContext(ctx, tc.d); !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestFaultsDropResponse(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		status    int // inner handler's answer
		wantLost  bool
		wantCode  int
		wantRuns  int32
		wantFault string
	}{
		{name: "successful write is applied and lost", method: http.MethodPost, status: 200, wantLost: true, wantRuns: 1, wantFault: faultDrop},
		{name: "successful delete is applied and lost", method: http.MethodDelete, status: 204, wantLost: true, wantRuns: 1, wantFault: faultDrop},
		{name: "failed write is answered", method: http.MethodPost, status: 400, wantCode: 400, wantRuns: 1},
		{name: "reads are never dropped", method: http.MethodGet, status: 200, wantCode: 200, wantRuns: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var runs atomic.Int32
			inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				runs.Add(1)
				w.Header().Set("X-Inner", "yes")
				w.WriteHeader(tc.status)
				if tc.status != 204 {
					_, _ = io.WriteString(w, `{"kind":"reseller#subscription"}`)
				}
			})
			h, calls := recordCalls(newFaults(Options{DropResponse: 1}, nil).wrap(inner))
			ts := httptest.NewServer(h)
			defer ts.Close()
			req, err := http.NewRequest(tc.method, ts.URL+"/apps/reseller/v1/customers/C1/subscriptions/1/changeSeats", strings.NewReader(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			res, err := ts.Client().Do(req)
			if tc.wantLost {
				if err == nil {
					res.Body.Close()
					t.Fatalf("got HTTP %d, want a lost response", res.StatusCode)
				}
			} else {
				if err != nil {
					t.Fatalf("request failed: %v", err)
				}
				defer res.Body.Close()
				if res.StatusCode != tc.wantCode || res.Header.Get("X-Inner") != "yes" {
					t.Errorf("answer = %d (X-Inner %q), want the inner %d", res.StatusCode, res.Header.Get("X-Inner"), tc.wantCode)
				}
			}
			if got := runs.Load(); got != tc.wantRuns {
				t.Errorf("inner handler ran %d times, want %d (no replay of a write)", got, tc.wantRuns)
			}
			c := <-calls
			if c.Fault != tc.wantFault || c.Dropped != tc.wantLost {
				t.Errorf("Call = {Fault %q, Dropped %v}, want {%q, %v}", c.Fault, c.Dropped, tc.wantFault, tc.wantLost)
			}
		})
	}
}

// bearerRoundTripper adds the bearer token Google's client would get from
// oauth2.
type bearerRoundTripper struct {
	token string
	next  http.RoundTripper
}

func (b bearerRoundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// resellerFor returns Google's generated client pointed at an emulator URL.
func resellerFor(tb testing.TB, url string) *reseller.Service {
	tb.Helper()
	hc := &http.Client{Transport: bearerRoundTripper{token: "test", next: http.DefaultTransport}}
	svc, err := reseller.NewService(context.Background(), option.WithEndpoint(url+"/"), option.WithHTTPClient(hc))
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// asGoogleError returns err's *googleapi.Error or fails the test.
func asGoogleError(t *testing.T, err error) *googleapi.Error {
	t.Helper()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		t.Fatalf("error %v (%T) is not a *googleapi.Error", err, err)
	}
	return gerr
}

func TestFaultsThroughGeneratedClient(t *testing.T) {
	type call struct {
		advance    time.Duration // clock step before the call
		code       int           // 0 = success
		reason     string
		retryAfter string
	}
	tests := []struct {
		name  string
		opts  Options
		calls []call
	}{
		{
			name:  "API not enabled in the project",
			opts:  Options{APIDisabled: true},
			calls: []call{{code: 403, reason: "accessNotConfigured"}},
		},
		{
			name: "daily quota spent, then reset at midnight Pacific",
			opts: Options{DailyQuota: 2},
			calls: []call{
				{}, {},
				{code: 403, reason: "dailyLimitExceeded"},
				{advance: 19 * time.Hour, code: 403, reason: "dailyLimitExceeded"}, // 23:00 PT
				{advance: time.Hour}, // midnight PT
			},
		},
		{
			name: "queries per second exceeded",
			opts: Options{QPS: 1},
			calls: []call{
				{},
				{code: 429, reason: "quotaExceeded", retryAfter: "1"},
				{advance: time.Second},
			},
		},
		{
			name:  "every request unavailable",
			opts:  Options{Fail503: 1},
			calls: []call{{code: 503, reason: "backendError"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFaultClock(faultWinter) // 04:00 PT
			opts := tc.opts
			opts.Customers, opts.Clock = -1, clock.Now
			ts := httptest.NewServer(New(opts))
			defer ts.Close()
			svc := resellerFor(t, ts.URL)
			for i, c := range tc.calls {
				clock.Advance(c.advance)
				cust, err := svc.Customers.Get(DomainAcmeAnnual).Do()
				if c.code == 0 {
					if err != nil {
						t.Fatalf("call %d: %v", i, err)
					}
					if cust.CustomerId != IDAcmeAnnual {
						t.Fatalf("call %d: customerId %q, want %q", i, cust.CustomerId, IDAcmeAnnual)
					}
					continue
				}
				gerr := asGoogleError(t, err)
				if gerr.Code != c.code || len(gerr.Errors) == 0 || gerr.Errors[0].Reason != c.reason {
					t.Fatalf("call %d: got %d %+v, want %d %s", i, gerr.Code, gerr.Errors, c.code, c.reason)
				}
				if got := gerr.Header.Get("Retry-After"); got != c.retryAfter {
					t.Errorf("call %d: Retry-After %q, want %q", i, got, c.retryAfter)
				}
			}
		})
	}
}

func TestFaults503PatternThroughGeneratedClient(t *testing.T) {
	tests := []struct {
		name string
		seed int64
	}{
		{name: "seed 1", seed: 1},
		{name: "seed 99", seed: 99},
	}
	pattern := func(t *testing.T, seed int64) string {
		ts := httptest.NewServer(New(Options{Seed: seed, Customers: -1, Fail503: 0.5}))
		defer ts.Close()
		svc := resellerFor(t, ts.URL)
		var b strings.Builder
		for range 24 {
			_, err := svc.Customers.Get(IDFlex).Do()
			switch {
			case err == nil:
				b.WriteByte('.')
			case asGoogleError(t, err).Code == 503:
				b.WriteByte('x')
			default:
				t.Fatalf("unexpected error %v", err)
			}
		}
		return b.String()
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, second := pattern(t, tc.seed), pattern(t, tc.seed)
			if first != second {
				t.Fatalf("same seed, different 503 patterns: %s vs %s", first, second)
			}
			if !strings.Contains(first, "x") || !strings.Contains(first, ".") {
				t.Errorf("pattern %s: a 0.5 share should both fail and succeed in 24 calls", first)
			}
		})
	}
}

func TestFaultsLatencyThroughGeneratedClient(t *testing.T) {
	calls := make(chan Call, 1)
	ts := httptest.NewServer(New(Options{Customers: -1, Latency: time.Hour, OnCall: func(c Call) { calls <- c }}))
	defer ts.Close()
	svc := resellerFor(t, ts.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// The hour-long latency must outlast the client's deadline.
	if _, err := svc.Customers.Get(DomainAcmeAnnual).Context(ctx).Do(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
	// The server notices the client left and stops waiting.
	c := <-calls
	if c.Fault != faultLatency || c.Status != 0 {
		t.Errorf("Call = {Fault %q, Status %d}, want latency with no answer", c.Fault, c.Status)
	}
}

func TestFaultsDropResponseThroughGeneratedClient(t *testing.T) {
	ts := httptest.NewServer(New(Options{Customers: -1, DropResponse: 1, Clock: newFaultClock(faultWinter).Now}))
	defer ts.Close()
	srv := ts.Config.Handler.(*Server)
	svc := resellerFor(t, ts.URL)
	// Reads are never dropped, so the subscription can be looked up first.
	list, err := svc.Subscriptions.List().CustomerId(IDFlex).Do()
	if err != nil {
		t.Fatal(err)
	}
	var sub *reseller.Subscription
	for _, s := range list.Subscriptions {
		if s.Status == "ACTIVE" && s.Plan != nil && s.Plan.PlanName == "FLEXIBLE" && s.Seats != nil {
			sub = s
			break
		}
	}
	if sub == nil {
		t.Fatalf("no active FLEXIBLE subscription for %s", DomainFlex)
	}
	want := sub.Seats.MaximumNumberOfSeats + 1

	_, err = svc.Subscriptions.ChangeSeats(IDFlex, sub.SubscriptionId, &reseller.Seats{MaximumNumberOfSeats: want}).Do()
	if err == nil {
		t.Fatal("changeSeats answered; want the response lost")
	}
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		t.Fatalf("got an HTTP answer %v; want a transport error", gerr)
	}

	got, err := svc.Subscriptions.Get(IDFlex, sub.SubscriptionId).Do()
	if err != nil {
		t.Fatal(err)
	}
	if got.Seats.MaximumNumberOfSeats != want {
		t.Errorf("maximumNumberOfSeats = %d, want %d (the lost write applied once)", got.Seats.MaximumNumberOfSeats, want)
	}
	var applied, dropped int
	for _, c := range srv.Calls() {
		if c.Method == "reseller.subscriptions.changeSeats" {
			if c.Applied {
				applied++
			}
			if c.Dropped {
				dropped++
			}
		}
	}
	if applied != 1 || dropped != 1 {
		t.Errorf("changeSeats applied %d times, dropped %d; want 1 and 1", applied, dropped)
	}
}

// A client that has its answer (here: the lost connection) must already
// find the call in Calls and OnCall; otherwise tests that count applied
// writes after a dropped response race the recorder.
func TestCallIsRecordedBeforeTheClientSeesTheAnswer(t *testing.T) {
	clientDone := make(chan struct{})
	sawClientDone := make(chan bool, 1)
	onCall := func(c Call) {
		if c.Method != "reseller.subscriptions.changeSeats" {
			return
		}
		// Recorded before the connection is closed, the client cannot
		// have returned yet. Recorded after, it returns within
		// microseconds: the bound only has to outlast that.
		select {
		case <-clientDone:
			sawClientDone <- true
		case <-time.After(100 * time.Millisecond):
			sawClientDone <- false
		}
	}
	ts := httptest.NewServer(New(Options{Customers: -1, DropResponse: 1, OnCall: onCall, Clock: newFaultClock(faultWinter).Now}))
	defer ts.Close()
	svc := resellerFor(t, ts.URL)
	sub, err := svc.Subscriptions.Get(IDFlex, "1000002").Do()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(clientDone)
		_, _ = svc.Subscriptions.ChangeSeats(IDFlex, sub.SubscriptionId, &reseller.Seats{MaximumNumberOfSeats: sub.Seats.MaximumNumberOfSeats + 1}).Do()
	}()
	if <-sawClientDone {
		t.Fatal("the client saw the lost response before the call was recorded")
	}
	<-clientDone
}
