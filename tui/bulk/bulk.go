package bulk

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// phase is where the bulk change is.
type phase int

const (
	// offering: a bulk change an earlier session left unfinished; enter
	// reads its remaining rows again to resume it.
	offering phase = iota
	// loading: the remaining rows of a resumed change are being read.
	loading
	// asking: the value of a seat or renewal change is being typed.
	asking
	// planning: every row before → after, skipped ones with the reason;
	// nothing sent.
	planning
	// confirming: the number of rows to change must be typed.
	confirming
	// recording: the planned rows are being written to the audit log.
	recording
	// running: rows are being sent.
	running
	// finished: the summary.
	finished
)

// rowState is what became of one row.
type rowState int

const (
	pending rowState = iota
	skipped
	sending
	applied
	failed
	notSent // stopped before it was sent
)

// row is one subscription of the bulk change.
type row struct {
	client.BulkRow
	// id is the row's attempt ID, planned before anything is sent.
	id    string
	state rowState
	// after is what the API returned; err why it failed; already that a
	// lost answer was found applied.
	after   string
	err     error
	already bool
	// req is the row's write while it is sent; retry its latest retry
	// wait, for the countdown.
	req   call.Request
	retry *client.Event
	// readErr: a resumed row that could not be read again; it is
	// skipped with this reason.
	readErr error
	// target is the seat count a resumed "seats +N" planned for the row:
	// resuming aims at it rather than adding N again to what the row has
	// now, so a row changed since (by another resold, say) is not taken
	// N further.
	target int
}

// Model is the bulk change screen.
type Model struct {
	c      common.Common
	phase  phase
	change client.BulkChange
	bulkID string
	rows   []row
	// resume is the record of the unfinished change being resumed.
	resume *audit.Bulk

	input   common.Input
	renewal int // the renewal type chosen, an index of renewalTypes
	problem string
	cursor  int

	// running: next is the next row to send, started when the first was
	// sent, stopping set by a stop (no row after the ones on their way).
	next        int
	started     time.Time
	stopping    bool
	pausedUntil time.Time
	auditErr    error
	exportNote  string

	reads call.Requests
	// closed: esc while typing the value left the screen.
	closed bool
}

// Finished implements common.Finisher.
func (m Model) Finished() bool { return m.closed }

// renewalTypes are the renewal types a bulk change can set.
var renewalTypes = client.RenewalTypes(client.PlanAnnualMonthly)

// The messages of the screen's work.
type (
	// rowMsg answers the write of row index.
	rowMsg struct {
		call.Done
		index     int
		sub       client.Subscription
		already   bool
		intentErr error
		auditErr  error
	}
	// recordedMsg answers the recording of the planned rows.
	recordedMsg struct{ err error }
	// readMsg answers the read of a resumed row.
	readMsg struct {
		call.Done
		index int
		sub   client.Subscription
	}
	// wakeMsg ends a pause for a throttled API.
	wakeMsg struct{}
	// exportedMsg answers the export of the summary.
	exportedMsg struct {
		path string
		err  error
	}
)

// New opens a bulk change of kind on subs: asking for the value of a seat
// or renewal change, straight to the plan otherwise.
func New(c common.Common, kind message.EditKind, subs []client.Subscription) Model {
	m := Model{c: c, bulkID: audit.NewID()}
	switch kind {
	case message.EditActivate:
		m.change.Kind = client.BulkActivate
	case message.EditSuspend:
		m.change.Kind = client.BulkSuspend
	case message.EditStartPaid:
		m.change.Kind = client.BulkStartPaid
	case message.EditSeats:
		m.change.Kind = client.BulkSeats
	case message.EditRenewal:
		m.change.Kind = client.BulkRenewal
	}
	m.rows = make([]row, len(subs))
	for i, s := range subs {
		m.rows[i] = row{BulkRow: client.BulkRow{Sub: s}}
	}
	switch m.change.Kind {
	case client.BulkSeats:
		m.phase = asking
		m.input = c.NewInput("seats › ", "25 sets each cap or seat count to 25; +5 adds 5 to each", 8)
		m.input.Focus()
	case client.BulkRenewal:
		m.phase = asking
	default:
		m = m.plan()
	}
	return m
}

// Resume opens the offer to resume b, a bulk change an earlier session
// left with rows not sent.
func Resume(c common.Common, b audit.Bulk) Model {
	m := Model{c: c, bulkID: b.ID, resume: &b, phase: offering}
	ch, err := client.ParseBulkChange(b.Change)
	if err != nil {
		m.problem = "This bulk change cannot be resumed: " + err.Error()
	}
	m.change = ch
	m.rows = make([]row, len(b.Remaining))
	for i, e := range b.Remaining {
		m.rows[i] = row{id: e.ID, BulkRow: client.BulkRow{Sub: client.Subscription{CustomerID: e.CustomerID, ID: e.SubscriptionID, CustomerDomain: e.CustomerDomain}}}
		if ch.Kind == client.BulkSeats && ch.Add {
			if n, err := strconv.Atoi(e.After[ch.Key()]); err == nil && n > 0 {
				m.rows[i].target = n
			} else if m.problem == "" {
				m.problem = "This bulk change cannot be resumed: a row's planned seat count is missing from the audit log."
			}
		}
	}
	return m
}

// plan checks the change against every row, with nothing sent.
func (m Model) plan() Model {
	for i, r := range m.rows {
		ch := m.change
		if r.target > 0 {
			ch.Seats, ch.Add = r.target, false
		}
		p := client.PlanBulk([]client.Subscription{r.Sub}, ch)[0]
		if err := m.rows[i].readErr; err != nil {
			p.Skip = err
		}
		m.rows[i].BulkRow = p
		m.rows[i].state = pending
		if p.Skip != nil {
			m.rows[i].state = skipped
		}
		if m.rows[i].id == "" {
			m.rows[i].id = audit.NewID()
		}
	}
	m.phase, m.cursor, m.problem = planning, 0, ""
	return m
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenBulk }

// Title implements common.Screen.
func (m Model) Title() string {
	if m.change.Kind == client.BulkStartPaid {
		return "bulk start paid"
	}
	return "bulk " + string(m.change.Kind)
}

// Typing implements common.Screen: the seat value and the confirmation
// are typed.
func (m Model) Typing() bool { return m.input.Focused() }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.input.Width = max(10, w-20)
	return m
}

// Info implements common.Screen.
func (m Model) Info() string {
	n := m.counts()
	switch m.phase {
	case planning, confirming:
		return fmt.Sprintf("%d to change · %d skipped · nothing sent yet", n.toSend, n.skipped)
	case running, recording, finished:
		return fmt.Sprintf("%d/%d done · %d applied · %d failed · %d skipped", n.done, n.toSend, n.applied, n.failed, n.skipped)
	}
	return fmt.Sprintf("%d rows", len(m.rows))
}

// counts are the rows by what became of them.
type counts struct {
	toSend, skipped, applied, failed, notSent, sending, done int
}

func (m Model) counts() counts {
	var n counts
	for _, r := range m.rows {
		switch r.state {
		case skipped:
			n.skipped++
			continue
		case applied:
			n.applied++
		case failed:
			n.failed++
		case notSent:
			n.notSent++
		case sending:
			n.sending++
		}
		n.toSend++
	}
	n.done = n.applied + n.failed
	return n
}

var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
	_ common.Backer   = Model{}
	_ common.Inflight = Model{}
	_ common.Finisher = Model{}
)

// Cancel implements common.Canceler: esc on a row waiting to be retried
// cancels that row's write (it is recorded as failed) and stops the rest.
func (m Model) Cancel(id uint64) {
	m.reads.Cancel(id)
	for _, r := range m.rows {
		if r.req.Is(id) {
			r.req.Cancel()
		}
	}
}

// Close implements common.Closer: the rows on their way finish and are
// recorded (their writes outlive the screen); no other row is sent.
func (m Model) Close() { m.reads.Close() }

// Inflight implements common.Inflight.
func (m Model) Inflight() (string, bool) {
	if m.phase != running {
		return "", false
	}
	n := m.counts()
	if n.sending == 0 {
		return "", false
	}
	return fmt.Sprintf("bulk %s, row %d of %d", m.change.Words(), n.done+1, n.toSend), true
}

// Applies implements common.Applier: each key works in its phase only, so
// the footer offers ← → only for a renewal type, S only while sending and
// E only on the summary.
func (m Model) Applies(a keymap.Action) (bool, string) {
	switch a {
	case keymap.ActionNextOption, keymap.ActionPrevOption:
		if m.phase != asking || m.change.Kind != client.BulkRenewal {
			return false, "only the renewal type has choices"
		}
	case keymap.ActionStop:
		if m.phase != running && m.phase != recording {
			return false, "nothing is being sent"
		}
	case keymap.ActionExport:
		if m.phase != finished {
			return false, "the summary is exported once the change has ended"
		}
	case keymap.ActionSubmit:
		if m.phase == running || m.phase == recording || m.phase == finished || m.phase == loading {
			return false, "nothing to confirm now"
		}
	}
	return true, ""
}

// Back implements common.Backer: esc steps back a phase; while sending it
// stops before the next row.
func (m Model) Back() (common.Screen, tea.Cmd, bool) {
	switch m.phase {
	case confirming:
		m.input = common.Input{}
		m.phase, m.problem = planning, ""
		return m, nil, true
	case running, recording:
		if !m.stopping {
			return m.stop()
		}
		return m, nil, true
	case loading:
		m.reads.Close()
		m.phase = offering
		return m, nil, true
	}
	return m, nil, false
}

// Done reports whether the bulk change has ended, for tests.
func (m Model) Done() bool { return m.phase == finished }

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case readMsg:
		return m.read(msg)
	case recordedMsg:
		if m.phase != recording {
			return m, nil
		}
		if msg.err != nil {
			// Nothing was sent: without the record, no change.
			m.phase = confirming
			m.problem = "Not sent: the audit log could not record the rows first: " + msg.err.Error()
			return m, nil
		}
		m.phase, m.started = running, m.c.Now()
		if m.stopping {
			return m.finishIfIdle(), nil
		}
		return m.dispatch()
	case rowMsg:
		return m.rowDone(msg)
	case call.RetryMsg:
		for i := range m.rows {
			if m.rows[i].req.Is(msg.ReqID) && msg.Event.Kind == client.EventRetryWait {
				e := msg.Event
				m.rows[i].retry = &e
				if e.Code == 429 && e.Until.After(m.pausedUntil) {
					// One limiter for every row: a throttled row holds
					// the others back until its wait is over.
					m.pausedUntil = e.Until
				}
			}
		}
	case wakeMsg:
		if m.phase == running && !m.stopping {
			return m.dispatch()
		}
	case exportedMsg:
		if msg.err != nil {
			m.exportNote = "Export failed: " + msg.err.Error()
		} else {
			m.exportNote = "Exported to " + msg.path + " (only you can read it)"
		}
	case call.FailedMsg:
		m.reads.Forget(msg.ReqID)
	}
	return m, nil
}

// concurrency is how many rows are sent at once.
func (m Model) concurrency() int { return min(max(m.c.BulkConcurrency, 1), 4) }

// dispatch sends rows until the concurrency is used up, unless paused by
// a throttled row or stopped.
func (m Model) dispatch() (Model, tea.Cmd) {
	if m.stopping {
		return m.finishIfIdle(), nil
	}
	if now := m.c.Now(); now.Before(m.pausedUntil) {
		return m, m.c.After(m.pausedUntil.Sub(now), func(time.Time) tea.Msg { return wakeMsg{} })
	}
	var cmds []tea.Cmd
	for m.counts().sending < m.concurrency() {
		i := m.nextPending()
		if i < 0 {
			break
		}
		var cmd tea.Cmd
		m, cmd = m.send(i)
		cmds = append(cmds, cmd)
	}
	m = m.finishIfIdle()
	return m, tea.Batch(cmds...)
}

// nextPending is the next row to send, -1 when none is left.
func (m Model) nextPending() int {
	for i := m.next; i < len(m.rows); i++ {
		if m.rows[i].state == pending {
			return i
		}
	}
	return -1
}

// finishIfIdle ends the run once no row is on its way and none is left
// to send (or a stop came).
func (m Model) finishIfIdle() Model {
	if m.phase != running || m.counts().sending > 0 {
		return m
	}
	if m.stopping {
		for i := range m.rows {
			if m.rows[i].state == pending {
				m.rows[i].state = notSent
			}
		}
	} else if m.nextPending() >= 0 {
		return m
	}
	m.phase = finished
	m.cursor = 0
	return m
}

// stop lets the rows on their way finish and sends no other.
func (m Model) stop() (common.Screen, tea.Cmd, bool) {
	m.stopping = true
	return m.finishIfIdle(), nil, true
}

// rowDone takes a row's answer and sends the next.
func (m Model) rowDone(msg rowMsg) (common.Screen, tea.Cmd) {
	if msg.index < 0 || msg.index >= len(m.rows) || !m.rows[msg.index].req.Answered(msg.ReqID) {
		return m, nil
	}
	r := &m.rows[msg.index]
	r.retry = nil
	var changed tea.Cmd
	if msg.auditErr != nil {
		m.auditErr = msg.auditErr
	}
	switch {
	case msg.intentErr != nil:
		// Nothing was sent, and nothing more will be: the log is the
		// condition of every change.
		r.state, r.err = failed, msg.intentErr
		m.auditErr = msg.intentErr
		m.stopping = true
	case msg.Err != nil:
		r.state, r.err = failed, msg.Err
		if call.Canceled(msg.Err) {
			// esc cancelled the row's retry: the user wants the
			// change stopped, not the next row sent.
			m.stopping = true
		}
	default:
		r.state, r.already = applied, msg.already
		r.after, _ = client.SubscriptionValue(msg.sub, m.change.Key())
		// The tables and details below show the row as the API returned it.
		before, sub := r.Sub, msg.sub
		changed = message.Send(message.Changed{Before: &before, Sub: &sub,
			Summary: fmt.Sprintf("Bulk %s: %s %s → %s", m.change.Words(), before.CustomerDomain, orDash(r.Before), orDash(r.after))})
	}
	if m.stopping {
		return m.finishIfIdle(), changed
	}
	next, cmd := m.dispatch()
	return next, tea.Batch(changed, cmd)
}

// start records the rows, then sends them.
func (m Model) start() (Model, tea.Cmd) {
	m.phase = recording
	m.input = common.Input{}
	log := m.c.Audit
	entries := m.plannedEntries()
	return m, call.Safe(func() tea.Msg {
		if log == nil {
			return recordedMsg{}
		}
		for _, e := range entries {
			if err := log.Append(e); err != nil {
				return recordedMsg{err: err}
			}
		}
		return recordedMsg{}
	})
}

// base is row r's audit entry before its outcome.
func (m Model) base(r row) audit.Entry {
	e := audit.Entry{
		ID: r.id, Bulk: m.bulkID, Profile: m.c.Profile, EndpointKind: m.c.Endpoint, Method: m.change.Method(),
		CustomerID: r.Sub.CustomerID, SubscriptionID: r.Sub.ID, CustomerDomain: r.Sub.CustomerDomain,
		Before: map[string]string{m.change.Key(): r.Before}, After: map[string]string{m.change.Key(): r.After},
	}
	if e.EndpointKind == "" {
		e.EndpointKind = audit.EndpointCustom
	}
	return e
}

// plannedEntries are the audit lines written before the first row is
// sent: every row to send, planned under its attempt ID, so a quit or a
// crash leaves the rest on record to resume; every skipped row refused
// (a row already planned by the change being resumed is not planned
// again, and its refusal closes it).
func (m Model) plannedEntries() []audit.Entry {
	var out []audit.Entry
	for _, r := range m.rows {
		e := m.base(r)
		switch {
		case r.state == skipped:
			e.Outcome, e.Message = audit.OutcomeRefusedLocally, client.SkipReason(r.Skip)
			e.Reason = "bulk_skipped"
			if m.resume != nil {
				e.Phase = audit.PhaseOutcome
			} else {
				e.ID = ""
			}
		case m.resume != nil:
			continue
		default:
			e.Phase, e.BulkChange = audit.PhasePlanned, m.change.String()
		}
		out = append(out, e)
	}
	return out
}

// send writes row i: intent on record first, then the change (which the
// client never applies twice: a lost answer is checked by reading the
// subscription again), then the outcome under the same attempt ID.
func (m Model) send(i int) (Model, tea.Cmd) {
	r := &m.rows[i]
	r.state = sending
	m.next = i + 1
	base := m.base(*r)
	log, api, ch, br := m.c.Audit, m.c.API, m.change, r.BulkRow
	label := fmt.Sprintf("%s · %s (row %d of %d)", ch.Method(), r.Sub.CustomerDomain, i+1, len(m.rows))
	what := fmt.Sprintf("bulk %s on %s", ch.Words(), r.Sub.CustomerDomain)
	var cmd tea.Cmd
	r.req, cmd = m.c.Write(label, what, func(ctx context.Context, id uint64) tea.Msg {
		base.RequestID = strconv.FormatUint(id, 10)
		if log != nil {
			intent := base
			intent.Phase = audit.PhaseIntent
			if err := log.Append(intent); err != nil {
				return rowMsg{Done: call.Done{ReqID: id}, index: i, intentErr: err}
			}
		}
		sub, err := apply(ctx, api, ch, br)
		n, already := call.Sent(ctx)
		msg := rowMsg{Done: call.Done{ReqID: id, Err: err}, index: i, sub: sub, already: already && err == nil}
		if log != nil {
			msg.auditErr = log.Append(outcome(base, ch, sub, err, n, already))
		}
		return msg
	})
	return m, cmd
}

// apply makes the change to one row.
func apply(ctx context.Context, api common.API, ch client.BulkChange, r client.BulkRow) (client.Subscription, error) {
	switch ch.Kind {
	case client.BulkActivate:
		return api.Activate(ctx, r.Sub)
	case client.BulkSuspend:
		return api.Suspend(ctx, r.Sub)
	case client.BulkStartPaid:
		return api.StartPaidService(ctx, r.Sub)
	case client.BulkSeats:
		return api.ChangeSeats(ctx, r.Sub, r.Seats)
	case client.BulkRenewal:
		return api.ChangeRenewal(ctx, r.Sub, ch.RenewalType)
	}
	return client.Subscription{}, fmt.Errorf("unknown bulk change %q", ch.Kind)
}

// outcome completes base with what became of the row's write, the way
// the edit screen records a single change.
func outcome(base audit.Entry, ch client.BulkChange, sub client.Subscription, err error, attempts int, already bool) audit.Entry {
	e := base
	e.Phase = audit.PhaseOutcome
	if err == nil {
		v, _ := client.SubscriptionValue(sub, ch.Key())
		e.After = map[string]string{ch.Key(): v}
	}
	return common.Outcome(e, err, attempts, already)
}

// load reads the remaining rows of a resumed change again, one by one:
// the plan is made from what they are now.
func (m Model) load(i int) (Model, tea.Cmd) {
	if i >= len(m.rows) {
		return m.plan(), nil
	}
	api, s := m.c.API, m.rows[i].Sub
	var cmd tea.Cmd
	m.reads[0], cmd = m.c.Call(fmt.Sprintf("Reading row %d of %d again", i+1, len(m.rows)), func(ctx context.Context, id uint64) tea.Msg {
		sub, err := api.GetSubscription(ctx, s.CustomerID, s.ID)
		return readMsg{Done: call.Done{ReqID: id, Err: err}, index: i, sub: sub}
	})
	return m, cmd
}

func (m Model) read(msg readMsg) (common.Screen, tea.Cmd) {
	if m.phase != loading || !m.reads[0].Answered(msg.ReqID) {
		return m, nil
	}
	if msg.Err != nil {
		if call.Canceled(msg.Err) {
			m.phase = offering
			return m, nil
		}
		// The row cannot be read (gone, or no access): it is skipped,
		// with the reason, and the others go on.
		m.rows[msg.index].readErr = msg.Err
	} else {
		m.rows[msg.index].Sub = msg.sub
	}
	return m.load(msg.index + 1)
}

// BulkID is the ID the rows share in the audit log.
func (m Model) BulkID() string { return m.bulkID }

// Planned is how many rows the plan would send, for tests.
func (m Model) Planned() int { return m.counts().toSend }
