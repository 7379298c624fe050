package fake

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"resold/client"
	"resold/tui/common"
)

// API is a fake Reseller API. Set its fields before use.
type API struct {
	// Customers are found by ID or domain.
	Customers []client.Customer
	// Subscriptions are listed in order.
	Subscriptions []client.Subscription
	// Lookups, keyed by query, answer LookupCustomer; a query not there is
	// answered from Customers or as available.
	Lookups map[string]client.Lookup
	// Err, when set, fails every call.
	Err error
	// Log answers Calls.
	Log []client.CallRecord
	// Hold, when set, runs before each listing; a test blocks in it to
	// keep a call in flight.
	Hold func(ctx context.Context) error
	// Listings, when set, receives each listing's query as it is asked,
	// for tests to wait for listings that run in the background; give it
	// room for every listing, or listing blocks.
	Listings chan client.Query
	// Now dates the first pages the client's cache keeps; nil is
	// time.Now.
	Now func() time.Time
	// HoldLookup is Hold for LookupCustomer.
	HoldLookup func(ctx context.Context) error
	// WriteErr, when set, fails every write that passes validation.
	WriteErr error

	mu     sync.Mutex
	asked  []client.Query
	writes []string
	// pages is the client's own first-page cache over this listing, so
	// screens meet the same merging and keeping as with the client.
	pages     *client.PageCache
	pagesOnce sync.Once
}

var _ common.API = (*API)(nil)

// LookupCustomer implements common.API.
func (a *API) LookupCustomer(ctx context.Context, q string) (client.Lookup, error) {
	if a.HoldLookup != nil {
		if err := a.HoldLookup(ctx); err != nil {
			return client.Lookup{}, err
		}
	}
	if a.Err != nil {
		return client.Lookup{}, a.Err
	}
	// The client's own reading of the query and of the answer: the fake
	// only stands in for customers.get.
	q, note, err := client.NormalizeLookup(q)
	if err != nil {
		return client.Lookup{Query: q}, err
	}
	if l, ok := a.Lookups[q]; ok {
		return l, nil
	}
	c, err := a.GetCustomer(ctx, q)
	if err == nil && !c.Minimal {
		// As the client does: its listing may be asked for by either name.
		a.cache().Alias(c.ID, c.Domain)
	}
	l, err := client.LookupResult(q, c, err)
	l.Note = note
	return l, err
}

// GetCustomer implements common.API. As customers.get, it finds a
// customer by ID or by domain in any case, and refuses a domain shared by
// several team customers.
func (a *API) GetCustomer(_ context.Context, id string) (client.Customer, error) {
	if a.Err != nil {
		return client.Customer{}, a.Err
	}
	var found []client.Customer
	for _, c := range a.Customers {
		if c.ID == id || strings.EqualFold(c.Domain, id) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		return client.Customer{}, &client.APIError{Method: "customers.get", CustomerID: id, Code: 404, Reason: "notFound",
			Message: "Resource not found: customer " + id}
	case 1:
		return found[0], nil
	}
	return client.Customer{}, &client.APIError{Method: "customers.get", CustomerID: id, Code: 400, Reason: "invalid",
		Message: "Multiple teams exist on this domain."}
}

// GetSubscription implements common.API.
func (a *API) GetSubscription(_ context.Context, customerID, id string) (client.Subscription, error) {
	if a.Err != nil {
		return client.Subscription{}, a.Err
	}
	for _, s := range a.Subscriptions {
		if s.CustomerID == customerID && s.ID == id {
			return s, nil
		}
	}
	return client.Subscription{}, &client.APIError{Method: "subscriptions.get", Code: 404, Reason: "notFound"}
}

// ListSubscriptions implements common.API; page tokens are offsets.
func (a *API) ListSubscriptions(ctx context.Context, q client.Query, token string) (client.Page, error) {
	a.mu.Lock()
	a.asked = append(a.asked, q)
	a.mu.Unlock()
	if a.Listings != nil {
		a.Listings <- q
	}
	if a.Hold != nil {
		if err := a.Hold(ctx); err != nil {
			return client.Page{}, err
		}
	}
	if a.Err != nil {
		return client.Page{}, a.Err
	}
	if q.PageSize != 0 {
		if err := client.ValidatePageSize(q.PageSize); err != nil {
			return client.Page{}, err
		}
	}
	var rows []client.Subscription
	for _, s := range a.Subscriptions {
		// customerId is the ID or the primary domain, as in the API.
		if q.CustomerID != "" && s.CustomerID != q.CustomerID && !strings.EqualFold(s.CustomerDomain, q.CustomerID) {
			continue
		}
		if q.NamePrefix != "" && !strings.HasPrefix(strings.ToLower(s.CustomerDomain), strings.ToLower(q.NamePrefix)) {
			continue
		}
		rows = append(rows, s)
	}
	size := q.PageSize
	if size == 0 {
		size = client.MaxPageSize
	}
	from, _ := strconv.Atoi(token)
	from = min(from, len(rows))
	to := min(from+size, len(rows))
	p := client.Page{Query: q, Token: token, Rows: rows[from:to]}
	if to < len(rows) {
		p.NextToken = strconv.Itoa(to)
	}
	return p, nil
}

// cache is the first-page cache over the fake's listing.
func (a *API) cache() *client.PageCache {
	a.pagesOnce.Do(func() {
		now := a.Now
		if now == nil {
			now = time.Now
		}
		a.pages = client.NewPageCache(func(ctx context.Context, q client.Query) (client.Page, error) {
			return a.ListSubscriptions(ctx, q, "")
		}, now)
	})
	return a.pages
}

// FirstPage implements common.API with the client's cache.
func (a *API) FirstPage(ctx context.Context, q client.Query, fresh bool) (client.Page, error) {
	return a.cache().FirstPage(ctx, q, fresh)
}

// ReadAhead implements common.API with the client's cache.
func (a *API) ReadAhead(q client.Query) (drop func()) { return a.cache().ReadAhead(q) }

// Asked returns the queries listed so far.
func (a *API) Asked() []client.Query {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]client.Query(nil), a.asked...)
}

// NewPager implements common.API with a pager that reads page i by
// following the offsets, without reading ahead.
func (a *API) NewPager(q client.Query) common.Pager { return &pager{api: a, q: q} }

type pager struct {
	api *API
	q   client.Query
}

func (p *pager) Page(ctx context.Context, i int) (client.Page, error) {
	size := p.q.PageSize
	if size == 0 {
		size = client.MaxPageSize
	}
	token := ""
	if i > 0 {
		token = strconv.Itoa(i * size)
	}
	pg, err := p.api.ListSubscriptions(ctx, p.q, token)
	if err == nil && len(pg.Rows) == 0 && i > 0 {
		return client.Page{}, client.ErrEndOfList
	}
	pg.Index = i
	return pg, err
}

func (p *pager) Close() {}

// Calls implements common.API.
func (a *API) Calls() []client.CallRecord {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]client.CallRecord(nil), a.Log...)
}

// WithEvents implements common.API.
func (a *API) WithEvents(ctx context.Context, fn func(client.Event)) context.Context {
	return client.WithEvents(ctx, fn)
}

// Explain implements common.API.
func (a *API) Explain(err error) client.Guidance { return client.Explain(err) }
