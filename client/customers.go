package client

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/api/googleapi"
	reseller "google.golang.org/api/reseller/v1"
)

// LookupCustomer looks a customer up by ID (C0…) or primary domain and
// classifies the answer: yours (full record), managed elsewhere (minimal
// record), multiple teams on the domain, or available (404). Only other
// failures (a revoked or foreign customer, quota, network) are errors.
// What is neither an ID nor a domain (ValidateLookup) is refused before
// any call.
func (c *Client) LookupCustomer(ctx context.Context, idOrDomain string) (Lookup, error) {
	q, note, err := NormalizeLookup(idOrDomain)
	if err != nil {
		return Lookup{Query: q}, err
	}
	cust, err := c.getCustomer(ctx, q)
	l, err := LookupResult(q, cust, err)
	l.Note = note
	return l, err
}

// LookupResult classifies what customers.get answered for the lookup q,
// as LookupCustomer does. It is exported so that fakes of the client
// answer lookups by the client's own rules.
func LookupResult(q string, cust Customer, err error) (Lookup, error) {
	l := Lookup{Query: q}
	if err == nil {
		l.Customer = &cust
		l.Kind = LookupYours
		if cust.Minimal {
			l.Kind = LookupManagedElsewhere
			g := guidanceFor(CaseManagedElsewhere, &APIError{Method: "customers.get", CustomerID: q})
			l.Guidance = &g
		}
		return l, nil
	}
	g := Explain(err)
	switch g.Case {
	case CaseTeamsShareDomain, CaseEmailVerifiedDomain:
		l.Kind = LookupMultipleTeams
	case CaseNoAccount, CaseUnknownCustomerID:
		l.Kind = LookupAvailable
	default:
		return l, err
	}
	l.Guidance = &g
	return l, nil
}

// GetCustomer reads a customer by ID or domain.
func (c *Client) GetCustomer(ctx context.Context, id string) (Customer, error) {
	return c.getCustomer(ctx, id)
}

func (c *Client) getCustomer(ctx context.Context, id string) (Customer, error) {
	var got *reseller.Customer
	err := c.read(ctx, op{method: "customers.get", customerID: id}, func(ctx context.Context) error {
		r, err := c.svc.Customers.Get(id).Context(ctx).Do()
		got = r
		return err
	})
	if err != nil {
		return Customer{}, err
	}
	cust := customerFromAPI(got)
	if !cust.Minimal {
		// Its listing may be asked for by either name.
		c.pages.Alias(cust.ID, cust.Domain)
	}
	return cust, nil
}

// InsertCustomer orders a new customer account; with transferToken it
// orders a resold account for a customer that exists elsewhere. The
// customer and the token are validated first (CleanTransferToken: spaces
// around the token are dropped). If the answer is lost, the customer is
// looked up by domain and the order is not sent again when it is there.
func (c *Client) InsertCustomer(ctx context.Context, cust Customer, transferToken string) (Customer, error) {
	if err := ValidateCustomer(cust); err != nil {
		return Customer{}, err
	}
	token, err := tokenToSend(transferToken, "customers.insert")
	if err != nil {
		return Customer{}, err
	}
	domain := strings.ToLower(cust.Domain)
	body := &reseller.Customer{
		CustomerDomain: domain,
		CustomerType:   cust.Type,
		AlternateEmail: cust.AlternateEmail,
		PhoneNumber:    cust.Phone,
		PostalAddress:  addressToAPI(cust.Address),
	}
	if cust.Type == "team" && cust.PrimaryAdminEmail != "" {
		body.PrimaryAdmin = &reseller.PrimaryAdmin{PrimaryEmail: cust.PrimaryAdminEmail}
	}
	o := op{method: "customers.insert", customerID: domain, transfer: token != ""}
	var got *reseller.Customer
	var found Customer
	applied, err := c.write(ctx, o, func(ctx context.Context) error {
		call := c.svc.Customers.Insert(body).Context(ctx)
		if token != "" {
			call = call.CustomerAuthToken(token)
		}
		r, err := call.Do()
		got = r
		return err
	}, func(ctx context.Context) (bool, error) {
		cur, err := c.getCustomer(ctx, domain)
		if isNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		found = cur
		return !cur.Minimal, nil
	})
	if err != nil {
		return Customer{}, err
	}
	if applied {
		return found, nil
	}
	return customerFromAPI(got), nil
}

// UpdateCustomer patches a customer's contact, organisation, address,
// phone and alternate email (customers.patch); fields left nil keep their
// value. When id is a domain the alternate email is checked against it
// locally; the UI should also call ValidateCustomerChanges with the
// customer's domain while the user types.
func (c *Client) UpdateCustomer(ctx context.Context, id string, ch CustomerChanges) (Customer, error) {
	domain := ""
	if strings.Contains(id, ".") {
		domain = id
	}
	if err := ValidateCustomerChanges(ch, domain); err != nil {
		return Customer{}, err
	}
	if ch.Empty() {
		return c.GetCustomer(ctx, id)
	}
	body := patchBody(ch)
	o := op{method: "customers.patch", customerID: id}
	var got *reseller.Customer
	var found Customer
	applied, err := c.write(ctx, o, func(ctx context.Context) error {
		r, err := c.svc.Customers.Patch(id, body).Context(ctx).Do()
		got = r
		return err
	}, func(ctx context.Context) (bool, error) {
		cur, err := c.getCustomer(ctx, id)
		if err != nil {
			return false, err
		}
		found = cur
		return changesApplied(cur, ch), nil
	})
	if err != nil {
		return Customer{}, err
	}
	if applied {
		return found, nil
	}
	return customerFromAPI(got), nil
}

func addressToAPI(a Address) *reseller.Address {
	return &reseller.Address{
		ContactName:      a.ContactName,
		OrganizationName: a.OrganizationName,
		AddressLine1:     a.Line1,
		AddressLine2:     a.Line2,
		AddressLine3:     a.Line3,
		Locality:         a.Locality,
		Region:           a.Region,
		PostalCode:       a.PostalCode,
		CountryCode:      strings.ToUpper(a.CountryCode),
	}
}

// patchBody sends only the fields set; a field set to "" is sent empty
// (ForceSendFields) so that it is cleared rather than ignored.
func patchBody(ch CustomerChanges) *reseller.Customer {
	body := &reseller.Customer{}
	addr := &reseller.Address{}
	setAddr := false
	str := func(p *string, dst *string, force *[]string, name string) bool {
		if p == nil {
			return false
		}
		*dst = *p
		if *p == "" {
			*force = append(*force, name)
		}
		return true
	}
	for _, f := range []struct {
		p    *string
		dst  *string
		name string
	}{
		{ch.ContactName, &addr.ContactName, "ContactName"},
		{ch.OrganizationName, &addr.OrganizationName, "OrganizationName"},
		{ch.Line1, &addr.AddressLine1, "AddressLine1"},
		{ch.Line2, &addr.AddressLine2, "AddressLine2"},
		{ch.Line3, &addr.AddressLine3, "AddressLine3"},
		{ch.Locality, &addr.Locality, "Locality"},
		{ch.Region, &addr.Region, "Region"},
		{ch.PostalCode, &addr.PostalCode, "PostalCode"},
		{ch.CountryCode, &addr.CountryCode, "CountryCode"},
	} {
		if str(f.p, f.dst, &addr.ForceSendFields, f.name) {
			setAddr = true
		}
	}
	addr.CountryCode = strings.ToUpper(addr.CountryCode)
	if setAddr {
		body.PostalAddress = addr
	}
	str(ch.Phone, &body.PhoneNumber, &body.ForceSendFields, "PhoneNumber")
	str(ch.AlternateEmail, &body.AlternateEmail, &body.ForceSendFields, "AlternateEmail")
	return body
}

// changesApplied reports whether cur already holds every field of ch.
func changesApplied(cur Customer, ch CustomerChanges) bool {
	eq := func(p *string, v string) bool { return p == nil || Sanitize(*p) == v }
	a := cur.Address
	return eq(ch.ContactName, a.ContactName) && eq(ch.OrganizationName, a.OrganizationName) &&
		eq(ch.Line1, a.Line1) && eq(ch.Line2, a.Line2) && eq(ch.Line3, a.Line3) &&
		eq(ch.Locality, a.Locality) && eq(ch.Region, a.Region) && eq(ch.PostalCode, a.PostalCode) &&
		(ch.CountryCode == nil || strings.EqualFold(*ch.CountryCode, a.CountryCode)) &&
		eq(ch.Phone, cur.Phone) && eq(ch.AlternateEmail, cur.AlternateEmail)
}

// isNotFound reports a 404 answer.
func isNotFound(err error) bool {
	var ge *googleapi.Error
	return errors.As(err, &ge) && ge.Code == 404
}
