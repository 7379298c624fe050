package emulator

import (
	"bufio"
	"bytes"
	"context"
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
)

// The batch endpoint, the discovery document's batchPath: several calls in
// one multipart/mixed request, answered by one multipart/mixed response
// with a part per call, in order, as Google documents for the Admin SDK
// APIs (https://developers.google.com/workspace/admin/reseller/v1/how-tos/batch).
// Each request part is an application/http message (a request line,
// headers, an optional body) with an optional Content-ID; its answer's
// Content-ID is response-<that ID>. The outer request's headers, its
// bearer token included, apply to every part unless the part sets its own.
//
// The emulator runs a batch's parts in order under one hold of the store
// lock, so no other request sees a transfer set half moved. Faults
// (latency, quotas, 503, lost answers) apply to the batch as a whole: a
// lost answer loses every part's answer, after all were applied.

const (
	batchPath   = "/batch"
	batchMethod = "batch" // Call.Method of the batch request itself
	// maxBatchCalls is Google's limit of calls in one batch request.
	maxBatchCalls = 1000
	// maxBatchBytes bounds a batch body: a thousand calls of a few hundred
	// bytes each, with room to spare.
	maxBatchBytes = 16 << 20
)

// lockKey marks a context whose request runs with Server.mu already held.
type lockKey struct{}

func withLockHeld(ctx context.Context) context.Context {
	return context.WithValue(ctx, lockKey{}, true)
}

func lockHeld(ctx context.Context) bool {
	held, _ := ctx.Value(lockKey{}).(bool)
	return held
}

// batchPart is one call of a batch, kept as bytes so that it can be run
// twice: once to check a transfer, once for real.
type batchPart struct {
	contentID string
	method    string
	url       *url.URL
	header    http.Header
	body      []byte
}

// request builds the part's HTTP request in ctx.
func (p *batchPart) request(ctx context.Context) *http.Request {
	u := *p.url
	r := (&http.Request{
		Method:     p.method,
		URL:        &u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     p.header.Clone(),
		Body:       io.NopCloser(bytes.NewReader(p.body)),
		Host:       "reseller.googleapis.com",
	}).WithContext(ctx)
	r.ContentLength = int64(len(p.body))
	return r
}

// transfer reports whether the part is a subscriptions.insert with a
// customerAuthToken, and the customer it names.
func (p *batchPart) transfer() (customer string, ok bool) {
	if p.method != http.MethodPost || p.url.Query().Get("customerAuthToken") == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(p.url.EscapedPath(), apiPrefix+"customers/")
	if !ok {
		return "", false
	}
	seg := strings.Split(rest, "/")
	if len(seg) != 2 || seg[1] != "subscriptions" {
		return "", false
	}
	return unescapeOr(seg[0]), true
}

// batch serves POST /batch.
func (s *Server) batch(w http.ResponseWriter, r *http.Request) {
	parts, aerr := readBatch(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	ctx := withLockHeld(r.Context())
	b := &batchTransfers{skus: map[string]map[string]bool{}, refused: map[string]bool{}}
	answers := make([]*bufferedResponse, len(parts))
	calls := make([]Call, len(parts))

	// Targeted faults are taken first, in order: a transfer a fault
	// refuses holds back the rest of its set like any refusal.
	faults := make([]*Fault, len(parts))
	for i := range parts {
		_, pattern := s.mux.Handler(parts[i].request(ctx))
		if f, ok := s.targeted.takeAnswer(s.methods[pattern]); ok {
			faults[i] = &f
		}
	}

	s.mu.Lock()
	// Note every transfer first, so that each part can see the whole set
	// the batch moves; then check them all before applying any, so that a
	// refused member stops the rest of its set (transfer_rules.go).
	for i := range parts {
		if cust, ok := parts[i].transfer(); ok {
			s.noteTransfer(b, cust, parts[i].body)
		}
	}
	b.checking = true
	for i := range parts {
		cust, ok := parts[i].transfer()
		switch {
		case !ok:
		case faults[i] != nil:
			if c, err := s.st.resolve(cust); err == nil {
				b.refused[c.id] = true
			}
		default:
			s.mux.ServeHTTP(newBufferedResponse(), parts[i].request(withBatch(ctx, b)))
		}
	}
	b.checking = false
	for i := range parts {
		answers[i], calls[i] = s.servePart(withBatch(ctx, b), &parts[i], faults[i])
	}
	s.mu.Unlock()

	applied := false
	for _, c := range calls {
		s.record(c)
		applied = applied || c.Applied
	}
	callFrom(r.Context()).Applied = applied
	writeBatch(w, parts, answers)
}

// noteTransfer records the SKU a transfer part orders for its customer.
func (s *Server) noteTransfer(b *batchTransfers, cust string, body []byte) {
	c, err := s.st.resolve(cust)
	if err != nil {
		return
	}
	var in subscriptionInput
	if raw := bytes.TrimSpace(body); len(raw) > 0 && decodeBytes(raw, &in) == nil && in.SkuID != nil {
		if b.skus[c.id] == nil {
			b.skus[c.id] = map[string]bool{}
		}
		b.skus[c.id][*in.SkuID] = true
	}
}

// servePart runs one part as a request of its own (authentication
// included), or answers it with its targeted fault, and returns its
// answer and its Call, to be recorded once the store lock is released.
func (s *Server) servePart(ctx context.Context, p *batchPart, fault *Fault) (*bufferedResponse, Call) {
	c := &Call{Part: true}
	req := p.request(ctx)
	rec := newBufferedResponse()
	switch {
	case req.URL.Path == batchPath:
		writeError(rec, errInvalid(msgBatchNested))
		c.Status = rec.status
		return rec, *c
	case !strings.HasPrefix(req.URL.EscapedPath(), apiPrefix):
		// Every call of a batch goes to the Reseller API: not to the
		// emulator's own endpoints, which take the lock the batch holds.
		writeError(rec, errNotFound(msgNoSuchMethod))
		c.Status = rec.status
		return rec, *c
	}
	_, pattern := s.mux.Handler(req)
	c.Method = s.methods[pattern]
	c.CustomerID, c.SubscriptionID = pathIDs(req.URL.EscapedPath())
	var h http.Handler = s.mux
	if fault != nil {
		c.Fault = faultTargeted
		h = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { answerFault(w, *fault) })
	}
	s.auth(h).ServeHTTP(rec, req.WithContext(withCall(ctx, c)))
	c.Status = max(rec.status, http.StatusOK)
	return rec, *c
}

// readBatch parses a batch request into its parts. Anything that is not a
// multipart/mixed body of 1 to 1000 application/http parts is 400.
func readBatch(r *http.Request) ([]batchPart, *apiError) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" || params["boundary"] == "" {
		return nil, errInvalid(msgBatchContentType)
	}
	outer := http.Header{}
	for k, v := range r.Header {
		if !strings.HasPrefix(k, "Content-") {
			outer[k] = v
		}
	}
	mr := multipart.NewReader(io.LimitReader(r.Body, maxBatchBytes), params["boundary"])
	var parts []batchPart
	for {
		mp, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errInvalid(msgBatchMalformed)
		}
		if len(parts) == maxBatchCalls {
			return nil, errInvalid(msgBatchTooMany)
		}
		p, aerr := readPart(mp, outer)
		if aerr != nil {
			return nil, aerr
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, errInvalid(msgBatchEmpty)
	}
	return parts, nil
}

// readPart reads one application/http part: a request line (the HTTP
// version may be left out, as Google's examples do), headers, a blank
// line and the body.
func readPart(mp *multipart.Part, outer http.Header) (batchPart, *apiError) {
	if mt, _, _ := mime.ParseMediaType(mp.Header.Get("Content-Type")); mt != "application/http" {
		return batchPart{}, errInvalid(msgBatchPartType)
	}
	data, err := io.ReadAll(mp)
	if err != nil {
		return batchPart{}, errInvalid(msgBatchMalformed)
	}
	br := bufio.NewReader(bytes.NewReader(bytes.TrimLeft(data, "\r\n")))
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	fields := strings.Fields(line)
	if err != nil || len(fields) < 2 || len(fields) > 3 {
		return batchPart{}, errInvalid(msgBatchMalformed)
	}
	u, err := url.ParseRequestURI(fields[1])
	if err != nil {
		return batchPart{}, errInvalid(msgBatchMalformed)
	}
	u = &url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery}
	inner, err := tp.ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return batchPart{}, errInvalid(msgBatchMalformed)
	}
	body, _ := io.ReadAll(br)
	body = bytes.TrimRight(body, "\r\n")
	if n, err := strconv.Atoi(inner.Get("Content-Length")); err == nil && n >= 0 && n < len(body) {
		body = body[:n]
	}
	h := outer.Clone()
	for k, v := range inner {
		h[k] = v
	}
	return batchPart{
		contentID: strings.TrimSpace(mp.Header.Get("Content-ID")),
		method:    strings.ToUpper(fields[0]),
		url:       u,
		header:    h,
		body:      body,
	}, nil
}

// responseID is the Content-ID of a part's answer: <response-item1> for
// <item1>.
func responseID(id string) string {
	if id == "" {
		return ""
	}
	return "<response-" + strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">") + ">"
}

// writeBatch sends the parts' answers, in order, as one multipart/mixed
// response.
func writeBatch(w http.ResponseWriter, parts []batchPart, answers []*bufferedResponse) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i, a := range answers {
		h := textproto.MIMEHeader{"Content-Type": {"application/http"}}
		if id := responseID(parts[i].contentID); id != "" {
			h["Content-ID"] = []string{id} // Google's spelling, not Content-Id
		}
		pw, _ := mw.CreatePart(h)
		status := max(a.status, http.StatusOK)
		fmt.Fprintf(pw, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
		for _, k := range []string{"Content-Type", "Retry-After"} {
			if v := a.header.Get(k); v != "" {
				fmt.Fprintf(pw, "%s: %s\r\n", k, v)
			}
		}
		fmt.Fprintf(pw, "Content-Length: %d\r\n\r\n", a.body.Len())
		_, _ = pw.Write(a.body.Bytes())
		_, _ = io.WriteString(pw, "\r\n")
	}
	_ = mw.Close()
	w.Header().Set("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	_, _ = w.Write(body.Bytes())
}

// answerFault answers with the error a targeted fault names, as
// targetedFaults.wrap does for a call of its own.
func answerFault(w http.ResponseWriter, f Fault) {
	domain := "global"
	if slices.Contains(usageLimitReasons, f.Reason) {
		domain = "usageLimits"
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	writeError(w, &apiError{Code: f.Code, Domain: domain, Reason: f.Reason, Message: f.Message})
}

// takeAnswer is take for a fault that answers: a queued lost answer is
// left for a call of its own, since a part's answer can only be lost with
// the whole batch's.
func (t *targetedFaults) takeAnswer(method string) (Fault, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range t.faults {
		f := &t.faults[i]
		if "reseller."+f.Method != method || f.Drop {
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
