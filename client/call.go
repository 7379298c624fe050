package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// op describes one API call to the retry engine, the call log and the
// catalogue.
type op struct {
	method         string // e.g. "subscriptions.changeSeats"
	customerID     string
	subscriptionID string
	write          bool
	sub            *Subscription // the subscription acted on, if known
	requested      int           // seats asked for, if any
	transfer       bool          // a customerAuthToken is sent
}

// checkFunc re-reads the state after a write whose outcome is unknown and
// reports whether the intended change is already there.
type checkFunc func(ctx context.Context) (applied bool, err error)

// read runs a call that changes nothing: transient failures are retried.
func (c *Client) read(ctx context.Context, o op, send func(context.Context) error) error {
	_, err := c.exec(ctx, o, send, nil)
	return err
}

// write runs a change so that it is never applied twice: when an attempt
// may have been applied without the answer coming back, check looks before
// anything is resent. applied reports that check found the change already
// made, in which case send's result is not set and the caller returns the
// state check found.
//
// Every change goes through here, so this is the one place read-only mode
// is enforced: a read-only client refuses before any request, re-read or
// call-log record.
func (c *Client) write(ctx context.Context, o op, send func(context.Context) error, check checkFunc) (applied bool, err error) {
	if c.readOnly {
		return false, ErrReadOnly
	}
	o.write = true
	// A listing kept from before the change, or read while it goes out,
	// may show things as they were.
	c.pages.Forget()
	defer c.pages.Forget()
	return c.exec(ctx, o, send, check)
}

// statusKey carries, in an attempt's context, the *seen the transport
// fills in for the call log.
type statusKey struct{}

// seen is what the transport saw of one attempt: the query it sent (secrets
// redacted), the HTTP status and the request ID of the answer.
type seen struct {
	status    int
	query     map[string]string
	requestID string
}

// statusTransport records each request's query and answer's status for the
// call log.
type statusTransport struct{ next http.RoundTripper }

// RoundTrip passes the request on and notes what it saw.
func (t statusTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p, _ := req.Context().Value(statusKey{}).(*seen)
	if p != nil {
		p.query = loggedQuery(req.URL.Query())
	}
	resp, err := t.next.RoundTrip(req)
	if resp != nil && p != nil {
		p.status = resp.StatusCode
		p.requestID = requestID(resp.Header)
	}
	return resp, err
}

func (c *Client) exec(ctx context.Context, o op, send func(context.Context) error, check checkFunc) (bool, error) {
	maxAttempts := c.retry.MaxAttempts
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return false, c.fail(o, err, failure{}, n-1)
		}
		var sn seen
		actx, cancel := context.WithTimeout(context.WithValue(ctx, statusKey{}, &sn), c.attemptTimeout)
		start := c.now()
		err := send(actx)
		timedOut := errors.Is(actx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		latency := c.now().Sub(start)
		if err == nil {
			c.record(o, start, sn, latency, n, failure{})
			return false, nil
		}
		if ctx.Err() != nil {
			// The caller gave up mid-request: a write may have gone out.
			c.record(o, start, sn, latency, n, failure{message: ctx.Err().Error()})
			e := c.fail(o, ctx.Err(), failure{}, n)
			e.OutcomeUnknown = o.write
			return false, e
		}
		f := classify(err, timedOut)
		if f.code == 0 {
			f.code = sn.status
		}
		if timedOut {
			f.cause = "no answer in " + spoken(c.attemptTimeout)
		}
		sn.status = f.code
		c.record(o, start, sn, latency, n, f)

		if o.write && f.maybeApplied && check != nil {
			emit(ctx, Event{Kind: EventOutcomeUnknown, Method: o.method, Attempt: n, MaxAttempts: maxAttempts,
				Code: f.code, Reason: f.reason, Message: f.message, Cause: f.cause})
			applied, cerr := check(rereading(ctx))
			switch {
			case cerr != nil:
				e := c.fail(o, err, f, n)
				if ctx.Err() != nil {
					e = c.fail(o, ctx.Err(), failure{}, n)
				}
				e.OutcomeUnknown = true
				return false, e
			case applied:
				emit(ctx, Event{Kind: EventAlreadyApplied, Method: o.method, Attempt: n, MaxAttempts: maxAttempts})
				return true, nil
			}
			// Checked: the change is not there, so sending again is safe.
		} else if o.write && f.maybeApplied {
			e := c.fail(o, err, f, n)
			e.OutcomeUnknown = true
			return false, e
		}

		if !f.transient || n >= maxAttempts {
			return false, c.fail(o, err, f, n)
		}
		wait := c.retry.Wait(n, f.retryAfter)
		emit(ctx, Event{Kind: EventRetryWait, Method: o.method, Attempt: n, MaxAttempts: maxAttempts,
			Wait: wait, Until: c.now().Add(wait), Code: f.code, Reason: f.reason, Message: f.message, Cause: f.cause})
		if werr := c.wait(ctx, wait); werr != nil {
			return false, c.fail(o, werr, f, n)
		}
	}
}

// fail builds the APIError for a call that ends with err.
func (c *Client) fail(o op, err error, f failure, attempts int) *APIError {
	e := &APIError{
		Method: o.method, Code: f.code, Reason: f.reason, Message: f.message,
		CustomerID: o.customerID, SubscriptionID: o.subscriptionID,
		Sub: o.sub, Requested: o.requested, Attempts: attempts, Transfer: o.transfer,
	}
	switch {
	case errors.Is(err, context.Canceled):
		e.Code, e.Reason, e.Message, e.Err = 0, "", "cancelled", err
	case errors.Is(err, context.DeadlineExceeded) && f.code == 0 && f.message == "":
		e.Code, e.Reason, e.Message, e.Err = 0, "", "deadline exceeded", err
	default:
		e.Err = redactURLError(err)
		if e.Message == "" {
			e.Message = redact(Sanitize(err.Error()))
		}
	}
	return e
}

// record logs one attempt; f is its failure (empty on success), whose
// message is redacted again here.
func (c *Client) record(o op, start time.Time, sn seen, latency time.Duration, attempt int, f failure) {
	r := CallRecord{
		Time: start, Method: o.method, CustomerID: o.customerID, SubscriptionID: o.subscriptionID,
		Query: sn.query, Status: sn.status, Reason: Sanitize(f.reason), Latency: latency, Attempt: attempt,
		Err: redact(Sanitize(f.message)), RequestID: Sanitize(sn.requestID),
	}
	c.log.add(r)
	if f := c.onCall.Load(); f != nil {
		(*f)(r)
	}
}

// spoken writes d the way the status pane counts down: "30 s", or Go's
// notation when it is not whole seconds.
func spoken(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return d.String()
}
