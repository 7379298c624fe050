package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is the emulator. It is safe for concurrent use.
type Server struct {
	opts     Options
	clock    func() time.Time // base clock plus the advanced offset
	base     func() time.Time // Options.Clock, else time.Now
	offset   atomic.Int64     // nanoseconds added by Advance
	admin    http.Handler     // /emulator/v1/, nil with Options.NoAdmin
	targeted targetedFaults
	events   eventSink
	handler  http.Handler
	mux      *http.ServeMux
	methods  map[string]string // mux pattern → discovery method id
	tokenKey []byte            // HMAC key for page tokens

	mu sync.Mutex
	st *store // guarded by mu; not touched before ready is closed

	// ready is closed once the dataset is built; built counts the
	// generated customers so far, of total.
	ready     chan struct{}
	readyOnce sync.Once
	built     atomic.Int64
	total     int
	// onWait, in tests, is called when a request starts waiting for the
	// dataset.
	onWait func()

	logMu sync.Mutex
	calls []Call
}

// maxBodyBytes bounds request bodies; real ones are a few hundred bytes.
const maxBodyBytes = 1 << 20

// New builds an emulator loaded with the demo dataset of opts, or with
// exactly Options.Initial when that is set. It panics when Options.Initial
// does not load; NewWithState returns that error instead.
func New(opts Options) *Server {
	s, err := NewWithState(opts)
	if err != nil {
		panic("emulator: Options.Initial: " + err.Error())
	}
	return s
}

// NewWithState is New that reports an Options.Initial that does not load
// (an unknown SKU, a subscription of a missing customer, …).
func NewWithState(opts Options) (*Server, error) {
	base := opts.Clock
	if base == nil {
		base = time.Now
	}
	key := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("resold emulator page tokens"), uint64(opts.Seed)))
	s := &Server{opts: opts, base: base, tokenKey: key[:], ready: make(chan struct{})}
	s.clock = func() time.Time { return s.base().Add(time.Duration(s.offset.Load())) }
	s.events.w = opts.Events
	st, err := s.initialStore(opts.Background)
	if err != nil {
		return nil, err
	}
	s.st = st
	s.routes()
	s.handler = s.auth(s.targeted.wrap(newFaults(opts, s.clock).wrap(s.mux)))
	if !opts.NoAdmin {
		s.admin = s.adminRoutes()
	}
	return s, nil
}

// markReady lets requests in: the dataset is built.
func (s *Server) markReady() { s.readyOnce.Do(func() { close(s.ready) }) }

// Progress reports how many of the generated customers are built, of how
// many; requests are answered once built equals total.
func (s *Server) Progress() (built, total int) {
	select {
	case <-s.ready:
		return s.total, s.total
	default:
		return int(s.built.Load()), s.total
	}
}

// Now returns the emulated current time (Options.Clock, else time.Now).
func (s *Server) Now() time.Time { return s.clock() }

// ServeHTTP records the call, then authenticates, injects faults and
// dispatches to the method's handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.admin != nil && strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.admin.ServeHTTP(w, r) // not an API call: no token, faults or call record
		return
	}
	start := time.Now()
	select {
	case <-s.ready:
	default:
		// Building in the background (Options.Background): wait for it,
		// unless the client leaves first.
		if s.onWait != nil {
			s.onWait()
		}
		select {
		case <-s.ready:
		case <-r.Context().Done():
			return
		}
	}
	c := &Call{}
	_, pattern := s.mux.Handler(r)
	c.Method = s.methods[pattern]
	c.CustomerID, c.SubscriptionID = pathIDs(r.URL.EscapedPath())
	committed := false // one goroutine serves a request: no lock needed
	commit := func(status int) {
		if committed {
			return
		}
		committed = true
		c.Status = status
		if c.Dropped {
			c.Status = 0
		}
		s.record(*c)
	}
	rec := &statusRecorder{ResponseWriter: w, commit: commit}
	defer func() {
		commit(rec.status) // a handler that answered nothing, or a client that left
		s.logLine(r, c.Status, time.Since(start))
	}()
	ctx := withCommit(withCall(r.Context(), c), commit)
	s.handler.ServeHTTP(rec, r.WithContext(ctx))
}

// logLine writes one line per request to Options.Log: never the query
// string, which may hold a customerAuthToken, nor any header.
func (s *Server) logLine(r *http.Request, status int, d time.Duration) {
	if s.opts.Log == nil {
		return
	}
	line := fmt.Sprintf("%s %s %d %s\n", r.Method, sanitizeLog(r.URL.Path), status, d.Round(time.Microsecond))
	s.logMu.Lock()
	_, _ = io.WriteString(s.opts.Log, line)
	s.logMu.Unlock()
}

// sanitizeLog keeps a path printable so a crafted URL cannot forge lines
// or terminal escapes in the log.
func sanitizeLog(p string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, p)
}

// pathIDs pre-fills a Call's IDs from the escaped path, so calls refused
// before their handler runs (auth, faults) still say what they were about.
func pathIDs(escaped string) (customerID, subscriptionID string) {
	rest, ok := strings.CutPrefix(escaped, apiPrefix+"customers/")
	if !ok {
		return "", ""
	}
	parts := strings.Split(rest, "/")
	customerID = unescapeOr(parts[0])
	if len(parts) >= 3 && parts[1] == "subscriptions" {
		subscriptionID = unescapeOr(parts[2])
	}
	return customerID, subscriptionID
}

// apiPrefix is where every method's path starts.
const apiPrefix = "/apps/reseller/v1/"

// route is one discovery method.
type route struct {
	method, path, id string
	handle           func(*Server, http.ResponseWriter, *http.Request)
}

var routeTable = []route{
	{"GET", "customers/{customerId}", "reseller.customers.get", (*Server).getCustomer},
	{"POST", "customers", "reseller.customers.insert", (*Server).insertCustomer},
	{"PATCH", "customers/{customerId}", "reseller.customers.patch", (*Server).patchCustomer},
	{"PUT", "customers/{customerId}", "reseller.customers.update", (*Server).updateCustomer},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/activate", "reseller.subscriptions.activate", (*Server).activate},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/changePlan", "reseller.subscriptions.changePlan", (*Server).changePlan},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/changeRenewalSettings", "reseller.subscriptions.changeRenewalSettings", (*Server).changeRenewalSettings},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/changeSeats", "reseller.subscriptions.changeSeats", (*Server).changeSeats},
	{"DELETE", "customers/{customerId}/subscriptions/{subscriptionId}", "reseller.subscriptions.delete", (*Server).deleteSubscription},
	{"GET", "customers/{customerId}/subscriptions/{subscriptionId}", "reseller.subscriptions.get", (*Server).getSubscription},
	{"POST", "customers/{customerId}/subscriptions", "reseller.subscriptions.insert", (*Server).insertSubscription},
	{"GET", "subscriptions", "reseller.subscriptions.list", (*Server).listSubscriptions},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/startPaidService", "reseller.subscriptions.startPaidService", (*Server).startPaidService},
	{"POST", "customers/{customerId}/subscriptions/{subscriptionId}/suspend", "reseller.subscriptions.suspend", (*Server).suspend},
	{"GET", "resellernotify/getwatchdetails", "reseller.resellernotify.getwatchdetails", (*Server).getWatchDetails},
	{"POST", "resellernotify/register", "reseller.resellernotify.register", (*Server).register},
	{"POST", "resellernotify/unregister", "reseller.resellernotify.unregister", (*Server).unregister},
}

// routes builds the mux: one pattern per method, a method-less pattern
// per path answering 405, and a catch-all answering 404, all in Google's
// envelope. Patterns match the escaped path segment by segment, so an ID
// holding %2F stays one path value.
func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.methods = map[string]string{}
	paths := map[string]bool{}
	for _, rt := range routeTable {
		pattern := rt.method + " " + apiPrefix + rt.path
		s.methods[pattern] = rt.id
		h := rt.handle
		s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { h(s, w, r) })
		paths[apiPrefix+rt.path] = true
	}
	for p := range paths {
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			writeError(w, &apiError{Code: http.StatusMethodNotAllowed, Reason: "httpMethodNotAllowed", Message: msgMethodNotAllowed})
		})
	}
	s.methods["POST "+batchPath] = batchMethod
	s.mux.HandleFunc("POST "+batchPath, s.batch)
	s.mux.HandleFunc(batchPath, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Code: http.StatusMethodNotAllowed, Reason: "httpMethodNotAllowed", Message: msgMethodNotAllowed})
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errNotFound(msgNoSuchMethod))
	})
}

// noContent is the result of a method with no response body (delete).
type noContent struct{}

// serve runs fn under the store lock after applying the time rules due
// now, then writes its result (JSON, or 204 for noContent) or its error.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, fn func(now int64, c *Call) (any, *apiError)) {
	c := callFrom(r.Context())
	held := lockHeld(r.Context()) // a batch holds the lock for all its parts
	if !held {
		s.mu.Lock()
	}
	now := s.clock().UnixMilli()
	s.st.advance(now)
	v, err := fn(now, c)
	s.flushEvents()
	if !held {
		s.mu.Unlock()
	}
	switch {
	case err != nil:
		writeError(w, err)
	case v == (noContent{}):
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, v)
	}
}

// writeJSON sends v with 200, compact as with prettyPrint=false.
func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		writeError(w, &apiError{Code: http.StatusInternalServerError, Reason: "backendError", Message: "Internal error encoding the response."})
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_, _ = w.Write(buf.Bytes())
}

// decodeBody reads a JSON object into v. An empty body is an empty object;
// anything that is not one JSON value of the right shape is 400 parseError.
func decodeBody(r *http.Request, v any) *apiError {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(body) > maxBodyBytes {
		return errParse()
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return decodeBytes(body, v)
}

// decodeBytes reads one JSON value of v's shape from body; trailing data
// is a parse error.
func decodeBytes(body []byte, v any) *apiError {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return errParse()
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errParse() // trailing data after the object
	}
	return nil
}

// jsonInt is an integer field that, like Google's JSON parser, accepts a
// number or a string holding one.
type jsonInt int64

// UnmarshalJSON accepts 12 and "12"; fractions and other types fail.
func (n *jsonInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not an integer: %s", b)
	}
	*n = jsonInt(v)
	return nil
}

// unescapeOr percent-decodes a path segment, or keeps it as sent.
func unescapeOr(seg string) string {
	if v, err := url.PathUnescape(seg); err == nil {
		return v
	}
	return seg
}
