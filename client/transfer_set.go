package client

import "strings"

// Transfers that must move together. Google's description of
// subscriptions.insert: a Google Workspace subscription whose customer
// also holds Google Drive storage or Google Vault subscriptions is
// transferred together with them in one batch request (on their own the
// transfers fail), and the legacy SKUs Google-Apps-For-Postini,
// Google-Apps-Lite and Google-Vault-Former-Employee must be included too
// (https://developers.google.com/workspace/admin/reseller/v1/how-tos/manage_subscriptions#transfer_a_subscription).

// mustIncludeLegacy are the legacy SKUs a transfer must include.
var mustIncludeLegacy = map[string]bool{
	"Google-Apps-For-Postini":      true,
	"Google-Apps-Lite":             true,
	"Google-Vault-Former-Employee": true,
}

// transferOKReasons are the suspension reasons a subscription may carry
// and still be transferred.
var transferOKReasons = map[string]bool{
	"PENDING_TOS_ACCEPTANCE":   true,
	"TRIAL_ENDED":              true,
	"RENEWAL_WITH_TYPE_CANCEL": true,
}

// CanTransfer reports whether a transferable row's suspension, if any,
// lets it move: only PENDING_TOS_ACCEPTANCE, TRIAL_ENDED and
// RENEWAL_WITH_TYPE_CANCEL do.
func CanTransfer(s Subscription) bool {
	for _, r := range s.SuspensionReasons {
		if !transferOKReasons[r] {
			return false
		}
	}
	return true
}

// legacyID is the SKU the customer actually has: transferInfo's
// currentLegacySkuId when the listing recommends another.
func legacyID(s Subscription) string {
	if s.Transfer != nil && s.Transfer.CurrentLegacySKUID != "" {
		return s.Transfer.CurrentLegacySKUID
	}
	return s.SKUID
}

// addOn reports whether s is of a product that moves with Workspace.
func addOn(s Subscription) bool {
	id := legacyID(s)
	return strings.HasPrefix(id, "Google-Drive-storage") || strings.HasPrefix(id, "Google-Vault") || mustIncludeLegacy[id]
}

// workspaceAnchor reports whether s is a Google Workspace edition (G Suite
// legacy editions included), the subscription add-ons move with.
func workspaceAnchor(s Subscription) bool {
	id := legacyID(s)
	if mustIncludeLegacy[id] {
		return false
	}
	if id == "Google-Apps-For-Business" || id == "Google-Apps-Unlimited" {
		return true
	}
	k, ok := skuByID(s.SKUID)
	return ok && k.Workspace
}

// TransferSet returns the rows of a customer's transferable listing that
// must be transferred together with picked, in listing order (picked
// included), or just picked when it may move alone. Rows whose suspension
// blocks any transfer are left out: they cannot move and do not hold the
// others back.
func TransferSet(rows []Subscription, picked Subscription) []Subscription {
	if !workspaceAnchor(picked) && !addOn(picked) {
		return []Subscription{picked}
	}
	var set []Subscription
	anchor, extra := false, false
	for _, r := range rows {
		if r.ID != picked.ID && (!CanTransfer(r) || (!workspaceAnchor(r) && !addOn(r))) {
			continue
		}
		if r.ID == picked.ID {
			r = picked
		}
		set = append(set, r)
		if workspaceAnchor(r) {
			anchor = true
		} else {
			extra = true
		}
	}
	if !anchor || !extra {
		return []Subscription{picked}
	}
	return set
}

// AddOnOrder is the order that transfers an add-on of a set as it is: on
// its own plan when that is annual or flexible (a transfer cannot start a
// trial), else flexible, with the fewest seats the transfer allows.
func AddOnOrder(row Subscription) TransferOrder {
	plan := row.Plan
	if !plan.IsAnnual() && plan != PlanFlexible {
		plan = PlanFlexible
	}
	seats := row.SeatLimit()
	if row.Transfer != nil && row.Transfer.MinimumSeats > 0 {
		seats = row.Transfer.MinimumSeats
	}
	return TransferOrder{Row: row, Plan: plan, Seats: seats}
}
