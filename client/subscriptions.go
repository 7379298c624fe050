package client

import (
	"context"

	reseller "google.golang.org/api/reseller/v1"
)

// NewSubscription is an order for a customer; with TransferToken it is a
// transfer of the customer's existing subscription to you.
type NewSubscription struct {
	SKUID           string
	Plan            Plan
	Seats           int // numberOfSeats on annual plans, the cap otherwise
	PurchaseOrderID string
	DealCode        string
	RenewalType     string // annual plans only; empty for the default
	TransferToken   string // the customer's customerAuthToken, for a transfer
}

// PlanChange moves a trial or flexible subscription to another plan.
type PlanChange struct {
	Plan            Plan
	Seats           int
	PurchaseOrderID string
	DealCode        string
}

// GetSubscription reads one subscription.
func (c *Client) GetSubscription(ctx context.Context, customerID, subscriptionID string) (Subscription, error) {
	var got *reseller.Subscription
	err := c.read(ctx, op{method: "subscriptions.get", customerID: customerID, subscriptionID: subscriptionID},
		func(ctx context.Context) error {
			r, err := c.svc.Subscriptions.Get(customerID, subscriptionID).Context(ctx).Do()
			got = r
			return err
		})
	if err != nil {
		return Subscription{}, err
	}
	return subscriptionFromAPI(got), nil
}

// InsertSubscription orders a subscription, or transfers one when
// o.TransferToken is set. The order is validated first (spaces around
// the token are dropped, as CleanTransferToken does). If the answer is
// lost, the customer's subscriptions are listed and the order is not sent
// again when one for the SKU is there.
func (c *Client) InsertSubscription(ctx context.Context, customerID string, o NewSubscription) (Subscription, error) {
	if err := ValidateNewSubscription(o); err != nil {
		return Subscription{}, err
	}
	token, err := tokenToSend(o.TransferToken, "subscriptions.insert")
	if err != nil {
		return Subscription{}, err
	}
	body := &reseller.Subscription{
		SkuId:           o.SKUID,
		Plan:            &reseller.SubscriptionPlan{PlanName: string(o.Plan)},
		Seats:           seatsFor(o.Plan, o.Seats),
		PurchaseOrderId: o.PurchaseOrderID,
		DealCode:        o.DealCode,
	}
	if o.RenewalType != "" {
		body.RenewalSettings = &reseller.RenewalSettings{RenewalType: o.RenewalType}
	}
	op := op{method: "subscriptions.insert", customerID: customerID, requested: o.Seats, transfer: token != ""}
	if token != "" {
		// The transfer guidance quotes the minimum seats: keep what we know.
		op.sub = &Subscription{CustomerID: customerID, SKUID: o.SKUID, Plan: o.Plan}
	}
	var got *reseller.Subscription
	var found Subscription
	applied, err := c.write(ctx, op, func(ctx context.Context) error {
		call := c.svc.Subscriptions.Insert(customerID, body).Context(ctx)
		if token != "" {
			call = call.CustomerAuthToken(token)
		}
		r, err := call.Do()
		got = r
		return err
	}, func(ctx context.Context) (bool, error) {
		s, ok, err := c.findBySKU(ctx, customerID, o.SKUID)
		if err != nil {
			return false, err
		}
		found = s
		return ok, nil
	})
	if err != nil {
		return Subscription{}, err
	}
	if applied {
		return found, nil
	}
	return subscriptionFromAPI(got), nil
}

// ChangeSeats sets the seat count of sub, in the field its plan uses:
// numberOfSeats on annual plans, maximumNumberOfSeats on flexible and
// trial plans; never licensedNumberOfSeats.
func (c *Client) ChangeSeats(ctx context.Context, sub Subscription, seats int) (Subscription, error) {
	if err := ValidateSeats(sub, seats); err != nil {
		return Subscription{}, err
	}
	body := seatsFor(sub.Plan, seats)
	return c.change(ctx, sub, "subscriptions.changeSeats", seats,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.ChangeSeats(sub.CustomerID, sub.ID, body).Context(ctx).Do()
		},
		func(cur Subscription) bool { return cur.SeatLimit() == seats })
}

// ChangePlan moves a trial or flexible subscription to another plan.
func (c *Client) ChangePlan(ctx context.Context, sub Subscription, ch PlanChange) (Subscription, error) {
	if err := ValidatePlanChange(sub, ch); err != nil {
		return Subscription{}, err
	}
	body := &reseller.ChangePlanRequest{
		PlanName:        string(ch.Plan),
		Seats:           seatsFor(ch.Plan, ch.Seats),
		PurchaseOrderId: ch.PurchaseOrderID,
		DealCode:        ch.DealCode,
	}
	return c.change(ctx, sub, "subscriptions.changePlan", ch.Seats,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.ChangePlan(sub.CustomerID, sub.ID, body).Context(ctx).Do()
		},
		func(cur Subscription) bool { return cur.Plan == ch.Plan && cur.SeatLimit() == ch.Seats })
}

// ChangeRenewal sets what happens at the end of an annual commitment.
func (c *Client) ChangeRenewal(ctx context.Context, sub Subscription, renewalType string) (Subscription, error) {
	if err := ValidateRenewal(sub, renewalType); err != nil {
		return Subscription{}, err
	}
	body := &reseller.RenewalSettings{RenewalType: renewalType}
	return c.change(ctx, sub, "subscriptions.changeRenewalSettings", 0,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.ChangeRenewalSettings(sub.CustomerID, sub.ID, body).Context(ctx).Do()
		},
		func(cur Subscription) bool { return cur.RenewalType == renewalType })
}

// Suspend suspends an active paid subscription (reason RESELLER_INITIATED).
func (c *Client) Suspend(ctx context.Context, sub Subscription) (Subscription, error) {
	return c.change(ctx, sub, "subscriptions.suspend", 0,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.Suspend(sub.CustomerID, sub.ID).Context(ctx).Do()
		},
		func(cur Subscription) bool { return cur.Suspended() && hasReason(&cur, "RESELLER_INITIATED") })
}

// Activate lifts a suspension you made; other suspensions stay.
func (c *Client) Activate(ctx context.Context, sub Subscription) (Subscription, error) {
	return c.change(ctx, sub, "subscriptions.activate", 0,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.Activate(sub.CustomerID, sub.ID).Context(ctx).Do()
		},
		func(cur Subscription) bool { return !hasReason(&cur, "RESELLER_INITIATED") })
}

// StartPaidService ends a trial that has a payment plan and starts billing.
func (c *Client) StartPaidService(ctx context.Context, sub Subscription) (Subscription, error) {
	return c.change(ctx, sub, "subscriptions.startPaidService", 0,
		func(ctx context.Context) (*reseller.Subscription, error) {
			return c.svc.Subscriptions.StartPaidService(sub.CustomerID, sub.ID).Context(ctx).Do()
		},
		func(cur Subscription) bool { return !cur.InTrial })
}

// Delete removes a subscription: transfer_to_direct hands a Google
// Workspace customer to direct billing with Google; cancel applies to
// other products only. If the answer is lost and the subscription is gone,
// the delete is not sent again.
func (c *Client) Delete(ctx context.Context, sub Subscription, deletionType string) error {
	if err := ValidateDeletionType(deletionType); err != nil {
		return err
	}
	o := op{method: "subscriptions.delete", customerID: sub.CustomerID, subscriptionID: sub.ID, sub: &sub}
	_, err := c.write(ctx, o, func(ctx context.Context) error {
		return c.svc.Subscriptions.Delete(sub.CustomerID, sub.ID, deletionType).Context(ctx).Do()
	}, func(ctx context.Context) (bool, error) {
		_, err := c.GetSubscription(ctx, sub.CustomerID, sub.ID)
		if isNotFound(err) {
			return true, nil
		}
		return false, err
	})
	return err
}

// change runs a write on an existing subscription. done tells, from a
// re-read, whether the change is already there.
func (c *Client) change(ctx context.Context, sub Subscription, method string, requested int,
	send func(context.Context) (*reseller.Subscription, error), done func(Subscription) bool) (Subscription, error) {
	o := op{method: method, customerID: sub.CustomerID, subscriptionID: sub.ID, sub: &sub, requested: requested}
	var got *reseller.Subscription
	var found Subscription
	applied, err := c.write(ctx, o, func(ctx context.Context) error {
		r, err := send(ctx)
		got = r
		return err
	}, func(ctx context.Context) (bool, error) {
		cur, err := c.reread(ctx, sub)
		if err != nil {
			return false, err
		}
		found = cur
		return done(cur), nil
	})
	if err != nil {
		return Subscription{}, err
	}
	if applied {
		return found, nil
	}
	return subscriptionFromAPI(got), nil
}

// reread reads sub again. A subscription's ID can change (SKU
// switches and transfers mint a new one), so when the ID is gone the
// subscription is found again by customer and SKU.
func (c *Client) reread(ctx context.Context, sub Subscription) (Subscription, error) {
	cur, err := c.GetSubscription(ctx, sub.CustomerID, sub.ID)
	if !isNotFound(err) {
		return cur, err
	}
	s, ok, lerr := c.findBySKU(ctx, sub.CustomerID, sub.SKUID)
	if lerr != nil || !ok {
		return Subscription{}, err
	}
	return s, nil
}

// findBySKU lists the customer's subscriptions and returns the one with
// the SKU. A customer that is not (yet) yours has none.
func (c *Client) findBySKU(ctx context.Context, customerID, skuID string) (Subscription, bool, error) {
	own, err := c.ownBySKU(ctx, customerID)
	if err != nil {
		return Subscription{}, false, err
	}
	s, ok := own[skuID]
	return s, ok, nil
}
