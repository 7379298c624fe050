package client

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"resold/emulator"
)

// pageGate holds listing requests that carry a page token (the prefetch,
// not the first page) until opened, and counts them by token.
type pageGate struct {
	next   http.RoundTripper
	held   chan struct{} // told each time such a request arrives
	opened chan struct{} // closed to let them through

	mu     sync.Mutex
	tokens map[string]int
}

func newPageGate(open bool) *pageGate {
	g := &pageGate{next: http.DefaultTransport, held: make(chan struct{}, 16), opened: make(chan struct{}), tokens: map[string]int{}}
	if open {
		close(g.opened)
	}
	return g
}

func (g *pageGate) RoundTrip(r *http.Request) (*http.Response, error) {
	if tok := r.URL.Query().Get("pageToken"); tok != "" {
		g.mu.Lock()
		g.tokens[tok]++
		g.mu.Unlock()
		select {
		case g.held <- struct{}{}:
		default:
		}
		select {
		case <-g.opened:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return g.next.RoundTrip(r)
}

func (g *pageGate) sent(token string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tokens[token]
}

// waitHold replaces the client's retry wait: each wait is announced on
// entered and lasts until the test calls end or the call's context ends.
type waitHold struct {
	e       *env
	entered chan time.Duration
	release chan struct{}
}

// end ends the wait in progress. With elapsed the emulated clock first
// moves on by d, so the QPS bucket refills; without, the retry is
// refused again.
func (h *waitHold) end(d time.Duration, elapsed bool) {
	if elapsed {
		h.e.clock.Advance(d)
	}
	h.release <- struct{}{}
}

func holdWaits(e *env) *waitHold {
	h := &waitHold{e: e, entered: make(chan time.Duration), release: make(chan struct{})}
	e.c.now = e.clock.Now
	e.c.wait = func(ctx context.Context, d time.Duration) error {
		select {
		case h.entered <- d:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case <-h.release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return h
}

// recv returns the next value of ch; the timeout only guards against a
// hang.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}

type pageResult struct {
	pg  Page
	err error
}

// askPage calls p.Page(ctx, i) on its own goroutine.
func askPage(ctx context.Context, p *Pager, i int) <-chan pageResult {
	ch := make(chan pageResult, 1)
	go func() {
		pg, err := p.Page(ctx, i)
		ch <- pageResult{pg, err}
	}()
	return ch
}

// eventChan is an event func feeding a buffered channel.
func eventChan() (chan Event, func(Event)) {
	ch := make(chan Event, 16)
	return ch, func(ev Event) { ch <- ev }
}

// fetchOf returns the fetch in flight for page j.
func (p *Pager) fetchOf(j int) *fetch {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.inflight[j]
}

// quotaEnv is an emulator allowing one listing per emulated second, so
// that page 0 is answered and the prefetch of page 1 right after it is
// refused with 429, with the requests carrying a page token behind gate.
func quotaEnv(t *testing.T, gate *pageGate) (*env, *waitHold, *Pager) {
	e := newEnv(t, emulator.Options{Customers: 20, Seed: 3, QPS: 1}, func(c *Config) {
		c.HTTPClient = &http.Client{Transport: gate}
	})
	h := holdWaits(e)
	p := e.c.NewPager(Query{PageSize: 10})
	t.Cleanup(p.Close)
	return e, h, p
}

// The caller of page 1 sees the retry wait of the prefetch it waits on,
// then the page; the caller of page 0, long returned, sees nothing.
func TestPagerWaiterHearsThePrefetchRetry(t *testing.T) {
	tests := []struct {
		name string
		// listenFirst: the caller waits before the prefetch fails, and
		// hears the event as it happens; otherwise it comes during the
		// retry wait and hears it replayed.
		listenFirst bool
	}{
		{"caller waiting before the failure", true},
		{"caller arriving during the retry wait", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gate := newPageGate(!tt.listenFirst)
			e, h, p := quotaEnv(t, gate)
			waiting := make(chan struct{}, 4)
			p.onWait = func() { waiting <- struct{}{} }
			first := &eventLog{}
			pg0, err := p.Page(WithEvents(e.ctx(t), first.add), 0)
			if err != nil {
				t.Fatal(err)
			}
			evs, fn := eventChan()
			var res <-chan pageResult
			var d time.Duration
			if tt.listenFirst {
				recv(t, gate.held, "the prefetch request")
				res = askPage(WithEvents(e.ctx(t), fn), p, 1)
				recv(t, waiting, "the caller to wait on the prefetch")
				close(gate.opened)
				d = recv(t, h.entered, "the prefetch's retry wait")
			} else {
				d = recv(t, h.entered, "the prefetch's retry wait")
				res = askPage(WithEvents(e.ctx(t), fn), p, 1)
			}
			ev := recv(t, evs, "the retry event")
			if ev.Kind != EventRetryWait || ev.Method != "subscriptions.list" || ev.Code != 429 ||
				ev.Attempt != 1 || ev.Wait != d || !ev.Until.Equal(testStart.Add(d)) {
				t.Errorf("event %+v, want the prefetch's first retry wait of %v", ev, d)
			}
			select {
			case r := <-res:
				t.Fatalf("page 1 returned during the retry wait: %+v", r)
			default:
			}
			h.end(d, true)
			r := recv(t, res, "page 1")
			if r.err != nil || r.pg.Index != 1 || len(r.pg.Rows) == 0 {
				t.Fatalf("page 1 = index %d, %d rows, error %v", r.pg.Index, len(r.pg.Rows), r.err)
			}
			if n := gate.sent(pg0.NextToken); n != 2 {
				t.Errorf("page 1 requested %d times, want 2 (the prefetch and its retry)", n)
			}
			if got := first.all(); len(got) != 0 {
				t.Errorf("the caller of page 0 got %+v after it returned", got)
			}
			if len(evs) != 0 {
				t.Errorf("%d more events, want only the retry wait", len(evs))
			}
		})
	}
}

// A caller that gives up returns at once and hears no more; the prefetch
// goes on, and the next caller gets its page without another request.
func TestPagerWaiterCancelStopsEvents(t *testing.T) {
	gate := newPageGate(true)
	e, h, p := quotaEnv(t, gate)
	pg0, err := p.Page(e.ctx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	d := recv(t, h.entered, "the prefetch's first retry wait")

	evs, fn := eventChan()
	ctx, cancel := context.WithCancel(WithEvents(e.ctx(t), fn))
	res := askPage(ctx, p, 1)
	if ev := recv(t, evs, "the replayed retry event"); ev.Kind != EventRetryWait {
		t.Fatalf("event %+v, want the retry wait", ev)
	}
	cancel()
	if r := recv(t, res, "the cancelled call"); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", r.err)
	}

	// The clock stays, so the retry is refused again: a second wait that
	// nobody hears.
	h.end(d, false)
	d = recv(t, h.entered, "the prefetch's second retry wait")
	if len(evs) != 0 {
		t.Errorf("the cancelled caller heard %+v", <-evs)
	}
	h.end(d, true)

	later := &eventLog{}
	pg, err := p.Page(WithEvents(e.ctx(t), later.add), 1)
	if err != nil || pg.Index != 1 || len(pg.Rows) == 0 {
		t.Fatalf("page 1 = index %d, %d rows, error %v", pg.Index, len(pg.Rows), err)
	}
	if n := gate.sent(pg0.NextToken); n != 3 {
		t.Errorf("page 1 requested %d times, want 3 (all by the prefetch)", n)
	}
	if got := later.all(); len(got) != 0 {
		t.Errorf("the later caller got %+v: the waits were over", got)
	}
}

// Close ends a prefetch stuck in a retry wait, with or without a caller
// waiting on it: nothing outlives the pager.
func TestPagerCloseEndsPrefetch(t *testing.T) {
	tests := []struct {
		name   string
		waiter bool
	}{
		{"nobody waiting", false},
		{"a caller waiting", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, h, p := quotaEnv(t, newPageGate(true))
			if _, err := p.Page(e.ctx(t), 0); err != nil {
				t.Fatal(err)
			}
			recv(t, h.entered, "the prefetch's retry wait")
			f := p.fetchOf(1)
			if f == nil {
				t.Fatal("no fetch of page 1 in flight")
			}
			var res <-chan pageResult
			if tt.waiter {
				evs, fn := eventChan()
				res = askPage(WithEvents(e.ctx(t), fn), p, 1)
				recv(t, evs, "the replayed retry event")
			}
			p.Close()
			recv(t, f.done, "the prefetch to end")
			if tt.waiter {
				if r := recv(t, res, "the waiting call"); !errors.Is(r.err, ErrPagerClosed) {
					t.Errorf("error %v, want ErrPagerClosed", r.err)
				}
			}
			f.mu.Lock()
			n := len(f.listeners)
			f.mu.Unlock()
			if n != 0 {
				t.Errorf("%d listeners left on the fetch", n)
			}
		})
	}
}
