package audit

import (
	"encoding/json"
	"fmt"
	"time"
)

// TimeFormat is the layout of an entry's time on disk: RFC 3339 in UTC with
// milliseconds, so lines sort as text and stay readable.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// timeResolution is the precision TimeFormat keeps.
const timeResolution = time.Millisecond

// Outcome says what became of a write.
type Outcome string

// The outcomes of a write.
const (
	// OutcomeApplied: the API accepted the change.
	OutcomeApplied Outcome = "applied"
	// OutcomeAlreadyApplied: a response was lost, the client read the
	// resource back, found the change already there and did not resend.
	OutcomeAlreadyApplied Outcome = "already_applied"
	// OutcomeFailed: the API refused the change.
	OutcomeFailed Outcome = "failed"
	// OutcomeRefusedLocally: validation stopped the change before any call.
	OutcomeRefusedLocally Outcome = "refused_locally"
	// OutcomeNotApplied: an interrupted change was checked at the next
	// start and the state read shows it was not made.
	OutcomeNotApplied Outcome = "not_applied"
	// OutcomeUnknown: no answer arrived and the state could not be checked.
	OutcomeUnknown Outcome = "unknown"
)

// valid reports whether o is one of the outcomes above.
func (o Outcome) valid() bool {
	switch o {
	case OutcomeApplied, OutcomeAlreadyApplied, OutcomeFailed, OutcomeRefusedLocally, OutcomeNotApplied, OutcomeUnknown:
		return true
	}
	return false
}

// EndpointKind names the kind of API endpoint a write went to; the log
// keeps the kind only, never the URL, so credentials or hosts embedded in
// it are not written down.
type EndpointKind string

// The endpoint kinds.
const (
	// EndpointGoogle is Google's production Reseller API.
	EndpointGoogle EndpointKind = "google"
	// EndpointEmulator is resold's built-in emulator.
	EndpointEmulator EndpointKind = "emulator"
	// EndpointCustom is any other base URL.
	EndpointCustom EndpointKind = "custom"
)

// valid reports whether k is one of the kinds above.
func (k EndpointKind) valid() bool {
	switch k {
	case EndpointGoogle, EndpointEmulator, EndpointCustom:
		return true
	}
	return false
}

// Phase says which part of a write attempt an entry records. A change is
// logged twice: its intent before anything is sent, its outcome after the
// answer, both with the attempt's ID. Entries without a phase (and lines
// written before phases existed) are complete on their own.
type Phase string

// The phases of a write attempt.
const (
	// PhaseIntent: the change is about to be sent; Outcome is empty.
	PhaseIntent Phase = "intent"
	// PhaseOutcome: what became of the intent with the same ID.
	PhaseOutcome Phase = "outcome"
	// PhaseReconciled: the outcome of an interrupted intent, decided at a
	// later start by reading the subscription or customer again.
	PhaseReconciled Phase = "reconciled"
	// PhasePlanned: a row of a bulk change, recorded with every other row
	// before the first is sent, under the ID its attempt will have. A
	// planned row without an attempt is a row still to send: after a quit,
	// a crash or a hang-up the next start offers to resume them
	// (Unfinished). It is not an attempt, so Merge leaves it out.
	PhasePlanned Phase = "planned"
)

// Entry is one write in the audit log, written as one JSON line.
type Entry struct {
	// Time is when the entry was written; Append fills it in when zero.
	Time time.Time `json:"time"`
	// ID names the write attempt: its intent and outcome share it. Empty
	// on lines from before write-ahead logging.
	ID string `json:"id,omitempty"`
	// Phase is intent, outcome or reconciled; empty for an entry that is
	// complete on its own (a change refused before any call).
	Phase Phase `json:"phase,omitempty"`
	// Operator is the local user ($USER); Append fills it and SSHClient in
	// from Operator() when both are empty.
	Operator string `json:"operator"`
	// SSHClient is the address of the SSH client the operator came from,
	// empty for a local session.
	SSHClient string `json:"ssh_client"`
	// KeyFingerprint is the SHA256 fingerprint of the SSH key the operator
	// signed in to `resold serve` with ("SHA256:…"); empty for a local
	// session, where $USER names the operator.
	KeyFingerprint string `json:"key_fingerprint,omitempty"`
	// Profile is the config profile the write was made under.
	Profile string `json:"profile"`
	// EndpointKind says where the write went, never the URL itself.
	EndpointKind EndpointKind `json:"endpoint_kind"`
	// Method is the API method, e.g. "subscriptions.changeSeats".
	Method string `json:"method"`
	// CustomerID and SubscriptionID name what was changed.
	CustomerID     string `json:"customer_id"`
	SubscriptionID string `json:"subscription_id"`
	// CustomerDomain names the customer in messages about the attempt
	// ("1 interrupted change on flex.example was found applied").
	CustomerDomain string `json:"customer_domain,omitempty"`
	// Before and After hold only the changed values, as strings, e.g.
	// {"seats":"50"} and {"seats":"60"}. An intent's After is what was
	// asked for; an outcome's is what the API returned, a reconciled
	// one's what the re-read found.
	Before map[string]string `json:"before"`
	After  map[string]string `json:"after"`
	// Outcome says what became of the write; empty on an intent.
	Outcome Outcome `json:"outcome,omitempty"`
	// Code is the HTTP status, 0 when no response arrived.
	Code int `json:"code"`
	// Reason is the API's error reason (e.g. "invalid") or the local
	// validation rule that refused the change.
	Reason string `json:"reason"`
	// Message is the error message, cleaned of control characters.
	Message string `json:"message"`
	// Attempts counts the requests sent, retries included.
	Attempts int `json:"attempts"`
	// RequestID is the session's own number for the call that made the
	// change, the one its result message carried; it is not Google's
	// request ID, which the API returns only with some errors.
	RequestID string `json:"request_id"`
	// Bulk is the ID of the bulk change the attempt is a row of; every
	// row of one bulk change shares it. Empty for a single change.
	Bulk string `json:"bulk,omitempty"`
	// BulkChange says, on a planned row, what the bulk change does
	// ("activate", "seats +5", "renewal CANCEL"), so it can be resumed.
	BulkChange string `json:"bulk_change,omitempty"`
	// BatchID is shared by the entries of the subscriptions sent in one
	// batch request (a transfer set); empty for a call of its own.
	BatchID string `json:"batch_id,omitempty"`
	// Process names the resold process that wrote an intent or a planned
	// row (a random ID per open log). While that process runs, they are
	// its own to finish: a start elsewhere leaves them alone (Log.Live).
	Process string `json:"process,omitempty"`
}

// entryFields has Entry's fields and tags without its methods, so the
// custom (un)marshallers below can delegate to encoding/json.
type entryFields Entry

// MarshalJSON writes Time in TimeFormat (UTC, milliseconds).
func (e Entry) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Time string `json:"time"` // shadows entryFields.Time
		entryFields
	}{e.Time.UTC().Format(TimeFormat), entryFields(e)})
}

// UnmarshalJSON reads an entry written by MarshalJSON.
func (e *Entry) UnmarshalJSON(data []byte) error {
	var w struct {
		Time string `json:"time"`
		*entryFields
	}
	w.entryFields = (*entryFields)(e)
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, w.Time)
	if err != nil {
		return fmt.Errorf("audit: bad time %q: %w", w.Time, err)
	}
	e.Time = t
	return nil
}
