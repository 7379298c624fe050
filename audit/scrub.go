package audit

import (
	"errors"
	"fmt"
)

// ErrInvalidEntry is returned by Append for an entry that could not be
// read back meaningfully: no method, or an unknown outcome or endpoint kind.
var ErrInvalidEntry = errors.New("audit: invalid entry")

// check rejects entries with missing or unknown required fields; these are
// programming errors in the caller, caught by its tests.
func (e Entry) check() error {
	switch {
	case e.Method == "":
		return fmt.Errorf("%w: no method", ErrInvalidEntry)
	case !e.EndpointKind.valid():
		return fmt.Errorf("%w: unknown endpoint kind %q", ErrInvalidEntry, e.EndpointKind)
	case e.Phase != "" && e.ID == "":
		return fmt.Errorf("%w: %s without an attempt ID", ErrInvalidEntry, e.Phase)
	}
	switch e.Phase {
	case PhaseIntent, PhasePlanned:
		if e.Outcome != "" {
			return fmt.Errorf("%w: %s has no outcome yet, got %q", ErrInvalidEntry, e.Phase, e.Outcome)
		}
		return nil
	case "", PhaseOutcome, PhaseReconciled:
	default:
		return fmt.Errorf("%w: unknown phase %q", ErrInvalidEntry, e.Phase)
	}
	if !e.Outcome.valid() {
		return fmt.Errorf("%w: unknown outcome %q", ErrInvalidEntry, e.Outcome)
	}
	return nil
}

// scrubbed returns a copy of e that is safe to write and print: every
// string cleaned of control characters, secrets replaced with Redacted,
// then capped in length (in that order: cleaning first joins a secret split
// by zero-width characters, capping last cannot leave half a secret behind
// the redactor), and the time truncated to what the file keeps.
// The maps are copied, so the caller's are never changed.
func (e Entry) scrubbed() Entry {
	text := func(s string, limit int) string { return capBytes(redactText(sanitize(s)), limit) }
	e.Time = e.Time.UTC().Truncate(timeResolution)
	e.Operator = text(e.Operator, maxShort)
	e.SSHClient = text(e.SSHClient, maxShort)
	e.KeyFingerprint = text(e.KeyFingerprint, maxShort)
	e.Profile = text(e.Profile, maxShort)
	e.Method = text(e.Method, maxShort)
	e.CustomerID = text(e.CustomerID, maxShort)
	e.SubscriptionID = text(e.SubscriptionID, maxShort)
	e.CustomerDomain = text(e.CustomerDomain, maxShort)
	e.ID = text(e.ID, maxShort)
	e.Phase = Phase(text(string(e.Phase), maxShort))
	e.Reason = text(e.Reason, maxShort)
	e.Message = text(e.Message, maxMessage)
	e.RequestID = text(e.RequestID, maxShort)
	e.Bulk = text(e.Bulk, maxShort)
	e.BulkChange = text(e.BulkChange, maxShort)
	e.Process = text(e.Process, maxShort)
	e.Before = scrubMap(e.Before)
	e.After = scrubMap(e.After)
	return e
}

// scrubMap cleans a before/after map; a nil map becomes empty so every
// line has the same shape.
func scrubMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		k = sanitize(k)
		v = sanitize(v)
		if rk := redactText(k); rk != k || isSecretKey(k) || redactText(v) != v {
			// Values are short: a partly secret one is hidden whole, and
			// so is the value under a key that is itself a secret.
			k, v = rk, Redacted
		}
		out[capBytes(k, maxShort)] = capBytes(v, maxShort)
	}
	return out
}
