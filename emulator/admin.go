package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The admin endpoints, under /emulator/v1/ and so outside the API's paths,
// as fake-gcs-server and the Firebase emulators have theirs. They take no
// token, are not faulted and are not recorded in Calls: they are the test
// harness's controls, not API calls. Options.NoAdmin turns them off.

// adminPrefix is where every admin path starts.
const adminPrefix = "/emulator/v1/"

func (s *Server) adminRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+adminPrefix+"state", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, s.State())
	})
	mux.HandleFunc("POST "+adminPrefix+"reset", func(w http.ResponseWriter, r *http.Request) {
		s.Reset()
		writeJSON(w, clockView{Time: s.Now().UTC()})
	})
	mux.HandleFunc("GET "+adminPrefix+"clock", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, clockView{Time: s.Now().UTC()})
	})
	mux.HandleFunc("POST "+adminPrefix+"clock:advance", s.adminAdvance)
	mux.HandleFunc("GET "+adminPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, faultList{Faults: s.targeted.list()})
	})
	mux.HandleFunc("POST "+adminPrefix+"faults", s.adminAddFault)
	mux.HandleFunc("DELETE "+adminPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		s.targeted.clear()
		writeJSON(w, faultList{Faults: []Fault{}})
	})
	mux.HandleFunc(adminPrefix, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errNotFound("No such emulator admin endpoint: "+sanitizeLog(r.Method+" "+r.URL.Path)+
			". There are GET state, POST reset, GET clock, POST clock:advance, GET, POST and DELETE faults."))
	})
	return mux
}

// clockView is the emulated time an admin call leaves.
type clockView struct {
	Time time.Time `json:"time"`
}

type faultList struct {
	Faults []Fault `json:"faults"`
}

// adminAdvance serves POST clock:advance {"duration":"720h"}.
func (s *Server) adminAdvance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Duration *string `json:"duration"`
	}
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	if in.Duration == nil {
		writeError(w, errRequiredField("duration"))
		return
	}
	d, err := parseAdvance(*in.Duration)
	if err != nil {
		writeError(w, errInvalid(err.Error()))
		return
	}
	now, err := s.Advance(d)
	if err != nil {
		writeError(w, errInvalid(err.Error()))
		return
	}
	writeJSON(w, clockView{Time: now.UTC()})
}

// parseAdvance reads a Go duration ("720h", "90m") or whole days ("30d").
func parseAdvance(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err == nil && n >= 0 && n <= 100*365 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("duration %q is not a duration such as 720h, 90m or 30d", v)
	}
	if d < 0 {
		return 0, fmt.Errorf("duration %q is negative: the clock only moves forward", v)
	}
	return d, nil
}

// adminAddFault serves POST faults with one Fault.
func (s *Server) adminAddFault(w http.ResponseWriter, r *http.Request) {
	var in Fault
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	f, err := s.AddFault(in)
	if err != nil {
		writeError(w, errInvalid(err.Error()))
		return
	}
	writeJSON(w, f)
}

// Fault is a targeted fault: the next Count calls of Method answer Code
// with Reason (or, with Drop, are applied and their answer lost), before
// any of Options' fault rates apply.
type Fault struct {
	// Method is a discovery method: "subscriptions.changeSeats" or
	// "reseller.subscriptions.changeSeats".
	Method string `json:"method"`
	// Code is the HTTP status, 400 to 599; unused with Drop.
	Code int `json:"code,omitempty"`
	// Reason is the error's reason ("backendError", "quotaExceeded", …);
	// by default the usual one for Code.
	Reason string `json:"reason,omitempty"`
	// Message is the error's message; by default a generic one.
	Message string `json:"message,omitempty"`
	// Count is how many calls fail; 1 by default.
	Count int `json:"count,omitempty"`
	// RetryAfter, in seconds, is sent as the Retry-After header.
	RetryAfter int `json:"retryAfter,omitempty"`
	// Drop applies the call and then closes the connection without an
	// answer, when the call succeeds (a lost response).
	Drop bool `json:"drop,omitempty"`
}

// faultReasons are the default reason and message for each code.
var faultReasons = map[int][2]string{
	400: {"badRequest", "Bad Request"},
	401: {"authError", "Invalid Credentials"},
	403: {"forbidden", "Forbidden"},
	404: {"notFound", "Not Found"},
	409: {"duplicate", "Conflict"},
	412: {"conditionNotMet", "Precondition Failed"},
	429: {"quotaExceeded", "Quota exceeded for quota metric 'Queries' and limit 'Queries per second' of service 'reseller.googleapis.com'."},
	500: {"backendError", "Internal error encountered."},
	502: {"backendError", "Bad Gateway"},
	503: {"backendError", "The service is currently unavailable."},
	504: {"backendError", "Deadline exceeded."},
}

// usageLimitReasons are the reasons Google files under the usageLimits
// domain.
var usageLimitReasons = []string{"quotaExceeded", "rateLimitExceeded", "userRateLimitExceeded",
	"dailyLimitExceeded", "accessNotConfigured"}

// AddFault queues a targeted fault and returns it with its defaults.
func (s *Server) AddFault(f Fault) (Fault, error) {
	id := strings.TrimSpace(f.Method)
	if !strings.HasPrefix(id, "reseller.") {
		id = "reseller." + id
	}
	known := slices.ContainsFunc(routeTable, func(rt route) bool { return rt.id == id })
	if !known {
		return f, fmt.Errorf("method %q is not a Reseller API method such as subscriptions.changeSeats", f.Method)
	}
	f.Method = strings.TrimPrefix(id, "reseller.")
	switch {
	case f.Count < 0:
		return f, fmt.Errorf("count %d is negative", f.Count)
	case f.Count == 0:
		f.Count = 1
	}
	if f.RetryAfter < 0 {
		return f, fmt.Errorf("retryAfter %d is negative", f.RetryAfter)
	}
	if f.Drop {
		if f.Code != 0 || f.Reason != "" || f.Message != "" {
			return f, fmt.Errorf("a dropped answer has no code, reason or message")
		}
	} else {
		if f.Code < 400 || f.Code > 599 {
			return f, fmt.Errorf("code %d is not an error status (400 to 599)", f.Code)
		}
		def, ok := faultReasons[f.Code]
		if !ok {
			def = [2]string{"backendError", http.StatusText(f.Code)}
		}
		if f.Reason == "" {
			f.Reason = def[0]
		}
		if f.Message == "" {
			f.Message = def[1]
		}
	}
	s.targeted.add(f)
	return f, nil
}

// targetedFaults holds the queued Faults, first queued first used.
type targetedFaults struct {
	mu     sync.Mutex
	faults []Fault
}

func (t *targetedFaults) add(f Fault) {
	t.mu.Lock()
	t.faults = append(t.faults, f)
	t.mu.Unlock()
}

func (t *targetedFaults) list() []Fault {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Fault{}, t.faults...)
}

func (t *targetedFaults) clear() {
	t.mu.Lock()
	t.faults = nil
	t.mu.Unlock()
}

// take uses one call of the first fault queued for method, if any.
func (t *targetedFaults) take(method string) (Fault, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range t.faults {
		f := &t.faults[i]
		if "reseller."+f.Method != method {
			continue
		}
		got := *f
		if f.Count--; f.Count <= 0 {
			t.faults = slices.Delete(t.faults, i, i+1)
		}
		return got, true
	}
	return Fault{}, false
}

// faultTargeted is the Call.Fault of a targeted fault.
const faultTargeted = "targeted"

// wrap answers a call a queued fault targets before next sees it.
func (t *targetedFaults) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := callFrom(r.Context())
		f, ok := t.take(c.Method)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		c.Fault = faultTargeted
		if f.Drop {
			serveDropped(w, r, next)
			return
		}
		domain := "global"
		if slices.Contains(usageLimitReasons, f.Reason) {
			domain = "usageLimits"
		}
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		writeError(w, &apiError{Code: f.Code, Domain: domain, Reason: f.Reason, Message: f.Message})
	})
}
