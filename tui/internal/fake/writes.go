package fake

import (
	"context"
	"strconv"

	"resold/client"
)

// The writes validate as the client does, then change the fake's data and
// record the method; WriteErr fails them after validation.

// Writes returns the methods of the writes sent so far, in order.
func (a *API) Writes() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.writes...)
}

// wrote records a write; as the client does, it forgets the first pages
// kept, which may show things as they were. a.mu is held.
func (a *API) wrote(method string) {
	a.writes = append(a.writes, method)
	a.cache().Forget()
}

// change applies fn to the stored copy of sub and returns it.
func (a *API) change(method string, sub client.Subscription, fn func(*client.Subscription)) (client.Subscription, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrote(method)
	if a.WriteErr != nil {
		return client.Subscription{}, a.WriteErr
	}
	for i := range a.Subscriptions {
		s := &a.Subscriptions[i]
		if s.CustomerID == sub.CustomerID && s.ID == sub.ID {
			fn(s)
			return *s, nil
		}
	}
	return client.Subscription{}, &client.APIError{Method: method, Code: 404, Reason: "notFound"}
}

// ChangeSeats implements common.API.
func (a *API) ChangeSeats(_ context.Context, sub client.Subscription, seats int) (client.Subscription, error) {
	if err := client.ValidateSeats(sub, seats); err != nil {
		return client.Subscription{}, err
	}
	return a.change("subscriptions.changeSeats", sub, func(s *client.Subscription) {
		if s.Plan.IsAnnual() {
			s.NumberOfSeats = int32(seats)
		} else {
			s.MaximumSeats = int32(seats)
		}
	})
}

// ChangePlan implements common.API.
func (a *API) ChangePlan(_ context.Context, sub client.Subscription, ch client.PlanChange) (client.Subscription, error) {
	if err := client.ValidatePlanChange(sub, ch); err != nil {
		return client.Subscription{}, err
	}
	return a.change("subscriptions.changePlan", sub, func(s *client.Subscription) {
		s.Plan = ch.Plan
		if ch.Plan.IsAnnual() {
			s.NumberOfSeats = int32(ch.Seats)
		} else {
			s.MaximumSeats = int32(ch.Seats)
		}
		s.PurchaseOrderID = ch.PurchaseOrderID
	})
}

// ChangeRenewal implements common.API.
func (a *API) ChangeRenewal(_ context.Context, sub client.Subscription, t string) (client.Subscription, error) {
	if err := client.ValidateRenewal(sub, t); err != nil {
		return client.Subscription{}, err
	}
	return a.change("subscriptions.changeRenewalSettings", sub, func(s *client.Subscription) { s.RenewalType = t })
}

// Suspend implements common.API.
func (a *API) Suspend(_ context.Context, sub client.Subscription) (client.Subscription, error) {
	return a.change("subscriptions.suspend", sub, func(s *client.Subscription) {
		s.Status, s.SuspensionReasons = "SUSPENDED", append(s.SuspensionReasons, "RESELLER_INITIATED")
	})
}

// Activate implements common.API.
func (a *API) Activate(_ context.Context, sub client.Subscription) (client.Subscription, error) {
	return a.change("subscriptions.activate", sub, func(s *client.Subscription) {
		s.Status, s.SuspensionReasons = "ACTIVE", nil
	})
}

// StartPaidService implements common.API.
func (a *API) StartPaidService(_ context.Context, sub client.Subscription) (client.Subscription, error) {
	return a.change("subscriptions.startPaidService", sub, func(s *client.Subscription) { s.InTrial = false })
}

// Delete implements common.API.
func (a *API) Delete(_ context.Context, sub client.Subscription, deletionType string) error {
	if err := client.ValidateDeletionType(deletionType); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrote("subscriptions.delete")
	if a.WriteErr != nil {
		return a.WriteErr
	}
	for i, s := range a.Subscriptions {
		if s.CustomerID == sub.CustomerID && s.ID == sub.ID {
			a.Subscriptions = append(a.Subscriptions[:i:i], a.Subscriptions[i+1:]...)
			return nil
		}
	}
	return &client.APIError{Method: "subscriptions.delete", Code: 404, Reason: "notFound"}
}

// InsertCustomer implements common.API.
func (a *API) InsertCustomer(_ context.Context, cust client.Customer, transferToken string) (client.Customer, error) {
	if err := client.ValidateCustomer(cust); err != nil {
		return client.Customer{}, err
	}
	if transferToken != "" {
		if err := client.ValidateTransferToken(transferToken); err != nil {
			return client.Customer{}, err
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrote("customers.insert")
	if a.WriteErr != nil {
		return client.Customer{}, a.WriteErr
	}
	cust.ID = "C9new" + strconv.Itoa(len(a.Customers))
	if cust.Type == "" {
		cust.Type = "domain"
	}
	a.Customers = append(a.Customers, cust)
	return cust, nil
}

// UpdateCustomer implements common.API.
func (a *API) UpdateCustomer(_ context.Context, id string, ch client.CustomerChanges) (client.Customer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrote("customers.patch")
	if a.WriteErr != nil {
		return client.Customer{}, a.WriteErr
	}
	for i := range a.Customers {
		c := &a.Customers[i]
		if c.ID != id {
			continue
		}
		if err := client.ValidateCustomerChanges(ch, c.Domain); err != nil {
			return client.Customer{}, err
		}
		set := func(dst *string, p *string) {
			if p != nil {
				*dst = *p
			}
		}
		set(&c.Address.ContactName, ch.ContactName)
		set(&c.Address.OrganizationName, ch.OrganizationName)
		set(&c.Address.Line1, ch.Line1)
		set(&c.Address.Line2, ch.Line2)
		set(&c.Address.Line3, ch.Line3)
		set(&c.Address.Locality, ch.Locality)
		set(&c.Address.Region, ch.Region)
		set(&c.Address.PostalCode, ch.PostalCode)
		set(&c.Address.CountryCode, ch.CountryCode)
		set(&c.Phone, ch.Phone)
		set(&c.AlternateEmail, ch.AlternateEmail)
		return *c, nil
	}
	return client.Customer{}, &client.APIError{Method: "customers.patch", Code: 404, Reason: "notFound"}
}

// TransferTogether implements common.API: each order is inserted as a
// transfer, and a write error refuses every part.
func (a *API) TransferTogether(ctx context.Context, customerID, token string, orders []client.TransferOrder) ([]client.TransferOutcome, error) {
	if _, err := client.CleanTransferToken(token); err != nil {
		return nil, err
	}
	out := make([]client.TransferOutcome, len(orders))
	for i, o := range orders {
		out[i].Order, out[i].Attempts = o, 1
		out[i].Sub, out[i].Err = a.InsertSubscription(ctx, customerID, client.NewSubscription{SKUID: o.Row.SKUID, Plan: o.Plan,
			Seats: o.Seats, PurchaseOrderID: o.PurchaseOrderID, TransferToken: token})
	}
	return out, nil
}

// InsertSubscription implements common.API.
func (a *API) InsertSubscription(_ context.Context, customerID string, o client.NewSubscription) (client.Subscription, error) {
	if err := client.ValidateNewSubscription(o); err != nil {
		return client.Subscription{}, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrote("subscriptions.insert")
	if a.WriteErr != nil {
		return client.Subscription{}, a.WriteErr
	}
	s := client.Subscription{CustomerID: customerID, ID: "9" + strconv.Itoa(len(a.Subscriptions)), SKUID: o.SKUID,
		Plan: o.Plan, PurchaseOrderID: o.PurchaseOrderID, Status: "ACTIVE", RenewalType: o.RenewalType}
	if o.Plan.IsAnnual() {
		s.NumberOfSeats = int32(o.Seats)
	} else {
		s.MaximumSeats = int32(o.Seats)
	}
	a.Subscriptions = append(a.Subscriptions, s)
	return s, nil
}
