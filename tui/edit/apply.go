package edit

import (
	"context"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/internal/safetext"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// appliedMsg answers the call that makes a change.
type appliedMsg struct {
	call.Done
	result result
	// alreadyApplied: the answer was lost and a re-read found the change
	// made, so it was not sent again.
	alreadyApplied bool
	// intentErr is set when the audit log could not take the change's
	// intent: nothing was sent.
	intentErr error
	// auditErr is set when the audit log could not take the outcome.
	auditErr error
}

// auditedMsg answers the audit of a submit the form refused.
type auditedMsg struct{ err error }

// apply sends the change. The command captures the values it needs,
// appends and syncs the change's intent to the audit log, and only then
// runs the write (which the client never applies twice); it appends the
// outcome with the same attempt ID and answers with what the API returned.
// When the intent cannot be written nothing is sent: the audit log fails
// closed, so no change reaches Google without its record.
func (m Model) apply() (Model, tea.Cmd) {
	s := m.spec
	if s.sendSet != nil {
		return m.applySet()
	}
	send := s.send(m.form)
	changes := s.changes(m.form)
	base := m.entry(changes)
	log := m.c.Audit
	api := m.c.API
	m.phase = applying
	m.waiting = false
	m.notice = ""
	var cmd tea.Cmd
	m.sending = s.sending(changes)
	m.calls[writing], cmd = m.c.Write(s.label(), m.sending, func(ctx context.Context, id uint64) tea.Msg {
		base.RequestID = strconv.FormatUint(id, 10)
		if log != nil {
			intent := base
			intent.Phase = audit.PhaseIntent
			if err := log.Append(intent); err != nil {
				return appliedMsg{Done: call.Done{ReqID: id, Err: err}, intentErr: err}
			}
		}
		r, err := send(ctx, api)
		n, already := call.Sent(ctx)
		e := outcomeEntry(base, changes, r, err, n, already)
		e.Phase = audit.PhaseOutcome
		var aerr error
		if log != nil {
			aerr = log.Append(e)
		}
		return appliedMsg{Done: call.Done{ReqID: id, Err: err}, result: r, alreadyApplied: already && err == nil, auditErr: aerr}
	})
	return m, cmd
}

// label is the call's name in the status pane, e.g. "subscriptions.changeSeats
// for flex.example".
func (s spec) label() string {
	if s.about == "" {
		return s.method
	}
	return s.method + " · " + s.about
}

// sending names the change in a few words, for the quit dialog and the
// wait at exit: "seat cap 20 → 28 on flex.example". The values were typed
// or came from the API, so they are cleaned and clipped.
func (s spec) sending(changes []change) string {
	const shown = 2
	var parts []string
	for _, c := range changes[:min(shown, len(changes))] {
		name := strings.ToLower(shortLabel(c.label))
		if c.before == "" {
			parts = append(parts, name+" "+clip(orDash(c.after)))
			continue
		}
		parts = append(parts, name+" "+clip(orDash(c.before))+" → "+clip(orDash(c.after)))
	}
	if len(changes) > shown {
		parts = append(parts, strconv.Itoa(len(changes)-shown)+" more")
	}
	what := strings.Join(parts, ", ")
	if what == "" {
		what = s.crumb
	}
	if d := s.domain(); d != "" {
		what += " on " + d
	}
	return safetext.Clean(what)
}

// shortLabel drops the API field's name from a label: "Seat cap
// (maximumNumberOfSeats)" is "Seat cap".
func shortLabel(l string) string {
	if i := strings.Index(l, " ("); i > 0 {
		return l[:i]
	}
	return l
}

// clip shortens a value to a few words' room.
func clip(v string) string {
	const room = 24
	if r := []rune(v); len(r) > room {
		return string(r[:room-1]) + "…"
	}
	return v
}

// entry is the audit entry of a change before its outcome is known, with
// a fresh attempt ID.
func (m Model) entry(changes []change) audit.Entry {
	e := audit.Entry{
		ID:             audit.NewID(),
		CustomerDomain: m.spec.domain(),
		Profile:        m.c.Profile,
		EndpointKind:   m.c.Endpoint,
		Method:         m.spec.method,
		CustomerID:     m.spec.customerID,
		SubscriptionID: m.spec.subscriptionID,
		Before:         map[string]string{},
		After:          map[string]string{},
	}
	if e.EndpointKind == "" {
		e.EndpointKind = audit.EndpointCustom
	}
	for _, c := range changes {
		e.Before[c.key] = c.before
		e.After[c.key] = c.after
	}
	return e
}

// domain is the customer's domain, to name the customer in messages
// about the change.
func (s spec) domain() string {
	switch {
	case s.sub != nil && s.sub.CustomerDomain != "":
		return s.sub.CustomerDomain
	case s.cust != nil:
		return s.cust.Domain
	case s.kind == message.NewCustomer:
		return s.about
	}
	return s.confirmDomain
}

// outcomeEntry completes base with what became of the write. After a
// success the after values are the ones the API returned, not the ones
// asked for.
func outcomeEntry(base audit.Entry, changes []change, r result, err error, attempts int, already bool) audit.Entry {
	e := base
	if err == nil {
		e.After = map[string]string{}
		for _, c := range changes {
			if v, ok := r.value(c.key); ok {
				e.After[c.key] = v
			} else {
				e.After[c.key] = c.after
			}
		}
		if r.sub != nil && e.SubscriptionID == "" {
			e.SubscriptionID = r.sub.ID
		}
		if r.cust != nil && e.CustomerID == "" {
			e.CustomerID = r.cust.ID
		}
	}
	return common.Outcome(e, err, attempts, already && err == nil)
}

// auditRefused records a submit the form refused before any call.
func (m Model) auditRefused(p problem) tea.Cmd {
	log := m.c.Audit
	if log == nil || p.guidance.Case.AboutInput() {
		// A typo is not a change attempt.
		return nil
	}
	e := m.entry(m.spec.changes(m.form))
	e.Outcome, e.Reason, e.Message = audit.OutcomeRefusedLocally, string(p.guidance.Case), p.guidance.Title
	return call.Safe(func() tea.Msg { return auditedMsg{err: log.Append(e)} })
}

// summary says what changed, from what the API returned: "flex.example ·
// Business Starter: seats 20 → 25".
func (s spec) summary(r result, changes []change, already bool) string {
	var parts []string
	for _, c := range changes {
		after := c.after
		if v, ok := r.value(c.key); ok {
			after = v
		}
		if c.before == "" {
			parts = append(parts, c.label+" "+orDash(after))
			continue
		}
		parts = append(parts, c.label+" "+orDash(c.before)+" → "+orDash(after))
	}
	out := s.done
	if out == "" {
		out = "Applied"
	}
	if s.about != "" {
		out += " · " + s.about
	}
	if len(parts) > 0 {
		out += ": " + strings.Join(parts, ", ")
	}
	if already {
		out += " (answer lost; found applied, sent once)"
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// auditProblem is the notice shown when the audit log refused a change's
// outcome: whatever became of the change stands, and its intent is on
// record for the next start to check.
func auditProblem(err error) client.Guidance {
	return client.Guidance{Title: "The audit log could not record this change's outcome",
		Cause:  err.Error(),
		Action: "Check that the audit log's folder is writable and has space ($XDG_STATE_HOME/resold); the change's intent is recorded, and the next start checks what became of it.",
		Case:   "AUDIT"}
}

// intentProblem is the refusal shown when the audit log could not take a
// change's intent: nothing was sent, and the form keeps what was typed.
func intentProblem(log common.Auditor, err error) client.Guidance {
	where := "the audit log"
	if p, ok := log.(interface{ Path() string }); ok {
		where = p.Path()
	}
	return client.Guidance{Title: "Not sent: the audit log could not record the change first",
		Cause:  err.Error(),
		Action: "Nothing was sent. Free space or fix the permissions of " + where + " and its folder, then enter and y send it again; what you typed is kept.",
		Case:   "AUDIT"}
}
