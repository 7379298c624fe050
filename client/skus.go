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
	// with transfer_to_direct, never cancel (spec §10.6).
	Workspace bool
}

var (
	workspacePlans = []Plan{PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible, PlanTrial}
	flexTrial      = []Plan{PlanFlexible, PlanTrial}
)

// skuTable is spec §6.1, the products resold offers in its order form.
// Where the guide gives no plan restriction, the Workspace plans apply.
var skuTable = []SKU{
	{ID: "1010020027", Name: "Google Workspace Business Starter", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020028", Name: "Google Workspace Business Standard", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020025", Name: "Google Workspace Business Plus", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010060003", Name: "Google Workspace Enterprise Essentials", Product: "Google Workspace", Plans: []Plan{PlanAnnualMonthly}, Workspace: true},
	{ID: "1010020029", Name: "Google Workspace Enterprise Starter", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020026", Name: "Google Workspace Enterprise Standard", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020020", Name: "Google Workspace Enterprise Plus", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010060001", Name: "Google Workspace Essentials", Product: "Google Workspace", Plans: []Plan{PlanFlexible}, Workspace: true},
	{ID: "1010060005", Name: "Google Workspace Enterprise Essentials Plus", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020030", Name: "Google Workspace Frontline Starter", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020031", Name: "Google Workspace Frontline Standard", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020034", Name: "Google Workspace Frontline Plus", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020035", Name: "Google Workspace Business Continuity", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010020036", Name: "Google Workspace Business Continuity Plus", Product: "Google Workspace", Plans: workspacePlans, Workspace: true},
	{ID: "1010470001", Name: "Gemini Enterprise", Product: "Gemini", Plans: workspacePlans},
	{ID: "1010470003", Name: "Gemini Business", Product: "Gemini", Plans: workspacePlans},
	{ID: "1010470006", Name: "Gemini Security", Product: "Gemini", Plans: workspacePlans},
	{ID: "1010470007", Name: "Gemini Meet", Product: "Gemini", Plans: workspacePlans},
	{ID: "1010380001", Name: "AppSheet Core", Product: "AppSheet", Plans: workspacePlans},
	{ID: "1010380002", Name: "AppSheet Enterprise Standard", Product: "AppSheet", Plans: workspacePlans},
	{ID: "1010380003", Name: "AppSheet Enterprise Plus", Product: "AppSheet", Plans: workspacePlans},
	{ID: "Google-Vault", Name: "Google Vault", Product: "Google Vault", Plans: flexTrial},
	{ID: "Google-Chrome-Device-Management", Name: "Chrome Enterprise", Product: "Chrome Enterprise", Plans: []Plan{PlanAnnualMonthly, PlanTrial}},
	{ID: "1010010001", Name: "Cloud Identity", Product: "Cloud Identity", Plans: []Plan{PlanFree}},
	{ID: "1010050001", Name: "Cloud Identity Premium", Product: "Cloud Identity Premium", Plans: workspacePlans},
	{ID: "Google-Drive-storage-20GB", Name: "Google Drive Storage 20GB", Product: "Google Drive", Plans: []Plan{PlanFlexible}},
	{ID: "Google-Drive-storage-1TB", Name: "Google Drive Storage 1TB", Product: "Google Drive", Plans: []Plan{PlanFlexible}},
}

// SKUs lists the products of spec §6 with the plans each allows.
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

// Renewal types (spec §5.7).
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
// first; only annual plans have renewal settings (seed 000, 412).
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
