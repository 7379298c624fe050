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

// listCalls returns a channel fed with every subscriptions.list the
// emulator answers, and options that install the hook.
func listCalls(opts emulator.Options) (emulator.Options, chan emulator.Call) {
	ch := make(chan emulator.Call, 1000)
	opts.OnCall = func(c emulator.Call) {
		if c.Method == "reseller.subscriptions.list" {
			ch <- c
		}
	}
	return opts, ch
}

// awaitCall waits for the next listing request; the timeout only guards
// against a hang.
func awaitCall(t *testing.T, ch chan emulator.Call) emulator.Call {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no subscriptions.list request arrived")
		return emulator.Call{}
	}
}

func TestPagerReadsEveryRowOnce(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 120, Seed: 5})
	tests := []struct {
		name string
		q    Query
	}{
		{"all, 100 per page by default", Query{}},
		{"all, 30 per page", Query{PageSize: 30}},
		{"by name prefix", Query{NamePrefix: "a", PageSize: 7}},
		{"one customer", Query{CustomerID: emulator.IDAcmeAnnual}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := e.c.NewPager(tt.q)
			defer p.Close()
			seen := map[string]bool{}
			for i := 0; ; i++ {
				pg, err := p.Page(context.Background(), i)
				if errors.Is(err, ErrEndOfList) {
					break
				}
				if err != nil {
					t.Fatalf("page %d: %v", i, err)
				}
				if pg.Index != i || pg.Query != tt.q {
					t.Fatalf("page %d answers index %d query %+v", i, pg.Index, pg.Query)
				}
				if size := tt.q.pageSize(); len(pg.Rows) > size || (pg.NextToken != "" && len(pg.Rows) != size) {
					t.Errorf("page %d has %d rows, page size %d", i, len(pg.Rows), size)
				}
				for _, s := range pg.Rows {
					key := s.CustomerID + "/" + s.ID
					if seen[key] {
						t.Errorf("row %s twice", key)
					}
					seen[key] = true
					if tt.q.NamePrefix != "" && s.CustomerDomain[:1] != tt.q.NamePrefix {
						t.Errorf("row of %s does not match prefix %q", s.CustomerDomain, tt.q.NamePrefix)
					}
				}
			}
			if !p.Done() {
				t.Error("Done() is false after the last page")
			}
			want := countRows(t, e, tt.q)
			if len(seen) != want {
				t.Errorf("read %d rows, the listing has %d", len(seen), want)
			}
		})
	}
}

// countRows reads the listing with plain ListSubscriptions calls.
func countRows(t *testing.T, e *env, q Query) int {
	n, token := 0, ""
	for {
		pg, err := e.c.ListSubscriptions(context.Background(), q, token)
		if err != nil {
			t.Fatal(err)
		}
		n += len(pg.Rows)
		if pg.NextToken == "" {
			return n
		}
		token = pg.NextToken
	}
}

// After page i is returned, page i+1 is requested before anyone asks for
// it, and asking for it then costs no request.
func TestPagerPrefetchesTheNextPage(t *testing.T) {
	opts, calls := listCalls(emulator.Options{Customers: 100, Seed: 2})
	e := newEnv(t, opts)
	p := e.c.NewPager(Query{PageSize: 50})
	defer p.Close()
	if _, err := p.Page(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	awaitCall(t, calls) // page 0
	awaitCall(t, calls) // page 1, prefetched without being asked
	// Wait until the prefetch is stored (Loaded counts stored pages).
	pg, err := p.Page(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if pg.Index != 1 || len(pg.Rows) == 0 {
		t.Fatalf("page 1 = index %d, %d rows", pg.Index, len(pg.Rows))
	}
	// Page(1) prefetches page 2; page 1 itself must not have been fetched
	// again.
	c := awaitCall(t, calls)
	if n := e.requests("subscriptions.list"); n != 3 {
		t.Errorf("emulator saw %d listings, want 3 (pages 0, 1, and the prefetch of 2): %+v", n, c)
	}
}

// tokenCorrupter edits the page token of one listing request, as a stale
// token after a data change would look to the API.
type tokenCorrupter struct {
	next   http.RoundTripper
	mu     sync.Mutex
	done   bool
	always bool // corrupt every token, as if the API refused them all
}

func (tc *tokenCorrupter) RoundTrip(r *http.Request) (*http.Response, error) {
	tc.mu.Lock()
	q := r.URL.Query()
	if (!tc.done || tc.always) && q.Get("pageToken") != "" {
		tc.done = true
		q.Set("pageToken", q.Get("pageToken")+"x")
		u := *r.URL
		u.RawQuery = q.Encode()
		r = r.Clone(r.Context())
		r.URL = &u
	}
	tc.mu.Unlock()
	return tc.next.RoundTrip(r)
}

func TestPagerRestartsOnRefusedPageToken(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 60, Seed: 4}, func(c *Config) {
		c.HTTPClient = &http.Client{Transport: &tokenCorrupter{next: http.DefaultTransport}}
	})
	p := e.c.NewPager(Query{PageSize: 40})
	defer p.Close()
	ctx := e.ctx(t)
	first, err := p.Page(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Page 1's token is refused (by the prefetch or by this call): the
	// listing restarts from page 0 and page 1 still arrives.
	pg, err := p.Page(ctx, 1)
	if err != nil {
		t.Fatalf("page 1 after a refused token: %v", err)
	}
	if pg.Index != 1 || len(pg.Rows) == 0 {
		t.Fatalf("page 1 = index %d, %d rows", pg.Index, len(pg.Rows))
	}
	if !pg.Restarted {
		t.Error("page 1 does not report the restart")
	}
	again, err := p.Page(ctx, 0)
	if err != nil || again.Rows[0].ID != first.Rows[0].ID {
		t.Errorf("page 0 after the restart: %v", err)
	}
	if n := e.events.count(EventListRestarted); n != 1 {
		t.Errorf("%d restart events, want 1", n)
	}
	refused := 0
	for _, c := range e.srv.Calls() {
		if c.Method == "reseller.subscriptions.list" && c.Status == 400 {
			refused++
		}
	}
	if refused != 1 {
		t.Errorf("emulator refused %d tokens, want 1", refused)
	}
}

// A token refused again and again ends in the API's error, not a loop.
func TestPagerGivesUpOnAlwaysRefusedTokens(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 60, Seed: 4}, func(c *Config) {
		c.HTTPClient = &http.Client{Transport: &tokenCorrupter{next: http.DefaultTransport, always: true}}
	})
	p := e.c.NewPager(Query{PageSize: 40})
	defer p.Close()
	if _, err := p.Page(e.ctx(t), 0); err != nil {
		t.Fatal(err)
	}
	_, err := p.Page(e.ctx(t), 1)
	if g := Explain(err); g.Case != "PAGE-TOKEN" {
		t.Fatalf("error = %v (%s), want the refused token", err, g.Case)
	}
	if n := e.events.count(EventListRestarted); n != maxRestarts {
		t.Errorf("%d restarts, want %d", n, maxRestarts)
	}
}

// signalTransport tells the test when a request leaves.
type signalTransport struct {
	next http.RoundTripper
	sent chan struct{}
}

func (s signalTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	select {
	case s.sent <- struct{}{}:
	default:
	}
	return s.next.RoundTrip(r)
}

// Cancelling the caller's context returns at once, even while the
// emulator is still working on the page.
func TestPagerCancel(t *testing.T) {
	sent := make(chan struct{}, 1)
	e := newEnv(t, emulator.Options{Customers: -1, Latency: time.Hour}, func(c *Config) {
		c.HTTPClient = &http.Client{Transport: signalTransport{next: http.DefaultTransport, sent: sent}}
	})
	p := e.c.NewPager(Query{})
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := p.Page(ctx, 0)
		done <- err
	}()
	<-sent // the request is out, and the emulator sits on it
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Page did not return after cancellation")
	}
	if p.Loaded() != 0 {
		t.Errorf("Loaded() = %d after a cancelled first page", p.Loaded())
	}
	p.Close()
	if _, err := p.Page(context.Background(), 0); !errors.Is(err, ErrPagerClosed) {
		t.Errorf("Page after Close = %v, want ErrPagerClosed", err)
	}
}

// The transferable listing carries transferInfo.
func TestListTransferable(t *testing.T) {
	e := fixtureEnv(t)
	pg, err := e.c.ListSubscriptions(e.ctx(t), Query{CustomerID: emulator.IDTransfer, CustomerAuthToken: emulator.TransferToken}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Rows) < 2 {
		t.Fatalf("%d transferable rows, want the fixture's Workspace and Drive at least", len(pg.Rows))
	}
	for _, s := range pg.Rows {
		if s.Transfer == nil || s.Transfer.MinimumSeats <= 0 || s.Transfer.ExpiresAt.IsZero() {
			t.Errorf("%s lacks transfer info: %+v", s.SKUID, s.Transfer)
		}
	}
}
