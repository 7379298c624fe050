package edit

import "resold/client"

// The values a change can set, by the key the audit log uses, read from a
// subscription or customer as the API returned it (client.SubscriptionValue
// and client.CustomerValue, which the check of an interrupted change
// shares).

// subValue is a subscription's value for key; false for a key a
// subscription does not hold.
func subValue(s client.Subscription, key string) (string, bool) {
	return client.SubscriptionValue(s, key)
}

// statusValue is the status with its reasons: "SUSPENDED
// (RESELLER_INITIATED)".
func statusValue(s client.Subscription) string { return client.StatusValue(s) }

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
func custValue(c client.Customer, key string) (string, bool) { return client.CustomerValue(c, key) }

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
