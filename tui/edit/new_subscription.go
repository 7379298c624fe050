package edit

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// teamSKUs are the only products a team customer can buy (D1).
var teamSKUs = []string{"1010060001", "1010060003"}

// skuOptions are the products a customer can be sold.
func skuOptions(team bool) []form.Option {
	var out []form.Option
	for _, k := range client.SKUs() {
		if team && !slices.Contains(teamSKUs, k.ID) {
			continue
		}
		out = append(out, form.Option{Value: k.ID, Label: k.Name, Help: k.ID + " · " + k.Product})
	}
	return out
}

// renewalOptions are the renewal types an annual plan can be ordered with,
// Google's default first.
func renewalOptions(plan client.Plan) []form.Option {
	out := []form.Option{{Value: "", Label: "Google's default", Help: "Renews for the users then licensed (RENEW_CURRENT_USERS_…)."}}
	for _, t := range client.RenewalTypes(plan) {
		out = append(out, form.Option{Value: t, Label: t})
	}
	return out
}

// orderFields are the fields an order and a transfer share.
func orderFields(c common.Common, skuID string, trial bool, seats string) []form.Field {
	plans := planOptions(skuID, trial)
	first := ""
	if len(plans) > 0 {
		first = plans[0].Value
	}
	return []form.Field{
		form.Choice("plan", "Plan", plans, first),
		form.Text(c, "seats", "Seats", seats, "e.g. 10", 7).WithHint("numberOfSeats on an annual plan, maximumNumberOfSeats otherwise."),
		form.Choice("renewal", "Renewal", renewalOptions(client.Plan(first)), ""),
		form.Text(c, "purchase_order", "Purchase order", "", "optional, up to 80 characters", 120),
	}
}

// adjustOrder keeps the plan choices to what the SKU offers and shows the
// renewal only on annual plans.
func adjustOrder(f form.Model, trial bool) form.Model {
	if sku := f.Value("sku"); sku != "" {
		f = f.SetOptions("plan", planOptions(sku, trial))
	}
	plan := client.Plan(f.Value("plan"))
	f = f.SetOptions("renewal", renewalOptions(plan))
	return f.SetHidden("renewal", !plan.IsAnnual())
}

// orderOf reads an order from the form; the problem is a seat count that
// is not a number.
func orderOf(f form.Model, skuID string) (client.NewSubscription, *problem) {
	n, p := parseSeats(f.Value("seats"), "seats")
	return client.NewSubscription{
		SKUID: skuID, Plan: client.Plan(f.Value("plan")), Seats: n,
		PurchaseOrderID: strings.TrimSpace(f.Value("purchase_order")), DealCode: strings.TrimSpace(f.Value("deal_code")),
		RenewalType: f.Value("renewal"),
	}, p
}

// checkOrder runs the client's rules for an order.
func checkOrder(o client.NewSubscription, p *problem) []problem {
	var out []problem
	if p != nil {
		out = append(out, *p)
		o.Seats = 1
	}
	out = append(out, invalid("purchase_order", client.ValidatePurchaseOrderID(o.PurchaseOrderID))...)
	out = append(out, invalid("deal_code", client.ValidateDealCode(o.DealCode))...)
	if err := client.ValidateNewSubscription(o); err != nil {
		out = append(out, invalid(fieldOf(err, "plan"), err)...)
	}
	return out
}

// orderChanges lists an order's values (all new: nothing before).
func orderChanges(f form.Model, skuID string) []change {
	o, _ := orderOf(f, skuID)
	out := []change{
		{key: "sku", label: "SKU", after: skuID},
		{key: "plan", label: "Plan", after: string(o.Plan)},
		{key: "seats", label: seatsLabel(o.Plan), after: strings.TrimSpace(f.Value("seats"))},
	}
	if o.RenewalType != "" {
		out = append(out, change{key: "renewal", label: "Renewal", after: o.RenewalType})
	}
	if o.PurchaseOrderID != "" {
		out = append(out, change{key: "purchase_order", label: "Purchase order", after: o.PurchaseOrderID})
	}
	if o.DealCode != "" {
		out = append(out, change{key: "deal_code", label: "Deal code", after: o.DealCode})
	}
	return out
}

// newSubscriptionSpec orders a subscription for a customer of yours.
func newSubscriptionSpec(c common.Common, cust *client.Customer) (spec, *client.Guidance) {
	if cust == nil || cust.Minimal || cust.ID == "" {
		return spec{}, notApplicable("Not your customer yet",
			"Google or another reseller manages this customer; orders need it to be yours.",
			"Transfer its subscriptions to you with the customer's transfer token.")
	}
	cur := *cust
	team := cur.Type == "team"
	skus := skuOptions(team)
	fields := append([]form.Field{form.Choice("sku", "Product", skus, skus[0].Value)},
		orderFields(c, skus[0].Value, true, "")...)
	fields = append(fields, form.Text(c, "deal_code", "Deal code", "", "optional; the discount is lost if the SKU changes", 120))
	s := spec{
		kind: message.NewSubscription, title: "Order a subscription", question: "Order this subscription?", crumb: "new subscription",
		done: "Subscription ordered", method: "subscriptions.insert",
		cust: &cur, customerID: cur.ID, about: cur.Domain,
		intro:  []string{"For " + cur.Domain + " (" + cur.ID + "). Type to find the product; ← → pick it and the plan. A trial starts at most 10 seats."},
		fields: fields,
	}
	s.adjust = func(f form.Model) form.Model { return adjustOrder(f, true) }
	s.check = func(f form.Model) []problem {
		o, p := orderOf(f, f.Value("sku"))
		return checkOrder(o, p)
	}
	s.changes = func(f form.Model) []change { return orderChanges(f, f.Value("sku")) }
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		o, _ := orderOf(f, f.Value("sku"))
		return func(ctx context.Context, api common.API) (result, error) {
			return subResult(api.InsertSubscription(ctx, cur.ID, o))
		}
	}
	return s, nil
}

// transferSpec transfers one subscription of a customer managed by Google
// or another reseller to you, with the customer's transfer token. The SKU
// is the one the transferable listing gave; the seats start at the
// minimum the transfer needs.
func transferSpec(c common.Common, row client.Subscription, token string) spec {
	min := row.SeatLimit()
	if row.Transfer != nil && row.Transfer.MinimumSeats > 0 {
		min = row.Transfer.MinimumSeats
	}
	fields := append(orderFields(c, row.SKUID, false, strconv.Itoa(min)),
		form.Secret(c, "token", "Transfer token", token, "the customer's customerAuthToken", 300).
			WithHint("A credential for the customer's account: it is never shown or written down."))
	sub := row
	s := spec{
		kind: message.NewSubscription, title: "Transfer the subscription to you", question: "Transfer this subscription to you?", crumb: "transfer",
		done: "Transferred", method: "subscriptions.insert",
		sub: &sub, customerID: row.CustomerID, about: aboutSub(row),
		intro: []string{aboutSub(row) + " (" + row.SKUID + ")",
			"At least " + strconv.Itoa(min) + " seats. A transfer carries no deal code and keeps the SKU; change the SKU after it."},
		fields: fields,
	}
	s.adjust = func(f form.Model) form.Model { return adjustOrder(f, false) }
	order := func(f form.Model) (client.NewSubscription, *problem) {
		o, p := orderOf(f, row.SKUID)
		o.TransferToken = strings.TrimSpace(f.Value("token"))
		return o, p
	}
	s.check = func(f form.Model) []problem {
		o, p := order(f)
		out := invalid("token", client.ValidateTransferToken(f.Value("token")))
		out = append(out, checkOrder(o, p)...)
		if p == nil && o.Seats < min {
			out = append(out, local("seats", "Fewer seats than the transfer needs: at least "+strconv.Itoa(min),
				"Order at least the minimum shown in the transferable list."))
		}
		return out
	}
	s.changes = func(f form.Model) []change {
		return append(orderChanges(f, row.SKUID), change{key: "transfer", label: "Transfer", after: "with the customer's token"})
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		o, _ := order(f)
		return func(ctx context.Context, api common.API) (result, error) {
			return subResult(api.InsertSubscription(ctx, row.CustomerID, o))
		}
	}
	return s
}
