package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

// The troubleshooting catalogue: one entry per failure an engineer can
// meet, keyed on what the error looks like (method, HTTP code, reason and
// message text), with what to do next. The entries are written by area in
// cases_*.go; matchOrder below decides which is tried first.

// Links to Google's pages.
const (
	docs          = "https://developers.google.com/workspace/admin/reseller/v1/"
	linkErrors    = docs + "support/reseller_api_common_errors"
	linkLimits    = docs + "limits"
	linkCustomers = docs + "how-tos/manage_customers"
	linkLookup    = docs + "how-tos/retrieve-update-customers"
	linkSubs      = docs + "how-tos/manage_subscriptions"
	linkCreateSub = docs + "how-tos/create-subscription"
	linkStatus    = docs + "how-tos/change-subscription-status"
	linkAuthorize = docs + "how-tos/authorize"
	linkProducts  = docs + "how-tos/products"
	linkDwD       = "https://support.google.com/a/answer/162106"
	linkTransfer  = "https://support.google.com/channelservices/answer/9547629"
	linkEnableAPI = "https://console.cloud.google.com/apis/library/reseller.googleapis.com"
)

// facts is what the catalogue matches on.
type facts struct {
	method string
	code   int
	reason string
	msg    string // lower-cased message
	e      *APIError
}

func (f *facts) has(words ...string) bool {
	for _, w := range words {
		if !strings.Contains(f.msg, w) {
			return false
		}
	}
	return true
}

func (f *facts) hasAny(words ...string) bool {
	for _, w := range words {
		if strings.Contains(f.msg, w) {
			return true
		}
	}
	return false
}

func (f *facts) is(method string) bool { return f.method == method }

func (f *facts) sub() *Subscription {
	if f.e != nil {
		return f.e.Sub
	}
	return nil
}

func (f *facts) requested() int {
	if f.e != nil {
		return f.e.Requested
	}
	return 0
}

func (f *facts) transfer() bool { return f.e != nil && f.e.Transfer }

// customerID is the customer the failed call named.
func (f *facts) customerID() string {
	if f.e != nil {
		return f.e.CustomerID
	}
	return ""
}

func (f *facts) invalid400() bool { return f.code == 400 && f.reason != "badRequest" }

// entry is one catalogue row.
type entry struct {
	g Guidance
	// refs are the codes of other failures this entry also answers: the
	// same refusal reached another way (TestCatalogueEntriesComplete).
	refs  []string
	match func(f *facts) bool
	// tailor, when set, fills in what is known about the call: the plan,
	// the seat counts, the customer.
	tailor func(g *Guidance, f *facts)
}

// hasReason reports whether the subscription carries a suspension reason.
func hasReason(s *Subscription, reason string) bool {
	if s == nil {
		return false
	}
	for _, r := range s.SuspensionReasons {
		if r == reason {
			return true
		}
	}
	return false
}

// seatWords names the subscription for seat guidance: "the Business
// Standard subscription (Annual, monthly pay, 20 seats bought, 18 users)".
func seatWords(s *Subscription) string {
	if s == nil {
		return "the subscription"
	}
	name := s.SKUName.String()
	if name == "" {
		name = s.SKUID
	}
	var limit string
	if s.Plan.IsAnnual() {
		limit = fmt.Sprintf("%d seats bought", s.NumberOfSeats)
	} else {
		limit = fmt.Sprintf("a cap of %d seats", s.MaximumSeats)
	}
	return fmt.Sprintf("the %s subscription (%s, %s, %d users)", name, s.Plan.Label(), limit, s.LicensedSeats)
}

func isCustomerMethod(m string) bool { return strings.HasPrefix(m, "customers.") }

// looksLikeID reports whether a customerId is an ID rather than a domain.
func looksLikeID(s string) bool { return s != "" && !strings.Contains(s, ".") }

// CaseID names a catalogue entry. Its value (E5, TRANSFER-MIN, …) is
// stable: the audit log records it as the reason of a local refusal.
type CaseID string

// catalogue holds every entry by its case; the tables are split by area
// into the cases_*.go files.
var catalogue = index(subscriptionCases, customerCases, transferCases, batchCases, quotaCases, authCases, generalCases)

// matchOrder is the order in which the entries that match API errors are
// tried: the first match wins, so specific entries come before general
// ones, whatever their area.
var matchOrder = []CaseID{
	CaseTermsNotAccepted,
	CaseNotActive,
	CaseActivateCannotLift,
	CasePostalCode,
	CaseCountryNotResold,
	CaseCountryCode,
	CaseAlternateEmailOnDomain,
	CaseDomainTaken,
	CaseAnnualSeatsDown,
	CaseSeatsBelowUsers,
	CaseWrongSeatField,
	CaseLicensedSeatsReadOnly,
	CaseTransferReadOnlyFields,
	CaseTrialSeatCap,
	CaseSeatsMin,
	CaseSeatsMax,
	CaseFreeSeatCap,
	CaseRenewalNotAnnual,
	CaseRenewalType,
	CaseAnnualPlanChange,
	CaseNoTrialReturn,
	CasePlanSKU,
	CasePlanName,
	CaseDealMismatch,
	CaseNoPaymentPlan,
	CaseNotInTrial,
	CaseSuspendTrial,
	CaseSuspendAddOns,
	CaseNoAdministrator,
	CaseCancelWorkspace,
	CaseDeletionType,
	CaseTeamProduct,
	CaseNotResellable,
	CaseTransferSuspended,
	CaseTransferTogether, // before the general precondition any 412 of a transfer matches
	CaseTransferSetFailed,
	CaseTransferPreconditions,
	CaseTransferMinSeats,
	CaseTransferDealCode,
	CaseTransferSKU,
	CaseSKUSwitch,
	CaseVaultNeedsWorkspace,
	CaseSubscriptionExists,
	CaseSKUUnknown,
	CasePurchaseOrderLength,
	CaseDealCodeLength,
	CaseEmail,
	CaseDomain,
	CaseAddressLength,
	CaseCustomerType,
	CaseRequired,
	CaseTeamsShareDomain,
	CaseEmailVerifiedDomain,
	CaseScope,
	CaseDailyQuota,
	CaseAPIDisabled,
	CaseRateLimit403,
	CaseResellerAccessOff,
	CaseTransferToken,
	CaseNotYourCustomerList,
	CaseNoImpersonation,
	CaseRolePrivilege,
	CaseNotYourCustomer,
	CaseNotResellerAdmin,
	CaseUnauthenticated,
	CaseUnknownCustomerID,
	CaseNoAccount,
	CaseSubscriptionNotFound,
	CaseRateLimit,
	CaseOverloaded,
	CaseServerError,
	CasePageToken,
	CasePageSize,
	CaseBatchRefused,
	CaseInvalid,
	CaseCondition,
	CaseConflict,
}

// index keys the tables by case. A case listed twice keeps its first
// entry; TestCatalogueCases reports the duplicate.
func index(tables ...[]entry) map[CaseID]*entry {
	m := map[CaseID]*entry{}
	for _, t := range tables {
		for i := range t {
			if _, ok := m[t[i].g.Case]; !ok {
				m[t[i].g.Case] = &t[i]
			}
		}
	}
	return m
}

// plain is the untailored guidance of a case.
func plain(id CaseID) Guidance {
	if e, ok := catalogue[id]; ok {
		return e.g
	}
	g := catalogue[CaseUnknown].g
	g.Case = id
	return g
}

// Explain turns any error into guidance: what went wrong, why, what to do
// next, whether retrying can help and Google's page on it. The HTTP code,
// reason, message and method are always carried when known.
func Explain(err error) Guidance {
	if err == nil {
		return Guidance{}
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Guidance
	}
	if errors.Is(err, ErrReadOnly) {
		g := plain(CaseReadOnly)
		g.Message = err.Error()
		return g
	}
	if errors.Is(err, ErrNoCredentials) {
		g := plain(CaseNoCredentials)
		g.Message = redact(err.Error())
		return g
	}
	var se *SetupError
	if errors.As(err, &se) {
		g := plain(CaseSetup)
		g.Title = capitalize(se.Setting) + ": " + se.Problem
		g.Cause = se.Problem
		g.Action = se.Fix
		g.Message = redact(se.Error())
		return g
	}

	f := &facts{}
	var ae *APIError
	if errors.As(err, &ae) {
		f.e = ae
		f.method, f.code, f.reason = ae.Method, ae.Code, ae.Reason
		f.msg = strings.ToLower(ae.Message)
	} else {
		var ge *googleapi.Error
		if errors.As(err, &ge) {
			f.code, f.reason, f.msg = ge.Code, apiReason(ge), strings.ToLower(apiMessage(ge))
		}
	}
	g := explainFacts(err, f)
	g.Method = f.method
	g.Code = f.code
	g.Reason = f.reason
	switch {
	case ae != nil:
		g.Message = ae.Message
	case f.msg != "":
		var ge *googleapi.Error
		errors.As(err, &ge)
		g.Message = apiMessage(ge)
	default:
		g.Message = redact(Sanitize(err.Error()))
	}
	return g
}

func explainFacts(err error, f *facts) Guidance {
	switch {
	case errors.Is(err, context.Canceled):
		return plain(CaseCancelled)
	case f.code == 0 && f.e != nil && f.e.OutcomeUnknown:
		return plain(CaseOutcomeUnknown)
	case errors.Is(err, context.DeadlineExceeded) && f.code == 0:
		return plain(CaseTimeout)
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		if code, _ := tokenError(re); code == "unauthorized_client" {
			return plain(CaseDelegation)
		}
		return plain(CaseToken)
	}
	if f.code == 0 {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return plain(CaseTimeout)
		}
		if f.e != nil || errors.As(err, &ne) {
			return plain(CaseNetwork)
		}
		return plain(CaseUnknown)
	}
	if g, ok := lookupFacts(f); ok {
		return g
	}
	g := plain(CaseUnknown)
	g.Title = fmt.Sprintf("Unexpected error (HTTP %d)", f.code)
	return g
}

// lookupFacts returns the first matching entry, tailored.
func lookupFacts(f *facts) (Guidance, bool) {
	for _, id := range matchOrder {
		e, ok := catalogue[id]
		if ok && e.match != nil && e.match(f) {
			g := e.g
			if e.tailor != nil {
				e.tailor(&g, f)
			}
			return g, true
		}
	}
	return Guidance{}, false
}

// guidanceFor returns the catalogue entry of the case, tailored to the
// call described by e (which may be nil). Validation uses it so that a
// refusal made locally reads exactly like the API's own.
func guidanceFor(id CaseID, e *APIError) Guidance {
	g := plain(id)
	if c, ok := catalogue[id]; ok && c.tailor != nil {
		f := &facts{e: e}
		if e != nil {
			f.method = e.Method
		}
		c.tailor(&g, f)
	}
	if e != nil {
		g.Method = e.Method
	}
	return g
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
