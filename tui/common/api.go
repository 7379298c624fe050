package common

import (
	"context"

	"resold/client"
)

// API is the slice of the Reseller API client the screens use.
// *client.Client satisfies it through tui's adapter; tests can use the real
// client against the emulator or a fake.
type API interface {
	Reader
	Writer
}

// Reader is what the browsing screens use.
type Reader interface {
	// LookupCustomer classifies a customer ID or domain: yours, managed
	// elsewhere, several teams, or available.
	LookupCustomer(ctx context.Context, idOrDomain string) (client.Lookup, error)
	// GetCustomer reads one customer.
	GetCustomer(ctx context.Context, customerID string) (client.Customer, error)
	// GetSubscription reads one subscription.
	GetSubscription(ctx context.Context, customerID, subscriptionID string) (client.Subscription, error)
	// ListSubscriptions reads one page of subscriptions.
	ListSubscriptions(ctx context.Context, q client.Query, pageToken string) (client.Page, error)
	// FirstPage reads a listing's first page with as few requests as it
	// can: from memory for client.FirstPageTTL (its ReadAt says how old),
	// narrowed from a shorter prefix's complete answer, or shared with a
	// read of it under way. fresh reads it again (ctrl+r).
	FirstPage(ctx context.Context, q client.Query, fresh bool) (client.Page, error)
	// ReadAhead starts reading q's first page so that a FirstPage for it
	// soon after waits for that read instead of sending another; drop
	// stops it unless a FirstPage has joined it.
	ReadAhead(q client.Query) (drop func())
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

// Writer is every change the edit screens make. Each validates its input
// before sending, never applies a change twice on retry, and returns the
// state the API answered with (client.ErrReadOnly in read-only mode).
type Writer interface {
	// ChangeSeats sets the seats in the field the plan uses.
	ChangeSeats(ctx context.Context, sub client.Subscription, seats int) (client.Subscription, error)
	// ChangePlan moves a trial or flexible subscription to another plan.
	ChangePlan(ctx context.Context, sub client.Subscription, ch client.PlanChange) (client.Subscription, error)
	// ChangeRenewal sets an annual plan's renewal type.
	ChangeRenewal(ctx context.Context, sub client.Subscription, renewalType string) (client.Subscription, error)
	// Suspend suspends a paid subscription.
	Suspend(ctx context.Context, sub client.Subscription) (client.Subscription, error)
	// Activate lifts a suspension the reseller made.
	Activate(ctx context.Context, sub client.Subscription) (client.Subscription, error)
	// StartPaidService ends a trial that has a payment plan.
	StartPaidService(ctx context.Context, sub client.Subscription) (client.Subscription, error)
	// Delete cancels a subscription or transfers it to direct billing.
	Delete(ctx context.Context, sub client.Subscription, deletionType string) error
	// InsertCustomer orders a new customer.
	InsertCustomer(ctx context.Context, cust client.Customer, transferToken string) (client.Customer, error)
	// UpdateCustomer patches a customer's contact, address and emails.
	UpdateCustomer(ctx context.Context, id string, ch client.CustomerChanges) (client.Customer, error)
	// InsertSubscription orders a subscription, or transfers one in when
	// o.TransferToken is set.
	InsertSubscription(ctx context.Context, customerID string, o client.NewSubscription) (client.Subscription, error)
	// TransferTogether transfers a set of one customer's subscriptions in
	// one batch request; each order's outcome says what became of it.
	TransferTogether(ctx context.Context, customerID, token string, orders []client.TransferOrder) ([]client.TransferOutcome, error)
}
