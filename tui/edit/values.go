package edit

import (
	"strconv"
	"strings"

	"resold/client"
)

// The values a change can set, by the key the audit log uses, read from a
// subscription or customer as the API returned it.

// subValue is a subscription's value for key; false for a key a
// subscription does not hold.
func subValue(s client.Subscription, key string) (string, bool) {
	switch key {
	case "seats":
		return strconv.Itoa(s.SeatLimit()), true
	case "plan":
		return string(s.Plan), true
	case "renewal":
		return s.RenewalType, true
	case "status":
		return statusValue(s), true
	case "purchase_order":
		return s.PurchaseOrderID, true
	case "deal_code":
		return s.DealCode, true
	case "trial":
		if s.InTrial {
			return "in trial", true
		}
		return "paid", true
	case "sku":
		return s.SKUID, true
	case "subscription_id":
		return s.ID, true
	}
	return "", false
}

// statusValue is the status with its reasons: "SUSPENDED
// (RESELLER_INITIATED)".
func statusValue(s client.Subscription) string {
	if len(s.SuspensionReasons) == 0 {
		return s.Status
	}
	return s.Status + " (" + strings.Join(s.SuspensionReasons, ", ") + ")"
}

// customerKeys are the customer's editable values in form order, with
// their labels.
var customerKeys = []struct{ key, label string }{
	{"contact", "Contact name"},
	{"organisation", "Organisation"},
	{"address_line1", "Address line 1"},
	{"address_line2", "Address line 2"},
	{"address_line3", "Address line 3"},
	{"locality", "City"},
	{"region", "Region"},
	{"postal_code", "Postal code"},
	{"country", "Country code"},
	{"phone", "Phone"},
	{"alternate_email", "Alternate email"},
}

// custValue is a customer's value for key; false for a key a customer
// does not hold.
func custValue(c client.Customer, key string) (string, bool) {
	a := c.Address
	switch key {
	case "contact":
		return a.ContactName, true
	case "organisation":
		return a.OrganizationName, true
	case "address_line1":
		return a.Line1, true
	case "address_line2":
		return a.Line2, true
	case "address_line3":
		return a.Line3, true
	case "locality":
		return a.Locality, true
	case "region":
		return a.Region, true
	case "postal_code":
		return a.PostalCode, true
	case "country":
		return a.CountryCode, true
	case "phone":
		return c.Phone, true
	case "alternate_email":
		return c.AlternateEmail, true
	case "domain":
		return c.Domain, true
	case "type":
		return c.Type, true
	case "admin_email":
		return c.PrimaryAdminEmail, true
	case "customer_id":
		return c.ID, true
	}
	return "", false
}

// value is key's value in what the API returned; false when the answer
// does not say (a delete returns nothing).
func (r result) value(key string) (string, bool) {
	switch {
	case r.sub != nil:
		return subValue(*r.sub, key)
	case r.cust != nil:
		return custValue(*r.cust, key)
	case r.deleted && key == "status":
		return "deleted", true
	}
	return "", false
}
