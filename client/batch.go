package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"google.golang.org/api/googleapi"
	reseller "google.golang.org/api/reseller/v1"
)

// Batch requests: the generated client cannot send them, so this file
// writes and reads Google's batch format for the Admin SDK APIs
// (https://developers.google.com/workspace/admin/reseller/v1/how-tos/batch):
// one multipart/mixed POST to the discovery document's batchPath, each
// part an application/http request with a Content-ID, answered by one
// multipart/mixed response with a part per call, in order. The batch goes
// through the same HTTP client as every call (authentication included:
// the outer request's token covers every part), the same retry engine and
// the same call log.

// MaxBatchCalls is Google's limit of calls in one batch request.
const MaxBatchCalls = 1000

// batchCall is one call of a batch: a method, a path below the endpoint
// and an optional JSON body.
type batchCall struct {
	method string
	path   string // e.g. "apps/reseller/v1/customers/C1/subscriptions?…"
	body   any
}

// batchAnswer is one part of a batch's answer.
type batchAnswer struct {
	status int
	header http.Header
	body   []byte
}

// seen is what the call log keeps of a part's answer.
func (a batchAnswer) seen() seen {
	return seen{status: a.status, requestID: requestID(a.header)}
}

// contentID names part i of a batch; its answer is response-<that>.
func contentID(i int) string { return "<resold-" + strconv.Itoa(i+1) + ">" }

// writeBatch encodes calls as a multipart/mixed body below basePath (the
// endpoint's path, ending in /) and returns it with its Content-Type.
func writeBatch(basePath string, calls []batchCall) ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, c := range calls {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type": {"application/http"},
			"Content-ID":   {contentID(i)},
		})
		if err != nil {
			return nil, "", err
		}
		var body []byte
		if c.body != nil {
			if body, err = json.Marshal(c.body); err != nil {
				return nil, "", err
			}
		}
		fmt.Fprintf(pw, "%s %s%s HTTP/1.1\r\n", c.method, basePath, c.path)
		if body != nil {
			fmt.Fprintf(pw, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
		}
		_, _ = io.WriteString(pw, "\r\n")
		_, _ = pw.Write(body)
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "multipart/mixed; boundary=" + mw.Boundary(), nil
}

// errBatchAnswer is an answer that does not match the batch sent: the
// calls may have been applied, so the retry engine re-reads before
// anything is sent again.
var errBatchAnswer = errors.New("the batch's answer could not be read")

// readBatch decodes a multipart/mixed answer to n calls. Answers are
// matched by Content-ID when the server sends one, else by order.
func readBatch(resp *http.Response, n int) ([]batchAnswer, error) {
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" || params["boundary"] == "" {
		return nil, fmt.Errorf("%w: Content-Type %q", errBatchAnswer, Sanitize(resp.Header.Get("Content-Type")))
	}
	out := make([]batchAnswer, n)
	seen := make([]bool, n)
	mr := multipart.NewReader(resp.Body, params["boundary"])
	for i := 0; ; i++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBatchAnswer, err)
		}
		at := i
		if id := p.Header.Get("Content-ID"); id != "" {
			at = -1
			for j := range n {
				if id == "<response-"+strings.Trim(contentID(j), "<>")+">" {
					at = j
				}
			}
		}
		if at < 0 || at >= n || seen[at] {
			return nil, fmt.Errorf("%w: an answer to no call sent", errBatchAnswer)
		}
		r, err := http.ReadResponse(bufio.NewReader(p), nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBatchAnswer, err)
		}
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBatchAnswer, err)
		}
		out[at], seen[at] = batchAnswer{status: r.StatusCode, header: r.Header, body: body}, true
	}
	for _, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("%w: %d calls sent, fewer answered", errBatchAnswer, n)
		}
	}
	return out, nil
}

// sendBatch posts calls in one batch request. A refusal of the batch as a
// whole is a *googleapi.Error, as for any call.
func (c *Client) sendBatch(ctx context.Context, calls []batchCall) ([]batchAnswer, error) {
	u, err := url.Parse(c.endpoint)
	if err != nil {
		return nil, err
	}
	body, ctype, err := writeBatch(u.Path, calls)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+"batch", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := googleapi.CheckResponse(resp); err != nil {
		return nil, err
	}
	return readBatch(resp, len(calls))
}

// partError is the error of an answer that is not 2xx.
func (a batchAnswer) partError() error {
	resp := &http.Response{StatusCode: a.status, Header: a.header, Body: io.NopCloser(bytes.NewReader(a.body))}
	return googleapi.CheckResponse(resp)
}

// TransferOrder is one subscription of a transfer batch: the row of the
// customer's transferable listing and what to order for it.
type TransferOrder struct {
	Row             Subscription
	Plan            Plan
	Seats           int
	PurchaseOrderID string
}

// TransferOutcome is what became of one order of a transfer batch.
type TransferOutcome struct {
	Order TransferOrder
	// Sub is the subscription as transferred: the API's answer, or what
	// the re-read found.
	Sub Subscription
	// Err is the part's refusal (an *APIError, explained by the
	// catalogue), or nil.
	Err error
	// AlreadyApplied: the batch's answer was lost and a re-read found this
	// transfer made, so it was not sent again.
	AlreadyApplied bool
	// Attempts is how many times this order was sent.
	Attempts int
}

// TransferTogether transfers several subscriptions of one customer in one
// batch request, as Google requires for a Google Workspace subscription
// and its Drive storage, Vault and legacy add-ons (TransferSet finds
// them). Every order is validated first. The error is the batch's own
// failure; each order's refusal is in its outcome. If the batch's answer
// is lost, every order's subscription is read back first and only the
// transfers not found are sent again.
func (c *Client) TransferTogether(ctx context.Context, customerID, token string, orders []TransferOrder) ([]TransferOutcome, error) {
	if c.readOnly {
		return nil, ErrReadOnly
	}
	if len(orders) == 0 || len(orders) > MaxBatchCalls {
		return nil, fmt.Errorf("a transfer batch holds 1 to %d subscriptions, not %d", MaxBatchCalls, len(orders))
	}
	tok, err := checkTransferToken(token, "subscriptions.insert")
	if err != nil {
		return nil, err
	}
	calls := make([]batchCall, len(orders))
	path := "apps/reseller/v1/customers/" + url.PathEscape(customerID) + "/subscriptions?customerAuthToken=" + url.QueryEscape(tok)
	for i, o := range orders {
		ns := NewSubscription{SKUID: o.Row.SKUID, Plan: o.Plan, Seats: o.Seats, PurchaseOrderID: o.PurchaseOrderID, TransferToken: tok}
		if err := ValidateNewSubscription(ns); err != nil {
			return nil, err
		}
		calls[i] = batchCall{method: http.MethodPost, path: path, body: &reseller.Subscription{
			SkuId:           o.Row.SKUID,
			Plan:            &reseller.SubscriptionPlan{PlanName: string(o.Plan)},
			Seats:           seatsFor(o.Plan, o.Seats),
			PurchaseOrderId: o.PurchaseOrderID,
		}}
	}

	out := make([]TransferOutcome, len(orders))
	pending := make([]int, len(orders)) // the orders still to send
	for i := range orders {
		out[i].Order = orders[i]
		pending[i] = i
	}
	var answers []batchAnswer
	var sent []int // the orders of the last batch sent
	var start time.Time
	o := op{method: "batch", customerID: customerID, transfer: true}
	send := func(ctx context.Context) error {
		sent = append(sent[:0], pending...)
		batch := make([]batchCall, len(sent))
		for j, i := range sent {
			batch[j] = calls[i]
			out[i].Attempts++
		}
		start = c.now()
		a, err := c.sendBatch(ctx, batch)
		answers = a
		return err
	}
	check := func(ctx context.Context) (bool, error) {
		// Every order's subscription is read before any is sent again.
		own, err := c.ownBySKU(ctx, customerID)
		if err != nil {
			return false, err
		}
		still := pending[:0]
		for _, i := range pending {
			if s, ok := own[orders[i].Row.SKUID]; ok {
				out[i].Sub, out[i].AlreadyApplied = s, true
				continue
			}
			still = append(still, i)
		}
		pending = still
		return len(pending) == 0, nil
	}
	for round := 1; ; round++ {
		if _, err := c.write(ctx, o, send, check); err != nil {
			return out, err
		}
		if len(pending) == 0 {
			return out, nil // every transfer was found made
		}
		retry, f := c.readAnswers(customerID, orders, sent, answers, start, out)
		if len(retry) == 0 {
			return out, nil
		}
		// Some parts were refused for now (429, 503: nothing ran): after
		// the backoff's wait, only they go again, as one call's retry would.
		pending = retry
		wait := c.retry.Wait(round, f.retryAfter)
		emit(ctx, Event{Kind: EventRetryWait, Method: "batch", Attempt: round, MaxAttempts: c.retry.MaxAttempts,
			Wait: wait, Until: c.now().Add(wait), Code: f.code, Reason: f.reason, Message: f.message, Cause: f.cause})
		if err := c.wait(ctx, wait); err != nil {
			for _, i := range retry {
				out[i].Err = c.fail(op{method: "subscriptions.insert", customerID: customerID, write: true, transfer: true,
					sub: &orders[i].Row, requested: orders[i].Seats}, err, f, out[i].Attempts)
			}
			return out, nil
		}
	}
}

// readAnswers fills out from the answers to the orders sent and logs each
// part. It returns the orders refused for now (429, 503: nothing ran) that
// may be sent again, with the failure to wait on.
func (c *Client) readAnswers(customerID string, orders []TransferOrder, sent []int, answers []batchAnswer,
	start time.Time, out []TransferOutcome) ([]int, failure) {
	latency := c.now().Sub(start)
	var retry []int
	var wait failure
	for j, i := range sent {
		a := answers[j]
		po := op{method: "subscriptions.insert", customerID: customerID, write: true, transfer: true,
			sub: &orders[i].Row, requested: orders[i].Seats}
		if a.status/100 == 2 {
			var got reseller.Subscription
			if err := json.Unmarshal(a.body, &got); err != nil {
				e := c.fail(po, err, failure{code: a.status, message: "unreadable answer"}, out[i].Attempts)
				e.OutcomeUnknown = true // a 2xx: the transfer was made
				out[i].Err = e
				c.record(po, start, a.seen(), latency, out[i].Attempts, failure{message: "unreadable answer"})
				continue
			}
			out[i].Sub, out[i].Err = subscriptionFromAPI(&got), nil
			c.record(po, start, a.seen(), latency, out[i].Attempts, failure{})
			continue
		}
		perr := a.partError()
		f := classify(perr, false)
		e := c.fail(po, perr, f, out[i].Attempts)
		e.OutcomeUnknown = f.maybeApplied // a 500 may have made it: look before retrying
		out[i].Err = e
		sn := a.seen()
		sn.status = f.code
		c.record(po, start, sn, latency, out[i].Attempts, f)
		if f.transient && !f.maybeApplied && out[i].Attempts < c.retry.MaxAttempts {
			retry = append(retry, i)
			if f.retryAfter >= wait.retryAfter {
				wait = f
			}
		}
	}
	if len(retry) > 0 {
		// The transfers refused only because another of their set was
		// go again with it: the set moves together or not at all.
		for _, i := range sent {
			if Explain(out[i].Err).Case == CaseTransferSetFailed && out[i].Attempts < c.retry.MaxAttempts {
				retry = append(retry, i)
			}
		}
		slices.Sort(retry)
	}
	return retry, wait
}

// ownBySKU lists the customer's own subscriptions by SKU. A customer that
// is not (yet) yours has none.
func (c *Client) ownBySKU(ctx context.Context, customerID string) (map[string]Subscription, error) {
	out := map[string]Subscription{}
	q := Query{CustomerID: customerID, PageSize: MaxPageSize}
	token := ""
	for {
		p, err := c.ListSubscriptions(ctx, q, token)
		if err != nil {
			if Explain(err).Code == 403 {
				return out, nil
			}
			return nil, err
		}
		for _, s := range p.Rows {
			out[s.SKUID] = s
		}
		if p.NextToken == "" {
			return out, nil
		}
		token = p.NextToken
	}
}
