package edit

import (
	"context"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// deletionHelp explains each deletion type.
var deletionHelp = map[string][2]string{
	client.DeletionTransferToDirect: {"Transfer to direct billing with Google",
		"The customer moves to Google at once, without interruption; you no longer resell this subscription."},
	client.DeletionCancel: {"Cancel", "The subscription ends now. Not for Google Workspace, which leaves only by transfer to direct."},
}

// deleteSpec removes a subscription: cancel, or transfer to direct
// billing. The customer's domain must be typed to confirm.
func deleteSpec(c common.Common, sub client.Subscription) spec {
	types := client.DeletionTypes(sub)
	opts := make([]form.Option, len(types))
	for i, t := range types {
		opts[i] = form.Option{Value: t, Label: deletionHelp[t][0], Help: t + ": " + deletionHelp[t][1]}
	}
	s := spec{
		kind: message.EditDelete, title: "Delete the subscription", question: "Delete the subscription?", crumb: "delete",
		done: "Deleted", method: "subscriptions.delete",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		intro:         subIntro(sub),
		fields:        []form.Field{form.Choice("deletion_type", "How", opts, client.DeletionTransferToDirect)},
		confirmDomain: sub.CustomerDomain,
		warning:       "This cannot be undone from resold.",
	}
	s.check = func(f form.Model) []problem {
		return invalid("deletion_type", client.ValidateDeletionType(f.Value("deletion_type")))
	}
	s.changes = func(f form.Model) []change {
		return []change{
			{key: "status", label: "Status", before: statusValue(sub), after: "deleted"},
			{key: "deletion_type", label: "Deletion type", after: f.Value("deletion_type")},
		}
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		t := f.Value("deletion_type")
		return func(ctx context.Context, api common.API) (result, error) {
			if err := api.Delete(ctx, sub, t); err != nil {
				return result{}, err
			}
			return result{deleted: true}, nil
		}
	}
	s.rebuild = func(now client.Subscription) (spec, bool) { return deleteSpec(c, now), true }
	return s
}
