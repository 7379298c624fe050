package client

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"resold/emulator"
	"resold/internal/emutest"
)

// heldLists is a listing func whose calls block until the test answers
// them, recording what was asked.
type heldLists struct {
	mu    sync.Mutex
	asked []Query
	calls chan heldList
}

// heldList is one listing call waiting for its answer.
type heldList struct {
	q      Query
	ctx    context.Context
	answer chan<- pageResult
}

func newHeldLists() *heldLists { return &heldLists{calls: make(chan heldList, 16)} }

func (h *heldLists) list(ctx context.Context, q Query) (Page, error) {
	h.mu.Lock()
	h.asked = append(h.asked, q)
	h.mu.Unlock()
	answer := make(chan pageResult, 1)
	h.calls <- heldList{q: q, ctx: ctx, answer: answer}
	select {
	case r := <-answer:
		return r.pg, r.err
	case <-ctx.Done():
		return Page{}, ctx.Err()
	}
}

func (h *heldLists) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.asked)
}

// askFirst runs FirstPage in the background.
func askFirst(ctx context.Context, pc *PageCache, q Query, fresh bool) <-chan pageResult {
	ch := make(chan pageResult, 1)
	go func() {
		p, err := pc.FirstPage(ctx, q, fresh)
		ch <- pageResult{p, err}
	}()
	return ch
}

// rowsOf is a page of subscriptions on the given customer domains.
func rowsOf(domains ...string) Page {
	p := Page{}
	for i, d := range domains {
		p.Rows = append(p.Rows, Subscription{ID: string(rune('a' + i)), CustomerID: "C-" + d, CustomerDomain: d})
	}
	return p
}

func TestFirstPageMergesARequestInFlight(t *testing.T) {
	h := newHeldLists()
	clk := emutest.NewClock(testStart)
	pc := NewPageCache(h.list, clk.Now)
	q := Query{NamePrefix: "ac"}
	first := askFirst(context.Background(), pc, q, false)
	call := recv(t, h.calls, "the listing")
	second := askFirst(context.Background(), pc, Query{NamePrefix: "AC"}, false)
	// The second caller is waiting once it holds the flight.
	waitHolders(t, pc, call.q, 2)
	call.answer <- pageResult{pg: rowsOf("acme.example")}
	for _, ch := range []<-chan pageResult{first, second} {
		r := recv(t, ch, "a page")
		if r.err != nil || len(r.pg.Rows) != 1 || !r.pg.ReadAt.Equal(testStart) || r.pg.Age != 0 || r.pg.Kept {
			t.Errorf("page = %+v, %v; want the one row read at %v", r.pg, r.err, testStart)
		}
	}
	if n := h.count(); n != 1 {
		t.Errorf("%d listings sent, want 1", n)
	}
}

// waitHolders waits until q's flight has n callers waiting: the cache
// wakes it whenever a flight's callers change.
func waitHolders(t *testing.T, pc *PageCache, q Query, n int) {
	t.Helper()
	k, _, _ := keyOf(q)
	timeout := time.After(5 * time.Second)
	for {
		pc.mu.Lock()
		f := pc.flights[k]
		got := f != nil && f.holders == n
		if pc.held == nil {
			pc.held = make(chan struct{})
		}
		changed := pc.held
		pc.mu.Unlock()
		if got {
			return
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatalf("the listing never had %d callers", n)
		}
	}
}

func TestFirstPageKeptForTheTTLAndRefreshBypassesIt(t *testing.T) {
	h := newHeldLists()
	clk := emutest.NewClock(testStart)
	pc := NewPageCache(h.list, clk.Now)
	q := Query{CustomerID: "C0acme001"}
	answer := func(p Page) {
		call := recv(t, h.calls, "a listing")
		call.answer <- pageResult{pg: p}
	}
	ch := askFirst(context.Background(), pc, q, false)
	answer(rowsOf("acme.example"))
	recv(t, ch, "the first page")

	clk.Advance(FirstPageTTL - time.Second)
	p, err := pc.FirstPage(context.Background(), q, false)
	if err != nil || !p.ReadAt.Equal(testStart) || p.Age != FirstPageTTL-time.Second || !p.Kept || h.count() != 1 {
		t.Errorf("within the TTL: page read at %v, %v old (%v), %d listings; want the kept one, 1 listing", p.ReadAt, p.Age, err, h.count())
	}

	// ctrl+r: read again, and the new page is kept.
	ch = askFirst(context.Background(), pc, q, true)
	answer(rowsOf("acme.example", "acme.example"))
	if r := recv(t, ch, "the refreshed page"); len(r.pg.Rows) != 2 {
		t.Errorf("refresh = %+v, want the page read again", r.pg)
	}
	clk.Advance(2 * time.Second)
	if p, _ := pc.FirstPage(context.Background(), q, false); len(p.Rows) != 2 || h.count() != 2 {
		t.Errorf("after the refresh: %d rows, %d listings; want the refreshed page from memory", len(p.Rows), h.count())
	}

	clk.Advance(FirstPageTTL)
	ch = askFirst(context.Background(), pc, q, false)
	answer(rowsOf("acme.example"))
	recv(t, ch, "the page after the TTL")
	if n := h.count(); n != 3 {
		t.Errorf("%d listings after the TTL, want 3", n)
	}
}

func TestFirstPageNarrowsALongerPrefixLocally(t *testing.T) {
	h := newHeldLists()
	clk := emutest.NewClock(testStart)
	pc := NewPageCache(h.list, clk.Now)
	ch := askFirst(context.Background(), pc, Query{NamePrefix: "ac"}, false)
	call := recv(t, h.calls, "the listing of ac")
	call.answer <- pageResult{pg: rowsOf("acme.example", "ACME-annual.example", "acorn.example")}
	recv(t, ch, "ac")

	clk.Advance(5 * time.Second)
	p, err := pc.FirstPage(context.Background(), Query{NamePrefix: "acme"}, false)
	if err != nil || len(p.Rows) != 2 || p.NextToken != "" || p.Query.NamePrefix != "acme" || !p.ReadAt.Equal(testStart) || !p.Kept {
		t.Errorf("acme = %+v, %v; want its 2 rows from ac's answer, read when ac was", p, err)
	}
	if n := h.count(); n != 1 {
		t.Errorf("%d listings, want 1", n)
	}

	// A prefix whose shorter answer is incomplete is read.
	pc2 := NewPageCache(h.list, clk.Now)
	ch = askFirst(context.Background(), pc2, Query{NamePrefix: "ac"}, false)
	incomplete := rowsOf("acme.example")
	incomplete.NextToken = "more"
	recv(t, h.calls, "ac again").answer <- pageResult{pg: incomplete}
	recv(t, ch, "ac")
	ch = askFirst(context.Background(), pc2, Query{NamePrefix: "acme"}, false)
	recv(t, h.calls, "acme").answer <- pageResult{pg: rowsOf("acme.example")}
	recv(t, ch, "acme")
}

func TestFirstPageForgetsEverythingOnAChange(t *testing.T) {
	h := newHeldLists()
	clk := emutest.NewClock(testStart)
	pc := NewPageCache(h.list, clk.Now)
	q := Query{CustomerID: "C0acme001"}
	ch := askFirst(context.Background(), pc, q, false)
	recv(t, h.calls, "kept").answer <- pageResult{pg: rowsOf("acme.example")}
	recv(t, ch, "kept")
	// A read under way when the change happens is not kept either.
	during := askFirst(context.Background(), pc, Query{NamePrefix: "fl"}, false)
	call := recv(t, h.calls, "during")
	pc.Forget()
	call.answer <- pageResult{pg: rowsOf("flex.example")}
	recv(t, during, "during")

	for _, q := range []Query{q, {NamePrefix: "fl"}} {
		ch := askFirst(context.Background(), pc, q, false)
		recv(t, h.calls, "read again").answer <- pageResult{pg: rowsOf("x.example")}
		recv(t, ch, "read again")
	}
	if n := h.count(); n != 4 {
		t.Errorf("%d listings, want 4: nothing answered from before the change", n)
	}
}

func TestReadAheadIsJoinedByName(t *testing.T) {
	h := newHeldLists()
	pc := NewPageCache(h.list, time.Now)
	drop := pc.ReadAhead(Query{CustomerID: " ACME-Annual.Example. "})
	call := recv(t, h.calls, "the read ahead")
	if call.q.CustomerID != "acme-annual.example" {
		t.Errorf("read ahead sent customerId %q, want it as the lookup sends it", call.q.CustomerID)
	}
	// The lookup found the customer's ID: the screen asks by ID.
	pc.Alias("C0acme001", "acme-annual.example")
	ch := askFirst(context.Background(), pc, Query{CustomerID: "C0acme001"}, false)
	waitHolders(t, pc, call.q, 1)
	drop() // joined: no longer the read ahead's to stop
	call.answer <- pageResult{pg: rowsOf("acme-annual.example")}
	if r := recv(t, ch, "the page"); r.err != nil || len(r.pg.Rows) != 1 || r.pg.Query.CustomerID != "C0acme001" {
		t.Errorf("page = %+v, %v; want the row read ahead, answering the query asked", r.pg, r.err)
	}
	if n := h.count(); n != 1 {
		t.Errorf("%d listings, want 1", n)
	}
}

func TestReadAheadStopsWhenNobodyWantsIt(t *testing.T) {
	t.Run("dropped before anyone asked", func(t *testing.T) {
		h := newHeldLists()
		pc := NewPageCache(h.list, time.Now)
		drop := pc.ReadAhead(Query{CustomerID: "acme-annual.example"})
		call := recv(t, h.calls, "the read ahead")
		drop()
		<-call.ctx.Done()
		if !errors.Is(call.ctx.Err(), context.Canceled) {
			t.Errorf("read ahead ended with %v", call.ctx.Err())
		}
	})
	t.Run("its only caller gave up", func(t *testing.T) {
		h := newHeldLists()
		pc := NewPageCache(h.list, time.Now)
		pc.ReadAhead(Query{CustomerID: "acme-annual.example"})
		call := recv(t, h.calls, "the read ahead")
		ctx, cancel := context.WithCancel(context.Background())
		ch := askFirst(ctx, pc, Query{CustomerID: "acme-annual.example"}, false)
		waitHolders(t, pc, call.q, 1)
		cancel()
		if r := recv(t, ch, "the answer"); !errors.Is(r.err, context.Canceled) {
			t.Errorf("FirstPage = %v, want context.Canceled", r.err)
		}
		<-call.ctx.Done()
	})
	t.Run("one of two callers gave up", func(t *testing.T) {
		h := newHeldLists()
		pc := NewPageCache(h.list, time.Now)
		q := Query{CustomerID: "acme-annual.example"}
		ctx, cancel := context.WithCancel(context.Background())
		gone := askFirst(ctx, pc, q, false)
		call := recv(t, h.calls, "the listing")
		stays := askFirst(context.Background(), pc, q, false)
		waitHolders(t, pc, q, 2)
		cancel()
		recv(t, gone, "the caller who left")
		if call.ctx.Err() != nil {
			t.Fatal("the listing stopped while a caller waits")
		}
		call.answer <- pageResult{pg: rowsOf("acme-annual.example")}
		if r := recv(t, stays, "the caller who stayed"); r.err != nil {
			t.Errorf("FirstPage = %v", r.err)
		}
	})
}

func TestTransferListingsAreNotKept(t *testing.T) {
	h := newHeldLists()
	pc := NewPageCache(h.list, time.Now)
	q := Query{CustomerID: "C0xfer001", CustomerAuthToken: "secret"}
	pc.ReadAhead(q)
	for i := 0; i < 2; i++ {
		ch := askFirst(context.Background(), pc, q, false)
		recv(t, h.calls, "a transfer listing").answer <- pageResult{pg: rowsOf("transfer.example")}
		recv(t, ch, "a transfer listing")
	}
	if n := h.count(); n != 2 {
		t.Errorf("%d listings, want 2 (read ahead: none; each ask: one)", n)
	}
}

// TestFirstPageJoinerHearsTheRetryUnderWay: a caller joining a read ahead
// during a retry wait is told of it, as a pager's waiter is.
func TestFirstPageJoinerHearsTheRetryUnderWay(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, QPS: 1})
	hold := holdWaits(e)
	// The first request spends the quota; the read ahead then waits.
	if _, err := e.c.GetCustomer(e.ctx(t), emulator.DomainAcmeAnnual); err != nil {
		t.Fatal(err)
	}
	e.c.ReadAhead(Query{CustomerID: emulator.IDAcmeAnnual})
	wait := recv(t, hold.entered, "the read ahead's retry wait")
	events, fn := eventChan()
	ch := askFirst(WithEvents(context.Background(), fn), e.c.pages, Query{CustomerID: emulator.IDAcmeAnnual}, false)
	if ev := recv(t, events, "the replayed wait"); ev.Kind != EventRetryWait || ev.Reason != "quotaExceeded" {
		t.Errorf("event = %+v, want the retry wait under way", ev)
	}
	hold.end(wait, true)
	if r := recv(t, ch, "the page"); r.err != nil || len(r.pg.Rows) == 0 {
		t.Errorf("page = %+v, %v", r.pg, r.err)
	}
	if n := e.requests("subscriptions.list"); n != 2 {
		t.Errorf("%d listings sent, want 2 (the refused one, the retry)", n)
	}
}

// TestNarrowedPrefixIsWhatTheAPIAnswers: a longer prefix narrowed from a
// shorter one's complete answer has the rows, in the order, that the API
// gives for it.
func TestNarrowedPrefixIsWhatTheAPIAnswers(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 2000, Seed: 1})
	ctx := e.ctx(t)
	short, err := e.c.FirstPage(ctx, Query{NamePrefix: "ac"}, false)
	if err != nil || short.NextToken != "" || len(short.Rows) == 0 {
		t.Fatalf("ac = %d rows, next %q, %v; want a complete answer", len(short.Rows), short.NextToken, err)
	}
	for _, prefix := range []string{"acm", "ACME-", "acme-annual.example", "acx"} {
		got, err := e.c.FirstPage(ctx, Query{NamePrefix: prefix}, false)
		if err != nil {
			t.Fatal(err)
		}
		want, err := e.c.ListSubscriptions(ctx, Query{NamePrefix: prefix}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Rows) != len(want.Rows) || got.NextToken != want.NextToken {
			t.Errorf("%s: narrowed to %d rows (next %q), the API answers %d (next %q)", prefix, len(got.Rows), got.NextToken, len(want.Rows), want.NextToken)
			continue
		}
		for i := range got.Rows {
			if got.Rows[i].ID != want.Rows[i].ID || got.Rows[i].CustomerID != want.Rows[i].CustomerID {
				t.Errorf("%s: row %d is %s/%s, the API's %s/%s", prefix, i, got.Rows[i].CustomerID, got.Rows[i].ID, want.Rows[i].CustomerID, want.Rows[i].ID)
			}
		}
	}
	// One listing of ac, one of each prefix read directly for comparison.
	if n := e.requests("subscriptions.list"); n != 5 {
		t.Errorf("%d listings sent, want 5", n)
	}
}

// TestAChangeIsNeverHiddenByAKeptPage: after a change, the customer's
// first page is read again and shows it.
func TestAChangeIsNeverHiddenByAKeptPage(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	q := Query{CustomerID: emulator.IDFlex}
	before, err := e.c.FirstPage(ctx, q, false)
	if err != nil || len(before.Rows) == 0 {
		t.Fatalf("first page: %v", err)
	}
	sub := before.Rows[0]
	if _, err := e.c.ChangeSeats(ctx, sub, sub.SeatLimit()+1); err != nil {
		t.Fatal(err)
	}
	after, err := e.c.FirstPage(ctx, q, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Rows[0].SeatLimit(); got != sub.SeatLimit()+1 {
		t.Errorf("after the change the page shows %d seats, want %d", got, sub.SeatLimit()+1)
	}
	if n := e.requests("subscriptions.list"); n != 2 {
		t.Errorf("%d listings sent, want 2", n)
	}
}

// TestAnOlderReadEndingLastKeepsTheNewerPage: a refresh started while a
// read of the same listing runs, and answered first, is the page kept.
func TestAnOlderReadEndingLastKeepsTheNewerPage(t *testing.T) {
	h := newHeldLists()
	pc := NewPageCache(h.list, time.Now)
	q := Query{CustomerID: "C0acme001"}
	older := askFirst(context.Background(), pc, q, false)
	oldCall := recv(t, h.calls, "the first read")
	newer := askFirst(context.Background(), pc, q, true)
	newCall := recv(t, h.calls, "the refresh")
	newCall.answer <- pageResult{pg: rowsOf("new.example")}
	recv(t, newer, "the refresh")
	oldCall.answer <- pageResult{pg: rowsOf("old.example")}
	if r := recv(t, older, "the first read"); r.pg.Rows[0].CustomerDomain != "old.example" {
		t.Errorf("the first caller got %+v, want its own read", r.pg.Rows)
	}
	p, _ := pc.FirstPage(context.Background(), q, false)
	if p.Rows[0].CustomerDomain != "new.example" || h.count() != 2 {
		t.Errorf("kept %s after %d listings, want the refresh's page", p.Rows[0].CustomerDomain, h.count())
	}
}

// TestAChangeInOneViewIsSeenByAnother: users on one connection each have
// their own first pages, but one user's change hides what the others kept.
func TestAChangeInOneViewIsSeenByAnother(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	alice, bob := e.c.View(false), e.c.View(false)
	q := Query{CustomerID: emulator.IDFlex}
	before, err := alice.FirstPage(ctx, q, false)
	if err != nil || len(before.Rows) == 0 {
		t.Fatalf("first page: %v", err)
	}
	if _, err := bob.FirstPage(ctx, q, false); err != nil {
		t.Fatal(err)
	}
	sub := before.Rows[0]
	if _, err := bob.ChangeSeats(ctx, sub, sub.SeatLimit()+1); err != nil {
		t.Fatal(err)
	}
	after, err := alice.FirstPage(ctx, q, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Rows[0].SeatLimit(); got != sub.SeatLimit()+1 || after.Kept {
		t.Errorf("after bob's change alice sees %d seats (kept: %v), want %d read again", got, after.Kept, sub.SeatLimit()+1)
	}
	if n := e.requests("subscriptions.list"); n != 3 {
		t.Errorf("%d listings sent, want 3 (alice, bob, alice again)", n)
	}
}
