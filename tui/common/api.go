package common

import (
	"context"

	"resold/client"
)

// API is the narrow slice of the Reseller API client the browsing screens
// use. *client.Client satisfies it through tui's adapter; tests can use the
// real client against the emulator or a fake.
type API interface {
	// LookupCustomer classifies a customer ID or domain (seed 002).
	LookupCustomer(ctx context.Context, idOrDomain string) (client.Lookup, error)
	// GetCustomer reads one customer.
	GetCustomer(ctx context.Context, customerID string) (client.Customer, error)
	// GetSubscription reads one subscription.
	GetSubscription(ctx context.Context, customerID, subscriptionID string) (client.Subscription, error)
	// ListSubscriptions reads one page of subscriptions.
	ListSubscriptions(ctx context.Context, q client.Query, pageToken string) (client.Page, error)
	// NewPager pages through a listing on demand.
	NewPager(q client.Query) Pager
	// Calls returns the client's call log, oldest first.
	Calls() []client.CallRecord
	// WithEvents returns ctx with fn attached to receive the retry events
	// of calls made with it.
	WithEvents(ctx context.Context, fn func(client.Event)) context.Context
	// Explain turns an error into the troubleshooting catalogue's guidance.
	Explain(err error) client.Guidance
}

// Pager reads a listing page by page on demand; reading page i may fetch
// page i+1 ahead. It is safe for concurrent use.
type Pager interface {
	// Page returns page i (from 0); past the last page the error wraps
	// client.ErrEndOfList.
	Page(ctx context.Context, i int) (client.Page, error)
	// Close stops any read ahead.
	Close()
}
