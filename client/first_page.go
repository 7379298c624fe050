package client

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// FirstPageTTL is how long a listing's first page is answered from memory.
// The whole reseller shares one quota, and a support journey reads the
// same few listings again within seconds (a prefix search as it grows, the
// customer it opens); a front end says how old such a page is (Page.ReadAt)
// and offers a refresh that bypasses it.
const FirstPageTTL = 30 * time.Second

// PageCache answers the first page of a listing with as few requests as
// it can:
//   - a page read less than FirstPageTTL ago is answered from memory;
//   - a request for a listing already being read waits for that read
//     instead of sending another, and hears its retry waits;
//   - a customer name prefix is answered locally from a shorter prefix's
//     complete answer (one without a next page), which holds every row of
//     the longer one.
//
// Any change (Forget) empties it, so no answer read before a change is
// served after it; caches can share their changes (ShareChanges).
// Listings with a customer's transfer token are never kept. Client uses
// one (FirstPage, ReadAhead); a fake API can use another over its own
// listing. It is safe for concurrent use.
type PageCache struct {
	list func(ctx context.Context, q Query) (Page, error)
	now  func() time.Time

	// changes counts Forget calls, here and on every cache sharing it
	// (ShareChanges): a page read before one is neither kept nor answered.
	changes *atomic.Uint64

	mu      sync.Mutex
	flights map[pageKey]*flight
	pages   map[pageKey]kept
	// started numbers the reads, so an older read ending last does not
	// replace a newer one's page (a refresh started while it ran).
	started uint64
	// aliases pairs a customer's ID with its primary domain: customerId
	// takes either, and both name the same listing.
	aliases map[string]string
	// held, once a test asks for it, is closed and replaced whenever a
	// flight gains or loses a caller, so the test can wait for that
	// instead of polling.
	held chan struct{}
}

// pageKey names a first page: what customerId and customerNamePrefix say
// (domains are case-insensitive) and the page size.
type pageKey struct {
	customer string
	prefix   string
	size     int
}

// kept is a page read, with the number of the read.
type kept struct {
	Page
	read    uint64
	changes uint64 // the count of changes when its read began
}

// flight is a first page being read; its callers share the fetch (its
// answer and its events). The read stops when nobody holds it any more.
type flight struct {
	*fetch
	key     pageKey
	read    uint64
	changes uint64 // the count of changes when it began
	cancel  context.CancelFunc
	// holders counts the FirstPage calls waiting for it.
	holders int
	// ahead is set while a ReadAhead holds it that no FirstPage has joined
	// and that was not dropped.
	ahead bool
}

// NewPageCache returns an empty cache that reads first pages with list and
// dates them with now.
func NewPageCache(list func(ctx context.Context, q Query) (Page, error), now func() time.Time) *PageCache {
	return &PageCache{list: list, now: now, changes: &atomic.Uint64{},
		flights: map[pageKey]*flight{}, pages: map[pageKey]kept{}, aliases: map[string]string{}}
}

// ShareChanges makes a change forgotten through either cache (Forget)
// forget the pages of both: several users' views of one connection see
// each other's changes. Call it before pc is used.
func (pc *PageCache) ShareChanges(with *PageCache) { pc.changes = with.changes }

// keyOf is q's key and q as it is sent: a customer ID or domain is read as
// LookupCustomer reads it (a domain in lower case without its final dot).
// ok is false when q is not kept: it carries a transfer token, or its
// customer is neither an ID nor a domain (the API will say why).
func keyOf(q Query) (k pageKey, send Query, ok bool) {
	if q.CustomerAuthToken != "" {
		return pageKey{}, q, false
	}
	if q.CustomerID != "" {
		id, err := LookupQuery(q.CustomerID)
		if err != nil {
			return pageKey{}, q, false
		}
		q.CustomerID = id
	}
	return pageKey{customer: q.CustomerID, prefix: strings.ToLower(q.NamePrefix), size: q.pageSize()}, q, true
}

// FirstPage returns the first page of q: from memory when read less than
// FirstPageTTL ago or narrowed from a shorter prefix's complete answer,
// else from the read of it under way, else from a new read. fresh skips
// memory and reads under way (a refresh): the page is read again, and kept
// for the next caller. Cancelling ctx returns at once; the read goes on
// while another caller (or a ReadAhead) waits for it. The page's ReadAt
// says when the API sent it, its Age how long before this call returned.
func (pc *PageCache) FirstPage(ctx context.Context, q Query, fresh bool) (Page, error) {
	k, send, ok := keyOf(q)
	if !ok {
		return pc.list(ctx, send)
	}
	pc.mu.Lock()
	if !fresh {
		if p, ok := pc.cachedLocked(k); ok {
			pc.mu.Unlock()
			p.Query, p.Age, p.Kept = q, pc.now().Sub(p.ReadAt), true
			return p, nil
		}
	}
	f := pc.flightLocked(k)
	if f == nil || fresh {
		f = pc.startLocked(k, send)
	}
	f.holders++
	pc.heldLocked()
	// A read ahead is this caller's now: it stops when this caller gives
	// up, unless others wait.
	f.ahead = false
	pc.mu.Unlock()

	leave := f.join(eventFunc(ctx), pc.now())
	select {
	case <-f.done:
	case <-ctx.Done():
	}
	leave()
	pc.release(f, false)
	select {
	case <-f.done:
	default:
		return Page{}, ctx.Err()
	}
	if f.err != nil {
		return Page{}, f.err
	}
	p := f.page
	p.Query, p.Age = q, pc.now().Sub(p.ReadAt)
	return p, nil
}

// ReadAhead starts reading q's first page, unless it is in memory or being
// read, so that a FirstPage for it soon after waits for this read instead
// of sending another: a lookup and the listing of the customer it may open
// go out together. Nobody hears of the read until a FirstPage joins it (a
// refusal nobody asked for is not reported). drop stops it unless a
// FirstPage has joined it; once it has, that caller's cancellation does.
func (pc *PageCache) ReadAhead(q Query) (drop func()) {
	k, send, ok := keyOf(q)
	if !ok {
		return func() {}
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.cachedLocked(k); ok || pc.flightLocked(k) != nil {
		return func() {}
	}
	f := pc.startLocked(k, send)
	f.ahead = true
	return func() { pc.release(f, true) }
}

// Alias records that id and domain name the same customer, so a listing
// asked for by one is found by the other.
func (pc *PageCache) Alias(id, domain string) {
	domain = strings.TrimSuffix(strings.ToLower(domain), ".")
	if id == "" || domain == "" || id == domain {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.aliases[id], pc.aliases[domain] = domain, id
}

// Forget drops every page kept and detaches the reads under way (their
// callers still get their answers, which are not kept): something
// changed, and any of them may show it as it was.
func (pc *PageCache) Forget() {
	pc.changes.Add(1)
	pc.mu.Lock()
	defer pc.mu.Unlock()
	clear(pc.pages)
	clear(pc.flights)
}

// names is k and, when its customer has an alias, k under the alias.
func (pc *PageCache) namesLocked(k pageKey) []pageKey {
	keys := []pageKey{k}
	if a, ok := pc.aliases[k.customer]; ok && k.customer != "" {
		k.customer = a
		keys = append(keys, k)
	}
	return keys
}

// current reports whether p may still be answered: younger than the TTL,
// and read since the last change.
func (pc *PageCache) current(p kept) bool {
	return pc.now().Sub(p.ReadAt) < FirstPageTTL && p.changes == pc.changes.Load()
}

// cachedLocked returns k's page from memory, read or narrowed.
func (pc *PageCache) cachedLocked(k pageKey) (Page, bool) {
	for _, n := range pc.namesLocked(k) {
		p, ok := pc.pages[n]
		if !ok {
			continue
		}
		if pc.current(p) {
			return p.Page, true
		}
		delete(pc.pages, n)
	}
	return pc.narrowLocked(k)
}

// narrowLocked answers a customer name prefix from the complete answer of
// a shorter one (the longest kept): customerNamePrefix matches the start
// of the customer's primary domain, so every row of the longer prefix is
// in it.
func (pc *PageCache) narrowLocked(k pageKey) (Page, bool) {
	if k.customer != "" || k.prefix == "" {
		return Page{}, false
	}
	var from Page
	best := -1
	for n, p := range pc.pages {
		if n.customer != "" || n.size != k.size || p.NextToken != "" || len(n.prefix) <= best ||
			!strings.HasPrefix(k.prefix, n.prefix) || !pc.current(p) {
			continue
		}
		from, best = p.Page, len(n.prefix)
	}
	if best < 0 {
		return Page{}, false
	}
	rows := []Subscription{}
	for _, s := range from.Rows {
		if strings.HasPrefix(strings.ToLower(s.CustomerDomain), k.prefix) {
			rows = append(rows, s)
		}
	}
	return Page{Rows: rows, ReadAt: from.ReadAt}, true
}

// flightLocked is the read of k under way, under its name or its alias.
func (pc *PageCache) flightLocked(k pageKey) *flight {
	for _, n := range pc.namesLocked(k) {
		if f := pc.flights[n]; f != nil {
			return f
		}
	}
	return nil
}

// startLocked starts reading send's first page as k. It runs on a context
// of its own, which ends when nobody holds it any more.
func (pc *PageCache) startLocked(k pageKey, send Query) *flight {
	ctx, cancel := context.WithCancel(context.Background())
	pc.started++
	f := &flight{fetch: &fetch{done: make(chan struct{})}, key: k, read: pc.started, changes: pc.changes.Load(), cancel: cancel}
	pc.flights[k] = f
	go func() {
		p, err := pc.list(WithEvents(ctx, f.emit), send)
		pc.finish(f, p, err)
	}()
	return f
}

// finish keeps a page read, unless a change came since the read began,
// and wakes the callers waiting for it.
func (pc *PageCache) finish(f *flight, p Page, err error) {
	pc.mu.Lock()
	if pc.flights[f.key] == f {
		delete(pc.flights, f.key)
	}
	if err == nil {
		p.Index, p.ReadAt = 0, pc.now()
		if cur, ok := pc.pages[f.key]; f.changes == pc.changes.Load() && (!ok || cur.read < f.read) {
			pc.sweepLocked()
			pc.pages[f.key] = kept{Page: p, read: f.read, changes: f.changes}
		}
	}
	f.page, f.err = p, err
	pc.mu.Unlock()
	f.cancel()
	close(f.done)
}

// sweepLocked drops the pages too old to answer, so typing many prefixes
// over a long session does not grow memory.
func (pc *PageCache) sweepLocked() {
	for n, p := range pc.pages {
		if !pc.current(p) {
			delete(pc.pages, n)
		}
	}
}

// heldLocked wakes a test waiting for a flight's callers to change.
func (pc *PageCache) heldLocked() {
	if pc.held != nil {
		close(pc.held)
		pc.held = make(chan struct{})
	}
}

// release ends one hold on f: a FirstPage call's, or (ahead) the
// ReadAhead's if nobody took it over. With no hold left the read stops.
func (pc *PageCache) release(f *flight, ahead bool) {
	pc.mu.Lock()
	if ahead {
		if !f.ahead {
			pc.mu.Unlock()
			return
		}
		f.ahead = false
	} else {
		f.holders--
		pc.heldLocked()
	}
	idle := f.holders == 0 && !f.ahead
	if idle && pc.flights[f.key] == f {
		delete(pc.flights, f.key)
	}
	pc.mu.Unlock()
	if idle {
		f.cancel()
	}
}

// FirstPage returns the first page of q with as few requests as it can
// (PageCache.FirstPage): from memory for FirstPageTTL, narrowed from a
// shorter customer name prefix's complete answer, or shared with a read of
// it under way. fresh reads it again (a refresh).
func (c *Client) FirstPage(ctx context.Context, q Query, fresh bool) (Page, error) {
	return c.pages.FirstPage(ctx, q, fresh)
}

// ReadAhead starts reading q's first page for a FirstPage soon after
// (PageCache.ReadAhead); drop stops it unless a FirstPage has joined it.
func (c *Client) ReadAhead(q Query) (drop func()) { return c.pages.ReadAhead(q) }
