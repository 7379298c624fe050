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
// message text), with what to do next. Entries are tried in order; the
// first match wins, so specific entries come before general ones.

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
	// refs are the other spec rows this entry answers, e.g. the field
	// failure that looks the same as a seed row.
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
	name := s.SKUName
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

func isChange(m string) bool {
	switch m {
	case "subscriptions.changeSeats", "subscriptions.changePlan", "subscriptions.changeRenewalSettings",
		"subscriptions.startPaidService", "subscriptions.suspend", "subscriptions.activate", "subscriptions.delete":
		return true
	}
	return false
}

func isCustomerMethod(m string) bool { return strings.HasPrefix(m, "customers.") }

// looksLikeID reports whether a customerId is an ID rather than a domain.
func looksLikeID(s string) bool { return s != "" && !strings.Contains(s, ".") }

var catalogue = []entry{
	// ---- Subscription state (seed 000, E1; field failure S7) ----
	{
		g: Guidance{Case: "S7", Title: "The customer has not accepted the Terms of Service",
			Cause:  "The subscription is suspended with PENDING_TOS_ACCEPTANCE: the customer's admin has not signed in to the Admin console and accepted the Google Workspace via Reseller terms. Only the customer can lift this suspension; activate cannot.",
			Action: "Ask the customer's super admin to sign in to the Admin console and accept the terms; the subscription then becomes active on its own. Open the subscription's Admin console link to guide them.",
			Link:   linkStatus},
		match: func(f *facts) bool {
			return hasReason(f.sub(), "PENDING_TOS_ACCEPTANCE") &&
				(f.reason == "badRequest" || (f.is("subscriptions.activate") && f.code == 412))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && s.AdminConsoleURL != "" {
				g.Action += " Admin console: " + s.AdminConsoleURL
			}
		},
	},
	{
		g: Guidance{Case: "E1", Title: "The subscription is suspended or cancelled",
			Cause:  "Google refuses changes to a subscription that is not active (400 badRequest).",
			Action: "Activate the subscription first (subscriptions.activate), then make the change again.",
			Next:   NextActivate, Link: linkErrors},
		refs:  []string{"S6"},
		match: func(f *facts) bool { return f.code == 400 && f.reason == "badRequest" },
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && len(s.SuspensionReasons) > 0 && !hasReason(s, "RESELLER_INITIATED") {
				g.Cause += " It is suspended for " + strings.Join(s.SuspensionReasons, ", ") + ", which activate cannot lift."
			}
		},
	},
	{
		g: Guidance{Case: "ACTIVATE-NOT-RESELLER", Title: "Activate cannot lift this suspension",
			Cause:  "activate only lifts a suspension you made (RESELLER_INITIATED). Suspensions for abuse (OTHER), an ended trial (TRIAL_ENDED) or a cancelled renewal (RENEWAL_WITH_TYPE_CANCEL) are lifted by other means.",
			Action: "For TRIAL_ENDED assign a plan (change plan); for RENEWAL_WITH_TYPE_CANCEL place a new order; for OTHER contact Google support.",
			Link:   linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.activate") && f.code == 412 },
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && len(s.SuspensionReasons) > 0 {
				g.Cause += " This subscription is suspended for: " + strings.Join(s.SuspensionReasons, ", ") + "."
			}
		},
	},

	// ---- Customer orders and updates (E2–E4, D3, C8) ----
	{
		g: Guidance{Case: "E2", Title: "The postal code is not valid",
			Cause:  "Google checks postalAddress.postalCode against the country (400 invalid).",
			Action: "Fix the postal code so that it matches the country's format, then send again.",
			Link:   linkErrors},
		match: func(f *facts) bool { return f.invalid400() && isCustomerMethod(f.method) && f.has("postalcode") },
	},
	{
		g: Guidance{Case: "E3", Title: "Google Workspace cannot be resold in this country",
			Cause:  "postalAddress.countryCode is not a country you may resell Google Workspace to (400 invalid).",
			Action: "Check the country code; if it is right, this customer cannot be served through the reseller channel (see the Partner Sales Console's country list).",
			Link:   linkErrors},
		match: func(f *facts) bool {
			return f.invalid400() && isCustomerMethod(f.method) && f.has("country") && f.hasAny("resold", "resell")
		},
	},
	{
		g: Guidance{Case: "COUNTRY", Title: "The country code is not a 2-letter ISO code",
			Cause:  "postalAddress.countryCode must be an ISO 3166-1 alpha-2 code such as US, FR or VN.",
			Action: "Enter the 2-letter code of the customer's country.",
			Link:   linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && isCustomerMethod(f.method) && f.has("countrycode") },
	},
	{
		g: Guidance{Case: "E4", Title: "The alternate email is on the customer's own domain",
			Cause:  "alternateEmail must be outside the customer's domain: it is how Google reaches the admin when the domain's mail does not work yet (400 invalid).",
			Action: "Use an address on another domain (for example the admin's personal or your company's address).",
			Link:   linkErrors},
		match: func(f *facts) bool { return f.invalid400() && f.has("alternateemail") && f.hasAny("domain") },
	},
	{
		g: Guidance{Case: "D3", Title: "A Google account already exists for this domain",
			Cause:  "The domain already has a Google Workspace or Cloud Identity account, direct or with another reseller, so a new customer cannot be ordered for it (409).",
			Action: "Switch to the transfer flow: ask the customer for a transfer token, list its transferable subscriptions and transfer them.",
			Next:   NextTransfer, Link: linkCustomers},
		refs: []string{"C8"},
		match: func(f *facts) bool {
			return f.is("customers.insert") && (f.code == 409 || f.has("already exists"))
		},
	},

	// ---- changeSeats (E5–E9; S1, S2) ----
	{
		g: Guidance{Case: "E5", Title: "Seats on an annual plan cannot go down",
			Cause:  "An annual commitment is paid for the whole term: numberOfSeats can only be raised until the renewal (400 invalid).",
			Action: "Keep the seats; to pay for fewer next term, set the renewal to RENEW_CURRENT_USERS_MONTHLY_PAY or RENEW_CURRENT_USERS_YEARLY_PAY so the renewal follows the active user count.",
			Next:   NextRenewalSettings, Link: linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.hasAny("reduce", "decrease")
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("%s is an annual commitment: its %d seats can only be raised until the renewal, and %d were asked for.",
					capitalize(seatWords(s)), s.NumberOfSeats, f.requested())
				if strings.HasPrefix(s.RenewalType, "RENEW_CURRENT_USERS") {
					// Advice to set what is already set would send the
					// user in a circle.
					g.Action = "Keep the seats: the renewal is already " + s.RenewalType +
						", so the next term is paid for the users licensed then; remove licences from users to pay for fewer."
				}
			}
		},
	},
	{
		g: Guidance{Case: "E6", Title: "Fewer seats than the customer has users",
			Cause:  "The seat count cannot go below the number of users holding a licence (400 invalid).",
			Action: "Ask the customer to delete or unlicense users first, then lower the seats.",
			Link:   linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.hasAny("number of users", "lower than", "below the number")
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("%s has %d users holding a licence; %d seats cannot cover them.",
					capitalize(seatWords(s)), s.LicensedSeats, f.requested())
				g.Action = fmt.Sprintf("Ask the customer to remove at least %d users, or keep %d seats or more.",
					s.LicensedSeats-f.requested(), s.LicensedSeats)
			}
		},
	},
	{
		g: Guidance{Case: "E7", Title: "The wrong seat field for this plan",
			Cause:  "Annual plans take numberOfSeats; flexible and trial plans take maximumNumberOfSeats (400 invalid). A tool sent the other one.",
			Action: "Send the field that matches the plan. resold picks it from the plan it read, so refresh the subscription (its plan may have changed) and try again.",
			Link:   linkErrors},
		refs: []string{"S2"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() &&
				(f.has("maximumnumberofseats") || f.has("seats provided are not valid"))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				field := "maximumNumberOfSeats"
				if s.Plan.IsAnnual() {
					field = "numberOfSeats"
				}
				g.Cause += fmt.Sprintf(" resold read the plan as %s and sent %s.", s.Plan.Label(), field)
			}
		},
	},
	{
		g: Guidance{Case: "E8", Title: "licensedNumberOfSeats is read-only",
			Cause:  "licensedNumberOfSeats counts users holding a licence; Google sets it and refuses it in a request (400 invalid).",
			Action: "Drop licensedNumberOfSeats from the request and send only numberOfSeats (annual) or maximumNumberOfSeats (flexible, trial).",
			Link:   linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.has("licensed", "read-only")
		},
	},
	{
		g: Guidance{Case: "D4", Title: "The transfer order re-sent read-only fields",
			Cause:  "The order carried licensedNumberOfSeats, as happens when the subscription returned by the list is sent back as is (400 \"Licensed number of seats field is read-only\").",
			Action: "Build a fresh order: skuId, plan, numberOfSeats or maximumNumberOfSeats at least transferInfo.minimumTransferableSeats, purchaseOrderId, and the transfer token. resold's transfer form does this.",
			Next:   NextTransfer, Link: linkSubs},
		refs: []string{"T1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.invalid400() && f.has("licensed", "read-only")
		},
	},
	{
		g: Guidance{Case: "E9", Title: "A trial is limited to 10 seats",
			Cause:  "During the free trial a subscription holds at most 10 seats (400 invalid).",
			Action: "Start paid service (subscriptions.startPaidService) to end the trial and lift the cap; a payment plan must be assigned first (change plan).",
			Next:   NextStartPaidService, Link: linkErrors},
		refs:  []string{"S1"},
		match: func(f *facts) bool { return f.invalid400() && f.has("trial") && f.has("10") },
		tailor: func(g *Guidance, f *facts) {
			if f.requested() > 0 {
				g.Cause = fmt.Sprintf("During the free trial a subscription holds at most 10 seats; %d were asked for.", f.requested())
			}
		},
	},
	{
		g: Guidance{Case: "SEATS-MIN", Title: "The seat count must be at least 1",
			Cause: "A subscription needs at least one seat.", Action: "Enter a positive number of seats.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("seats") && f.has("at least 1") },
	},
	{
		g: Guidance{Case: "SEATS-MAX", Title: "More seats than a customer may have",
			Cause:  "A customer can have at most 50,000 users, or your reseller contract's maximum.",
			Action: "Order fewer seats, or ask your Google partner manager to raise the contract's maximum.",
			Link:   linkLimits},
		match: func(f *facts) bool { return f.invalid400() && f.has("seats") && f.hasAny("maximum of", "exceeds") },
	},
	{
		g: Guidance{Case: "FREE-CAP", Title: "Cloud Identity Free is limited to 50 seats",
			Cause:  "The FREE plan of Cloud Identity holds at most 50 users.",
			Action: "Keep 50 seats or fewer, or order Cloud Identity Premium for more users.",
			Link:   linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("50 seats") },
	},

	// ---- Plans and renewal (E16; spec §4.3) ----
	{
		g: Guidance{Case: "E16", Title: "Only annual plans have renewal settings",
			Cause:  "changeRenewalSettings applies to ANNUAL_MONTHLY_PAY and ANNUAL_YEARLY_PAY only (412 conditionNotMet).",
			Action: "Nothing to renew on a flexible or trial plan; to commit for a year, change the plan to an annual one.",
			Link:   linkErrors},
		refs: []string{"S4"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeRenewalSettings") && (f.code == 412 || f.has("annual commitment plans"))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("This subscription is on the %s plan; renewal settings exist only on annual plans (ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY).", s.Plan.Label())
			}
		},
	},
	{
		g: Guidance{Case: "RENEWAL-TYPE", Title: "Not a renewal type",
			Cause:  "renewalType must be one of AUTO_RENEW_MONTHLY_PAY, AUTO_RENEW_YEARLY_PAY, RENEW_CURRENT_USERS_MONTHLY_PAY, RENEW_CURRENT_USERS_YEARLY_PAY, RENEW_ON_PROPOSED_OFFER, SWITCH_TO_PAY_AS_YOU_GO or CANCEL.",
			Action: "Pick one of the renewal types offered.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("renewaltype") },
	},
	{
		g: Guidance{Case: "ANNUAL-PLAN-CHANGE", Title: "An annual commitment plan cannot be changed mid-term",
			Cause:  "changePlan moves trial and flexible subscriptions to a plan; an annual plan keeps its plan until the renewal (400 invalid).",
			Action: "To leave the annual plan at the end of the term, set the renewal to SWITCH_TO_PAY_AS_YOU_GO.",
			Next:   NextRenewalSettings, Link: linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.changePlan") && f.invalid400() && f.has("annual commitment plan")
		},
	},
	{
		g: Guidance{Case: "NO-TRIAL-RETURN", Title: "A subscription cannot go back to a trial",
			Cause: "TRIAL is where subscriptions start, not a plan to change to.", Action: "Choose a flexible or annual plan.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.changePlan") && f.invalid400() && f.has("trial plan") },
	},
	{
		g: Guidance{Case: "PLAN-SKU", Title: "This plan is not offered for this product",
			Cause:  "Each SKU allows only some plans: Workspace Essentials is flexible only, Enterprise Essentials annual only, Cloud Identity Free only FREE, Vault flexible or trial.",
			Action: "Pick one of the plans the order form offers for this SKU.", Link: linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("plan") && f.has("not available") },
	},
	{
		g: Guidance{Case: "PLAN-NAME", Title: "Not a plan name",
			Cause:  "planName must be ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY, FLEXIBLE or TRIAL (FREE for Cloud Identity Free).",
			Action: "Pick one of the plans offered.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("planname") },
	},
	{
		g: Guidance{Case: "DEAL-MISMATCH", Title: "A different deal code is already on the subscription",
			Cause:  "A subscription keeps the deal code it was ordered with; changePlan accepts only the same code or none.",
			Action: "Leave the deal code empty to keep the current one.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("dealcode") && f.has("differs") },
	},
	{
		g: Guidance{Case: "NO-PAYMENT-PLAN", Title: "The trial has no payment plan yet",
			Cause:  "startPaidService ends a trial by starting the plan assigned to it; none is assigned (412 conditionNotMet).",
			Action: "Assign a plan with change plan (flexible or annual), then start paid service.",
			Link:   linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.startPaidService") && f.hasAny("payment plan", "changeplan first")
		},
	},
	{
		g: Guidance{Case: "NOT-IN-TRIAL", Title: "The subscription is not in a trial",
			Cause:  "startPaidService applies only to subscriptions in their free trial (412 conditionNotMet).",
			Action: "Nothing to do: the subscription is already paid.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.startPaidService") && f.code == 412 },
	},
	{
		g: Guidance{Case: "SUSPEND-TRIAL", Title: "Trial and free subscriptions cannot be suspended",
			Cause:  "Only paid subscriptions in the ACTIVE state can be suspended (412 conditionNotMet).",
			Action: "Let the trial run out, or delete the subscription.", Link: linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.suspend") && f.has("trial") },
	},
	{
		g: Guidance{Case: "SUSPEND-ADDONS", Title: "Cancel the add-ons before suspending Google Workspace",
			Cause:  "Google Drive storage and Google Vault subscriptions depend on Google Workspace and must go first.",
			Action: "Cancel the customer's Drive storage and Vault subscriptions, then suspend Google Workspace.", Link: linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.suspend") && f.hasAny("vault", "drive storage") },
	},

	// ---- Deletion (E17, T6, T7) ----
	{
		g: Guidance{Case: "E17", Title: "The customer's account has no administrator",
			Cause:  "Google needs an administrator on the account before the subscription can be cancelled or transferred to direct billing (412 conditionNotMet).",
			Action: "Add a temporary administrator to the customer's account (Admin console or Directory API), then delete again.",
			Next:   NextRetry, Link: linkErrors},
		refs:  []string{"T7"},
		match: func(f *facts) bool { return f.is("subscriptions.delete") && f.code == 412 },
	},
	{
		g: Guidance{Case: "T6", Title: "cancel does not apply to Google Workspace",
			Cause:  "deletionType=cancel is deprecated and only for other products; a Google Workspace subscription leaves you with transfer_to_direct.",
			Action: "Delete with transfer_to_direct: the customer moves to direct billing with Google without interruption. To pause service, suspend instead.",
			Link:   linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.delete") && f.invalid400() && f.has("cancel") && f.hasAny("does not apply", "workspace")
		},
	},
	{
		g: Guidance{Case: "DELETION-TYPE", Title: "Not a deletion type",
			Cause:  "deletionType must be cancel (non-Workspace products) or transfer_to_direct.",
			Action: "Pick transfer_to_direct for Google Workspace, cancel for other products.", Link: linkSubs},
		match: func(f *facts) bool { return f.has("deletiontype") },
	},

	// ---- Orders and transfers (E18, D1, T3, T9; spec §4.3) ----
	{
		g: Guidance{Case: "D1", Title: "A team customer cannot buy this product",
			Cause:  "Team (email-verified) customers may buy only Google Workspace Essentials and Enterprise Essentials.",
			Action: "Order one of those, or have the customer verify its domain first to become a domain customer.",
			Link:   linkCustomers},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("not eligible") },
	},
	{
		g: Guidance{Case: "E18", Title: "This product cannot be sold to this customer yet",
			Cause:  "You may not resell this SKU, or not to this emerging-market customer, until the applicable terms of service are accepted (412 conditionNotMet).",
			Action: "Accept the applicable terms of service in the Partner Sales Console, then order again.",
			Link:   linkErrors},
		refs: []string{"T8"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.code == 412 && f.hasAny("terms of service", "emerging", "resold", "resell")
		},
	},
	{
		g: Guidance{Case: "TRANSFER-SUSPENDED", Title: "This suspended subscription cannot be transferred",
			Cause:  "A suspended subscription transfers only when suspended for PENDING_TOS_ACCEPTANCE, TRIAL_ENDED or RENEWAL_WITH_TYPE_CANCEL.",
			Action: "Ask the customer (or its current reseller) to resolve the suspension first.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.code == 412 && f.has("suspended") },
	},
	{
		g: Guidance{Case: "T9", Title: "The transfer's preconditions are not met",
			Cause:  "Google refused the transfer (412 conditionNotMet). With a test (sandbox) reseller, customer domains must start with goog-test and include your reseller domain; otherwise a product rule blocks it (nonprofit or legacy free editions, add-ons that must move together).",
			Action: "With a test reseller rename the test domain accordingly; otherwise transfer all the customer's products together and check the transferable list for the SKU to use.",
			Link:   linkTransfer},
		refs: []string{"T2", "T5"},
		match: func(f *facts) bool {
			return f.has("goog-test") || (f.is("subscriptions.insert") && f.transfer() && f.code == 412)
		},
	},
	{
		g: Guidance{Case: "TRANSFER-MIN", Title: "Fewer seats than the transfer needs",
			Cause:  "A transfer must order at least transferInfo.minimumTransferableSeats seats: the customer's current users or commitment.",
			Action: "Order at least the minimum shown in the transferable list.", Next: NextTransfer, Link: linkTransfer},
		refs:  []string{"T4"},
		match: func(f *facts) bool { return f.invalid400() && f.has("minimumtransferableseats") },
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && s.Transfer != nil {
				g.Cause = fmt.Sprintf("A transfer of %s must order at least %d seats; %d were asked for.", s.SKUName, s.Transfer.MinimumSeats, f.requested())
			}
		},
	},
	{
		g: Guidance{Case: "TRANSFER-DEAL", Title: "Transfers cannot carry a deal code",
			Cause: "Discount deal codes apply to new orders only.", Action: "Remove the deal code from the transfer.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("deal code") && f.has("transfer") },
	},
	{
		g: Guidance{Case: "TRANSFER-SKU", Title: "Transfer first, then change the SKU",
			Cause:  "A transfer keeps the product the customer has; it cannot switch SKU at the same time.",
			Action: "Transfer with the SKU shown in the transferable list, then upgrade or downgrade.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("transfer") && f.has("switch sku") },
	},
	{
		g: Guidance{Case: "SKU-SWITCH", Title: "This SKU change is not allowed",
			Cause:  "Upgrades and downgrades follow Google's matrix; an annual plan cannot be downgraded mid-term, ANNUAL_YEARLY_PAY cannot be upgraded directly, Enterprise → Business needs 300 seats or fewer, Enterprise Essentials → Enterprise needs a verified domain.",
			Action: "For an annual plan set the renewal to SWITCH_TO_PAY_AS_YOU_GO and change after the renewal; otherwise pick an allowed target SKU.",
			Link:   linkCreateSub},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.hasAny("upgrade", "downgrade", "sourceskuid", "verified")
		},
	},
	{
		g: Guidance{Case: "VAULT-NEEDS-WORKSPACE", Title: "Google Vault needs an active Google Workspace subscription",
			Cause: "Vault is an add-on to an active Workspace subscription.", Action: "Order or activate Google Workspace first.", Link: linkProducts},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("vault") },
	},
	{
		g: Guidance{Case: "SUB-EXISTS", Title: "The customer already has this product",
			Cause:  "A customer holds one subscription per SKU (409).",
			Action: "Change the seats or plan of the existing subscription instead of ordering it again.", Link: linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && (f.code == 409 || f.has("already has a subscription"))
		},
	},
	{
		g: Guidance{Case: "SKU-UNKNOWN", Title: "Not a SKU this API sells",
			Cause: "skuId is not one of the Reseller API's product SKUs.", Action: "Pick a product from the order form's list.", Link: linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("skuid") },
	},
	{
		g: Guidance{Case: "PO-LENGTH", Title: "The purchase order ID is too long",
			Cause: "purchaseOrderId holds at most 80 plain-text characters.", Action: "Shorten the purchase order ID.", Link: linkLimits},
		match: func(f *facts) bool { return f.invalid400() && f.has("purchaseorderid") },
	},
	{
		g: Guidance{Case: "DEAL-LENGTH", Title: "The deal code is too long",
			Cause: "dealCode holds at most 100 characters.", Action: "Check the deal code you were given.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("dealcode") },
	},

	{
		g: Guidance{Case: "EMAIL-INVALID", Title: "Not a valid email address",
			Cause:  "The address must be a plain address such as admin@example.net.",
			Action: "Correct the address.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.hasAny("alternateemail", "primaryemail") },
	},
	{
		g: Guidance{Case: "DOMAIN", Title: "Not a valid customer domain",
			Cause:  "customerDomain is the customer's primary domain, such as example.com, without www.",
			Action: "Enter the domain without www., http:// or a path.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.has("customerdomain") },
	},
	{
		g: Guidance{Case: "ADDRESS-LENGTH", Title: "An address field is too long",
			Cause: "Each postal address field holds at most 255 characters.", Action: "Shorten the field.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.has("255") },
	},
	{
		g: Guidance{Case: "CUSTOMER-TYPE", Title: "The customer type cannot change",
			Cause:  "customerType is domain or team and cannot be updated through the API; a team customer becomes a domain customer by verifying its domain.",
			Action: "Leave the customer type as it is.", Link: linkLookup},
		match: func(f *facts) bool { return f.invalid400() && f.has("customertype") },
	},
	{
		g: Guidance{Case: "PLAIN-TEXT", Title: "Only plain text is allowed here",
			Cause:  "The field must not hold control characters, tabs, line breaks or invisible formatting characters.",
			Action: "Retype the value as plain text."},
	},
	{
		g: Guidance{Case: "REQUIRED", Title: "A required field is missing",
			Cause:  "The API needs this field (400 required); the message names it.",
			Action: "Fill in the field and send again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 400 && f.reason == "required" },
	},

	// ---- Customer lookup (D2, C3, C4) ----
	{
		// Refused locally (ValidateLookup), before a customers.get that
		// could only answer 404 and look like an available domain.
		g: Guidance{Case: "LOOKUP", Title: "Not a customer ID or a domain",
			Cause:  "A lookup takes a customer ID, C followed by letters and digits (C0123abcd), or the customer's primary domain (example.com): letters, digits and hyphens between dots, in any case.",
			Action: "Enter the customer ID or the primary domain, without www., http://, a path or an email address.",
			Link:   linkLookup},
	},
	{
		g: Guidance{Case: "C1", Title: "Managed by Google or another reseller",
			Cause:  "The lookup returned only the customer's ID, domain and type: the customer exists, but Google (direct) or another reseller manages it. No new account can be made for it.",
			Action: "Ask the customer's admin for a transfer token, list its transferable subscriptions (whether each can move, and the minimum seats), then transfer them.",
			Next:   NextTransfer, Link: linkLookup},
		refs: []string{"C2"},
	},

	{
		g: Guidance{Case: "D2", Title: "Several team customers share this domain",
			Cause:  "The domain has one or more team (email-verified) customers, so the domain does not name one customer.",
			Action: "Look the customer up by its customer ID (C0…). To add another team, order a new customer; for a domain-verified customer, the customer buys direct from Google, verifies the domain, takes over the teams, then transfers to you.",
			Next:   NextLookupByID, Link: linkLookup},
		refs:  []string{"C3"},
		match: func(f *facts) bool { return f.has("multiple teams exist") },
	},
	{
		g: Guidance{Case: "C4", Title: "This domain is linked to email-verified customers",
			Cause:  "Google answers \"Customer domain … is linked to one or more email verified customers\": the domain does not name one customer.",
			Action: "Retry with the customer's ID (C0…) instead of its domain.",
			Next:   NextLookupByID, Link: linkLookup},
		match: func(f *facts) bool { return f.has("email verified customers") },
	},

	// ---- Access (E10–E12, E21, A2–A4, A7, scope) ----
	{
		g: Guidance{Case: "SCOPE", Title: "The access token only allows reading",
			Cause:  "The token lacks the apps.order scope that every change needs: it was issued for apps.order.readonly, or the scope is missing from the domain-wide delegation entry.",
			Action: "Start resold without --read-only, and make sure the service account's client ID is allowed https://www.googleapis.com/auth/apps.order under domain-wide delegation.",
			Link:   linkAuthorize},
		match: func(f *facts) bool {
			return f.code == 403 && (f.reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT" || f.has("insufficient authentication scopes"))
		},
	},
	{
		g: Guidance{Case: "E13", Title: "The project's daily quota is spent",
			Cause:  "The Google Cloud project has used its Reseller API requests for the day (403 dailyLimitExceeded); the quota resets at midnight Pacific time. Retrying now only fails again.",
			Action: "Wait for the reset, or raise the quota in the Cloud console. To read many subscriptions, list them all without customerId, 100 per page with pageToken, as resold's pager does.",
			Link:   linkLimits},
		refs:  []string{"Q1", "Q2"},
		match: func(f *facts) bool { return f.code == 403 && f.reason == "dailyLimitExceeded" },
	},
	{
		g: Guidance{Case: "E14", Title: "The Reseller API is not enabled in the Cloud project",
			Cause:  "The project that owns the credentials has not enabled the Google Workspace Reseller API (403 accessNotConfigured).",
			Action: "Enable the Reseller API for the project in the Google Cloud console (" + linkEnableAPI + "), wait a few minutes, then try again.",
			Link:   linkErrors},
		refs:  []string{"A6"},
		match: func(f *facts) bool { return f.code == 403 && f.reason == "accessNotConfigured" },
	},
	{
		g: Guidance{Case: "RATE-403", Title: "Too many requests",
			Cause:     "Google limited the request rate (403 rate limit exceeded).",
			Action:    "resold backs off and retries on its own; if it keeps failing, wait a minute and make fewer calls (list 100 per page).",
			Retryable: true, Next: NextRetry, Link: linkLimits},
		refs:  []string{"Q1"},
		match: func(f *facts) bool { return f.code == 403 && rateLimitReasons[f.reason] },
	},
	{
		g: Guidance{Case: "A4", Title: "The customer turned off reseller access",
			Cause:  "The customer's admin disabled reseller access (Admin console › Account settings › Account management › Reseller access), so you cannot manage it (403 forbidden).",
			Action: "Ask the customer's super admin to turn reseller access back on.",
			Link:   linkErrors},
		refs:  []string{"E10"},
		match: func(f *facts) bool { return f.code == 403 && f.has("reseller access") },
	},
	{
		g: Guidance{Case: "E12", Title: "The transfer token is invalid or has expired",
			Cause:  "A customerAuthToken is valid for a limited time (30 days per the API's limits page; the Help Center says 14) and belongs to one customer and one reseller (403 forbidden).",
			Action: "Ask the customer's admin to generate a new transfer token for your Reseller Public Identifier, and check that the customer ID matches.",
			Next:   NextTransfer, Link: linkTransfer},
		refs: []string{"T3"},
		match: func(f *facts) bool {
			return f.code == 403 && (f.transfer() || f.hasAny("customerauthtoken", "transfer token"))
		},
	},
	{
		// Refused locally (ValidateTransferToken): the API answers a
		// malformed token as an invalid one, E12.
		g: Guidance{Case: "TRANSFER-TOKEN", Title: "Not a transfer token",
			Cause:  "A transfer token (customerAuthToken) is the string of hexadecimal digits (0-9, a-f) that the customer's super admin generates in the Admin console for your Reseller Public Identifier and sends you; it is valid for 30 days.",
			Action: "Copy the token again from the customer's message, in one piece, without quotes; if it is lost or old, ask the admin for a new one.",
			Link:   linkTransfer},
	},
	{
		g: Guidance{Case: "E11", Title: "You do not manage this customer",
			Cause:  "Listing a customer's subscriptions needs the customer to be yours (403 forbidden).",
			Action: "Check the customer ID; to take the customer over, list its transferable subscriptions with its transfer token.",
			Next:   NextTransfer, Link: linkSubs},
		match: func(f *facts) bool { return f.code == 403 && f.is("subscriptions.list") && f.reason == "forbidden" },
	},
	{
		g: Guidance{Case: "A2", Title: "The service account is not acting as a reseller admin",
			Cause:  "Google answers 403 \"Not Authorized to access this resource/api\" when a service account calls without impersonating an admin (no subject), or impersonates a user who is not an admin of the reseller domain.",
			Action: "Set --subject (RESOLD_SUBJECT) to a super admin or reseller admin of your reseller domain, and check the domain-wide delegation entry for the service account.",
			Link:   linkDwD},
		match: func(f *facts) bool { return f.code == 403 && f.has("not authorized to access this resource") },
	},
	{
		g: Guidance{Case: "A7", Title: "Your admin role lacks a reseller privilege",
			Cause:  "A delegated admin can be refused some actions only: the role lacks the Partner Sales Console privileges (add, edit or transfer customers).",
			Action: "Ask a super admin of the reseller domain to extend the role, or impersonate a super admin.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 403 && f.hasAny("permission", "privilege") },
	},
	{
		g: Guidance{Case: "E10", Title: "You do not manage this customer",
			Cause:  "The customer belongs to Google or another reseller, or has revoked your access (403 forbidden).",
			Action: "Check the customer ID with a lookup; if it is managed elsewhere, take it over with a transfer; if it is yours, ask the customer to restore reseller access.",
			Link:   linkErrors},
		refs:  []string{"A4"},
		match: func(f *facts) bool { return f.code == 403 },
	},
	{
		g: Guidance{Case: "A3", Title: "Not signed in as an admin of the reseller domain",
			Cause:  "customers.insert was refused (401): the account or impersonated subject belongs to the customer's domain, not to your reseller domain, or the credentials are invalid.",
			Action: "Sign in as, or set --subject to, a super admin or reseller admin of the reseller domain.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 401 && f.is("customers.insert") },
	},
	{
		g: Guidance{Case: "E21", Title: "The request was not authenticated",
			Cause:  "The API refused the credentials (401): no token was sent, or the token is invalid, expired or revoked.",
			Action: "Check the credentials: --credentials with --subject for a service account, or RESOLD_TOKEN for a static token (emulator). A static token does not renew itself: get a fresh one.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 401 },
	},

	// ---- Not found (E15, C5, S5) ----
	{
		g: Guidance{Case: "C5", Title: "No customer has this ID",
			Cause:  "Google knows no customer with this ID. Your records may hold a stale ID: a deleted account that was restored gets a new customer ID but may keep its domain.",
			Action: "Look the customer up by its domain to find its current ID, then update your records; if the domain is unknown too, order a new customer.",
			Next:   NextCreateCustomer, Link: linkLookup},
		match: func(f *facts) bool {
			return f.code == 404 && (f.is("customers.get") || f.has("customer")) && looksLikeID(f.customerID())
		},
	},
	{
		g: Guidance{Case: "E15", Title: "No Google account exists for this customer",
			Cause:  "The domain or ID is new to Google (404): the domain is available.",
			Action: "Check your records do not hold a stale customer, then order a new customer (customers.insert) and create its subscriptions.",
			Next:   NextCreateCustomer, Link: linkLookup},
		refs:  []string{"C5"},
		match: func(f *facts) bool { return f.code == 404 && (f.is("customers.get") || f.has("customer")) },
	},
	{
		g: Guidance{Case: "S5", Title: "The subscription was not found",
			Cause:  "A subscription ID changes when the subscription is upgraded, downgraded or transferred, and a deleted subscription disappears (404). The ID used may be stale.",
			Action: "Refresh the customer's subscriptions and pick the subscription by its product (SKU), not by a remembered ID.",
			Link:   linkSubs},
		match: func(f *facts) bool { return f.code == 404 && strings.HasPrefix(f.method, "subscriptions.") },
	},

	// ---- Quota and server errors (E19, E20, Q1–Q4) ----
	{
		g: Guidance{Case: "E19", Title: "Too many requests per second",
			Cause:     "Google limits queries per second (429 quotaExceeded). resold waited with exponential backoff and retried before giving up.",
			Action:    "Wait a minute and try again; make fewer calls: cache what you read and list 100 subscriptions per page.",
			Retryable: true, Next: NextRetry, Link: linkErrors},
		refs:  []string{"Q1", "Q2", "Q3"},
		match: func(f *facts) bool { return f.code == 429 },
		tailor: func(g *Guidance, f *facts) {
			if f.e != nil && f.e.Attempts > 1 {
				g.Cause = fmt.Sprintf("Google limits queries per second (429 quotaExceeded). resold tried %d times with exponential backoff.", f.e.Attempts)
			}
		},
	},
	{
		g: Guidance{Case: "E20", Title: "The Reseller API is overloaded or over quota",
			Cause:     "Google answered 503: an API quota was exceeded or the service is briefly unavailable. resold retried with exponential backoff (about 5 s, then 10 s, …).",
			Action:    "Wait a few minutes and try again; if it persists, check the quota page of your Cloud project.",
			Retryable: true, Next: NextRetry, Link: linkLimits},
		refs:  []string{"Q1", "Q3", "Q4"},
		match: func(f *facts) bool { return f.code == 503 },
		tailor: func(g *Guidance, f *facts) {
			if f.e != nil && f.e.Attempts > 1 {
				g.Cause = fmt.Sprintf("Google answered 503 (quota exceeded or service briefly unavailable) %d times although resold backed off between tries.", f.e.Attempts)
			}
		},
	},
	{
		g: Guidance{Case: "5XX", Title: "Google's server failed",
			Cause:     "The API answered with a server error (5xx). For a change, it may or may not have been applied.",
			Action:    "Refresh to see the current state, then try again in a few minutes.",
			Retryable: true, Next: NextRetry, Link: linkErrors},
		match: func(f *facts) bool { return f.code >= 500 },
	},

	// ---- Paging (spec §4.3, §7) ----
	{
		g: Guidance{Case: "PAGE-TOKEN", Title: "The page token was refused",
			Cause:  "A page token belongs to one listing; it goes stale when the listing changes or comes from another query.",
			Action: "Start the listing again from the first page (resold's pager does this on its own).",
			Next:   NextRetry, Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.list") && f.has("pagetoken") },
	},
	{
		g: Guidance{Case: "MAX-RESULTS", Title: "The page size must be 1 to 100",
			Cause: "subscriptions.list returns 1 to 100 rows per page (maxResults; default 20).", Action: "Use a page size from 1 to 100; 100 means fewer calls.", Link: linkLimits},
		match: func(f *facts) bool { return f.has("maxresults") },
	},

	// ---- Generic refusals ----
	{
		g: Guidance{Case: "INVALID", Title: "The API refused a value",
			Cause:  "The request was refused as invalid (400); the API's message names the field.",
			Action: "Correct the field named in the message and send again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 400 },
	},
	{
		g: Guidance{Case: "CONDITION", Title: "A precondition of this change is not met",
			Cause:  "The API refused the change in the subscription's current state (412 conditionNotMet); the message says which condition.",
			Action: "Refresh the subscription, resolve the condition named in the message, and try again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 412 },
	},
	{
		g: Guidance{Case: "CONFLICT", Title: "It already exists",
			Cause: "The API answered 409: what you tried to create already exists.", Action: "Refresh and change the existing item instead.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 409 },
	},
}

// Entries for errors that are not API answers.
var (
	entryReadOnly = Guidance{Case: "READONLY", Title: "Read-only mode: changes are disabled",
		Cause:  "resold was started with --read-only; it holds only the apps.order.readonly scope and sends no change.",
		Action: "Restart resold without --read-only to make changes."}
	entryNoCredentials = Guidance{Case: "NOCREDS", Title: "No credentials",
		Cause:  "resold found no way to authenticate: no --credentials, no GOOGLE_APPLICATION_CREDENTIALS, no RESOLD_TOKEN and no Application Default Credentials.",
		Action: "Set --credentials (or GOOGLE_APPLICATION_CREDENTIALS) to a service-account key file and --subject (or RESOLD_SUBJECT) to the reseller admin to impersonate, or run resold --demo.",
		Link:   linkAuthorize}
	entrySetup = Guidance{Case: "SETUP", Title: "The setup cannot be used", Link: linkAuthorize}
	entryA1    = Guidance{Case: "A1", Title: "The service account may not act for your admin",
		Cause:  "Google's token endpoint answered unauthorized_client: domain-wide delegation is not set up for this service account, the authorised scopes differ from the one requested (apps.order, or apps.order.readonly in read-only mode), or a recent change has not propagated yet.",
		Action: "In the Admin console of the reseller domain open Security › API controls › Domain-wide delegation: the client ID must be the service account's numeric ID and the scopes must include https://www.googleapis.com/auth/apps.order. Changes can take up to 24 h.",
		Link:   linkDwD}
	entryToken = Guidance{Case: "TOKEN", Title: "No access token could be obtained",
		Cause:  "The token endpoint refused the credentials: the key may have been deleted or disabled, the subject may not exist, or this machine's clock may be off.",
		Action: "Check the service account key still exists in the Cloud console, the subject is an existing admin, and the system clock is right.",
		Link:   linkAuthorize}
	entryNet = Guidance{Case: "NET", Title: "Could not reach the Reseller API",
		Cause:     "The connection failed or broke before an answer came (network, proxy, DNS, or the endpoint is down). resold retried with backoff.",
		Action:    "Check the network and the endpoint, then try again.",
		Retryable: true, Next: NextRetry, Link: linkLimits}
	entryNetUnknown = Guidance{Case: "NET-UNKNOWN", Title: "No answer came: the change may have been applied",
		Cause:     "The request went out but the answer was lost, and resold could not re-read the state to check.",
		Action:    "Refresh the customer or subscription to see whether the change is there before trying again.",
		Retryable: true, Next: NextRetry, Link: linkSubs}
	entryTimeout = Guidance{Case: "TIMEOUT", Title: "The call timed out",
		Cause:     "No answer came in time.",
		Action:    "Try again; if it keeps timing out, check the network or the endpoint. For a change, refresh first to see whether it was applied.",
		Retryable: true, Next: NextRetry}
	entryCancelled = Guidance{Case: "CANCELLED", Title: "Cancelled",
		Cause:  "The call was cancelled before it finished (you navigated away or quit).",
		Action: "Nothing to do; for a change, refresh to see whether it was applied before the cancellation."}
	entryUnknown = Guidance{Case: "UNKNOWN", Title: "Unexpected error",
		Cause:  "This error is not in resold's catalogue.",
		Action: "Read the code, reason and message below; if the call was a change, refresh before retrying.",
		Link:   linkErrors}
)

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
		g := entryReadOnly
		g.Message = err.Error()
		return g
	}
	if errors.Is(err, ErrNoCredentials) {
		g := entryNoCredentials
		g.Message = redact(err.Error())
		return g
	}
	var se *SetupError
	if errors.As(err, &se) {
		g := entrySetup
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
		return entryCancelled
	case f.code == 0 && f.e != nil && f.e.OutcomeUnknown:
		return entryNetUnknown
	case errors.Is(err, context.DeadlineExceeded) && f.code == 0:
		return entryTimeout
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		if code, _ := tokenError(re); code == "unauthorized_client" {
			return entryA1
		}
		return entryToken
	}
	if f.code == 0 {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return entryTimeout
		}
		if f.e != nil || errors.As(err, &ne) {
			return entryNet
		}
		return entryUnknown
	}
	if g, ok := lookupFacts(f); ok {
		return g
	}
	g := entryUnknown
	g.Title = fmt.Sprintf("Unexpected error (HTTP %d)", f.code)
	return g
}

// lookupFacts returns the first matching entry, tailored.
func lookupFacts(f *facts) (Guidance, bool) {
	for i := range catalogue {
		e := &catalogue[i]
		if e.match != nil && e.match(f) {
			g := e.g
			if e.tailor != nil {
				e.tailor(&g, f)
			}
			return g, true
		}
	}
	return Guidance{}, false
}

// guidanceFor returns the catalogue entry with the given case, tailored to
// the call described by e (which may be nil). Validation uses it so that a
// refusal made locally reads exactly like the API's own.
func guidanceFor(caseID string, e *APIError) Guidance {
	for i := range catalogue {
		c := &catalogue[i]
		if c.g.Case != caseID {
			continue
		}
		g := c.g
		if c.tailor != nil {
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
	panic("client: no catalogue entry " + caseID)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
