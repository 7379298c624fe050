package client

import (
	"strconv"
	"strings"
)

// The values a change can set, named by the keys the audit log records
// them under ("seats", "plan", "renewal", …), read from a subscription or
// customer as the API returned it. The edit screens and the check of an
// interrupted change share them, so both read a value the same way.

// SubscriptionValue is s's value for key; false for a key a subscription
// does not hold.
func SubscriptionValue(s Subscription, key string) (string, bool) {
	switch key {
	case "seats":
		return strconv.Itoa(s.SeatLimit()), true
	case "plan":
		return string(s.Plan), true
	case "renewal":
		return s.RenewalType, true
	case "status":
		return StatusValue(s), true
	case "purchase_order":
		return s.PurchaseOrderID, true
	case "deal_code":
		return s.DealCode.String(), true
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

// StatusValue is the status with its reasons: "SUSPENDED
// (RESELLER_INITIATED)".
func StatusValue(s Subscription) string {
	if len(s.SuspensionReasons) == 0 {
		return s.Status
	}
	return s.Status + " (" + strings.Join(s.SuspensionReasons, ", ") + ")"
}

// CustomerValue is c's value for key; false for a key a customer does not
// hold.
func CustomerValue(c Customer, key string) (string, bool) {
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
