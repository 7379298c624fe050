package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"resold/emulator"
)

// transferRows lists transfer.example's transferable subscriptions.
func transferRows(t *testing.T, e *env) []Subscription {
	t.Helper()
	p, err := e.c.ListSubscriptions(context.Background(), Query{CustomerID: emulator.IDTransfer,
		CustomerAuthToken: emulator.TransferToken, PageSize: MaxPageSize}, "")
	if err != nil {
		t.Fatal(err)
	}
	return p.Rows
}

// orders orders each row's transfer at its minimum seats, on a flexible plan.
func orders(rows []Subscription) []TransferOrder {
	out := make([]TransferOrder, len(rows))
	for i, r := range rows {
		out[i] = TransferOrder{Row: r, Plan: PlanFlexible, Seats: r.Transfer.MinimumSeats}
	}
	return out
}

func skusOf(rows []Subscription) string {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.SKUID)
	}
	return strings.Join(ids, ",")
}

// batches counts the batch requests the emulator received.
func (e *env) batches() int {
	n := 0
	for _, c := range e.srv.Calls() {
		if c.Method == "batch" {
			n++
		}
	}
	return n
}

// TestTransferSet: the Workspace subscription picks its Drive and Vault
// add-ons, not the Chrome subscription Google suspended; an add-on picks
// the same set; a row of another product moves alone.
func TestTransferSet(t *testing.T) {
	e := fixtureEnv(t)
	rows := transferRows(t, e)
	const want = "1010020028,Google-Drive-storage-200GB,Google-Vault"
	for _, picked := range rows {
		got := skusOf(TransferSet(rows, picked))
		switch picked.SKUID {
		case "Google-Chrome-Device-Management":
			if got != picked.SKUID {
				t.Errorf("Chrome picks %s, want itself", got)
			}
		default:
			if got != want {
				t.Errorf("%s picks %s, want %s", picked.SKUID, got, want)
			}
		}
	}
	alone := []Subscription{{ID: "1", SKUID: "1010020028"}}
	if got := skusOf(TransferSet(alone, alone[0])); got != "1010020028" {
		t.Errorf("Workspace without add-ons picks %s", got)
	}
	legacy := []Subscription{{ID: "1", SKUID: "1010020027", Transfer: &TransferInfo{CurrentLegacySKUID: "Google-Apps-For-Business"}},
		{ID: "2", SKUID: "Google-Apps-For-Postini", Transfer: &TransferInfo{CurrentLegacySKUID: "Google-Apps-For-Postini"}}}
	if got := skusOf(TransferSet(legacy, legacy[0])); got != "1010020027,Google-Apps-For-Postini" {
		t.Errorf("G Suite Basic with Postini picks %s", got)
	}
}

// TestTransferTogether: one batch moves the set; each part has its answer;
// the call log has the batch and each transfer.
func TestTransferTogether(t *testing.T) {
	e := fixtureEnv(t)
	rows := transferRows(t, e)
	set := TransferSet(rows, rows[0])
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, orders(set))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Err != nil || o.AlreadyApplied || o.Sub.SKUID != set[i].SKUID || o.Sub.ID == set[i].ID || o.Attempts != 1 {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	if n, b := e.applied("subscriptions.insert"), e.batches(); n != 3 || b != 1 {
		t.Errorf("emulator: %d transfers applied in %d batches, want 3 in 1", n, b)
	}
	var log []string
	for _, r := range e.c.Calls() {
		if r.Method != "subscriptions.list" {
			log = append(log, r.Method)
		}
	}
	if got := strings.Join(log, ","); got != "batch,subscriptions.insert,subscriptions.insert,subscriptions.insert" {
		t.Errorf("call log = %s", got)
	}
}

// TestTransferAloneExplained: a Workspace transfer on its own is refused by
// the emulator and explained by the catalogue.
func TestTransferAloneExplained(t *testing.T) {
	e := fixtureEnv(t)
	_, err := e.c.InsertSubscription(e.ctx(t), emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 25,
		TransferToken: emulator.TransferToken})
	if g := Explain(err); g.Case != CaseTransferTogether || g.Code != 412 || g.Next != NextTransfer {
		t.Errorf("guidance = %+v", g)
	}
}

// TestTransferTogetherRefusedPart: a part below its minimum is refused
// with its own reason, the rest of the set with the set's; nothing moved.
func TestTransferTogetherRefusedPart(t *testing.T) {
	e := fixtureEnv(t)
	rows := transferRows(t, e)
	ord := orders(TransferSet(rows, rows[0]))
	ord[1].Seats = 4 // Drive's minimum is 5
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, ord)
	if err != nil {
		t.Fatal(err)
	}
	want := []CaseID{CaseTransferSetFailed, CaseTransferMinSeats, CaseTransferSetFailed}
	for i, o := range out {
		if g := Explain(o.Err); g.Case != want[i] {
			t.Errorf("part %d: %s (%v), want %s", i, g.Case, o.Err, want[i])
		}
	}
	if g := Explain(out[1].Err); !strings.Contains(g.Cause, "at least 5 seats; 4 were asked for") {
		t.Errorf("the refused part's cause is not tailored: %q", g.Cause)
	}
	if n := e.applied("subscriptions.insert"); n != 0 {
		t.Errorf("%d transfers applied, want 0", n)
	}
}

// TestTransferTogetherNeverTwice: the batch is applied and its answer lost;
// a re-read of every part's subscription finds them moved, so nothing is
// sent again.
func TestTransferTogetherNeverTwice(t *testing.T) {
	dropped := make(chan struct{}, 4)
	e := newEnv(t, emulator.Options{Customers: -1, DropResponse: 1, OnCall: func(c emulator.Call) {
		if c.Method == "batch" && c.Dropped {
			dropped <- struct{}{}
		}
	}})
	rows := transferRows(t, e)
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, orders(TransferSet(rows, rows[0])))
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-dropped:
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator never recorded the dropped batch")
	}
	for i, o := range out {
		if o.Err != nil || !o.AlreadyApplied || o.Sub.ID == "" || o.Attempts != 1 {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	if n, b := e.applied("subscriptions.insert"), e.batches(); n != 3 || b != 1 {
		t.Errorf("emulator: %d transfers applied in %d batches, want 3 in 1", n, b)
	}
	if u, a := e.events.count(EventOutcomeUnknown), e.events.count(EventAlreadyApplied); u != 1 || a != 1 {
		t.Errorf("events: %d outcome-unknown, %d already-applied; want 1 and 1", u, a)
	}
}

// TestTransferTogetherResendsWhenNotApplied: a batch lost before it
// arrived is found missing by the re-read and sent again, once.
func TestTransferTogetherResendsWhenNotApplied(t *testing.T) {
	var mu sync.Mutex
	failed := false
	ft := &faultTransport{next: http.DefaultTransport, fail: func(r *http.Request, n int) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/batch" && !failed {
			failed = true
			return true
		}
		return false
	}}
	e := fixtureEnv(t, func(c *Config) { c.HTTPClient = &http.Client{Transport: ft} })
	rows := transferRows(t, e)
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, orders(TransferSet(rows, rows[0])))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Err != nil || o.AlreadyApplied || o.Attempts != 2 {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	if n, b := e.applied("subscriptions.insert"), e.batches(); n != 3 || b != 1 {
		t.Errorf("emulator: %d transfers applied in %d batches, want 3 in 1", n, b)
	}
}

// TestReadBatch: answers are matched by Content-ID whatever their order,
// and an answer missing or unknown is an error, never a guess.
func TestReadBatch(t *testing.T) {
	answer := func(ids ...string) *http.Response {
		var b strings.Builder
		for _, id := range ids {
			b.WriteString("--XX\r\nContent-Type: application/http\r\nContent-ID: " + id + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}\r\n")
		}
		b.WriteString("--XX--\r\n")
		return &http.Response{Header: http.Header{"Content-Type": {"multipart/mixed; boundary=XX"}},
			Body: io.NopCloser(bytes.NewReader([]byte(b.String())))}
	}
	if _, err := readBatch(answer("<response-resold-2>", "<response-resold-1>"), 2); err != nil {
		t.Errorf("out of order: %v", err)
	}
	for name, resp := range map[string]*http.Response{
		"one missing": answer("<response-resold-1>"),
		"unknown ID":  answer("<response-resold-1>", "<response-other>"),
		"twice":       answer("<response-resold-1>", "<response-resold-1>"),
	} {
		if _, err := readBatch(resp, 2); !errors.Is(err, errBatchAnswer) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestTransferTogetherResendsOnlyWhatIsMissing: a batch whose answer is
// lost after some transfers were made is read back part by part; only the
// transfer not found is sent again, and its refusal is its own.
func TestTransferTogetherResendsOnlyWhatIsMissing(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, DropResponse: 1})
	rows := transferRows(t, e)
	ord := orders(rows) // the set, and Chrome, which Google suspended
	for i, r := range rows {
		if r.Plan.IsAnnual() {
			ord[i].Plan = r.Plan
		}
	}
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, ord)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		chrome := o.Order.Row.SKUID == "Google-Chrome-Device-Management"
		switch {
		case chrome && (Explain(o.Err).Case != "TRANSFER-SUSPENDED" || o.Attempts != 2 || o.AlreadyApplied):
			t.Errorf("Chrome: %+v (%s)", o, Explain(o.Err).Case)
		case !chrome && (o.Err != nil || !o.AlreadyApplied || o.Attempts != 1):
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	if n, b := e.applied("subscriptions.insert"), e.batches(); n != 3 || b != 2 {
		t.Errorf("emulator: %d transfers applied in %d batches, want 3 and 2 (the second for Chrome only)", n, b)
	}
	if n := e.requests("subscriptions.insert"); n != 5 {
		t.Errorf("emulator saw %d transfers, want 5: four, then Chrome's alone", n)
	}
}

// TestAddOnOrder: an add-on keeps an annual or flexible plan, a trial
// transfers as flexible, and the seats are the transfer's minimum.
func TestAddOnOrder(t *testing.T) {
	for _, tc := range []struct {
		plan, want Plan
	}{{PlanFlexible, PlanFlexible}, {PlanAnnualYearly, PlanAnnualYearly}, {PlanTrial, PlanFlexible}, {"", PlanFlexible}} {
		o := AddOnOrder(Subscription{Plan: tc.plan, MaximumSeats: 9, Transfer: &TransferInfo{MinimumSeats: 7}})
		if o.Plan != tc.want || o.Seats != 7 {
			t.Errorf("%s: %s %d, want %s 7", tc.plan, o.Plan, o.Seats, tc.want)
		}
	}
}

// TestTransferTogetherRetriesRefusedForNow: a part refused for now (429:
// nothing ran) goes again alone after the backoff's wait; the part that
// was made is not resent.
func TestTransferTogetherRetriesRefusedForNow(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		mr := multipart.NewReader(r.Body, params["boundary"])
		var ids []string
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			ids = append(ids, p.Header.Get("Content-ID"))
		}
		mu.Lock()
		sizes = append(sizes, len(ids))
		first := len(sizes) == 1
		mu.Unlock()
		w.Header().Set("Content-Type", "multipart/mixed; boundary=XX")
		for j, id := range ids {
			fmt.Fprintf(w, "--XX\r\nContent-Type: application/http\r\nContent-ID: <response-%s>\r\n\r\n", strings.Trim(id, "<>"))
			if first && j == 1 {
				body := `{"error":{"code":429,"message":"Quota exceeded","errors":[{"reason":"quotaExceeded","domain":"usageLimits","message":"Quota exceeded"}]}}`
				fmt.Fprintf(w, "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 3\r\nContent-Length: %d\r\n\r\n%s\r\n", len(body), body)
				continue
			}
			body := fmt.Sprintf(`{"kind":"reseller#subscription","customerId":"C1","subscriptionId":"new%d","skuId":"sku%d"}`, j, j)
			fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s\r\n", len(body), body)
		}
		fmt.Fprint(w, "--XX--\r\n")
	}))
	t.Cleanup(ts.Close)
	c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "t", Retry: fastRetry()})
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	ord := []TransferOrder{
		{Row: Subscription{ID: "1", SKUID: "1010020028"}, Plan: PlanFlexible, Seats: 5},
		{Row: Subscription{ID: "2", SKUID: "Google-Vault"}, Plan: PlanFlexible, Seats: 5},
	}
	out, err := c.TransferTogether(context.Background(), "C1", emulator.TransferToken, ord)
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Err != nil || out[0].Attempts != 1 || out[1].Err != nil || out[1].Attempts != 2 {
		t.Errorf("outcomes: %+v", out)
	}
	// The 3 s asked for is more than this policy's longest wait, which
	// caps it.
	if fmt.Sprint(sizes) != "[2 1]" || len(waits) != 1 || waits[0] != c.retry.Longest() {
		t.Errorf("batches of %v parts, waits %v; want [2 1] and one wait of %v", sizes, waits, c.retry.Longest())
	}
}

// TestTransferTogetherSetRetriedWithItsRefusedPart: a 429 on one part of
// the set holds the others back (the set moves together); after the wait
// the whole set goes again, and moves.
func TestTransferTogetherSetRetriedWithItsRefusedPart(t *testing.T) {
	e := fixtureEnv(t)
	if _, err := e.srv.AddFault(emulator.Fault{Method: "subscriptions.insert", Code: 429, Reason: "quotaExceeded", Count: 1}); err != nil {
		t.Fatal(err)
	}
	rows := transferRows(t, e)
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, emulator.TransferToken, orders(TransferSet(rows, rows[0])))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Err != nil || o.Attempts != 2 {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	if n, b := e.applied("subscriptions.insert"), e.batches(); n != 3 || b != 2 {
		t.Errorf("emulator: %d transfers applied in %d batches, want 3 in 2", n, b)
	}
	if w := e.events.count(EventRetryWait); w != 1 {
		t.Errorf("%d retry waits, want 1", w)
	}
}

// TestBatchRefusalExplained: a batch the API refuses as a whole is
// explained as such.
func TestBatchRefusalExplained(t *testing.T) {
	err := &APIError{Method: "batch", Code: 400, Reason: "invalid", Message: "A batch request holds at most 1000 calls."}
	if g := Explain(err); g.Case != CaseBatchRefused {
		t.Errorf("case %s", g.Case)
	}
}
