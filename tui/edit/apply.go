package edit

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/tui/call"
)

// appliedMsg answers the call that makes a change.
type appliedMsg struct {
	call.Done
	result result
	// alreadyApplied: the answer was lost and a re-read found the change
	// made, so it was not sent again.
	alreadyApplied bool
	// auditErr is set when the audit log could not take the entry.
	auditErr error
}

// auditedMsg answers the audit of a submit the form refused.
type auditedMsg struct{ err error }

// apply sends the change. The command captures the values it needs, runs
// the write (which the client never applies twice), appends the audit
// entry with the outcome, and answers with what the API returned.
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
	var cmd tea.Cmd
	m.calls[writing], cmd = m.c.Write(s.label(), s.label(), func(ctx context.Context, id uint64) tea.Msg {
		r, err := send(ctx, api)
		n, already := call.Sent(ctx)
		e := outcomeEntry(base, changes, r, err, n, already)
		e.RequestID = strconv.FormatUint(id, 10)
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

// entry is the audit entry of a change before its outcome is known.
func (m Model) entry(changes []change) audit.Entry {
	e := audit.Entry{
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

// outcomeEntry completes base with what became of the write. After a
// success the after values are the ones the API returned, not the ones
// asked for.
func outcomeEntry(base audit.Entry, changes []change, r result, err error, attempts int, already bool) audit.Entry {
	e := base
	e.Attempts = attempts
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
		e.Outcome, e.Code = audit.OutcomeApplied, 200
		if already {
			e.Outcome, e.Code = audit.OutcomeAlreadyApplied, 0
			e.Message = "the answer was lost; a re-read found the change applied, so it was not sent again"
		}
		return e
	}
	g := client.Explain(err)
	e.Code, e.Reason, e.Message = g.Code, g.Reason, g.Message
	var ve *client.ValidationError
	var ae *client.APIError
	switch {
	case errors.As(err, &ve), errors.Is(err, client.ErrReadOnly):
		e.Outcome, e.Reason, e.Message, e.Attempts = audit.OutcomeRefusedLocally, g.Case, g.Title, 0
	case errors.As(err, &ae) && ae.OutcomeUnknown:
		e.Outcome, e.Attempts = audit.OutcomeUnknown, max(ae.Attempts, 1)
	case errors.As(err, &ae):
		e.Outcome, e.Attempts = audit.OutcomeFailed, ae.Attempts
	default:
		e.Outcome = audit.OutcomeFailed
	}
	if e.Message == "" {
		e.Message = g.Title
	}
	return e
}

// auditRefused records a submit the form refused before any call.
func (m Model) auditRefused(p problem) tea.Cmd {
	log := m.c.Audit
	if log == nil {
		return nil
	}
	e := m.entry(m.spec.changes(m.form))
	e.Outcome, e.Reason, e.Message = audit.OutcomeRefusedLocally, p.guidance.Case, p.guidance.Title
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

// auditProblem is the notice shown when the audit log refused an entry:
// whatever became of the change stands, but its record is missing.
func auditProblem(err error) client.Guidance {
	return client.Guidance{Title: "The audit log could not record this change attempt",
		Cause:  err.Error(),
		Action: "Check that the audit log's directory is writable ($XDG_STATE_HOME/resold), and note the change by hand.",
		Case:   "AUDIT"}
}
