package edit

import (
	"context"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
	"resold/tui/wording"
)

// renewalSpec sets what happens at the end of an annual commitment. Only
// annual plans have renewal settings: for any other plan there is no form,
// and the catalogue's reason shows instead.
func renewalSpec(c common.Common, sub client.Subscription) (spec, *client.Guidance) {
	types := client.RenewalTypes(sub.Plan)
	if err := client.ValidateRenewal(sub, firstOr(types, client.RenewAutoMonthly)); err != nil {
		g := client.Explain(err)
		return spec{}, &g
	}
	opts := make([]form.Option, len(types))
	for i, t := range types {
		help := t
		if t == sub.RenewalType {
			help += " (now)"
		}
		opts[i] = form.Option{Value: t, Label: wording.RenewalLong(t), Help: help}
	}
	s := spec{
		kind: message.EditRenewal, title: "Change the renewal settings", question: "Change the renewal settings?", crumb: "renewal",
		done: "Renewal changed", method: "subscriptions.changeRenewalSettings",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		intro: append(subIntro(sub), "What happens at the end of the annual commitment. The RENEW_CURRENT_USERS types renew for the users then licensed, "+
			"so the seats follow the user count."),
		fields: []form.Field{form.Choice("renewal", "At the renewal", opts, sub.RenewalType)},
	}
	s.check = func(f form.Model) []problem {
		t := f.Value("renewal")
		if t == sub.RenewalType {
			return []problem{local("renewal", "Already "+t+": nothing to change", "Pick another renewal type with ← and →.")}
		}
		return invalid("renewal", client.ValidateRenewal(sub, t))
	}
	s.changes = func(f form.Model) []change {
		return []change{{key: "renewal", label: "Renewal type", before: sub.RenewalType, after: f.Value("renewal")}}
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		t := f.Value("renewal")
		return func(ctx context.Context, api common.API) (result, error) {
			return subResult(api.ChangeRenewal(ctx, sub, t))
		}
	}
	s.rebuild = func(now client.Subscription) (spec, bool) {
		next, refusal := renewalSpec(c, now)
		return next, refusal == nil
	}
	return s, nil
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}
