package emulator_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"resold/emulator"

	reseller "google.golang.org/api/reseller/v1"
)

// batchCall is one call of a raw batch request.
type batchCall struct {
	id, method, path string
	body             any // sent as JSON when not nil
}

// batchAnswer is one part of a batch response.
type batchAnswer struct {
	id     string
	status int
	body   []byte
}

// transferCall is a transfer of transfer.example's subscription to sku.
func transferCall(id string, body *reseller.Subscription) batchCall {
	return batchCall{id: id, method: "POST", path: v1 + "customers/" + emulator.IDTransfer +
		"/subscriptions?customerAuthToken=" + emulator.TransferToken, body: body}
}

// batchBody writes calls as Google documents: application/http parts with
// a Content-ID, the request line without an HTTP version.
func batchBody(t testing.TB, calls ...batchCall) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, c := range calls {
		h := textproto.MIMEHeader{"Content-Type": {"application/http"}}
		if c.id != "" {
			h.Set("Content-ID", "<"+c.id+">")
		}
		pw, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(pw, "%s %s\r\n", c.method, c.path)
		if c.body != nil {
			b, err := json.Marshal(c.body)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(pw, "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s\r\n", len(b), b)
		} else {
			io.WriteString(pw, "\r\n")
		}
	}
	mw.Close()
	return "multipart/mixed; boundary=" + mw.Boundary(), buf.Bytes()
}

// postBatch sends calls to /batch with token and returns the outer status
// and, for a multipart answer, its parts.
func postBatch(t testing.TB, e *env, token string, calls ...batchCall) (int, []batchAnswer, []byte) {
	t.Helper()
	ct, body := batchBody(t, calls...)
	return postRaw(t, e, token, ct, body)
}

func postRaw(t testing.TB, e *env, token, contentType string, body []byte) (int, []batchAnswer, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", e.ts.URL+"/batch", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "multipart/mixed" {
		return resp.StatusCode, nil, raw
	}
	mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
	var out []batchAnswer
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.Header.Get("Content-Type") != "application/http" {
			t.Errorf("part Content-Type = %q", p.Header.Get("Content-Type"))
		}
		r, err := http.ReadResponse(bufio.NewReader(p), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		out = append(out, batchAnswer{id: p.Header.Get("Content-ID"), status: r.StatusCode, body: b})
	}
	return resp.StatusCode, out, raw
}

// answerErr decodes a part's error envelope.
func answerErr(t testing.TB, a batchAnswer) (code int, reason, msg string) {
	t.Helper()
	var env envelope
	if err := json.Unmarshal(a.body, &env); err != nil {
		t.Fatalf("part %s: not an error envelope: %s", a.id, a.body)
	}
	if len(env.Error.Errors) > 0 {
		reason = env.Error.Errors[0].Reason
	}
	return env.Error.Code, reason, env.Error.Message
}

const (
	skuWorkspace  = "1010020028"
	skuDrive      = "Google-Drive-storage-200GB"
	skuVault      = "Google-Vault"
	skuChrome     = "Google-Chrome-Device-Management"
	xferChr       = "1000015"
	msgTogether   = "This subscription must be transferred together with the customer's Google Workspace, Google Drive storage, Google Vault and legacy (Google-Apps-For-Postini, Google-Apps-Lite, Google-Vault-Former-Employee) subscriptions, all in one batch request. (Emulator: 412 conditionNotMet is inferred; Google documents the rule, not its error.)"
	msgSetRefused = "Another transfer of this customer's set (Google Workspace with its Drive storage, Vault and legacy subscriptions) was refused in this batch, so none of them was transferred. (Emulator: all-or-nothing is inferred.)"
)

// wholeSet is the batch that moves transfer.example's Workspace with its
// add-ons.
func wholeSet() []batchCall {
	return []batchCall{
		transferCall("ws", sub(skuWorkspace, "FLEXIBLE", 30)),
		transferCall("drive", sub(skuDrive, "FLEXIBLE", 5)),
		transferCall("vault", sub(skuVault, "FLEXIBLE", 25)),
	}
}

// transferableIDs lists what is still transferable at transfer.example.
func transferableIDs(t *testing.T, e *env) string {
	t.Helper()
	left, err := e.svc.Subscriptions.List().CustomerId(emulator.IDTransfer).CustomerAuthToken(emulator.TransferToken).Do()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(ids(left.Subscriptions), ",")
}

// TestTransferAloneRefused: each member of transfer.example's set is
// refused on its own through Google's client, and nothing moves.
func TestTransferAloneRefused(t *testing.T) {
	e := fixtures(t)
	for _, s := range []*reseller.Subscription{sub(skuWorkspace, "FLEXIBLE", 30), sub(skuDrive, "FLEXIBLE", 5), sub(skuVault, "FLEXIBLE", 25)} {
		_, err := e.svc.Subscriptions.Insert(emulator.IDTransfer, s).CustomerAuthToken(emulator.TransferToken).Do()
		wantErr(t, err, 412, "conditionNotMet", msgTogether)
	}
	if got, want := transferableIDs(t, e), xferSub+","+xferDrv+","+xferVlt+","+xferChr; got != want {
		t.Errorf("transferable = %s, want %s", got, want)
	}
	// Chrome is of no set: its own rule (a suspension by Google) speaks.
	_, err := e.svc.Subscriptions.Insert(emulator.IDTransfer, sub(skuChrome, "ANNUAL_MONTHLY_PAY", 10)).CustomerAuthToken(emulator.TransferToken).Do()
	wantErr(t, err, 412, "conditionNotMet", "This suspended subscription can't be transferred.")
}

// TestBatchTransfersTheSet: one batch with the whole set moves them all,
// each part with its own answer, in order, under response-<Content-ID>.
func TestBatchTransfersTheSet(t *testing.T) {
	e := fixtures(t)
	status, answers, raw := postBatch(t, e, "tok", wholeSet()...)
	if status != 200 || len(answers) != 3 {
		t.Fatalf("status %d, %d answers: %s", status, len(answers), raw)
	}
	skus := []string{skuWorkspace, skuDrive, skuVault}
	moved := map[string]bool{}
	for i, a := range answers {
		if want := "<response-" + []string{"ws", "drive", "vault"}[i] + ">"; a.id != want {
			t.Errorf("part %d Content-ID = %q, want %q", i, a.id, want)
		}
		var s reseller.Subscription
		if a.status != 200 || json.Unmarshal(a.body, &s) != nil || s.SkuId != skus[i] || s.CustomerId != emulator.IDTransfer {
			t.Fatalf("part %d: %d %s", i, a.status, a.body)
		}
		moved[s.SubscriptionId] = true
	}
	own, err := e.svc.Subscriptions.List().CustomerId(emulator.IDTransfer).Do()
	if err != nil || len(own.Subscriptions) != 3 {
		t.Fatalf("own list: %+v %v", own, err)
	}
	for _, s := range own.Subscriptions {
		if !moved[s.SubscriptionId] {
			t.Errorf("own subscription %s was not in the answers", s.SubscriptionId)
		}
	}
	if got := transferableIDs(t, e); got != xferChr {
		t.Errorf("still transferable = %s, want only Chrome %s", got, xferChr)
	}
	// Each part is a call of its own in the log, then the batch.
	var parts, batches int
	for _, c := range e.srv.Calls() {
		switch {
		case c.Part && c.Method == "reseller.subscriptions.insert" && c.Applied && c.Status == 200 && c.CustomerID == emulator.IDTransfer:
			parts++
		case c.Method == "batch" && c.Applied && c.Status == 200:
			batches++
		}
	}
	if parts != 3 || batches != 1 {
		t.Errorf("calls: %d applied parts, %d batches; want 3 and 1: %+v", parts, batches, e.srv.Calls())
	}
}

// TestBatchIncompleteSet: a batch missing a member of the set moves
// nothing; every part says why.
func TestBatchIncompleteSet(t *testing.T) {
	e := fixtures(t)
	_, answers, raw := postBatch(t, e, "tok", wholeSet()[:2]...)
	if len(answers) != 2 {
		t.Fatalf("answers: %s", raw)
	}
	for _, a := range answers {
		if code, reason, msg := answerErr(t, a); code != 412 || reason != "conditionNotMet" || msg != msgTogether {
			t.Errorf("part %s: %d %s %s", a.id, code, reason, msg)
		}
	}
	if got := transferableIDs(t, e); got != xferSub+","+xferDrv+","+xferVlt+","+xferChr {
		t.Errorf("transferable after a refused batch = %s", got)
	}
}

// TestBatchAllOrNothing: when one member is refused, the rest of its set
// is refused with it; a part outside the set gets its own answer.
func TestBatchAllOrNothing(t *testing.T) {
	e := fixtures(t)
	calls := wholeSet()
	calls[1] = transferCall("drive", sub(skuDrive, "FLEXIBLE", 4)) // below the minimum of 5
	calls = append(calls, transferCall("chrome", sub(skuChrome, "ANNUAL_MONTHLY_PAY", 10)))
	_, answers, raw := postBatch(t, e, "tok", calls...)
	if len(answers) != 4 {
		t.Fatalf("answers: %s", raw)
	}
	want := []struct {
		code int
		msg  string
	}{
		{412, msgSetRefused},
		{400, "The number of seats is below transferInfo.minimumTransferableSeats."},
		{412, msgSetRefused},
		{412, "This suspended subscription can't be transferred."},
	}
	for i, a := range answers {
		if code, _, msg := answerErr(t, a); code != want[i].code || msg != want[i].msg {
			t.Errorf("part %d: %d %s, want %d %s", i, code, msg, want[i].code, want[i].msg)
		}
	}
	if got := transferableIDs(t, e); got != xferSub+","+xferDrv+","+xferVlt+","+xferChr {
		t.Errorf("transferable after a refused batch = %s", got)
	}
}

// TestBatchFormat covers the batch envelope itself: reads and writes of
// any method, absolute URLs, the outer token for every part, and the
// refusals of a malformed batch.
func TestBatchFormat(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, Tokens: []string{"good"}, ReadOnlyTokens: []string{"reader"}})
	get := batchCall{id: "a", method: "GET", path: v1 + "customers/" + emulator.IDAcmeAnnual}
	abs := batchCall{id: "b", method: "GET", path: "https://reseller.googleapis.com" + v1 + "customers/" + emulator.IDFlex + "/subscriptions/" + flexSub}
	seats := batchCall{id: "c", method: "POST", path: v1 + "customers/" + emulator.IDFlex + "/subscriptions/" + flexSub + "/changeSeats",
		body: &reseller.Seats{MaximumNumberOfSeats: 22}}
	missing := batchCall{method: "GET", path: v1 + "customers/gone.example"}

	t.Run("mixed calls", func(t *testing.T) {
		status, answers, raw := postBatch(t, e, "good", get, abs, seats, missing)
		if status != 200 || len(answers) != 4 {
			t.Fatalf("%d: %s", status, raw)
		}
		for i, code := range []int{200, 200, 200, 404} {
			if answers[i].status != code {
				t.Errorf("part %d status %d, want %d: %s", i, answers[i].status, code, answers[i].body)
			}
		}
		if answers[3].id != "" {
			t.Errorf("a part without Content-ID answered with %q", answers[3].id)
		}
		s, err := newService(t, e.ts.URL, "good").Subscriptions.Get(emulator.IDFlex, flexSub).Do()
		if err != nil || s.Seats.MaximumNumberOfSeats != 22 {
			t.Errorf("seats after the batch: %+v %v", s, err)
		}
	})
	t.Run("read-only token", func(t *testing.T) {
		_, answers, raw := postBatch(t, e, "reader", get, seats)
		if len(answers) != 2 || answers[0].status != 200 || answers[1].status != 403 {
			t.Fatalf("%s", raw)
		}
	})
	t.Run("no token", func(t *testing.T) {
		if status, _, _ := postBatch(t, e, "", get); status != 401 {
			t.Errorf("status %d, want 401", status)
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		if status, _, _ := postBatch(t, e, "bad", get); status != 401 {
			t.Errorf("status %d, want 401", status)
		}
	})
	refused := func(name, ct string, body []byte, msg string) {
		t.Run(name, func(t *testing.T) {
			status, _, raw := postRaw(t, e, "good", ct, body)
			if status != 400 || !strings.Contains(string(raw), msg) {
				t.Errorf("status %d: %s; want 400 %q", status, raw, msg)
			}
		})
	}
	refused("not multipart", "application/json", []byte("{}"), "must be multipart/mixed")
	ct, _ := batchBody(t)
	refused("empty", ct, []byte("--"+strings.TrimPrefix(ct, "multipart/mixed; boundary=")+"--\r\n"), "at least one call")
	many := make([]batchCall, 1001)
	for i := range many {
		many[i] = get
	}
	ct, body := batchBody(t, many...)
	refused("1001 calls", ct, body, "at most 1000 calls")
	ct, body = batchBody(t, many[:1000]...)
	if status, answers, _ := postRaw(t, e, "good", ct, body); status != 200 || len(answers) != 1000 {
		t.Errorf("1000 calls: status %d, %d answers", status, len(answers))
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	pw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"application/json"}})
	io.WriteString(pw, "GET "+v1+"customers/x\r\n\r\n")
	mw.Close()
	refused("part not application/http", "multipart/mixed; boundary="+mw.Boundary(), buf.Bytes(), "application/http")

	t.Run("nested batch", func(t *testing.T) {
		_, answers, raw := postBatch(t, e, "good", batchCall{method: "POST", path: "/batch"})
		if len(answers) != 1 || answers[0].status != 400 {
			t.Fatalf("%s", raw)
		}
	})
}

// TestBatchLostAnswer: with every write's answer lost, a batch that
// changed something loses its answer after its parts were applied; one
// that changed nothing is answered.
func TestBatchLostAnswer(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, DropResponse: 1})
	ct, body := batchBody(t, batchCall{id: "a", method: "GET", path: v1 + "customers/" + emulator.IDAcmeAnnual})
	if status, answers, raw := postRaw(t, e, "tok", ct, body); status != 200 || len(answers) != 1 {
		t.Fatalf("a batch of reads: %d %s", status, raw)
	}
	ct, body = batchBody(t, wholeSet()...)
	req, _ := http.NewRequest("POST", e.ts.URL+"/batch", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer tok")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the transfer batch was answered (%d), want its answer lost", resp.StatusCode)
	}
	if got := transferableIDs(t, e); got != xferChr {
		t.Errorf("transferable after the lost answer = %s, want the set moved", got)
	}
}

// BenchmarkBatch1000Reads: a batch of 1000 customers.get calls over
// HTTP, parsed, served under one hold of the lock and answered; reports
// the time per call.
func BenchmarkBatch1000Reads(b *testing.B) {
	e := fixtures(b)
	calls := make([]batchCall, 1000)
	for i := range calls {
		calls[i] = batchCall{id: fmt.Sprint("c", i), method: "GET", path: v1 + "customers/" + emulator.IDAcmeAnnual}
	}
	ct, body := batchBody(b, calls...)
	b.ResetTimer()
	for range b.N {
		if status, answers, _ := postRaw(b, e, "tok", ct, body); status != 200 || len(answers) != 1000 {
			b.Fatalf("status %d, %d answers", status, len(answers))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/call")
}

// TestBatchTargetedFault: a targeted fault answers the part it names, as
// it would a call of its own; on a member of a transfer set it holds the
// rest of the set back; a part outside the Reseller API is 404.
func TestBatchTargetedFault(t *testing.T) {
	e := fixtures(t)
	if _, err := e.srv.AddFault(emulator.Fault{Method: "subscriptions.insert", Code: 503, RetryAfter: 7}); err != nil {
		t.Fatal(err)
	}
	calls := append(wholeSet(), batchCall{id: "admin", method: "POST", path: "/emulator/v1/reset"})
	_, answers, raw := postBatch(t, e, "tok", calls...)
	if len(answers) != 4 {
		t.Fatalf("answers: %s", raw)
	}
	want := []struct {
		code int
		msg  string
	}{{503, ""}, {412, msgSetRefused}, {412, msgSetRefused}, {404, ""}}
	for i, a := range answers {
		code, _, msg := answerErr(t, a)
		if code != want[i].code || (want[i].msg != "" && msg != want[i].msg) {
			t.Errorf("part %d: %d %s, want %d %s", i, code, msg, want[i].code, want[i].msg)
		}
	}
	if got := transferableIDs(t, e); got != xferSub+","+xferDrv+","+xferVlt+","+xferChr {
		t.Errorf("transferable = %s: nothing may move", got)
	}
	// The fault is used: the same batch now moves the set.
	if _, answers, raw := postBatch(t, e, "tok", wholeSet()...); len(answers) != 3 || answers[0].status != 200 || answers[2].status != 200 {
		t.Errorf("again: %s", raw)
	}
}
