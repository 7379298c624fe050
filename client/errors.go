package client

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// ErrReadOnly is returned by every write in read-only mode, before any
// network I/O.
var ErrReadOnly = errors.New("read-only mode: changes are disabled (start resold without --read-only to make changes)")

// ErrNoCredentials says no way to authenticate was given. Its text names
// what to set.
var ErrNoCredentials = errors.New("no credentials: set --credentials (or GOOGLE_APPLICATION_CREDENTIALS) to a service-account key file " +
	"and --subject (or RESOLD_SUBJECT) to the reseller admin to impersonate, or run resold --demo to use the built-in emulator")

// ErrEndOfList is returned by Pager.Page for a page past the last one.
var ErrEndOfList = errors.New("no more pages in this listing")

// SetupError is a setting resold cannot start with: a credentials file that
// is unreadable, not JSON or the wrong kind of key, a key without a
// subject, or a malformed endpoint. It says what to set.
type SetupError struct {
	Setting string // the file name or setting at fault
	Problem string // what is wrong
	Fix     string // what to set or do
	Err     error  // the underlying error, if any
}

// Error states the setting, the problem and the fix.
func (e *SetupError) Error() string {
	s := e.Setting + ": " + e.Problem
	if e.Err != nil {
		s += ": " + redact(e.Err.Error())
	}
	if e.Fix != "" {
		s += "; " + e.Fix
	}
	return s
}

// Unwrap returns the underlying error.
func (e *SetupError) Unwrap() error { return e.Err }

// ValidationError is input refused before anything is sent. Guidance is
// the same the catalogue gives for the API's own refusal of that input.
type ValidationError struct {
	Field    string // the field at fault, e.g. "seats" or "purchaseOrderId"
	Guidance Guidance
}

// Error names the field and what is wrong with it.
func (e *ValidationError) Error() string {
	return e.Field + ": " + e.Guidance.Title
}

// APIError is a failed call: the method, what the API said (or, with Code
// 0, why no answer came) and what the call was acting on. It wraps the
// underlying *googleapi.Error or transport error, so errors.As still
// reaches them.
type APIError struct {
	Method  string // e.g. "subscriptions.changeSeats"
	Code    int    // HTTP status; 0 when no answer came
	Reason  string // errors[0].reason, or the ErrorInfo reason
	Message string // sanitised, secrets redacted
	Err     error

	CustomerID     string
	SubscriptionID string
	// Sub is the subscription the call acted on, when the caller passed
	// one: the catalogue uses its plan and seat counts.
	Sub *Subscription
	// Requested is the seat count the call asked for, or 0.
	Requested int
	// Attempts is how many times the request was sent.
	Attempts int
	// OutcomeUnknown is set on a write whose request went out without an
	// answer and whose effect could not be checked: look before retrying.
	OutcomeUnknown bool
	// Transfer is set when the call carried a customerAuthToken.
	Transfer bool
}

// Error gives the method, code, reason and message.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Method)
	b.WriteString(": ")
	if e.Code != 0 {
		fmt.Fprintf(&b, "%d", e.Code)
		if e.Reason != "" {
			b.WriteString(" " + e.Reason)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.OutcomeUnknown {
		b.WriteString(" (the change may or may not have been applied)")
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *APIError) Unwrap() error { return e.Err }

// secretParams are query parameters whose values must never be shown: the
// transfer token is a credential for the customer's account.
var secretParams = regexp.MustCompile(`(?i)((?:customerAuthToken|access_token|assertion|refresh_token|client_secret|key)=)[^&\s"']+`)

// bearer matches an Authorization header value that leaked into a text.
var bearer = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`)

// redact removes secrets from a text that may reach the screen or a log.
func redact(s string) string {
	s = secretParams.ReplaceAllString(s, "${1}REDACTED")
	return bearer.ReplaceAllString(s, "${1}REDACTED")
}

// redactURLError rewrites the URL inside a *url.Error so that printing the
// error anywhere cannot show a transfer token, while errors.As still finds
// the url.Error and its cause.
func redactURLError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	if red := redact(ue.URL); red != ue.URL {
		ue.URL = red
	}
	return err
}
