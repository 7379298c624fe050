package edit

import (
	"resold/audit"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// phase is where the screen is in a change's life.
type phase int

const (
	// editing: the form is open.
	editing phase = iota
	// confirming: the before → after dialog waits for y or n.
	confirming
	// applying: the call is running.
	applying
)

// writing is the screen's one kind of call: the change.
const writing = 0

// Model is the edit screen: the form, then the confirm dialog, then the
// call. It is a value.
type Model struct {
	c     common.Common
	spec  spec
	form  form.Model
	phase phase

	// domain is the confirm dialog's field for delete and suspend;
	// matched once what was typed is the customer's domain.
	domain  common.Input
	matched bool
	// notice is the dialog's last word to the user ("enter is not yes").
	notice string

	// calls is the change under way (writing).
	calls call.Requests
	// sending names the change while its call runs, for the quit dialog.
	sending string
	// waiting is set while the call waits to retry: esc may stop it then,
	// when nothing is on its way.
	waiting bool
	// failure is the last refusal's guidance; its next action, when it has
	// one, is one key away. inline is set when a field's error already
	// says it.
	failure *client.Guidance
	inline  bool
	// results are a transfer set's outcomes, one line per subscription,
	// shown under the form after a batch that did not move them all.
	results []string
	// finished: applied or cancelled; the root drops the screen.
	finished bool
	// typed is set once the user changed a value; esc then asks again
	// before it discards them (armed).
	typed, armed bool
}

// Open builds the edit screen for msg. When the change does not apply (no
// renewal settings on a flexible plan, nothing to activate) there is no
// screen, and the command shows why in the status pane.
func Open(c common.Common, msg message.OpenEdit) (common.Screen, tea.Cmd) {
	s, refusal := build(c, msg)
	if refusal != nil {
		g := *refusal
		return nil, message.Send(message.Guidance{Guidance: g})
	}
	return start(c, s), nil
}

// start opens spec s at its first step: the form, or the dialog when there
// is nothing to fill in.
func start(c common.Common, s spec) Model {
	m := Model{c: c, spec: s, form: form.New(c, s.fields...)}
	dom := c.NewInput("› ", "", 255)
	m.domain = dom
	if s.adjust != nil {
		m.form = s.adjust(m.form)
	}
	if s.refused {
		m.form = m.form.Reveal()
	}
	m = m.revalidate()
	if m.form.Empty() {
		m = m.toConfirm()
	}
	return m
}

// build returns the spec for msg, or the guidance that says why the change
// does not apply.
func build(c common.Common, msg message.OpenEdit) (spec, *client.Guidance) {
	switch msg.Kind {
	case message.EditSeats:
		return seatsSpec(c, msg.Sub), nil
	case message.EditPlan:
		return planSpec(c, msg.Sub, false), nil
	case message.EditRenewal:
		return renewalSpec(c, msg.Sub)
	case message.EditActivate:
		return activateSpec(c, msg.Sub)
	case message.EditSuspend:
		return suspendSpec(c, msg.Sub)
	case message.EditStartPaid:
		return startPaidSpec(c, msg.Sub)
	case message.EditDelete:
		return deleteSpec(c, msg.Sub), nil
	case message.EditCustomer:
		return customerSpec(c, msg.Customer)
	case message.NewCustomer:
		return newCustomerSpec(c, msg.Domain), nil
	case message.NewSubscription:
		if msg.TransferToken != "" && len(msg.With) > 0 {
			return transferSetSpec(c, msg.Sub, msg.With, msg.TransferToken), nil
		}
		if msg.TransferToken != "" {
			return transferSpec(c, msg.Sub, msg.TransferToken), nil
		}
		return newSubscriptionSpec(c, msg.Customer)
	}
	g := client.Guidance{Title: "Unknown change " + string(msg.Kind)}
	return spec{}, &g
}

// Name implements common.Screen: the form's keys while editing, the
// dialog's from the confirmation on (no back, help or log over a change
// being made).
func (m Model) Name() keymap.ScreenName {
	if m.phase == editing {
		return keymap.ScreenEdit
	}
	return keymap.ScreenConfirm
}

// Title implements common.Screen.
func (m Model) Title() string { return m.spec.crumb }

// Typing implements common.Screen.
func (m Model) Typing() bool {
	switch m.phase {
	case editing:
		return m.form.Typing()
	case confirming:
		return m.domain.Focused()
	}
	return false
}

// Info implements common.Screen.
func (m Model) Info() string {
	if m.phase == applying {
		return "sending…"
	}
	return ""
}

// Finished implements common.Finisher.
func (m Model) Finished() bool { return m.finished }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.form = m.form.SetWidth(w)
	m.domain.Width = max(10, min(40, w-12))
	return m
}

// The screen makes calls: the root stops them through these.
var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
)

// Cancel implements common.Canceler.
func (m Model) Cancel(id uint64) { m.calls.Cancel(id) }

// Close implements common.Closer. A request on its way is never cut off,
// not even by a quit: its answer is what the audit log records (the
// process waits a bounded time for it). A retry wait is stopped, since
// nothing is on its way then.
func (m Model) Close() {
	if m.phase == applying && !m.waiting {
		return
	}
	m.calls.Close()
}

// Inflight implements common.Inflight: the change whose call runs.
func (m Model) Inflight() (string, bool) {
	if m.phase != applying || !m.calls[writing].Pending() {
		return "", false
	}
	return m.sending, true
}

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch m.phase {
		case editing:
			return m.editKey(msg)
		case confirming:
			return m.confirmKey(msg)
		case applying:
			return m.applyingKey(msg)
		}
	case appliedMsg:
		if !m.calls[writing].Is(msg.ReqID) {
			return m, nil
		}
		return m.applied(msg)
	case setAppliedMsg:
		if !m.calls[writing].Is(msg.ReqID) {
			return m, nil
		}
		return m.appliedSet(msg)
	case call.FailedMsg:
		if m.calls.Forget(msg.ReqID) {
			m.phase = editing
			g := client.Explain(msg.Err)
			m.failure, m.inline = &g, false
		}
	case call.RetryMsg:
		if m.calls[writing].Is(msg.ReqID) {
			m.waiting = msg.Event.Kind == client.EventRetryWait
		}
	case auditedMsg:
		if msg.err != nil {
			return m, message.Send(message.Guidance{Guidance: auditProblem(msg.err)})
		}
	case message.Changed:
		return m.changedElsewhere(msg), nil
	}
	return m, nil
}

// editKey handles a key while the form is open.
func (m Model) editKey(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	typing := m.form.Typing()
	keys := m.c.KeysFor(typing)
	switch {
	case typing && common.Matches(msg, keys.Global.Back):
		// esc cancels the form even while typing (without focus the root
		// takes esc: dismiss the failure, then Back, then go back); a
		// search in a long list of choices goes first.
		if f, ok := m.form.ClearFind(); ok {
			m.form = f
			return m, nil
		}
		if s, cmd, ok := m.Back(); ok {
			return s, cmd
		}
		m.finished = true
		return m, Cancelled
	}
	m.armed = false
	switch {
	case common.Matches(msg, keys.Edit.Submit):
		return m.submit()
	}
	if b, ok := m.shortcut(); ok && !typing && common.Matches(msg, b) {
		return m, message.Send(m.follow())
	}
	if !typing {
		if _, focused := m.form.Focused(); !focused && editsText(msg) {
			// Blurred after a refusal: typing goes back to the field.
			m.form = m.form.Refocus()
		}
	}
	var cmd tea.Cmd
	var changed bool
	m.form, cmd, changed = m.form.Update(msg)
	if changed {
		m.typed = true
		if m.spec.adjust != nil {
			m.form = m.spec.adjust(m.form)
		}
		m.failure = nil
		m = m.revalidate()
	}
	return m, cmd
}

// Applies implements common.Applier: ← and → pick a choice only on a
// choice field.
func (m Model) Applies(a keymap.Action) (bool, string) {
	switch a {
	case keymap.ActionNextOption, keymap.ActionPrevOption:
		key, ok := m.form.Focused()
		if f, found := m.form.Field(key); !ok || !found || f.Kind() != form.KindChoice {
			return false, "the field has no choices"
		}
	}
	return true, ""
}

// Applies reports whether change kind opens for sub, and otherwise why in
// a few words: the title of the refusal it would show.
func Applies(c common.Common, kind message.EditKind, sub client.Subscription) (bool, string) {
	switch kind {
	case message.EditRenewal, message.EditActivate, message.EditSuspend, message.EditStartPaid:
		if _, g := build(c, message.OpenEdit{Kind: kind, Sub: sub}); g != nil {
			return false, g.Title
		}
	}
	return true, ""
}

// changeMethods are the calls the changes that can be refused before any
// form would make.
var changeMethods = map[message.EditKind]string{
	message.EditRenewal: "subscriptions.changeRenewalSettings", message.EditActivate: "subscriptions.activate",
	message.EditSuspend: "subscriptions.suspend", message.EditStartPaid: "subscriptions.startPaidService",
}

// AuditRefused records a change refused for sub before any form opened
// (its key, or the palette's command, pressed where the rules refuse it),
// as a refused form is: both are change attempts the user saw refused.
func AuditRefused(c common.Common, kind message.EditKind, sub client.Subscription) tea.Cmd {
	log := c.Audit
	method, ok := changeMethods[kind]
	if log == nil || !ok {
		return nil
	}
	_, g := build(c, message.OpenEdit{Kind: kind, Sub: sub})
	if g == nil {
		return nil
	}
	kindOf := c.Endpoint
	if kindOf == "" {
		kindOf = audit.EndpointCustom
	}
	e := audit.Entry{ID: audit.NewID(), CustomerDomain: sub.CustomerDomain, Profile: c.Profile, EndpointKind: kindOf,
		Method: method, CustomerID: sub.CustomerID, SubscriptionID: sub.ID,
		Before: map[string]string{}, After: map[string]string{},
		Outcome: audit.OutcomeRefusedLocally, Reason: string(g.Case), Message: g.Title}
	return call.Safe(func() tea.Msg {
		if err := log.Append(e); err != nil {
			return message.Guidance{Guidance: auditProblem(err)}
		}
		return nil
	})
}

// Back implements common.Backer: a form holding typed values asks for a
// second esc before it discards them.
func (m Model) Back() (common.Screen, tea.Cmd, bool) {
	if m.phase != editing || !m.typed || m.armed {
		return m, nil, false
	}
	m.armed = true
	return m, nil, true
}

// Cancelled tells the status pane that the form was given up: what it
// said about the form no longer applies.
func Cancelled() tea.Msg { return message.Dismiss{} }

// editsText reports keys that edit text: characters, backspace, delete.
func editsText(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace, tea.KeyBackspace, tea.KeyDelete, tea.KeyCtrlU, tea.KeyCtrlW:
		return true
	}
	return false
}

// revalidate runs the checks and shows each field's error inline.
func (m Model) revalidate() Model {
	if m.spec.check == nil {
		return m
	}
	m.form = m.form.SetErrors(errorsByField(m.spec.check(m.form)))
	return m
}

// submit checks the values: a refusal is explained inline and in the
// status pane (and audited); otherwise the dialog opens.
func (m Model) submit() (common.Screen, tea.Cmd) {
	var problems []problem
	if m.spec.check != nil {
		problems = m.spec.check(m.form)
	}
	if len(problems) == 0 {
		m.failure = nil
		return m.toConfirm(), nil
	}
	m.form = m.form.SetErrors(errorsByField(problems)).Reveal()
	p := problems[0]
	g := p.guidance
	m.failure, m.inline = &g, true
	if _, ok := m.shortcut(); ok {
		// The next step is a key away: keys act as commands now.
		m.form = m.form.Blur()
	} else {
		m.form, _ = m.form.Focus(p.key)
	}
	return m, tea.Batch(message.Send(message.Guidance{Guidance: g}), m.auditRefused(p))
}

// toConfirm opens the dialog, No by default.
func (m Model) toConfirm() Model {
	m.phase = confirming
	m.notice = ""
	m.matched = false
	m.domain.Reset()
	m.domain.Blur()
	if m.spec.confirmDomain != "" {
		m.domain.Focus()
	}
	return m
}

// confirmKey handles a key in the dialog. Only y applies; enter never
// does.
func (m Model) confirmKey(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	typing := m.domain.Focused()
	keys := m.c.KeysFor(typing)
	if typing {
		switch {
		case common.Matches(msg, keys.Confirm.No):
			return m.decline(), nil
		case common.Matches(msg, keys.Edit.Submit), common.Matches(msg, keys.Edit.NextField):
			if m.domainMatches() {
				m.matched, m.notice = true, ""
				m.domain.Blur()
				return m, nil
			}
			m.notice = "Type " + m.spec.confirmDomain + " exactly to confirm."
			return m, nil
		}
		var cmd tea.Cmd
		m.domain, cmd = m.domain.Update(msg)
		m.notice = ""
		return m, cmd
	}
	switch {
	case common.Matches(msg, keys.Confirm.Yes):
		if m.spec.confirmDomain != "" && !m.matched {
			m.notice = "Type " + m.spec.confirmDomain + " first."
			m.domain.Focus()
			return m, nil
		}
		return m.apply()
	case common.Matches(msg, keys.Confirm.No):
		return m.decline(), nil
	case common.Matches(msg, keys.Edit.Submit):
		m.notice = "enter is not yes: " + keys.Confirm.Yes.Help().Key + " applies, " + keys.Confirm.No.Help().Key + " goes back."
	case common.Matches(msg, keys.Edit.NextField), common.Matches(msg, keys.Edit.PrevField):
		if m.spec.confirmDomain != "" {
			m.matched = false
			m.domain.Focus()
		}
	}
	return m, nil
}

func (m Model) domainMatches() bool {
	return strings.EqualFold(strings.TrimSpace(m.domain.Value()), m.spec.confirmDomain)
}

// decline answers No: back to the form, or out when there is none.
func (m Model) decline() Model {
	if m.form.Empty() {
		m.finished = true
		return m
	}
	m.phase = editing
	m.notice = ""
	m.domain.Blur()
	m.form = m.form.Refocus()
	return m
}

// applyingKey: while the call runs only esc acts, and only to stop a
// retry wait (the status pane says "esc cancels"); nothing is in flight
// then, so stopping cannot leave the change half known. While the request
// is on its way esc says why it does nothing.
func (m Model) applyingKey(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	if !common.Matches(msg, m.c.Keys.Global.Back) {
		return m, nil
	}
	if m.waiting {
		m.calls[writing].Cancel()
		return m, nil
	}
	m.notice = "The change is on its way and cannot be called back; its answer shows here."
	if q := m.c.Keys.Global.Quit; q.Enabled() && len(q.Keys()) > 0 {
		m.notice += " " + q.Help().Key + " quits (resold asks first)."
	}
	return m, nil
}

// notSent goes back to the form, with what was typed, after the audit log
// refused a change's intent: nothing was sent.
func (m Model) notSent(intentErr error) (common.Screen, tea.Cmd) {
	m.phase = editing
	g := intentProblem(m.c.Audit, intentErr)
	m.failure, m.inline = &g, false
	m.form = m.form.Refocus()
	return m, message.Send(message.Guidance{Guidance: g})
}

// applied takes the call's answer: on success the state the API returned
// goes to every screen and the status pane, and the screen ends (or goes
// on to the next step); on failure the form keeps what was typed.
func (m Model) applied(msg appliedMsg) (common.Screen, tea.Cmd) {
	m.calls[writing] = call.Request{}
	m.waiting = false
	var cmds []tea.Cmd
	if msg.intentErr != nil {
		return m.notSent(msg.intentErr)
	}
	if msg.auditErr != nil {
		cmds = append(cmds, message.Send(message.Guidance{Guidance: auditProblem(msg.auditErr)}))
	}
	if msg.Err != nil {
		m.phase = editing
		g := client.Explain(msg.Err)
		m.failure, m.inline = &g, false
		if _, ok := m.shortcut(); ok {
			m.form = m.form.Blur()
		} else {
			m.form = m.form.Refocus()
		}
		return m, tea.Batch(cmds...)
	}
	changes := m.spec.changes(m.form)
	changed := message.Changed{Summary: m.spec.summary(msg.result, changes, msg.alreadyApplied),
		Sub: msg.result.sub, Customer: msg.result.cust, Deleted: msg.result.deleted}
	if m.spec.sub != nil {
		before := *m.spec.sub
		changed.Before = &before
	}
	cmds = append(cmds, message.Send(changed))
	if m.spec.then != nil {
		if next, ok := m.spec.then(msg.result); ok {
			return start(m.c, next), tea.Batch(cmds...)
		}
	}
	if m.spec.kind == message.NewCustomer && msg.result.cust != nil {
		cust := *msg.result.cust
		cmds = append(cmds, message.Send(message.OpenCustomer{ID: cust.ID, Customer: &cust}))
	}
	if m.spec.kind == message.NewSubscription && m.spec.sub != nil && msg.result.sub != nil {
		// A transfer: the customer is now yours; open it as it is now.
		cmds = append(cmds, message.Send(message.OpenCustomer{ID: msg.result.sub.CustomerID}))
	}
	m.finished = true
	return m, tea.Batch(cmds...)
}

// changedElsewhere takes a change made by another screen (the activation
// the refusal asked for): the form checks its values against the new
// state, and the old refusal no longer stands.
func (m Model) changedElsewhere(msg message.Changed) Model {
	if m.spec.sub == nil || msg.Before == nil || !message.Same(*m.spec.sub, *msg.Before) || m.phase != editing {
		return m
	}
	if msg.Deleted || msg.Sub == nil {
		m.finished = true
		return m
	}
	if m.spec.rebuild == nil {
		return m
	}
	next, ok := m.spec.rebuild(*msg.Sub)
	if !ok {
		return m
	}
	// The form keeps what was typed; its labels and hints, the checks and
	// the call follow the new state.
	m.spec = next
	m.form = m.form.Relabel(next.fields...)
	m.failure = nil
	m.form = m.form.Refocus()
	return m.revalidate()
}
