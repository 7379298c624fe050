package client

import (
	"time"
	"unique"

	reseller "google.golang.org/api/reseller/v1"
)

// Everything the API returns passes through these functions, which copy
// it into the domain types and sanitise every string on the way.

// planFromAPI maps the wire plan name to a Plan: the API answers "ANNUAL"
// for ANNUAL_MONTHLY_PAY.
func planFromAPI(name string) Plan {
	if name == "ANNUAL" {
		return PlanAnnualMonthly
	}
	return Plan(Sanitize(name))
}

// fromMillis turns epoch milliseconds into a time; 0 stays the zero time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func customerFromAPI(in *reseller.Customer) Customer {
	if in == nil {
		return Customer{}
	}
	c := Customer{
		ID:              Sanitize(in.CustomerId),
		Domain:          Sanitize(in.CustomerDomain),
		Type:            Sanitize(in.CustomerType),
		DomainVerified:  in.CustomerDomainVerified,
		AlternateEmail:  Sanitize(in.AlternateEmail),
		Phone:           Sanitize(in.PhoneNumber),
		AdminConsoleURL: Sanitize(in.ResourceUiUrl),
	}
	if c.Type == "" {
		c.Type = "domain"
	}
	if a := in.PostalAddress; a != nil {
		c.Address = Address{
			ContactName:      Sanitize(a.ContactName),
			OrganizationName: Sanitize(a.OrganizationName),
			Line1:            Sanitize(a.AddressLine1),
			Line2:            Sanitize(a.AddressLine2),
			Line3:            Sanitize(a.AddressLine3),
			Locality:         Sanitize(a.Locality),
			Region:           Sanitize(a.Region),
			PostalCode:       Sanitize(a.PostalCode),
			CountryCode:      Sanitize(a.CountryCode),
		}
	}
	if in.PrimaryAdmin != nil {
		c.PrimaryAdminEmail = Sanitize(in.PrimaryAdmin.PrimaryEmail)
	}
	// A customer managed by Google or another reseller comes back with its
	// ID, domain and type only.
	c.Minimal = in.PostalAddress == nil && in.AlternateEmail == "" && in.ResourceUiUrl == "" &&
		in.PrimaryAdmin == nil && in.PhoneNumber == ""
	return c
}

// intern sanitises s and returns the one copy of it that every row
// shares: SKUs, plans, states and the like take a few values over
// thousands of rows, and a listing of 100,000 rows would otherwise hold
// each of them 100,000 times.
func intern(s string) string { return unique.Make(Sanitize(s)).Value() }

// internAll interns a slice of API strings.
func internAll(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = intern(s)
	}
	return out
}

func subscriptionFromAPI(in *reseller.Subscription) Subscription {
	if in == nil {
		return Subscription{}
	}
	s := Subscription{
		CustomerID:        Sanitize(in.CustomerId),
		CustomerDomain:    Sanitize(in.CustomerDomain),
		ID:                Sanitize(in.SubscriptionId),
		SKUID:             intern(in.SkuId),
		SKUName:           intern(in.SkuName),
		Status:            intern(in.Status),
		SuspensionReasons: internAll(in.SuspensionReasons),
		PurchaseOrderID:   Sanitize(in.PurchaseOrderId),
		DealCode:          intern(in.DealCode),
		BillingMethod:     intern(in.BillingMethod),
		Created:           fromMillis(in.CreationTime),
		AdminConsoleURL:   Sanitize(in.ResourceUiUrl),
	}
	if p := in.Plan; p != nil {
		s.Plan = Plan(intern(string(planFromAPI(p.PlanName))))
		s.IsCommitment = p.IsCommitmentPlan
		if ci := p.CommitmentInterval; ci != nil {
			s.CommitmentStart = fromMillis(ci.StartTime)
			s.CommitmentEnd = fromMillis(ci.EndTime)
		}
	}
	if st := in.Seats; st != nil {
		s.NumberOfSeats = int(st.NumberOfSeats)
		s.MaximumSeats = int(st.MaximumNumberOfSeats)
		s.LicensedSeats = int(st.LicensedNumberOfSeats)
	}
	if r := in.RenewalSettings; r != nil {
		s.RenewalType = intern(r.RenewalType)
	}
	if t := in.TrialSettings; t != nil {
		s.InTrial = t.IsInTrial
		s.TrialEnd = fromMillis(t.TrialEndTime)
	}
	if t := in.TransferInfo; t != nil {
		s.Transfer = &TransferInfo{
			MinimumSeats:       int(t.MinimumTransferableSeats),
			ExpiresAt:          fromMillis(t.TransferabilityExpirationTime),
			CurrentLegacySKUID: Sanitize(t.CurrentLegacySkuId),
		}
	}
	return s
}

// seatsFor builds the Seats body for plan: annual plans count seats bought
// (numberOfSeats), flexible, trial and free plans set a cap
// (maximumNumberOfSeats). licensedNumberOfSeats is read-only and never sent.
func seatsFor(plan Plan, n int) *reseller.Seats {
	if plan.IsAnnual() {
		return &reseller.Seats{NumberOfSeats: int64(n)}
	}
	return &reseller.Seats{MaximumNumberOfSeats: int64(n)}
}
