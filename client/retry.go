package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/googleapi"
)

// RetryPolicy is how transient failures are retried: exponential backoff
// with full jitter, as Google's usage-limits guide asks
// (https://developers.google.com/workspace/admin/reseller/v1/limits).
type RetryPolicy struct {
	// Initial is the mean wait before the first retry.
	Initial time.Duration
	// Multiplier scales the mean wait from one retry to the next.
	Multiplier float64
	// MaxAttempts is the number of tries in all, the first included.
	MaxAttempts int
	// MaxWait caps the jittered wait; 0 takes DefaultRetryPolicy's (2 min),
	// a negative value leaves only the schedule's own growth as the cap.
	// One wait, Retry-After included, is never longer than Longest.
	MaxWait time.Duration
	// Rand returns a number in [0, 1); nil means math/rand. Tests fix it.
	Rand func() float64
}

// DefaultRetryPolicy follows Google's usage-limits guide: about 5 s
// before the first retry, doubling each time, at most 6 tries.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{Initial: 5 * time.Second, Multiplier: 2, MaxAttempts: 6, MaxWait: 2 * time.Minute}
}

// withDefaults fills unset fields from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.Initial <= 0 {
		p.Initial = d.Initial
	}
	if p.Multiplier < 1 {
		p.Multiplier = d.Multiplier
	}
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.MaxWait == 0 {
		p.MaxWait = d.MaxWait
	}
	if p.Rand == nil {
		p.Rand = rand.Float64
	}
	return p
}

// Wait is the wait before retry n (n = 1 after the first failure): uniform
// in [0, 2·Initial·Multiplier^(n-1)), so its mean is Initial·Multiplier^(n-1)
// (5 s, 10 s, 20 s, … by default), capped at MaxWait, then raised to
// retryAfter when the server asked for longer, but never beyond Longest: a
// server asking for hours (or for a value that overflows) gets the
// longest wait the backoff itself would choose, and the user a countdown
// that ends.
func (p RetryPolicy) Wait(n int, retryAfter time.Duration) time.Duration {
	p = p.withDefaults()
	w := time.Duration(p.Rand() * p.upper(n))
	return min(max(w, retryAfter), p.Longest())
}

// Longest is the longest single wait: the upper bound of the last retry's
// jittered wait (2 min by default).
func (p RetryPolicy) Longest() time.Duration {
	p = p.withDefaults()
	return time.Duration(p.upper(p.MaxAttempts - 1))
}

// upper is the bound of the jittered wait before retry n, in nanoseconds.
func (p RetryPolicy) upper(n int) float64 {
	upper := 2 * float64(p.Initial) * math.Pow(p.Multiplier, float64(max(n, 1)-1))
	if p.MaxWait > 0 && upper > float64(p.MaxWait) {
		upper = float64(p.MaxWait)
	}
	// float64(MaxInt64) rounds up to 2^63, which overflows a Duration.
	return min(upper, math.Nextafter(float64(math.MaxInt64), 0))
}

// failure is what the retry engine knows about one failed attempt.
type failure struct {
	code       int
	reason     string
	message    string
	retryAfter time.Duration
	// cause says what failed in a few words, for a retry countdown:
	// "429 quotaExceeded", "connection refused".
	cause string
	// transient: trying again later can succeed.
	transient bool
	// maybeApplied: a write may have taken effect although it failed (no
	// answer, or a server error after the request was read).
	maybeApplied bool
}

// rateLimitReasons are the 403 reasons Google uses for short-term limits;
// dailyLimitExceeded is deliberately absent: it lasts until midnight PT.
var rateLimitReasons = map[string]bool{
	"rateLimitExceeded":     true,
	"userRateLimitExceeded": true,
	"quotaExceeded":         true,
}

// classify decides whether err is worth retrying and whether a write that
// failed with it may have been applied. attemptTimedOut is set when the
// per-attempt deadline, not the caller, ended the attempt.
func classify(err error, attemptTimedOut bool) failure {
	f := classifyOnly(err, attemptTimedOut)
	if f.cause == "" {
		f.cause = causeOf(err, f)
	}
	return f
}

func classifyOnly(err error, attemptTimedOut bool) failure {
	var ge *googleapi.Error
	if errors.As(err, &ge) {
		f := failure{code: ge.Code, reason: apiReason(ge), message: apiMessage(ge)}
		f.retryAfter = parseRetryAfter(ge.Header, time.Now())
		switch {
		case ge.Code == http.StatusTooManyRequests, ge.Code == http.StatusServiceUnavailable:
			// Google documents 429 and 503 as quota refusals: nothing ran.
			f.transient = true
		case ge.Code == http.StatusInternalServerError, ge.Code == http.StatusBadGateway,
			ge.Code == http.StatusGatewayTimeout:
			f.transient, f.maybeApplied = true, true
		case ge.Code == http.StatusForbidden && rateLimitReasons[f.reason]:
			f.transient = true
		}
		return f
	}
	if attemptTimedOut {
		return failure{message: "no answer within the per-attempt timeout", cause: "no answer in time",
			transient: true, maybeApplied: true}
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		// The token endpoint refused: nothing reached the Reseller API.
		code, _ := tokenError(re)
		return failure{code: tokenStatus(re), reason: code, message: tokenMessage(re),
			transient: re.Response != nil && re.Response.StatusCode >= 500}
	}
	var ae *google.AuthenticationError
	if errors.As(err, &ae) {
		return failure{message: redact(transportMessage(err)), transient: ae.Temporary()}
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) || errors.As(err, &te) {
		// A 2xx whose body we could not read: the change happened.
		return failure{message: "unreadable answer: " + redact(err.Error()), cause: "unreadable answer", maybeApplied: true}
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		// No connection was made, so no request went out.
		return failure{message: redact(transportMessage(err)), transient: true}
	}
	// Everything else is the network: reset, EOF mid-answer.
	return failure{message: redact(transportMessage(err)), transient: true, maybeApplied: true}
}

// causeOf names what failed in a few words: the HTTP code and reason of
// an answer, else the kind of network failure, so a countdown says why it
// waits from the first retry on rather than after the last.
func causeOf(err error, f failure) string {
	if f.code != 0 {
		return strings.TrimSpace(fmt.Sprintf("%d %s", f.code, f.reason))
	}
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "host not found"
		}
		return "DNS lookup failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "host unreachable"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		if oe.Timeout() {
			return "connection timed out"
		}
		return "could not connect"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "no answer in time"
	}
	if f.reason != "" {
		return f.reason
	}
	// The message itself, cut to a few words: it is already sanitised.
	return shorten(f.message, 40)
}

// shorten cuts s to at most n runes, with an ellipsis when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// apiReason is errors[0].reason, falling back to the ErrorInfo reason that
// auth errors carry (Google sends one or the other, never both).
func apiReason(ge *googleapi.Error) string {
	for _, it := range ge.Errors {
		if it.Reason != "" {
			return Sanitize(it.Reason)
		}
	}
	for _, d := range ge.Details {
		if m, ok := d.(map[string]any); ok {
			if r, ok := m["reason"].(string); ok && r != "" {
				return Sanitize(r)
			}
		}
	}
	return ""
}

// apiMessage is the error's message, sanitised and redacted.
func apiMessage(ge *googleapi.Error) string {
	msg := ge.Message
	if msg == "" && len(ge.Errors) > 0 {
		msg = ge.Errors[0].Message
	}
	if msg == "" {
		msg = http.StatusText(ge.Code)
	}
	return redact(Sanitize(msg))
}

// tokenStatus is the token endpoint's HTTP status.
func tokenStatus(re *oauth2.RetrieveError) int {
	if re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// tokenError is the OAuth error code and description of a refusal. The
// JWT flow leaves RetrieveError's fields empty, so the body is read too.
func tokenError(re *oauth2.RetrieveError) (code, desc string) {
	code, desc = re.ErrorCode, re.ErrorDescription
	if code == "" {
		var body struct {
			Error            string `json:"error"`
			ErrorDescription string `json:"error_description"`
		}
		if json.Unmarshal(re.Body, &body) == nil {
			code, desc = body.Error, body.ErrorDescription
		}
	}
	return Sanitize(code), Sanitize(desc)
}

// tokenMessage is what the token endpoint said, without the raw body.
func tokenMessage(re *oauth2.RetrieveError) string {
	msg := "the token endpoint refused to issue an access token"
	code, desc := tokenError(re)
	if code != "" {
		msg += ": " + code
	}
	if desc != "" {
		msg += ": " + desc
	}
	return redact(msg)
}

// transportMessage is the cause of a transport error without the request
// URL, which can hold a transfer token.
func transportMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return Sanitize(err.Error())
}

// retryAfterAbsurd stands for a Retry-After that cannot be meant: negative,
// or too large for a Duration. RetryPolicy.Wait cuts it to Longest, like any
// value past that.
const retryAfterAbsurd = time.Duration(math.MaxInt64)

// parseRetryAfter reads Retry-After as seconds or an HTTP date. A value
// that is neither is ignored (the backoff decides), a date already past
// asks for no wait, and a negative or overflowing number of seconds is
// retryAfterAbsurd: the server wanted a wait, so the longest one is kept.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if err != nil || secs < 0 || secs > int64(retryAfterAbsurd/time.Second) {
			return retryAfterAbsurd
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		// Sub saturates at the largest Duration for dates centuries ahead.
		return t.Sub(now)
	}
	return 0
}

// waitCtx waits d or until ctx ends, whichever comes first.
func waitCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
