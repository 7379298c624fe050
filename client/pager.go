package client

import (
	"context"
	"errors"
	"sync"
)

// ErrPagerClosed is returned by Pager.Page after Close.
var ErrPagerClosed = errors.New("the listing was closed")

// Pager reads a listing lazily: a page when asked, in order, 100 rows per
// call by default, with the next page fetched in the background so that
// scrolling does not wait. Pages are kept; a page token the API refuses
// (the listing changed) restarts the listing from the first page. It is
// safe for concurrent use.
type Pager struct {
	c      *Client
	q      Query
	ctx    context.Context // ends background fetches on Close
	cancel context.CancelFunc

	mu       sync.Mutex
	slab     []Subscription // room for the rows of pages to come
	pages    []Page
	done     bool
	closed   bool
	gen      int // bumped by a restart, so fetches of the old listing are dropped
	inflight map[int]*fetch
	stale    error // set when the API refused a page token of this listing

	// onWait, when set, is called each time a caller starts waiting on
	// someone else's fetch; tests use it to know the caller listens.
	onWait func()
}

// fetch is one page being read; waiters block on done and hear its events
// (pager_events.go).
type fetch struct {
	done  chan struct{}
	gen   int
	token string
	page  Page
	err   error

	mu        sync.Mutex
	listeners []*listener
	lastWait  *Event // the latest retry wait, for callers who come during it
}

// NewPager starts a lazy listing of q; nothing is fetched until Page.
func (c *Client) NewPager(q Query) *Pager {
	ctx, cancel := context.WithCancel(context.Background())
	return &Pager{c: c, q: q, ctx: ctx, cancel: cancel, inflight: map[int]*fetch{}}
}

// Query is the listing the pager reads.
func (p *Pager) Query() Query { return p.q }

// Loaded is the number of pages read so far.
func (p *Pager) Loaded() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.pages)
}

// Done reports whether the last page has been read.
func (p *Pager) Done() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done
}

// Close stops background fetches; later calls to Page fail.
func (p *Pager) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.cancel()
}

// Page returns page i (from 0), reading the pages before it first if they
// are not loaded yet, and starts reading page i+1 in the background.
// Cancelling ctx returns at once. Past the last page it returns
// ErrEndOfList. When the API refuses a page token, the listing starts
// again from the first page: the page returned then has Restarted set and
// an EventListRestarted is reported to ctx. While the call waits for a
// page another call or the background prefetch is reading, that fetch's
// retry waits are reported to ctx too (the one running when the call
// started waiting included); cancelling ctx stops them and returns at once,
// while the fetch goes on for the next caller until Close.
func (p *Pager) Page(ctx context.Context, i int) (Page, error) {
	if i < 0 {
		return Page{}, ErrEndOfList
	}
	restarted, restarts, foreignRetries := false, 0, 0
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return Page{}, ErrPagerClosed
		}
		if i < len(p.pages) {
			pg := p.pages[i]
			pg.Restarted = pg.Restarted || restarted
			p.prefetchLocked(i + 1)
			p.mu.Unlock()
			return pg, nil
		}
		if p.done {
			p.mu.Unlock()
			return Page{}, ErrEndOfList
		}
		if p.stale != nil {
			// A fetch of this listing had its token refused: start over
			// rather than send the stale token again.
			stale := p.stale
			if restarts >= maxRestarts {
				p.mu.Unlock()
				return Page{}, stale
			}
			p.restartLocked()
			p.mu.Unlock()
			restarts++
			restarted = true
			g := Explain(stale)
			emit(ctx, Event{Kind: EventListRestarted, Method: "subscriptions.list", Code: g.Code, Reason: g.Reason, Message: g.Message})
			continue
		}
		j := len(p.pages)
		f, own := p.inflight[j], false
		if f == nil {
			f, own = p.startLocked(j), true
		}
		p.mu.Unlock()

		leave := f.join(eventFunc(ctx), p.c.now())
		if own {
			fctx, stop := p.bind(ctx)
			pg, err := p.c.listSubscriptions(WithEvents(fctx, f.emit), p.q, f.token, p.room)
			stop()
			leave()
			p.finish(j, f, pg, err)
		} else {
			if p.onWait != nil {
				p.onWait()
			}
			select {
			case <-f.done:
				leave()
			case <-ctx.Done():
				leave()
				return Page{}, ctx.Err()
			}
		}
		switch {
		case f.err == nil:
		case isStaleToken(f.err, f.token):
			// Marked stale for the restart above, unless another caller
			// restarted already: this caller's pages changed either way.
			p.mu.Lock()
			restarted = restarted || f.gen != p.gen
			p.mu.Unlock()
		case ctx.Err() != nil:
			return Page{}, ctx.Err()
		case p.ctx.Err() != nil:
			return Page{}, ErrPagerClosed
		case !own && foreignRetries < 1:
			// Someone else's fetch (a prefetch, or a caller who gave up)
			// failed: read the page ourselves once.
			foreignRetries++
		default:
			return Page{}, f.err
		}
	}
}

// slabRows is how many rows the pager allocates at once. A page of 100
// rows, some 36 KB, is a large object, given whole 8 KiB runtime pages:
// 40 KiB, 14% more than it holds. Ten pages' rows at once waste under 2%.
const slabRows = 10 * MaxPageSize

// room returns n rows' room from the pager's slab, for a page the pager
// keeps for as long as it lives.
func (p *Pager) room(n int) []Subscription {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > len(p.slab) {
		p.slab = make([]Subscription, max(n, slabRows))
	}
	r := p.slab[:n:n]
	p.slab = p.slab[n:]
	return r
}

// maxRestarts bounds restarts within one Page call, so a token the API
// always refuses ends in an error instead of a loop.
const maxRestarts = 2

// startLocked registers a fetch of page j.
func (p *Pager) startLocked(j int) *fetch {
	f := &fetch{done: make(chan struct{}), gen: p.gen}
	if j > 0 {
		f.token = p.pages[j-1].NextToken
	}
	p.inflight[j] = f
	return f
}

// prefetchLocked reads page j in the background if it is the next one and
// nobody is reading it. Its retry events go only to callers waiting for
// it: the call that asked for the page before it has returned. It runs
// until the page is read, its retries run out or the pager is closed.
func (p *Pager) prefetchLocked(j int) {
	if p.done || j != len(p.pages) || p.inflight[j] != nil {
		return
	}
	f := p.startLocked(j)
	fctx := WithEvents(p.ctx, f.emit)
	go func() {
		pg, err := p.c.listSubscriptions(fctx, p.q, f.token, p.room)
		p.finish(j, f, pg, err)
	}()
}

// finish stores a fetched page, unless the listing restarted meanwhile,
// and wakes the waiters.
func (p *Pager) finish(j int, f *fetch, pg Page, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.inflight[j] == f {
		delete(p.inflight, j)
	}
	switch {
	case f.gen != p.gen:
		// The listing restarted meanwhile: this answer belongs to the old one.
	case err == nil && j == len(p.pages):
		pg.Index = j
		p.pages = append(p.pages, pg)
		p.done = pg.NextToken == ""
	case isStaleToken(err, f.token):
		p.stale = err
	}
	f.page, f.err = pg, err
	close(f.done)
}

// restartLocked forgets the listing read so far; fetches still running
// for it are dropped when they finish.
func (p *Pager) restartLocked() {
	p.gen++
	p.pages = nil
	p.done = false
	p.stale = nil
	p.inflight = map[int]*fetch{}
}

// bind returns ctx, also cancelled when the pager is closed.
func (p *Pager) bind(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(p.ctx, cancel)
	return ctx, func() {
		stop()
		cancel()
	}
}

// isStaleToken reports the API refusing a page token: 400 on a request
// that carried one.
func isStaleToken(err error, token string) bool {
	var ae *APIError
	return token != "" && errors.As(err, &ae) && ae.Code == 400
}
