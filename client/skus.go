package client

import "slices"

// SKU is a product a reseller can order, for the order form.
type SKU struct {
	ID      string
	Name    string
	Product string // the product's name, for grouping
	// Plans are the plans the SKU can be ordered on.
	Plans []Plan
	// Workspace reports a Google Workspace edition: it leaves a reseller
	// with transfer_to_direct, never cancel.
	Workspace bool
}

var (
	workspacePlans = []Plan{PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible, PlanTrial}
	paidPlans      = []Plan{PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible}
	flexTrial      = []Plan{PlanFlexible, PlanTrial}
	flexOnly       = []Plan{PlanFlexible}
)

// skuTable is the products that can be ordered, from Google's products
// page (https://developers.google.com/workspace/admin/reseller/v1/how-tos/products). Google
// Workspace editions can start with a trial; where the guide gives no plan
// rule for another product, the paid plans apply. Legacy SKUs that can no
// longer be bought are left out (they still transfer: validation lets a
// transfer name any SKU).
var skuTable = func() []SKU {
	var t []SKU
	add := func(product string, plans []Plan, workspace bool, idNames ...string) {
		for i := 0; i+1 < len(idNames); i += 2 {
			t = append(t, SKU{ID: idNames[i], Name: idNames[i+1], Product: product, Plans: plans, Workspace: workspace})
		}
	}
	ws := "Google Workspace"
	add(ws, workspacePlans, true,
		"1010020027", "Google Workspace Business Starter",
		"1010020028", "Google Workspace Business Standard",
		"1010020025", "Google Workspace Business Plus")
	add(ws, []Plan{PlanAnnualMonthly}, true, "1010060003", "Google Workspace Enterprise Essentials")
	add(ws, workspacePlans, true,
		"1010020029", "Google Workspace Enterprise Starter",
		"1010020026", "Google Workspace Enterprise Standard",
		"1010020020", "Google Workspace Enterprise Plus")
	add(ws, flexOnly, true, "1010060001", "Google Workspace Essentials")
	add(ws, workspacePlans, true,
		"1010060005", "Google Workspace Enterprise Essentials Plus",
		"1010020030", "Google Workspace Frontline Starter",
		"1010020031", "Google Workspace Frontline Standard",
		"1010020034", "Google Workspace Frontline Plus",
		"1010020035", "Google Workspace Business Continuity",
		"1010020036", "Google Workspace Business Continuity Plus")
	add("Gemini", paidPlans, false,
		"1010470001", "Gemini Enterprise", "1010470002", "Gemini Labs", "1010470003", "Gemini Business",
		"1010470006", "Gemini Security", "1010470007", "Gemini Meet", "1010470008", "AI Ultra Access",
		"1010470009", "AI Expanded Access")
	add("Google Workspace Archived User", paidPlans, false,
		"1010340004", "Google Workspace Enterprise Standard - Archived User",
		"1010340001", "Google Workspace Enterprise Plus - Archived User",
		"1010340005", "Google Workspace Business Starter - Archived User",
		"1010340006", "Google Workspace Business Standard - Archived User",
		"1010340003", "Google Workspace Business Plus - Archived User",
		"1010340002", "G Suite Business - Archived User")
	add("AppSheet", paidPlans, false,
		"1010380001", "AppSheet Core", "1010380002", "AppSheet Enterprise Standard",
		"1010380003", "AppSheet Enterprise Plus", "1010540001", "AppSheet User Pass")
	for _, size := range []string{"20GB", "50GB", "200GB", "400GB", "1TB", "2TB", "4TB", "8TB", "16TB"} {
		add("Google Drive", flexOnly, false, "Google-Drive-storage-"+size, "Google Drive Storage "+size)
	}
	add("Google Vault", flexTrial, false, "Google-Vault", "Google Vault")
	add("Chrome Enterprise", []Plan{PlanAnnualMonthly, PlanTrial}, false, "Google-Chrome-Device-Management", "Chrome Enterprise")
	add("Cloud Identity", []Plan{PlanFree}, false, "1010010001", "Cloud Identity")
	add("Cloud Identity Premium", paidPlans, false, "1010050001", "Cloud Identity Premium")
	add("Google Colab", paidPlans, false, "1010500001", "Colab Pro", "1010500002", "Colab Pro+")
	return t
}()

// SKUs lists the products that can be ordered, with the plans each allows.
func SKUs() []SKU {
	out := make([]SKU, len(skuTable))
	for i, s := range skuTable {
		s.Plans = slices.Clone(s.Plans)
		out[i] = s
	}
	return out
}

// skuByID finds a SKU of the table.
func skuByID(id string) (SKU, bool) {
	for _, s := range skuTable {
		if s.ID == id {
			return s, true
		}
	}
	return SKU{}, false
}

// Renewal types.
const (
	RenewAutoMonthly         = "AUTO_RENEW_MONTHLY_PAY"
	RenewAutoYearly          = "AUTO_RENEW_YEARLY_PAY"
	RenewCurrentUsersMonthly = "RENEW_CURRENT_USERS_MONTHLY_PAY"
	RenewCurrentUsersYearly  = "RENEW_CURRENT_USERS_YEARLY_PAY"
	RenewOnProposedOffer     = "RENEW_ON_PROPOSED_OFFER"
	RenewSwitchToFlexible    = "SWITCH_TO_PAY_AS_YOU_GO"
	RenewCancel              = "CANCEL"
)

// RenewalTypes lists the renewal types a plan accepts, the plan's default
// first; only annual plans have renewal settings (Google answers 412
// conditionNotMet for others).
func RenewalTypes(plan Plan) []string {
	switch plan {
	case PlanAnnualMonthly:
		return []string{RenewCurrentUsersMonthly, RenewAutoMonthly, RenewCurrentUsersYearly, RenewAutoYearly,
			RenewOnProposedOffer, RenewSwitchToFlexible, RenewCancel}
	case PlanAnnualYearly:
		return []string{RenewCurrentUsersYearly, RenewAutoYearly, RenewCurrentUsersMonthly, RenewAutoMonthly,
			RenewOnProposedOffer, RenewSwitchToFlexible, RenewCancel}
	}
	return nil
}

// Deletion types of subscriptions.delete.
const (
	DeletionCancel           = "cancel"
	DeletionTransferToDirect = "transfer_to_direct"
)

// DeletionTypes lists the deletion types that apply to sub: Google
// Workspace subscriptions only leave with transfer_to_direct (field
// failure T6).
func DeletionTypes(sub Subscription) []string {
	if s, ok := skuByID(sub.SKUID); ok && s.Workspace {
		return []string{DeletionTransferToDirect}
	}
	return []string{DeletionTransferToDirect, DeletionCancel}
}
