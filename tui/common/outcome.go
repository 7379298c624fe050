package common

import (
	"errors"

	"resold/audit"
	"resold/client"
)

// Outcome completes e, a change's audit entry, with what became of its
// write: applied (or already applied: its answer was lost and a re-read
// found it made, so it was not sent again), refused before sending,
// unknown (it went out and no answer told), or failed. attempts is how
// many times it went out. The after values are the caller's to set; the
// edit screen, a transfer set and a bulk change record their writes
// alike through it.
func Outcome(e audit.Entry, err error, attempts int, already bool) audit.Entry {
	e.Attempts = attempts
	if err == nil {
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
		e.Outcome, e.Reason, e.Message, e.Attempts = audit.OutcomeRefusedLocally, string(g.Case), g.Title, 0
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
