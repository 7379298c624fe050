package message

import (
	"resold/audit"
	"resold/client"
)

// EditKind names one of the changes the edit screen makes.
type EditKind string

// The changes resold can make, one edit flow each.
const (
	EditSeats       EditKind = "seats"
	EditPlan        EditKind = "plan"
	EditRenewal     EditKind = "renewal"
	EditActivate    EditKind = "activate"
	EditSuspend     EditKind = "suspend"
	EditStartPaid   EditKind = "start_paid"
	EditDelete      EditKind = "delete"
	EditCustomer    EditKind = "edit_customer"
	NewCustomer     EditKind = "new_customer"
	NewSubscription EditKind = "new_subscription"
)

// OpenEdit asks the root to open the edit screen for a change. The
// screen decides whether the change applies at all (renewal settings only
// exist on annual plans) and explains it when not.
type OpenEdit struct {
	Kind EditKind
	// Sub is the subscription to change; for a transfer, the row of the
	// transferable listing.
	Sub client.Subscription
	// Customer is the customer to edit or to order a subscription for.
	Customer *client.Customer
	// Domain pre-fills a new customer's domain (the one a lookup found
	// available).
	Domain string
	// TransferToken makes a new subscription a transfer. It is a secret:
	// never shown, logged or written to the audit log.
	TransferToken string
	// With are the rows of the transferable listing that must move
	// together with Sub (its Drive storage, Vault and legacy add-ons), in
	// one batch; empty when Sub may move alone.
	With []client.Subscription
	// Replace closes the edit screen on top first: the user switched to
	// another change (e.g. from seats to renewal settings).
	Replace bool
}

// Changed tells every screen and the status pane that a change was
// applied, with the state the API returned: screens showing the same
// subscription or customer take it, never a guess of their own.
type Changed struct {
	// Summary says what changed, for the status pane.
	Summary string
	// Before is the subscription as it was, to find it on screens (its ID
	// can change); nil for customer changes.
	Before *client.Subscription
	// Sub is the subscription the API returned; nil when deleted or for
	// customer changes.
	Sub *client.Subscription
	// Deleted is set when the subscription is gone.
	Deleted bool
	// Customer is the customer the API returned, for customer changes.
	Customer *client.Customer
}

// Same reports whether a and b are the same subscription.
func Same(a, b client.Subscription) bool {
	return a.ID == b.ID && a.CustomerID == b.CustomerID
}

// Guidance shows guidance in the status pane without a call: a change
// refused before anything was sent, or that does not apply here.
type Guidance struct{ Guidance client.Guidance }

// OpenBulk asks the root to open a bulk change of Kind on Rows (the
// selection of the subscriptions table): activate, suspend, seats (a cap
// or seats added), renewal or start paid service.
type OpenBulk struct {
	Kind EditKind
	Rows []client.Subscription
}

// ResumeBulk asks the root to offer resuming a bulk change an earlier
// session left with rows not sent (the audit log's record of it).
type ResumeBulk struct {
	Bulk audit.Bulk
}

// Unfinished answers the start-up look for bulk changes left with rows
// not sent.
type Unfinished struct {
	Bulks []audit.Bulk
}
