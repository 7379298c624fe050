package client

import (
	"errors"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
)

// Validation before sending: each function returns nil or a
// *ValidationError whose guidance is the catalogue's entry for the API's
// own refusal, so the form says the same as the API would, without a
// call. The UI can run them while the user types.

// Limits of the Reseller API (https://developers.google.com/workspace/admin/reseller/v1/limits) and of
// Google's products.
const (
	MaxPurchaseOrderID = 80
	MaxDealCode        = 100
	MaxAddressField    = 255
	MaxPageSize        = 100
	TrialSeatCap       = 10
	FreeSeatCap        = 50
	MaxSeats           = 50_000
)

// invalid builds a ValidationError from the catalogue entry id.
func invalid(field string, id CaseID, e *APIError) *ValidationError {
	return &ValidationError{Field: field, Guidance: guidanceFor(id, e)}
}

// ValidateSeats checks a new seat count for sub, with the same rules the
// API applies to changeSeats: at least 1, no decrease on an annual plan,
// at most 10 in a trial, at most 50 on Cloud Identity Free, never fewer
// than the users holding a licence.
func ValidateSeats(sub Subscription, seats int) error {
	e := &APIError{Method: "subscriptions.changeSeats", Sub: &sub, Requested: seats,
		CustomerID: sub.CustomerID, SubscriptionID: sub.ID}
	switch {
	case seats <= 0:
		return invalid("seats", CaseSeatsMin, e)
	case seats > MaxSeats:
		return invalid("seats", CaseSeatsMax, e)
	case sub.Plan.IsAnnual() && seats < sub.NumberOfSeats:
		return invalid("seats", CaseAnnualSeatsDown, e)
	case (sub.Plan == PlanTrial || sub.InTrial) && seats > TrialSeatCap:
		return invalid("seats", CaseTrialSeatCap, e)
	case sub.Plan == PlanFree && seats > FreeSeatCap:
		return invalid("seats", CaseFreeSeatCap, e)
	case seats < sub.LicensedSeats:
		return invalid("seats", CaseSeatsBelowUsers, e)
	}
	return nil
}

// plainText reports whether s is free of anything Sanitize would change.
func plainText(s string) bool { return utf8.ValidString(s) && Sanitize(s) == s }

// ValidatePurchaseOrderID checks Google's limit: at most 80 plain-text
// characters.
func ValidatePurchaseOrderID(s string) error {
	if !plainText(s) {
		return invalid("purchaseOrderId", CasePlainText, nil)
	}
	if utf8.RuneCountInString(s) > MaxPurchaseOrderID {
		return invalid("purchaseOrderId", CasePurchaseOrderLength, nil)
	}
	return nil
}

// ValidateDealCode checks the deal code: at most 100 plain-text characters.
func ValidateDealCode(s string) error {
	if !plainText(s) {
		return invalid("dealCode", CasePlainText, nil)
	}
	if utf8.RuneCountInString(s) > MaxDealCode {
		return invalid("dealCode", CaseDealCodeLength, nil)
	}
	return nil
}

// ValidateCountryCode checks a 2-letter ISO 3166-1 code, in either case.
func ValidateCountryCode(s string) error {
	if !isoCountries[strings.ToUpper(s)] {
		return invalid("countryCode", CaseCountryCode, &APIError{Method: "customers.insert"})
	}
	return nil
}

// ValidateAlternateEmail checks that email is a plain address outside the
// customer's domain (Google answers 400 invalid otherwise).
func ValidateAlternateEmail(email, customerDomain string) error {
	e := &APIError{Method: "customers.insert"}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return invalid("alternateEmail", CaseEmail, e)
	}
	at := strings.LastIndexByte(email, '@')
	host := strings.ToLower(email[at+1:])
	d := strings.ToLower(strings.TrimSuffix(customerDomain, "."))
	if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
		return invalid("alternateEmail", CaseAlternateEmailOnDomain, e)
	}
	return nil
}

// ValidateRenewal checks that sub's plan has renewal settings and accepts
// renewalType.
func ValidateRenewal(sub Subscription, renewalType string) error {
	e := &APIError{Method: "subscriptions.changeRenewalSettings", Sub: &sub, CustomerID: sub.CustomerID, SubscriptionID: sub.ID}
	if !sub.Plan.IsAnnual() {
		return invalid("renewalType", CaseRenewalNotAnnual, e)
	}
	if !slices.Contains(RenewalTypes(sub.Plan), renewalType) {
		return invalid("renewalType", CaseRenewalType, e)
	}
	return nil
}

// ValidateDeletionType accepts cancel and transfer_to_direct.
func ValidateDeletionType(s string) error {
	if s != DeletionCancel && s != DeletionTransferToDirect {
		return invalid("deletionType", CaseDeletionType, &APIError{Method: "subscriptions.delete"})
	}
	return nil
}

// ValidatePageSize accepts 1 to 100 rows per page.
func ValidatePageSize(n int) error {
	if n < 1 || n > MaxPageSize {
		return invalid("maxResults", CasePageSize, &APIError{Method: "subscriptions.list"})
	}
	return nil
}

// ValidatePlanChange checks a changePlan request for sub: a trial or
// flexible subscription may move to a flexible or annual plan the SKU
// offers; an annual plan keeps its plan until the renewal; a subscription
// still in its trial holds at most 10 seats, whatever plan it is given,
// until paid service starts.
func ValidatePlanChange(sub Subscription, ch PlanChange) error {
	e := &APIError{Method: "subscriptions.changePlan", Sub: &sub, Requested: ch.Seats, CustomerID: sub.CustomerID, SubscriptionID: sub.ID}
	switch ch.Plan {
	case PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible:
	case PlanTrial:
		return invalid("plan", CaseNoTrialReturn, e)
	default:
		return invalid("plan", CasePlanName, e)
	}
	if sub.Plan.IsAnnual() && !sub.InTrial {
		return invalid("plan", CaseAnnualPlanChange, e)
	}
	if k, ok := skuByID(sub.SKUID); ok && !slices.Contains(k.Plans, ch.Plan) {
		return invalid("plan", CasePlanSKU, e)
	}
	if ch.Seats <= 0 {
		return invalid("seats", CaseSeatsMin, e)
	}
	if ch.Seats > MaxSeats {
		return invalid("seats", CaseSeatsMax, e)
	}
	if sub.InTrial && ch.Seats > TrialSeatCap {
		return invalid("seats", CaseTrialSeatCap, e)
	}
	if ch.Seats < sub.LicensedSeats {
		return invalid("seats", CaseSeatsBelowUsers, e)
	}
	if err := ValidatePurchaseOrderID(ch.PurchaseOrderID); err != nil {
		return err
	}
	if err := ValidateDealCode(ch.DealCode); err != nil {
		return err
	}
	if sub.DealCode != "" && ch.DealCode != "" && ch.DealCode != sub.DealCode {
		return invalid("dealCode", CaseDealMismatch, e)
	}
	return nil
}

// ValidateNewSubscription checks an order (or, with TransferToken, a
// transfer): a well-formed transfer token, a known SKU and a plan it
// offers, a positive seat count within the plan's caps, the purchase order
// and deal code limits, no deal code on a transfer, and a renewal type
// only on annual plans.
func ValidateNewSubscription(o NewSubscription) error {
	e := &APIError{Method: "subscriptions.insert", Requested: o.Seats, Transfer: o.TransferToken != ""}
	if _, err := tokenToSend(o.TransferToken, e.Method); err != nil {
		return err
	}
	k, known := skuByID(o.SKUID)
	switch {
	case o.SKUID == "":
		return invalid("skuId", CaseSKUUnknown, e)
	case !known && o.TransferToken == "":
		// Transfers may carry legacy SKUs from the transferable list.
		return invalid("skuId", CaseSKUUnknown, e)
	}
	switch o.Plan {
	case PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible, PlanTrial, PlanFree:
	default:
		return invalid("plan", CasePlanName, e)
	}
	if known && !slices.Contains(k.Plans, o.Plan) {
		return invalid("plan", CasePlanSKU, e)
	}
	switch {
	case o.Seats <= 0:
		return invalid("seats", CaseSeatsMin, e)
	case o.Seats > MaxSeats:
		return invalid("seats", CaseSeatsMax, e)
	case o.Plan == PlanTrial && o.Seats > TrialSeatCap:
		return invalid("seats", CaseTrialSeatCap, e)
	case o.Plan == PlanFree && o.Seats > FreeSeatCap:
		return invalid("seats", CaseFreeSeatCap, e)
	}
	if err := ValidatePurchaseOrderID(o.PurchaseOrderID); err != nil {
		return err
	}
	if err := ValidateDealCode(o.DealCode); err != nil {
		return err
	}
	if o.TransferToken != "" && o.DealCode != "" {
		return invalid("dealCode", CaseTransferDealCode, e)
	}
	if o.RenewalType != "" {
		sub := Subscription{Plan: o.Plan, SKUID: o.SKUID}
		if err := ValidateRenewal(sub, o.RenewalType); err != nil {
			return err
		}
	}
	return nil
}

// required builds the guidance for a missing field, naming it.
func required(field, label string) *ValidationError {
	v := invalid(field, CaseRequired, &APIError{Method: "customers.insert"})
	v.Guidance.Title = "Required: " + label
	return v
}

// validDomain is a light check of a DNS name: labels of letters, digits
// and hyphens, at least two of them, no www. prefix.
func validDomain(d string) bool {
	if len(d) > 253 || strings.HasPrefix(strings.ToLower(d), "www.") || !strings.Contains(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// ValidateCustomer checks a new customer before customers.insert: the
// fields Google requires (domain, contact, organisation, country, postal
// code; alternate email for domain customers, the primary admin's email
// for team customers), the country code, the alternate email outside the
// domain and the 255-character limit of address fields.
func ValidateCustomer(c Customer) error {
	e := &APIError{Method: "customers.insert"}
	if c.Domain == "" {
		return required("customerDomain", "customer domain")
	}
	if !validDomain(c.Domain) {
		return invalid("customerDomain", CaseDomain, e)
	}
	switch c.Type {
	case "", "domain":
		if c.AlternateEmail == "" {
			return required("alternateEmail", "alternate email")
		}
	case "team":
		if c.PrimaryAdminEmail == "" {
			return required("primaryAdmin.primaryEmail", "primary admin's email")
		}
		if _, err := mail.ParseAddress(c.PrimaryAdminEmail); err != nil {
			return invalid("primaryAdmin.primaryEmail", CaseEmail, e)
		}
	default:
		return invalid("customerType", CaseCustomerType, e)
	}
	a := c.Address
	for _, r := range []struct{ field, label, v string }{
		{"postalAddress.contactName", "contact name", a.ContactName},
		{"postalAddress.organizationName", "organisation name", a.OrganizationName},
		{"postalAddress.countryCode", "country code", a.CountryCode},
		{"postalAddress.postalCode", "postal code", a.PostalCode},
	} {
		if strings.TrimSpace(r.v) == "" {
			return required(r.field, r.label)
		}
	}
	if err := validateAddress(a); err != nil {
		return err
	}
	if c.AlternateEmail != "" {
		return ValidateAlternateEmail(c.AlternateEmail, c.Domain)
	}
	return nil
}

// validateAddress checks lengths, plain text and the country code.
func validateAddress(a Address) error {
	for _, r := range []struct{ field, v string }{
		{"postalAddress.contactName", a.ContactName}, {"postalAddress.organizationName", a.OrganizationName},
		{"postalAddress.addressLine1", a.Line1}, {"postalAddress.addressLine2", a.Line2},
		{"postalAddress.addressLine3", a.Line3}, {"postalAddress.locality", a.Locality},
		{"postalAddress.region", a.Region}, {"postalAddress.postalCode", a.PostalCode},
	} {
		if !plainText(r.v) {
			return invalid(r.field, CasePlainText, nil)
		}
		if utf8.RuneCountInString(r.v) > MaxAddressField {
			return invalid(r.field, CaseAddressLength, &APIError{Method: "customers.insert"})
		}
	}
	if a.CountryCode != "" {
		return ValidateCountryCode(a.CountryCode)
	}
	return nil
}

// CustomerChanges is a patch of a customer's settings: nil fields are left
// as they are. The domain and type cannot change through the API.
type CustomerChanges struct {
	ContactName      *string
	OrganizationName *string
	Line1            *string
	Line2            *string
	Line3            *string
	Locality         *string
	Region           *string
	PostalCode       *string
	CountryCode      *string
	Phone            *string
	AlternateEmail   *string
}

// Empty reports whether the patch changes nothing.
func (ch CustomerChanges) Empty() bool {
	for _, p := range ch.fields() {
		if p.v != nil {
			return false
		}
	}
	return true
}

type changeField struct {
	field, label string
	v            *string
	required     bool
}

func (ch CustomerChanges) fields() []changeField {
	return []changeField{
		{"postalAddress.contactName", "contact name", ch.ContactName, true},
		{"postalAddress.organizationName", "organisation name", ch.OrganizationName, true},
		{"postalAddress.addressLine1", "address line 1", ch.Line1, false},
		{"postalAddress.addressLine2", "address line 2", ch.Line2, false},
		{"postalAddress.addressLine3", "address line 3", ch.Line3, false},
		{"postalAddress.locality", "locality", ch.Locality, false},
		{"postalAddress.region", "region", ch.Region, false},
		{"postalAddress.postalCode", "postal code", ch.PostalCode, true},
		{"postalAddress.countryCode", "country code", ch.CountryCode, true},
		{"phoneNumber", "phone number", ch.Phone, false},
		{"alternateEmail", "alternate email", ch.AlternateEmail, false},
	}
}

// ValidateCustomerChanges checks a patch for the customer on
// customerDomain: required fields are not emptied, text is plain, address
// fields fit 255 characters, the country code is ISO, the alternate email
// is outside the domain.
func ValidateCustomerChanges(ch CustomerChanges, customerDomain string) error {
	e := &APIError{Method: "customers.patch"}
	for _, f := range ch.fields() {
		if f.v == nil {
			continue
		}
		v := *f.v
		if f.required && strings.TrimSpace(v) == "" {
			r := required(f.field, f.label)
			r.Guidance.Method = e.Method
			return r
		}
		if !plainText(v) {
			return invalid(f.field, CasePlainText, nil)
		}
		if utf8.RuneCountInString(v) > MaxAddressField {
			return invalid(f.field, CaseAddressLength, e)
		}
	}
	if ch.CountryCode != nil {
		if err := ValidateCountryCode(*ch.CountryCode); err != nil {
			return patching(err)
		}
	}
	if ch.AlternateEmail != nil && *ch.AlternateEmail != "" {
		return patching(ValidateAlternateEmail(*ch.AlternateEmail, customerDomain))
	}
	return nil
}

// patching names customers.patch, the call an edit makes, in a refusal of
// the checks new and edited customers share.
func patching(err error) error {
	var v *ValidationError
	if errors.As(err, &v) {
		v.Guidance.Method = "customers.patch"
	}
	return err
}
