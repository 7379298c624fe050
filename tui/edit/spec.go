package edit

import (
	"context"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// spec is one change: what the form asks, how its values are checked, what
// the confirm dialog shows, and the call that makes it. Its funcs capture
// values only (the subscription or customer as read), never the model.
type spec struct {
	kind message.EditKind
	// title heads the form ("Change the seats"); question heads the
	// confirm dialog ("Change the seat cap?").
	title, question string
	// crumb names the screen in the header's breadcrumb.
	crumb string
	// done starts the status pane's summary once applied ("Seats
	// changed").
	done string
	// method is the API method, for the status pane and the audit log.
	method string
	// sub or cust is what the change acts on; customerID and
	// subscriptionID name it in the audit log.
	sub            *client.Subscription
	cust           *client.Customer
	customerID     string
	subscriptionID string
	// about says what is changed, in a few words, for the dialog and the
	// status pane ("flex.example · Business Starter").
	about string
	// intro are lines of context above the fields.
	intro  []string
	fields []form.Field
	// adjust reacts to a changed value, e.g. the plans offered follow the
	// SKU; nil when nothing depends on anything.
	adjust func(form.Model) form.Model
	// check returns what is wrong with the values, field by field, in the
	// client's words; nil when the change can be sent.
	check func(form.Model) []problem
	// changes lists what the change does, before → after, for the dialog
	// and the audit log.
	changes func(form.Model) []change
	// send makes the change with the values; it runs in a command.
	send func(form.Model) func(ctx context.Context, api common.API) (result, error)
	// sendSet, set instead of send, gives the orders of a transfer set
	// and the token: they go in one batch (transfer_set.go).
	sendSet func(form.Model) ([]client.TransferOrder, string)
	// moved are the subscriptions of a transfer set already moved, by ID;
	// shared with sendSet and changes, which leave them out.
	moved map[string]bool
	// confirmDomain is what must be typed before y is accepted (the
	// customer's domain, for delete and suspend); "" for none.
	confirmDomain string
	// refused is set when the change cannot succeed whatever is typed (an
	// annual plan's plan): the form shows why from the start.
	refused bool
	// warning is said in the dialog before a change that cannot be undone.
	warning string
	// then is the change that follows this one, given its result (ending a
	// trial: assign a plan, then start paid service); nil for none.
	then func(result) (spec, bool)
	// step is "step 1 of 2" of a chained change; "" otherwise.
	step string
	// rebuild makes the same change for the subscription as it is now,
	// after another change (the activation a refusal asked for); nil
	// when the spec does not depend on a subscription.
	rebuild func(client.Subscription) (spec, bool)
}

// result is what a change returned: the subscription or customer the API
// answered with, or that the subscription is gone.
type result struct {
	sub     *client.Subscription
	cust    *client.Customer
	deleted bool
}

// change is one value a change sets, before → after. key names it in the
// audit log; label in the dialog.
type change struct {
	key, label    string
	before, after string
}

// problem is what is wrong with one field: the client's guidance, so the
// inline error and the status pane say what the API would.
type problem struct {
	key      string
	guidance client.Guidance
}

// invalid turns a validator's error into a problem on field key.
func invalid(key string, err error) []problem {
	if err == nil {
		return nil
	}
	return []problem{{key: key, guidance: client.Explain(err)}}
}

// local is a problem the client has no rule for (a seat count that is not
// a number): our own words, shaped like the catalogue's.
func local(key, title, action string) problem {
	return problem{key: key, guidance: client.Guidance{Title: title, Action: action, Case: "FORM"}}
}

// errorsByField turns problems into the form's inline errors, the first
// problem of each field winning.
func errorsByField(ps []problem) map[string]string {
	out := map[string]string{}
	for _, p := range ps {
		if _, ok := out[p.key]; !ok {
			out[p.key] = p.guidance.Title
		}
	}
	return out
}
