package client

import (
	"fmt"
)

// Transfers: taking over a customer managed by Google or another reseller
// with its transfer token.

// Cases of this area. The values are stable: the audit log records them.
const (
	CaseTransferReadOnlyFields CaseID = "D4"
	CaseTransferSuspended      CaseID = "TRANSFER-SUSPENDED"
	CaseTransferPreconditions  CaseID = "T9"
	CaseTransferMinSeats       CaseID = "TRANSFER-MIN"
	CaseTransferDealCode       CaseID = "TRANSFER-DEAL"
	CaseTransferSKU            CaseID = "TRANSFER-SKU"
	CaseTransferToken          CaseID = "E12"
	CaseTransferTokenFormat    CaseID = "TRANSFER-TOKEN"
)

var transferCases = []entry{
	{
		g: Guidance{Case: CaseTransferReadOnlyFields, Title: "The transfer order re-sent read-only fields",
			Cause:  "The order carried licensedNumberOfSeats, as happens when the subscription returned by the list is sent back as is (400 \"Licensed number of seats field is read-only\").",
			Action: "Build a fresh order: skuId, plan, numberOfSeats or maximumNumberOfSeats at least transferInfo.minimumTransferableSeats, purchaseOrderId, and the transfer token. resold's transfer form does this.",
			Next:   NextTransfer, Link: linkSubs},
		refs: []string{"T1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.invalid400() && f.has("licensed", "read-only")
		},
	},
	{
		g: Guidance{Case: CaseTransferSuspended, Title: "This suspended subscription cannot be transferred",
			Cause:  "A suspended subscription transfers only when suspended for PENDING_TOS_ACCEPTANCE, TRIAL_ENDED or RENEWAL_WITH_TYPE_CANCEL.",
			Action: "Ask the customer (or its current reseller) to resolve the suspension first.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.code == 412 && f.has("suspended") },
	},
	{
		g: Guidance{Case: CaseTransferPreconditions, Title: "The transfer's preconditions are not met",
			Cause:  "Google refused the transfer (412 conditionNotMet). With a test (sandbox) reseller, customer domains must start with goog-test and include your reseller domain; otherwise a product rule blocks it (nonprofit or legacy free editions, add-ons that must move together).",
			Action: "With a test reseller rename the test domain accordingly; otherwise transfer all the customer's products together and check the transferable list for the SKU to use.",
			Link:   linkTransfer},
		refs: []string{"T2", "T5"},
		match: func(f *facts) bool {
			return f.has("goog-test") || (f.is("subscriptions.insert") && f.transfer() && f.code == 412)
		},
	},
	{
		g: Guidance{Case: CaseTransferMinSeats, Title: "Fewer seats than the transfer needs",
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
		g: Guidance{Case: CaseTransferDealCode, Title: "Transfers cannot carry a deal code",
			Cause: "Discount deal codes apply to new orders only.", Action: "Remove the deal code from the transfer.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("deal code") && f.has("transfer") },
	},
	{
		g: Guidance{Case: CaseTransferSKU, Title: "Transfer first, then change the SKU",
			Cause:  "A transfer keeps the product the customer has; it cannot switch SKU at the same time.",
			Action: "Transfer with the SKU shown in the transferable list, then upgrade or downgrade.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("transfer") && f.has("switch sku") },
	},
	{
		g: Guidance{Case: CaseTransferToken, Title: "The transfer token is invalid or has expired",
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
		g: Guidance{Case: CaseTransferTokenFormat, Title: "Not a transfer token",
			Cause:  "A transfer token (customerAuthToken) is the string of hexadecimal digits (0-9, a-f) that the customer's super admin generates in the Admin console for your Reseller Public Identifier and sends you; it is valid for 30 days.",
			Action: "Copy the token again from the customer's message, in one piece, without quotes; if it is lost or old, ask the admin for a new one.",
			Link:   linkTransfer},
	},
}
