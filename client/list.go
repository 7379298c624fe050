package client

import (
	"context"
	"time"

	reseller "google.golang.org/api/reseller/v1"
)

// Query is a subscriptions listing: all of yours (optionally by customer
// domain prefix), one customer's, or — with CustomerAuthToken — one
// customer's transferable subscriptions.
type Query struct {
	CustomerID        string
	CustomerAuthToken string // a secret: never shown or logged
	NamePrefix        string // customerNamePrefix
	PageSize          int    // 0 means 100, the most per call
}

// Page is one page of a listing, with the query and place it answers, so a
// front end can drop answers to a query it no longer shows.
type Page struct {
	Query     Query
	Index     int    // 0 for the first page
	Token     string // the page token this page was read with; "" for the first
	Rows      []Subscription
	NextToken string // "" on the last page
	// Restarted is set when a stale page token made the pager start the
	// listing again: earlier pages may have changed.
	Restarted bool
	// ReadAt is when the API sent the rows, on a page from FirstPage: one
	// answered from memory is older than the call that returned it.
	ReadAt time.Time
	// Age is how old the rows were when FirstPage returned them, by the
	// client's clock: about 0 for a page read for the call, up to
	// FirstPageTTL for one answered from memory. A front end with a clock
	// of its own dates the rows with it.
	Age time.Duration
	// Kept is set when FirstPage answered from memory (a page kept, or
	// narrowed from a shorter prefix's) rather than from a read the call
	// made or joined.
	Kept bool
}

// pageSize is q's page size with the default applied.
func (q Query) pageSize() int {
	if q.PageSize == 0 {
		return MaxPageSize
	}
	return q.PageSize
}

// ListSubscriptions reads one page of q starting at pageToken ("" for the
// first). Most callers want a Pager. The page size and the transfer token
// are checked first; the token is sent without the spaces around it.
func (c *Client) ListSubscriptions(ctx context.Context, q Query, pageToken string) (Page, error) {
	return c.listSubscriptions(ctx, q, pageToken, nil)
}

// listSubscriptions is ListSubscriptions putting the rows in room(n) when
// room is set (the pager's slab).
func (c *Client) listSubscriptions(ctx context.Context, q Query, pageToken string, room func(n int) []Subscription) (Page, error) {
	size := q.pageSize()
	if err := ValidatePageSize(size); err != nil {
		return Page{}, err
	}
	if q.CustomerAuthToken != "" && q.CustomerID == "" {
		v := invalid("customerId", CaseRequired, &APIError{Method: "subscriptions.list"})
		v.Guidance.Title = "Required: the customer ID, to list transferable subscriptions"
		return Page{}, v
	}
	token, err := tokenToSend(q.CustomerAuthToken, "subscriptions.list")
	if err != nil {
		return Page{}, err
	}
	o := op{method: "subscriptions.list", customerID: q.CustomerID, transfer: token != ""}
	var got *reseller.Subscriptions
	err = c.read(ctx, o, func(ctx context.Context) error {
		call := c.svc.Subscriptions.List().MaxResults(int64(size)).Context(ctx)
		if q.CustomerID != "" {
			call = call.CustomerId(q.CustomerID)
		}
		if token != "" {
			call = call.CustomerAuthToken(token)
		}
		if q.NamePrefix != "" {
			call = call.CustomerNamePrefix(q.NamePrefix)
		}
		if pageToken != "" {
			call = call.PageToken(pageToken)
		}
		r, err := call.Do()
		got = r
		return err
	})
	if err != nil {
		return Page{}, err
	}
	p := Page{Query: q, Token: pageToken, NextToken: Sanitize(got.NextPageToken)}
	if room != nil {
		p.Rows = room(len(got.Subscriptions))
	} else {
		p.Rows = make([]Subscription, len(got.Subscriptions))
	}
	for i, s := range got.Subscriptions {
		p.Rows[i] = subscriptionFromAPI(s)
		if i > 0 {
			shareCustomer(&p.Rows[i], &p.Rows[i-1])
		}
	}
	return p, nil
}

// shareCustomer makes s use prev's copies of the customer's ID, domain and
// console link when they are the same: a listing comes customer by
// customer, and a row holds them once per customer instead of once per
// subscription.
func shareCustomer(s, prev *Subscription) {
	if s.CustomerID == prev.CustomerID {
		s.CustomerID = prev.CustomerID
	}
	if s.CustomerDomain == prev.CustomerDomain {
		s.CustomerDomain = prev.CustomerDomain
	}
	if s.AdminConsoleURL == prev.AdminConsoleURL {
		s.AdminConsoleURL = prev.AdminConsoleURL
	}
}
