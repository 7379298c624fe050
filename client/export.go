package client

import (
	"encoding/json"

	reseller "google.golang.org/api/reseller/v1"
)

// The export of a listing writes subscriptions and customers in the API's
// own shape and field names, so a script written against the API (or
// Google's API Explorer) reads it unchanged. These functions are the
// reverse of convert.go: the values are the sanitised ones resold holds.

// MarshalAPI returns s as the API's Subscription resource in JSON. Times
// are what the API sends: milliseconds since the epoch, as strings.
func (s Subscription) MarshalAPI() ([]byte, error) {
	return json.Marshal(subscriptionToAPI(s))
}

// MarshalAPI returns c as the API's Customer resource in JSON. A minimal
// record (a customer managed elsewhere) holds its ID, domain and type only.
func (c Customer) MarshalAPI() ([]byte, error) {
	return json.Marshal(customerToAPI(c))
}

func subscriptionToAPI(s Subscription) *reseller.Subscription {
	out := &reseller.Subscription{
		Kind:              "reseller#subscription",
		CustomerId:        s.CustomerID,
		CustomerDomain:    s.CustomerDomain,
		SubscriptionId:    s.ID,
		SkuId:             s.SKUID,
		SkuName:           s.SKUName.String(),
		Status:            s.Status,
		SuspensionReasons: s.SuspensionReasons,
		PurchaseOrderId:   s.PurchaseOrderID,
		DealCode:          s.DealCode.String(),
		BillingMethod:     s.BillingMethod.String(),
		CreationTime:      int64(s.Created),
		ResourceUiUrl:     s.AdminConsoleURL,
		Seats: &reseller.Seats{
			Kind:                  "subscriptions#seats",
			NumberOfSeats:         int64(s.NumberOfSeats),
			MaximumNumberOfSeats:  int64(s.MaximumSeats),
			LicensedNumberOfSeats: int64(s.LicensedSeats),
		},
	}
	if s.Plan != "" {
		out.Plan = &reseller.SubscriptionPlan{PlanName: string(s.Plan), IsCommitmentPlan: s.IsCommitment}
		if !s.CommitmentStart.IsZero() || !s.CommitmentEnd.IsZero() {
			out.Plan.CommitmentInterval = &reseller.SubscriptionPlanCommitmentInterval{
				StartTime: int64(s.CommitmentStart), EndTime: int64(s.CommitmentEnd),
			}
		}
	}
	if s.RenewalType != "" {
		out.RenewalSettings = &reseller.RenewalSettings{Kind: "subscriptions#renewalSettings", RenewalType: s.RenewalType}
	}
	if s.InTrial || !s.TrialEnd.IsZero() {
		out.TrialSettings = &reseller.SubscriptionTrialSettings{IsInTrial: s.InTrial, TrialEndTime: int64(s.TrialEnd)}
	}
	if t := s.Transfer; t != nil {
		out.TransferInfo = &reseller.SubscriptionTransferInfo{
			MinimumTransferableSeats:      int64(t.MinimumSeats),
			TransferabilityExpirationTime: int64(t.ExpiresAt),
			CurrentLegacySkuId:            t.CurrentLegacySKUID,
		}
	}
	return out
}

func customerToAPI(c Customer) *reseller.Customer {
	out := &reseller.Customer{
		Kind:           "reseller#customer",
		CustomerId:     c.ID,
		CustomerDomain: c.Domain,
		CustomerType:   c.Type,
	}
	if c.Minimal {
		return out
	}
	out.CustomerDomainVerified = c.DomainVerified
	out.AlternateEmail = c.AlternateEmail
	out.PhoneNumber = c.Phone
	out.ResourceUiUrl = c.AdminConsoleURL
	if a := c.Address; a != (Address{}) {
		out.PostalAddress = &reseller.Address{
			Kind:             "customers#address",
			ContactName:      a.ContactName,
			OrganizationName: a.OrganizationName,
			AddressLine1:     a.Line1,
			AddressLine2:     a.Line2,
			AddressLine3:     a.Line3,
			Locality:         a.Locality,
			Region:           a.Region,
			PostalCode:       a.PostalCode,
			CountryCode:      a.CountryCode,
		}
	}
	if c.PrimaryAdminEmail != "" {
		out.PrimaryAdmin = &reseller.PrimaryAdmin{PrimaryEmail: c.PrimaryAdminEmail}
	}
	return out
}
