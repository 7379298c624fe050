package emulator

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault names recorded in Call.Fault.
const (
	faultLatency  = "latency"
	faultDisabled = "disabled"
	faultDaily    = "daily"
	faultQPS      = "qps"
	fault503      = "503"
	faultDrop     = "drop"
)

// emulatedProject is the Cloud project number quoted in accessNotConfigured
// and dailyLimitExceeded messages, as Google quotes the caller's project.
const emulatedProject = "123456789012"

// Salts for the per-fault random streams: each fault draws from its own
// stream so that, for one seed, turning jitter on does not change which
// requests fail with 503 or lose their response.
const (
	saltJitter uint64 = 0x6a17e2
	saltFail   uint64 = 0x503503
	saltDrop   uint64 = 0xd209
)

// faults injects the failures a real Reseller API project meets: latency,
// a disabled API, the daily quota, the QPS limit, 503s and lost responses.
// Every decision is deterministic for a seed and a sequence of requests.
type faults struct {
	o       Options
	now     func() time.Time
	pacific *time.Location
	// wait blocks for d or until ctx is done; tests replace it to observe
	// the delay without sleeping.
	wait func(ctx context.Context, d time.Duration) error

	mu        sync.Mutex
	jitterRNG *rand.Rand
	failRNG   *rand.Rand
	dropRNG   *rand.Rand
	day       time.Time // midnight (Pacific) starting the current quota day
	served    int       // requests counted against DailyQuota on day
	tokens    float64   // QPS token bucket level
	refilled  time.Time // when tokens was last brought up to date
}

// newFaults builds the fault injector for o; now is the emulated clock.
func newFaults(o Options, now func() time.Time) *faults {
	if now == nil {
		now = time.Now
	}
	seed := uint64(o.Seed)
	return &faults{
		o:         o,
		now:       now,
		pacific:   pacificTime(),
		wait:      waitContext,
		jitterRNG: rand.New(rand.NewPCG(seed, saltJitter)),
		failRNG:   rand.New(rand.NewPCG(seed, saltFail)),
		dropRNG:   rand.New(rand.NewPCG(seed, saltDrop)),
	}
}

// pacificTime is the zone Google resets daily quotas in. A fixed UTC-8
// fallback keeps the emulator working on a machine without tzdata.
func pacificTime() *time.Location {
	if loc, err := time.LoadLocation("America/Los_Angeles"); err == nil {
		return loc
	}
	return time.FixedZone("PST", -8*60*60)
}

// waitContext is the real latency: a timer, abandoned if the client leaves.
func waitContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wrap applies the configured faults in front of next.
func (f *faults) wrap(next http.Handler) http.Handler {
	if !f.active() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := callFrom(r.Context())
		if d := f.delay(); d > 0 {
			c.Fault = faultLatency
			if f.wait(r.Context(), d) != nil {
				return // the client gave up; nobody is left to answer
			}
		}
		d := f.decide(isWrite(r.Method))
		if d.err != nil {
			c.Fault = d.fault
			if d.retryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(d.retryAfter))
			}
			writeError(w, d.err)
			return
		}
		if !d.drop {
			next.ServeHTTP(w, r)
			return
		}
		serveDropped(w, r, next)
	})
}

// serveDropped applies the call, then loses its answer if it succeeded:
// the client sees a broken connection although the change happened.
func serveDropped(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := newBufferedResponse()
	next.ServeHTTP(rec, r)
	c := callFrom(r.Context())
	// Nothing written means 200. A batch answers 200 whatever its parts
	// did: only one that changed something loses its answer.
	if max(rec.status, http.StatusOK)/100 != 2 || (c.Method == batchMethod && !c.Applied) {
		rec.copyTo(w)
		return
	}
	c.Fault, c.Dropped = faultDrop, true
	commitCall(r.Context(), 0)
	abortResponse(w)
}

// active reports whether at least one fault is configured.
func (f *faults) active() bool {
	o := f.o
	return o.Latency > 0 || o.Jitter > 0 || o.APIDisabled || o.DailyQuota > 0 ||
		o.QPS > 0 || o.Fail503 > 0 || o.DropResponse > 0
}

// delay is Latency plus a uniform jitter in [0, Jitter).
func (f *faults) delay() time.Duration {
	d := max(f.o.Latency, 0)
	if f.o.Jitter > 0 {
		f.mu.Lock()
		d += time.Duration(f.jitterRNG.Int64N(int64(f.o.Jitter)))
		f.mu.Unlock()
	}
	return d
}

// decision is what the fault injector does with one request.
type decision struct {
	fault      string
	err        *apiError // answer instead of running the handler
	retryAfter int       // seconds, for 429
	drop       bool      // run the handler, then lose a successful answer
}

// decide applies the quota and failure rules in order (disabled API, daily
// quota, QPS, 503, dropped write) for a request arriving now.
func (f *faults) decide(write bool) decision {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if f.o.APIDisabled {
		return decision{fault: faultDisabled, err: errAccessNotConfigured()}
	}
	if f.o.DailyQuota > 0 && !f.countDaily(now) {
		return decision{fault: faultDaily, err: errDailyLimit()}
	}
	if f.o.QPS > 0 {
		if wait, ok := f.takeToken(now); !ok {
			return decision{fault: faultQPS, err: errQPS(), retryAfter: wait}
		}
	}
	if f.o.Fail503 > 0 && f.failRNG.Float64() < f.o.Fail503 {
		return decision{fault: fault503, err: errUnavailable()}
	}
	if write && f.o.DropResponse > 0 && f.dropRNG.Float64() < f.o.DropResponse {
		return decision{drop: true}
	}
	return decision{}
}

// countDaily counts a request against today's quota (the day starts at
// midnight Pacific time, like Google's) and reports whether it fits.
func (f *faults) countDaily(now time.Time) bool {
	y, m, d := now.In(f.pacific).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, f.pacific)
	if !day.Equal(f.day) {
		f.day, f.served = day, 0
	}
	if f.served >= f.o.DailyQuota {
		return false
	}
	f.served++
	return true
}

// takeToken takes one token from a bucket that refills at QPS tokens per
// second and holds at most max(1, QPS): a fractional QPS such as 0.5 allows
// one request every two seconds. When empty it returns the whole seconds
// (at least 1) until the next token, for Retry-After.
func (f *faults) takeToken(now time.Time) (retryAfter int, ok bool) {
	const epsilon = 1e-9 // float rounding must not cost a token
	capacity := math.Max(1, f.o.QPS)
	switch {
	case f.refilled.IsZero():
		f.tokens = capacity
		f.refilled = now
	case now.After(f.refilled):
		f.tokens = math.Min(capacity, f.tokens+now.Sub(f.refilled).Seconds()*f.o.QPS)
		f.refilled = now
	}
	if f.tokens >= 1-epsilon {
		f.tokens--
		return 0, true
	}
	secs := int(math.Ceil((1 - f.tokens) / f.o.QPS))
	return max(secs, 1), false
}

// isWrite reports whether method changes state; only writes can lose their
// response.
func isWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead
}

func errAccessNotConfigured() *apiError {
	return &apiError{
		Code:   http.StatusForbidden,
		Domain: "usageLimits",
		Reason: "accessNotConfigured",
		Message: "Access Not Configured. Google Workspace Reseller API has not been used in project " +
			emulatedProject + " before or it is disabled. Enable it by visiting " +
			"https://console.developers.google.com/apis/api/reseller.googleapis.com/overview?project=" +
			emulatedProject + " then retry. If you enabled this API recently, wait a few minutes " +
			"for the action to propagate to our systems and retry.",
	}
}

func errDailyLimit() *apiError {
	return &apiError{
		Code:   http.StatusForbidden,
		Domain: "usageLimits",
		Reason: "dailyLimitExceeded",
		Message: "Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT). " +
			"You may monitor your quota usage and adjust limits in the API Console: " +
			"https://console.developers.google.com/apis/api/reseller.googleapis.com/quotas?project=" +
			emulatedProject,
	}
}

func errQPS() *apiError {
	return &apiError{
		Code:   http.StatusTooManyRequests,
		Domain: "usageLimits",
		Reason: "quotaExceeded",
		Message: "Quota exceeded for quota metric 'Queries' and limit 'Queries per second' " +
			"of service 'reseller.googleapis.com' for consumer 'project_number:" + emulatedProject + "'.",
	}
}

func errUnavailable() *apiError {
	return &apiError{
		Code:    http.StatusServiceUnavailable,
		Domain:  "global",
		Reason:  "backendError",
		Message: "The service is currently unavailable.",
	}
}

// bufferedResponse holds a handler's answer so it can be sent or dropped.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedResponse() *bufferedResponse {
	return &bufferedResponse{header: http.Header{}}
}

// Header returns the headers the handler sets.
func (b *bufferedResponse) Header() http.Header { return b.header }

// WriteHeader records the first status, as a real connection would.
func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// Write buffers body bytes, implying 200 like net/http.
func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(max(b.status, http.StatusOK))
	_, _ = w.Write(b.body.Bytes())
}

// abortResponse closes the connection without answering. Hijacking lets the
// handler return normally (so the call is still logged); where the writer
// cannot be hijacked (HTTP/2), net/http's abort panic does the same.
func abortResponse(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	closeHard(conn)
}

// closeHard resets a TCP connection so the client sees the loss at once.
func closeHard(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
