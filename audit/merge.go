package audit

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"time"
)

// InterruptedMessage is the message of a merged row whose intent has no
// outcome: resold stopped (a hang-up, a crash, a kill) between sending
// the change and recording its answer.
const InterruptedMessage = "interrupted: no outcome was recorded; the next start with API access checks it"

// NewID returns a fresh attempt ID: 16 hex digits from the system's
// random source, unique enough for one operator's log.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// Merge folds each attempt's intent and outcome into one row, in the order
// the attempts began; entries without an ID (older lines, changes refused
// before any call) are rows of their own. A row keeps the intent's who,
// what and before, and takes the outcome's result and after, and its time
// unless the outcome was decided at a later start. An
// intent with no outcome keeps PhaseIntent and reads OutcomeUnknown with
// InterruptedMessage; a row decided at a later start has PhaseReconciled;
// the others have no phase. When an attempt has several outcomes (another
// resold process reconciled it while the write was still under way), the
// one written by the write itself wins over a reconciled one, and a later
// one over an earlier.
func Merge(entries []Entry) []Entry {
	outcomes := map[string]Entry{}
	intents := map[string]bool{}
	for _, e := range entries {
		switch {
		case e.ID == "" || e.Phase == "" || e.Phase == PhasePlanned:
		case e.Phase == PhaseIntent:
			intents[e.ID] = true
		default:
			if prev, ok := outcomes[e.ID]; ok && prev.Phase == PhaseOutcome && e.Phase == PhaseReconciled {
				continue
			}
			outcomes[e.ID] = e
		}
	}
	rows := make([]Entry, 0, len(entries))
	done := map[string]bool{}
	for _, e := range entries {
		switch {
		case e.Phase == PhasePlanned:
			// Not an attempt: the row's attempt, if it was made, is.
		case e.ID == "" || e.Phase == "":
			rows = append(rows, e)
		case done[e.ID]:
		case e.Phase == PhaseIntent:
			done[e.ID] = true
			out, ok := outcomes[e.ID]
			rows = append(rows, combine(e, out, ok))
		case !intents[e.ID]:
			// The intent's line was lost (a hand-edited or torn file):
			// the outcome still stands as a row.
			done[e.ID] = true
			rows = append(rows, outcomes[e.ID])
		}
	}
	return rows
}

// combine makes one row of an intent and its outcome (ok false: none).
func combine(intent, out Entry, ok bool) Entry {
	row := intent
	if !ok {
		row.Outcome, row.Message = OutcomeUnknown, InterruptedMessage
		return row
	}
	row.Phase = ""
	if out.Phase == PhaseReconciled {
		// When it finished is unknown: the row keeps when it was sent.
		row.Phase = PhaseReconciled
	} else {
		row.Time = out.Time
	}
	row.Outcome, row.Code, row.Reason, row.Message, row.Attempts = out.Outcome, out.Code, out.Reason, out.Message, out.Attempts
	if out.RequestID != "" {
		row.RequestID = out.RequestID
	}
	if len(out.After) > 0 {
		row.After = out.After
	}
	// A new customer or subscription gets its ID from the answer.
	if row.CustomerID == "" {
		row.CustomerID = out.CustomerID
	}
	if row.SubscriptionID == "" {
		row.SubscriptionID = out.SubscriptionID
	}
	if row.CustomerDomain == "" {
		row.CustomerDomain = out.CustomerDomain
	}
	return row
}

// Pending returns the intents that have no outcome yet, oldest first: the
// changes a crash or hang-up left unaccounted for.
func Pending(entries []Entry) []Entry {
	closed := map[string]bool{}
	for _, e := range entries {
		if e.ID != "" && (e.Phase == PhaseOutcome || e.Phase == PhaseReconciled) {
			closed[e.ID] = true
		}
	}
	var out []Entry
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Phase == PhaseIntent && e.ID != "" && !closed[e.ID] && !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	return out
}

// Bulk is a bulk change as the log records it.
type Bulk struct {
	// ID is the bulk change's ID (Entry.Bulk).
	ID string
	// Change says what it does (Entry.BulkChange of its planned rows).
	Change string
	// Planned is how many rows it was to send; Remaining are the planned
	// rows with no attempt yet, in the order they were planned.
	Planned   int
	Remaining []Entry
	// Started is when its rows were planned.
	Started time.Time
}

// Unfinished returns the bulk changes with rows still to send, oldest
// first: stopped by a quit, a crash, a hang-up or the user before their
// last row. A row counts as sent once any entry of its attempt (intent,
// outcome, a refusal) is in the log.
func Unfinished(entries []Entry) []Bulk {
	attempted := map[string]bool{}
	for _, e := range entries {
		if e.ID != "" && e.Phase != PhasePlanned {
			attempted[e.ID] = true
		}
	}
	var out []Bulk
	at := map[string]int{}
	for _, e := range entries {
		if e.Phase != PhasePlanned || e.Bulk == "" {
			continue
		}
		i, ok := at[e.Bulk]
		if !ok {
			i = len(out)
			at[e.Bulk] = i
			out = append(out, Bulk{ID: e.Bulk, Change: e.BulkChange, Started: e.Time})
		}
		out[i].Planned++
		if !attempted[e.ID] {
			out[i].Remaining = append(out[i].Remaining, e)
		}
	}
	return slices.DeleteFunc(out, func(b Bulk) bool { return len(b.Remaining) == 0 })
}
