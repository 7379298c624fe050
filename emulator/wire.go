package emulator

import (
	"net/url"
	"slices"
)

// The JSON shapes the emulator sends, written by hand rather than with the
// generated client's types: int64 times are JSON strings, seat counts
// numbers, every object has its kind, and isCommitmentPlan/isInTrial are
// sent even when false, as Google does. Views are built under the store
// lock and own their data, so they can be encoded after it is released.

type wireAddress struct {
	Kind             string `json:"kind"`
	ContactName      string `json:"contactName,omitempty"`
	OrganizationName string `json:"organizationName,omitempty"`
	AddressLine1     string `json:"addressLine1,omitempty"`
	AddressLine2     string `json:"addressLine2,omitempty"`
	AddressLine3     string `json:"addressLine3,omitempty"`
	Locality         string `json:"locality,omitempty"`
	Region           string `json:"region,omitempty"`
	PostalCode       string `json:"postalCode,omitempty"`
	CountryCode      string `json:"countryCode,omitempty"`
}

type wirePrimaryAdmin struct {
	PrimaryEmail string `json:"primaryEmail"`
}

type wireCustomer struct {
	Kind                   string            `json:"kind"`
	CustomerID             string            `json:"customerId"`
	CustomerDomain         string            `json:"customerDomain"`
	CustomerDomainVerified *bool             `json:"customerDomainVerified,omitempty"`
	CustomerType           string            `json:"customerType"`
	AlternateEmail         string            `json:"alternateEmail,omitempty"`
	PhoneNumber            string            `json:"phoneNumber,omitempty"`
	PostalAddress          *wireAddress      `json:"postalAddress,omitempty"`
	PrimaryAdmin           *wirePrimaryAdmin `json:"primaryAdmin,omitempty"`
	ResourceUIURL          string            `json:"resourceUiUrl,omitempty"`
}

type wireInterval struct {
	StartTime int64 `json:"startTime,string"`
	EndTime   int64 `json:"endTime,string"`
}

type wirePlan struct {
	PlanName           string        `json:"planName"`
	IsCommitmentPlan   bool          `json:"isCommitmentPlan"`
	CommitmentInterval *wireInterval `json:"commitmentInterval,omitempty"`
}

type wireSeats struct {
	Kind                  string `json:"kind"`
	NumberOfSeats         *int64 `json:"numberOfSeats,omitempty"`
	MaximumNumberOfSeats  *int64 `json:"maximumNumberOfSeats,omitempty"`
	LicensedNumberOfSeats int64  `json:"licensedNumberOfSeats"`
}

type wireTrial struct {
	IsInTrial    bool  `json:"isInTrial"`
	TrialEndTime int64 `json:"trialEndTime,omitempty,string"`
}

type wireRenewal struct {
	Kind        string `json:"kind"`
	RenewalType string `json:"renewalType"`
}

type wireTransferInfo struct {
	MinimumTransferableSeats      int64  `json:"minimumTransferableSeats"`
	TransferabilityExpirationTime int64  `json:"transferabilityExpirationTime,omitempty,string"`
	CurrentLegacySkuID            string `json:"currentLegacySkuId,omitempty"`
}

type wireSubscription struct {
	Kind              string            `json:"kind"`
	CustomerID        string            `json:"customerId"`
	CustomerDomain    string            `json:"customerDomain"`
	SubscriptionID    string            `json:"subscriptionId"`
	SkuID             string            `json:"skuId"`
	SkuName           string            `json:"skuName"`
	BillingMethod     string            `json:"billingMethod"`
	CreationTime      int64             `json:"creationTime,string"`
	Plan              wirePlan          `json:"plan"`
	Seats             wireSeats         `json:"seats"`
	TrialSettings     wireTrial         `json:"trialSettings"`
	RenewalSettings   *wireRenewal      `json:"renewalSettings,omitempty"`
	PurchaseOrderID   string            `json:"purchaseOrderId,omitempty"`
	DealCode          string            `json:"dealCode,omitempty"`
	Status            string            `json:"status"`
	SuspensionReasons []string          `json:"suspensionReasons,omitempty"`
	TransferInfo      *wireTransferInfo `json:"transferInfo,omitempty"`
	ResourceUIURL     string            `json:"resourceUiUrl"`
}

type wireNotifyResource struct {
	TopicName string `json:"topicName,omitempty"`
}

type wireWatchDetails struct {
	ServiceAccountEmailAddresses []string `json:"serviceAccountEmailAddresses,omitempty"`
	TopicName                    string   `json:"topicName,omitempty"`
}

// customerType is the wire customerType.
func (c *customer) customerType() string {
	if c.team {
		return "team"
	}
	return "domain"
}

// viewMinimalCustomer is what customers.get shows for a customer managed
// by Google or another reseller: only kind, ID, domain and type.
func viewMinimalCustomer(c *customer) *wireCustomer {
	return &wireCustomer{
		Kind:           "reseller#customer",
		CustomerID:     c.id,
		CustomerDomain: c.domain,
		CustomerType:   c.customerType(),
	}
}

// viewCustomer is the full record of one of our customers.
func viewCustomer(c *customer) *wireCustomer {
	v := viewMinimalCustomer(c)
	verified := c.verified
	v.CustomerDomainVerified = &verified
	v.AlternateEmail = c.alternateEmail
	v.PhoneNumber = c.phone
	a := c.addr
	v.PostalAddress = &wireAddress{
		Kind:             "customers#address",
		ContactName:      a.contactName,
		OrganizationName: a.organizationName,
		AddressLine1:     a.addressLine1,
		AddressLine2:     a.addressLine2,
		AddressLine3:     a.addressLn3,
		Locality:         a.locality,
		Region:           a.region,
		PostalCode:       a.postalCode,
		CountryCode:      a.country,
	}
	if c.team && c.primaryEmail != "" {
		v.PrimaryAdmin = &wirePrimaryAdmin{PrimaryEmail: c.primaryEmail}
	}
	v.ResourceUIURL = "https://admin.google.com/ac/home?domain=" + url.QueryEscape(c.domain)
	return v
}

// wirePlanName is the plan name Google sends: ANNUAL_MONTHLY_PAY is ANNUAL.
func wirePlanName(plan string) string {
	if plan == planAnnualMonthly {
		return "ANNUAL"
	}
	return plan
}

// viewSubscription is the Subscription resource for s.
func viewSubscription(s *subscription) *wireSubscription {
	v := &wireSubscription{
		Kind:           "reseller#subscription",
		CustomerID:     s.cust.id,
		CustomerDomain: s.cust.domain,
		SubscriptionID: s.id,
		SkuID:          s.sku.id,
		SkuName:        s.sku.name,
		BillingMethod:  "ONLINE",
		CreationTime:   s.created,
		Plan: wirePlan{
			PlanName:         wirePlanName(s.plan),
			IsCommitmentPlan: s.annual(),
		},
		Seats:           wireSeats{Kind: "subscriptions#seats", LicensedNumberOfSeats: s.licensed},
		TrialSettings:   wireTrial{IsInTrial: s.inTrial, TrialEndTime: s.trialEnd},
		PurchaseOrderID: s.purchaseOrderID,
		DealCode:        s.dealCode,
		Status:          statusActive,
		ResourceUIURL: "https://admin.google.com/ac/billing/subscriptions?domain=" +
			url.QueryEscape(s.cust.domain),
	}
	seats := s.seats
	if s.annual() {
		v.Seats.NumberOfSeats = &seats
		if s.renewalType != "" {
			v.RenewalSettings = &wireRenewal{Kind: "subscriptions#renewalSettings", RenewalType: s.renewalType}
		}
	} else {
		v.Seats.MaximumNumberOfSeats = &seats
	}
	if s.offline {
		v.BillingMethod = "OFFLINE"
	} else if s.annual() && s.commitEnd > 0 {
		v.Plan.CommitmentInterval = &wireInterval{StartTime: s.commitStart, EndTime: s.commitEnd}
	}
	if s.suspended() {
		v.Status = statusSuspended
		v.SuspensionReasons = slices.Clone(s.reasons)
	}
	return v
}

// transferInfoFor is the transferInfo of a transferable listing: at least
// the seats in use (or committed, for annual plans), until the customer's
// token expires.
func transferInfoFor(s *subscription) *wireTransferInfo {
	minSeats := max(s.licensed, 1)
	if s.annual() {
		minSeats = max(minSeats, s.seats)
	}
	return &wireTransferInfo{
		MinimumTransferableSeats:      minSeats,
		TransferabilityExpirationTime: s.cust.tokenCreated + transferTokenDays*dayMS,
	}
}
