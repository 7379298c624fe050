package client

import "time"

// Plan is a subscription's payment plan, normalised: the API returns
// ANNUAL_MONTHLY_PAY as "ANNUAL", which this package maps back so callers
// compare one value.
type Plan string

// The plans of the Reseller API.
const (
	PlanAnnualMonthly Plan = "ANNUAL_MONTHLY_PAY"
	PlanAnnualYearly  Plan = "ANNUAL_YEARLY_PAY"
	PlanFlexible      Plan = "FLEXIBLE"
	PlanTrial         Plan = "TRIAL"
	PlanFree          Plan = "FREE"
)

// IsAnnual reports whether the plan carries an annual commitment.
func (p Plan) IsAnnual() bool { return p == PlanAnnualMonthly || p == PlanAnnualYearly }

// Label is the plan's human name.
func (p Plan) Label() string {
	switch p {
	case PlanAnnualMonthly:
		return "Annual, monthly pay"
	case PlanAnnualYearly:
		return "Annual, yearly pay"
	case PlanFlexible:
		return "Flexible"
	case PlanTrial:
		return "Trial"
	case PlanFree:
		return "Free"
	}
	return string(p)
}

// Address is a customer's postal address.
type Address struct {
	ContactName      string
	OrganizationName string
	Line1            string
	Line2            string
	Line3            string
	Locality         string
	Region           string
	PostalCode       string
	CountryCode      string
}

// Customer is a reseller customer. Every string is sanitised.
type Customer struct {
	ID                string
	Domain            string
	Type              string // "domain" or "team"
	DomainVerified    bool
	AlternateEmail    string
	Phone             string
	Address           Address
	PrimaryAdminEmail string // team customers
	AdminConsoleURL   string // the API's resourceUiUrl
	// Minimal is set when the API returned only ID, domain and type: the
	// customer is managed by Google or another reseller.
	Minimal bool
}

// TransferInfo is present on subscriptions listed with a transfer token.
type TransferInfo struct {
	MinimumSeats       int
	ExpiresAt          time.Time
	CurrentLegacySKUID string
}

// Subscription is one subscription. Every string is sanitised; times are
// zero when the API left them out.
type Subscription struct {
	CustomerID        string
	CustomerDomain    string
	ID                string
	SKUID             string
	SKUName           string
	Plan              Plan
	IsCommitment      bool
	CommitmentStart   time.Time
	CommitmentEnd     time.Time
	NumberOfSeats     int // annual plans: seats bought
	MaximumSeats      int // flexible and trial plans: the cap
	LicensedSeats     int // users holding a licence (read-only)
	Status            string
	SuspensionReasons []string
	RenewalType       string
	InTrial           bool
	TrialEnd          time.Time
	PurchaseOrderID   string
	DealCode          string
	BillingMethod     string
	Created           time.Time
	AdminConsoleURL   string
	Transfer          *TransferInfo
}

// SeatLimit is the seat count that bounds the subscription: seats bought on
// an annual plan, the cap otherwise.
func (s Subscription) SeatLimit() int {
	if s.Plan.IsAnnual() {
		return s.NumberOfSeats
	}
	return s.MaximumSeats
}

// Suspended reports whether the subscription is suspended.
func (s Subscription) Suspended() bool { return s.Status == "SUSPENDED" }

// LookupKind classifies the answer to a customer lookup.
type LookupKind int

// The four answers customers.get can give a lookup.
const (
	// LookupYours: the full record; the customer is managed by you.
	LookupYours LookupKind = iota
	// LookupManagedElsewhere: a minimal record; Google or another reseller
	// manages it, and the way in is a transfer.
	LookupManagedElsewhere
	// LookupMultipleTeams: the domain has team customers; look up by ID.
	LookupMultipleTeams
	// LookupAvailable: 404, no Google account: order a new customer.
	LookupAvailable
)

// Lookup is the classified result of looking up a customer by ID or domain.
type Lookup struct {
	Query string
	// Note says how the typed text was read when it was not taken as
	// typed (an email's domain, a capital C, punycode); "" otherwise.
	Note     string
	Kind     LookupKind
	Customer *Customer // nil for LookupMultipleTeams and LookupAvailable
	// Guidance explains every kind but LookupYours, with the next steps
	// (transfer, look up by ID, order a new customer).
	Guidance *Guidance
}

// NextAction names the one step that guidance points to, so a front end can
// offer a key that takes the user there.
type NextAction string

// The next actions guidance can point to.
const (
	NextNone             NextAction = ""
	NextActivate         NextAction = "activate"
	NextStartPaidService NextAction = "start-paid-service"
	NextRenewalSettings  NextAction = "renewal-settings"
	NextCreateCustomer   NextAction = "create-customer"
	NextTransfer         NextAction = "transfer"
	NextLookupByID       NextAction = "lookup-by-id"
	NextRetry            NextAction = "retry"
)

// Guidance is the troubleshooting catalogue's explanation of a failure.
type Guidance struct {
	Title     string // one line: what went wrong
	Cause     string // why
	Action    string // what to do now
	Retryable bool   // whether trying again later can succeed
	Link      string // Google's page on it
	Next      NextAction
	// Case is the catalogue entry's key (CaseAnnualSeatsDown,
	// CaseNetwork, …), so front ends and tests can tell entries apart
	// without comparing prose.
	Case CaseID

	// What the API said, always shown: HTTP code (0 when no answer came),
	// reason, message, and the method that failed.
	Code    int
	Reason  string
	Message string
	Method  string
}

// EventKind says what a client event reports.
type EventKind int

// The events a call reports while it runs.
const (
	// EventRetryWait: a transient failure; the call waits Wait, until
	// Until, before attempt Attempt+1 of MaxAttempts.
	EventRetryWait EventKind = iota
	// EventOutcomeUnknown: a write was sent but no answer came; the client
	// re-reads before deciding whether to resend.
	EventOutcomeUnknown
	// EventAlreadyApplied: the re-read found the change applied; it is not
	// sent again.
	EventAlreadyApplied
	// EventListRestarted: the API refused a page token (the listing changed
	// or the token went stale); the pager starts the listing again from
	// the first page.
	EventListRestarted
)

// Event reports progress of a running call, for the UI's countdowns.
type Event struct {
	Kind        EventKind
	Method      string // e.g. "subscriptions.changeSeats"
	Attempt     int    // the attempt that just failed, from 1
	MaxAttempts int
	Wait        time.Duration
	Until       time.Time
	Code        int    // HTTP code of the failure, 0 for a connection error
	Reason      string // e.g. "quotaExceeded"
	Message     string
	// Cause says what failed in a few words: "429 quotaExceeded",
	// "connection refused", "no answer in 30 s".
	Cause string
	// ReRead marks the events of the read that checks, after a write's
	// answer was lost, whether the change was applied: their Method and
	// Attempt are the re-read's own, not the write's.
	ReRead bool
}
