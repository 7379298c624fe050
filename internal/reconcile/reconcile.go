package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"resold/audit"
	"resold/client"
)

// Checker reads again what a change acted on (*client.Client).
type Checker interface {
	CheckChange(ctx context.Context, ch client.Change) (client.Check, error)
}

// Log is the audit log (*audit.Log).
type Log interface {
	Entries() ([]audit.Entry, error)
	Append(e audit.Entry) error
}

// Session is where this start's changes go: only intents made under the
// same profile and kind of endpoint can be checked against its API.
type Session struct {
	Profile  string
	Endpoint audit.EndpointKind
}

// Reason codes of the outcomes this package appends.
const (
	// ReasonDemo: the intent was made against the in-memory demo emulator,
	// whose state ended with that session; no later start can read it.
	ReasonDemo = "demo_emulator_gone"
	// ReasonUnreadable: the API refused to show the state (access
	// revoked, customer gone).
	ReasonUnreadable = "state_unreadable"
)

// Result is what became of one pending intent.
type Result struct {
	Intent  audit.Entry
	Outcome audit.Outcome
	// Why says how the outcome was decided.
	Why string
}

// Report is what Run did, for the status pane.
type Report struct {
	// Checked were read again and given an outcome.
	Checked []Result
	// Demo were closed as unknown: made against the demo emulator.
	Demo []Result
	// Elsewhere were made under another profile or endpoint and are left
	// for a session there.
	Elsewhere []audit.Entry
	// Unchecked could not be read this time (no answer); the next start
	// tries again. Err is the last such error.
	Unchecked []audit.Entry
	Err       error
	// AppendErr is set when the log refused an outcome.
	AppendErr error
}

// Pending reads the log for intents without an outcome. Lines that are not
// entries (a torn last line) are skipped: the entries around them count.
func Pending(log Log) ([]audit.Entry, error) {
	entries, err := log.Entries()
	var lineErr *audit.LineError
	if err != nil && !errors.As(err, &lineErr) {
		return nil, err
	}
	return audit.Pending(entries), nil
}

// Run settles pending: intents from the demo emulator are closed as
// unknown; those made under this session's profile and endpoint kind are
// read again through chk and get the outcome found (applied, not_applied
// or unknown); the rest are left for a session that can read them. It
// stops, leaving the rest pending, when ctx ends.
func Run(ctx context.Context, log Log, pending []audit.Entry, chk Checker, s Session) Report {
	var r Report
	for _, p := range pending {
		switch {
		case p.EndpointKind == audit.EndpointEmulator:
			res := Result{Intent: p, Outcome: audit.OutcomeUnknown,
				Why: "made against the demo emulator, which starts afresh each time: it cannot be checked"}
			if err := log.Append(outcome(p, res, ReasonDemo, nil)); err != nil {
				r.AppendErr = err
				continue
			}
			r.Demo = append(r.Demo, res)
		case p.Profile != s.Profile || p.EndpointKind != s.Endpoint:
			r.Elsewhere = append(r.Elsewhere, p)
		case ctx.Err() != nil:
			r.Unchecked, r.Err = append(r.Unchecked, p), ctx.Err()
		default:
			r.check(ctx, log, p, chk)
		}
	}
	return r
}

// check reads p's subscription or customer again and records the outcome.
func (r *Report) check(ctx context.Context, log Log, p audit.Entry, chk Checker) {
	found, err := chk.CheckChange(ctx, client.Change{Method: p.Method, CustomerID: p.CustomerID,
		SubscriptionID: p.SubscriptionID, Before: p.Before, After: p.After})
	reason := ""
	if err != nil {
		if g := client.Explain(err); g.Retryable || ctx.Err() != nil || g.Code == 0 {
			// No answer: try again at the next start rather than give
			// up on a change that may yet be read.
			r.Unchecked, r.Err = append(r.Unchecked, p), err
			return
		}
		found = client.Check{Verdict: client.VerdictUnknown, Why: "the state could not be read: " + client.Explain(err).Title}
		reason = ReasonUnreadable
	}
	res := Result{Intent: p, Outcome: verdictOutcome(found.Verdict), Why: found.Why}
	if err := log.Append(outcome(p, res, reason, &found)); err != nil {
		r.AppendErr = err
		return
	}
	r.Checked = append(r.Checked, res)
}

// outcome is the reconciled entry closing intent p.
func outcome(p audit.Entry, res Result, reason string, found *client.Check) audit.Entry {
	e := p
	e.Time = time.Time{}
	e.Phase, e.Outcome, e.Reason = audit.PhaseReconciled, res.Outcome, reason
	e.Message = "interrupted; checked at the next start: " + res.Why
	e.Code, e.Attempts, e.RequestID = 0, 0, ""
	e.After = map[string]string{}
	if found != nil {
		for k, v := range found.Found {
			e.After[k] = v
		}
		if e.CustomerID == "" {
			e.CustomerID = found.CustomerID
		}
		if e.SubscriptionID == "" {
			e.SubscriptionID = found.SubscriptionID
		}
	}
	return e
}

func verdictOutcome(v client.Verdict) audit.Outcome {
	switch v {
	case client.VerdictApplied:
		return audit.OutcomeApplied
	case client.VerdictNotApplied:
		return audit.OutcomeNotApplied
	}
	return audit.OutcomeUnknown
}

// where names the customer an entry is about.
func where(e audit.Entry) string {
	for _, s := range []string{e.CustomerDomain, e.After["domain"], e.CustomerID} {
		if s != "" {
			return s
		}
	}
	return "an unnamed customer"
}

// found says an outcome in words: "applied", "not applied", "in an
// unknown state".
func found(o audit.Outcome) string {
	switch o {
	case audit.OutcomeApplied:
		return "applied"
	case audit.OutcomeNotApplied:
		return "not applied"
	}
	return "in an unknown state"
}

func changes(n int) string {
	if n == 1 {
		return "1 interrupted change"
	}
	return fmt.Sprintf("%d interrupted changes", n)
}

// Summary tells the user what was found, e.g. "1 interrupted change on
// flex.example was found applied"; "" when there was nothing to say.
func (r Report) Summary() string {
	var parts []string
	switch len(r.Checked) {
	case 0:
	case 1:
		c := r.Checked[0]
		parts = append(parts, fmt.Sprintf("1 interrupted change on %s was found %s", where(c.Intent), found(c.Outcome)))
	default:
		var each []string
		for _, c := range r.Checked {
			each = append(each, where(c.Intent)+" "+found(c.Outcome))
		}
		parts = append(parts, changes(len(r.Checked))+" were checked: "+strings.Join(each, ", "))
	}
	if n := len(r.Demo); n > 0 {
		parts = append(parts, changes(n)+" from an earlier demo cannot be checked (the demo emulator starts afresh): recorded as unknown")
	}
	if n := len(r.Elsewhere); n > 0 {
		var profiles []string
		for _, e := range r.Elsewhere {
			p := e.Profile
			if p == "" {
				p = "the default profile"
			}
			if !slices.Contains(profiles, p) {
				profiles = append(profiles, p)
			}
		}
		verb := "wait"
		if n == 1 {
			verb = "waits"
		}
		parts = append(parts, fmt.Sprintf("%s made under %s (%s) %s for a start there", changes(n), strings.Join(profiles, ", "), r.Elsewhere[0].EndpointKind, verb))
	}
	if n := len(r.Unchecked); n > 0 {
		parts = append(parts, fmt.Sprintf("%s could not be checked (%s); the next start tries again", changes(n), client.Explain(r.Err).Title))
	}
	if r.AppendErr != nil {
		parts = append(parts, "the audit log could not record what was found: "+r.AppendErr.Error())
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " · ") + " · resold audit lists them"
}

// AtStart returns the check to run once the UI is up: it reads log for
// the intents an earlier session left without an outcome and settles
// them (Run). Reading a long log takes a moment, so it is left to the
// check, off the start-up path; intents written after AtStart are this
// session's own and are not touched.
func AtStart(log Log, chk Checker, s Session) func(ctx context.Context) string {
	// The log keeps milliseconds: an intent in the same one is ours.
	started := time.Now().Truncate(time.Millisecond)
	return func(ctx context.Context) string {
		pending, err := Pending(log)
		if err != nil {
			return "Could not look for interrupted changes: " + err.Error()
		}
		pending = slices.DeleteFunc(pending, func(e audit.Entry) bool { return !e.Time.Before(started) || elsewhere(log, e) })
		if len(pending) == 0 {
			return ""
		}
		return Run(ctx, log, pending, chk, s).Summary()
	}
}

// elsewhere reports whether e is another running resold's (see
// audit.Log.RunningElsewhere): its change may be on its way right now, so
// reading the state could only find it not yet applied, and resuming its
// bulk change would send its rows twice.
func elsewhere(log Log, e audit.Entry) bool {
	r, ok := log.(interface{ RunningElsewhere(audit.Entry) bool })
	return ok && r.RunningElsewhere(e)
}

// UnfinishedAtStart returns the look, once the UI is up, for the bulk
// changes an earlier session under s's profile and endpoint kind left with
// rows not sent (a quit, a crash, a hang-up or a stop before the last
// row), for the UI to offer resuming. Rows that were sent but have no
// outcome are not among them: Run settles those. Bulk changes begun after
// UnfinishedAtStart are this session's own.
func UnfinishedAtStart(log Log, s Session) func() []audit.Bulk {
	started := time.Now().Truncate(time.Millisecond)
	return func() []audit.Bulk {
		entries, err := log.Entries()
		var lineErr *audit.LineError
		if err != nil && !errors.As(err, &lineErr) {
			return nil
		}
		return slices.DeleteFunc(Unfinished(entries, s, started), func(b audit.Bulk) bool { return elsewhere(log, b.Remaining[0]) })
	}
}

// Unfinished returns the bulk changes of entries planned before started
// under s's profile and endpoint kind that have rows not sent.
func Unfinished(entries []audit.Entry, s Session, started time.Time) []audit.Bulk {
	var out []audit.Bulk
	for _, b := range audit.Unfinished(entries) {
		first := b.Remaining[0]
		if b.Started.Before(started) && first.Profile == s.Profile && first.EndpointKind == s.Endpoint {
			out = append(out, b)
		}
	}
	return out
}
