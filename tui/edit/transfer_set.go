package edit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
	"resold/tui/wording"
)

// A transfer set: a Google Workspace subscription that Google moves only
// together with the customer's Drive storage, Vault and legacy add-ons, in
// one batch request. The form is the Workspace subscription's; each add-on
// is ordered on its plan (flexible when it has none that transfers) with
// the minimum seats its transfer needs.

// setMember is one subscription of the set and what is ordered for it.
type setMember struct {
	row   client.Subscription
	plan  client.Plan
	seats int
}

// addOnOrder is what is ordered for an add-on (the client's rule).
func addOnOrder(row client.Subscription) setMember {
	o := client.AddOnOrder(row)
	return setMember{row: row, plan: o.Plan, seats: o.Seats}
}

// transferSetSpec transfers row with the add-ons that must move with it.
func transferSetSpec(c common.Common, row client.Subscription, with []client.Subscription, token string) spec {
	s := transferSpec(c, row, token)
	n := strconv.Itoa(len(with) + 1)
	s.title = "Transfer the subscription and its add-ons to you"
	s.question = "Transfer these " + n + " subscriptions to you, in one batch?"
	s.done = "Transferred together"
	s.about = row.CustomerDomain
	addOns := make([]setMember, len(with))
	var names []string
	for i, r := range with {
		addOns[i] = addOnOrder(r)
		names = append(names, memberWords(addOns[i]))
	}
	s.intro = append(s.intro, "Google moves it only together with "+strings.Join(names, ", ")+
		": all "+n+" go in one batch request.")
	// moved holds the subscriptions a batch already moved: a later batch
	// (after a partial outcome) sends only the others.
	moved := map[string]bool{}
	s.moved = moved
	members := func(f form.Model) []setMember {
		o, _ := orderOf(f, row.SKUID)
		var out []setMember
		for _, m := range append([]setMember{{row: row, plan: o.Plan, seats: o.Seats}}, addOns...) {
			if !moved[m.row.ID] {
				out = append(out, m)
			}
		}
		return out
	}
	s.changes = func(f form.Model) []change {
		var out []change
		for _, m := range members(f) {
			out = append(out, change{key: "sku:" + m.row.SKUID, label: skuWords(m.row), after: string(m.plan) + " · " + strconv.Itoa(m.seats) + " seats"})
		}
		if po := strings.TrimSpace(f.Value("purchase_order")); po != "" {
			out = append(out, change{key: "purchase_order", label: "Purchase order", after: po})
		}
		return append(out, change{key: "transfer", label: "Transfer", after: "in one batch, with the customer's token"})
	}
	s.send = nil
	s.sendSet = func(f form.Model) ([]client.TransferOrder, string) {
		po := strings.TrimSpace(f.Value("purchase_order"))
		var orders []client.TransferOrder
		for _, m := range members(f) {
			o := client.TransferOrder{Row: m.row, Plan: m.plan, Seats: m.seats}
			if m.row.ID == row.ID {
				o.PurchaseOrderID = po
			}
			orders = append(orders, o)
		}
		return orders, strings.TrimSpace(f.Value("token"))
	}
	return s
}

// skuWords names a subscription's product in a few words: "Drive
// Storage 200GB".
func skuWords(s client.Subscription) string { return wording.SKUShort(s) }

// memberWords describes an add-on's order: "Drive Storage 200GB
// (FLEXIBLE, 5 seats)".
func memberWords(m setMember) string {
	return skuWords(m.row) + " (" + string(m.plan) + ", " + strconv.Itoa(m.seats) + " seats)"
}

// setAppliedMsg answers a transfer set's batch.
type setAppliedMsg struct {
	call.Done
	outcomes []client.TransferOutcome
	// intentErr is set when the audit log could not take an intent:
	// nothing was sent.
	intentErr error
	auditErr  error
}

// newBatchID names one batch in the audit log.
func newBatchID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "batch-" + hex.EncodeToString(b[:])
}

// applySet sends the set in one batch, with one audit record per
// subscription (its own attempt ID, a shared batch ID): every intent is
// appended and synced before the batch goes out (none sent when one
// cannot be), each outcome after.
func (m Model) applySet() (Model, tea.Cmd) {
	s := m.spec
	orders, token := s.sendSet(m.form)
	log, api := m.c.Audit, m.c.API
	batch := newBatchID()
	bases := make([]audit.Entry, len(orders))
	changes := make([][]change, len(orders))
	for i, o := range orders {
		changes[i] = orderChangesOf(o)
		bases[i] = m.entry(changes[i])
		bases[i].BatchID = batch
	}
	m.phase = applying
	m.waiting = false
	m.notice = ""
	m.results = nil
	m.sending = s.sending(s.changes(m.form))
	var cmd tea.Cmd
	m.calls[writing], cmd = m.c.Write(s.label(), m.sending, func(ctx context.Context, id uint64) tea.Msg {
		for i := range bases {
			bases[i].RequestID = strconv.FormatUint(id, 10)
			if log == nil {
				continue
			}
			intent := bases[i]
			intent.Phase = audit.PhaseIntent
			if err := log.Append(intent); err != nil {
				return setAppliedMsg{Done: call.Done{ReqID: id, Err: err}, intentErr: err}
			}
		}
		outs, err := api.TransferTogether(ctx, s.customerID, token, orders)
		var aerr error
		for i := range orders {
			e := setEntry(bases[i], changes[i], i, outs, err)
			e.Phase = audit.PhaseOutcome
			if log != nil {
				if err := log.Append(e); err != nil && aerr == nil {
					aerr = err
				}
			}
		}
		return setAppliedMsg{Done: call.Done{ReqID: id, Err: err}, outcomes: outs, auditErr: aerr}
	})
	return m, cmd
}

// orderChangesOf is what one order of a set sets, as the audit log keeps
// a transfer's values.
func orderChangesOf(o client.TransferOrder) []change {
	out := []change{
		{key: "sku", label: "SKU", after: o.Row.SKUID},
		{key: "plan", label: "Plan", after: string(o.Plan)},
		{key: "seats", label: seatsLabel(o.Plan), after: strconv.Itoa(o.Seats)},
		{key: "transfer", label: "Transfer", after: "in one batch, with the customer's token"},
	}
	if o.PurchaseOrderID != "" {
		out = append(out, change{key: "purchase_order", label: "Purchase order", after: o.PurchaseOrderID})
	}
	return out
}

// setEntry is the outcome of order i of a batch: its own, or the
// batch's when the batch as a whole failed.
func setEntry(b audit.Entry, changes []change, i int, outs []client.TransferOutcome, err error) audit.Entry {
	var out client.TransferOutcome
	if i < len(outs) {
		out = outs[i]
	}
	switch {
	case out.AlreadyApplied:
		sub := out.Sub
		return outcomeEntry(b, changes, result{sub: &sub}, nil, out.Attempts, true)
	case err != nil:
		return outcomeEntry(b, changes, result{}, err, 0, false)
	case out.Err != nil:
		return outcomeEntry(b, changes, result{}, out.Err, out.Attempts, false)
	}
	sub := out.Sub
	return outcomeEntry(b, changes, result{sub: &sub}, nil, out.Attempts, false)
}

// appliedSet takes the batch's answer: each subscription's outcome shows
// under the form and in the status pane; the transferred ones go to every
// screen; when all moved, the customer, now yours, opens.
func (m Model) appliedSet(msg setAppliedMsg) (common.Screen, tea.Cmd) {
	m.calls[writing] = call.Request{}
	m.waiting = false
	if msg.intentErr != nil {
		return m.notSent(msg.intentErr)
	}
	var cmds []tea.Cmd
	if msg.auditErr != nil {
		cmds = append(cmds, message.Send(message.Guidance{Guidance: auditProblem(msg.auditErr)}))
	}
	m.results = nil
	var moved []string
	var first *client.Guidance
	var transferred []message.Changed
	for _, o := range msg.outcomes {
		name := skuWords(o.Order.Row)
		if o.Err != nil {
			g := client.Explain(o.Err)
			if first == nil {
				first = &g
			}
			m.results = append(m.results, "✗ "+name+": "+g.Title)
			continue
		}
		m.spec.moved[o.Order.Row.ID] = true
		line := "✓ " + name + " transferred"
		if o.AlreadyApplied {
			line += " (answer lost; found applied, sent once)"
		}
		m.results = append(m.results, line)
		moved = append(moved, name)
		sub, before := o.Sub, o.Order.Row
		transferred = append(transferred, message.Changed{Sub: &sub, Before: &before})
	}
	summary := m.spec.done + " · " + m.spec.about + ": " + strings.Join(moved, ", ")
	if len(moved) < len(msg.outcomes) {
		summary = "Transferred " + strconv.Itoa(len(moved)) + " of " + strconv.Itoa(len(msg.outcomes)) + " · " + m.spec.about
	}
	for _, ch := range transferred {
		ch.Summary = summary
		cmds = append(cmds, message.Send(ch))
	}
	if msg.Err != nil || first != nil {
		if left := len(msg.outcomes) - len(moved); len(moved) > 0 && left > 0 {
			// The next batch sends only what is left.
			m.spec.question = "Transfer the remaining " + strconv.Itoa(left) + " to you, in one batch?"
		}
		m.phase = editing
		g := client.Explain(msg.Err)
		if msg.Err == nil {
			g = *first
		}
		m.failure, m.inline = &g, false
		m.form = m.form.Refocus()
		return m, tea.Batch(append(cmds, message.Send(message.Guidance{Guidance: g}))...)
	}
	cmds = append(cmds, message.Send(message.OpenCustomer{ID: m.spec.customerID}))
	m.finished = true
	return m, tea.Batch(cmds...)
}
