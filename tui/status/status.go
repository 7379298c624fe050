package status

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// SpinnerDelay is how long a call runs before the spinner shows: fast calls
// must not flicker.
const SpinnerDelay = 150 * time.Millisecond

// maxFailureLines bounds the failure block so the screen above keeps room;
// the message key shows the rest.
const maxFailureLines = 8

// Model is the status pane. It is a value; Update returns the new one.
type Model struct {
	c       common.Common
	pending []running
	spinner spinner.Model
	// spinning is true while a spinner tick is in flight, so a second
	// chain is never started.
	spinning bool
	retry    *retry
	failure  *failure
	notice   string
	// changed says what the last change did, as the API returned it; it
	// stays until dismissed or replaced. changedFor is the customer the
	// change was made for.
	changed    string
	changedFor string
	// flash is a passing note (e.g. "Copied …"), gone at the next key;
	// refused marks it as a key that did nothing.
	flash   string
	refused bool
	// on is the screen on top and typing whether a text input there has
	// focus: a key hint shows only where its key works.
	on     keymap.ScreenName
	typing bool
	// room is the most lines the pane may take; 0 means no limit.
	room int
}

// running is a call under way, and whether its spinner shows yet.
type running struct {
	id      uint64
	label   string
	visible bool
}

type retry struct {
	id    uint64
	label string
	event client.Event
}

type failure struct {
	guidance client.Guidance
}

// spinnerDueMsg fires SpinnerDelay after a call started.
type spinnerDueMsg struct{ id uint64 }

// countdownMsg re-renders a retry countdown once a second while it runs.
type countdownMsg struct {
	id    uint64
	until time.Time
}

// New returns an idle status pane.
func New(c common.Common) Model {
	return Model{c: c, spinner: spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(c.Styles.Spinner))}
}

// SetWidth sets the pane's width; its height follows its content (Lines).
func (m Model) SetWidth(w int) Model {
	m.c.Width = w
	return m
}

// SetRoom sets the most lines the pane may take: longer text is cut there,
// ending with an ellipsis, and the message key shows all of it.
func (m Model) SetRoom(h int) Model {
	m.room = h
	return m
}

// Update handles call starts and ends, retry events and its own ticks.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case call.StartedMsg:
		m.pending = append(slices.Clip(m.pending), running{id: msg.ReqID, label: msg.Label})
		id := msg.ReqID
		return m, m.c.After(SpinnerDelay, func(time.Time) tea.Msg { return spinnerDueMsg{id} })
	case spinnerDueMsg:
		i := m.find(msg.id)
		if i < 0 {
			return m, nil
		}
		m.pending = slices.Clone(m.pending)
		m.pending[i].visible = true
		if m.spinning {
			return m, nil
		}
		m.spinning = true
		return m, m.spinner.Tick
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return m, nil
		}
		if !m.anyVisible() {
			// Let the chain die: no ticker runs while idle.
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case call.RetryMsg:
		if m.find(msg.ReqID) < 0 {
			return m, nil
		}
		switch msg.Event.Kind {
		case client.EventRetryWait:
			m.retry = &retry{id: msg.ReqID, label: msg.Label, event: msg.Event}
			return m, m.countdown(msg.ReqID, msg.Event.Until)
		case client.EventOutcomeUnknown:
			m.notice = "No answer came: checking whether the change was applied before resending · " + msg.Label
		case client.EventAlreadyApplied:
			m.notice = "The answer was lost, but the change was applied: it was not sent again · " + msg.Label
		case client.EventListRestarted:
			m.flash, m.refused = "The listing changed while it was read; it was read again from the start", false
		}
		return m, nil
	case countdownMsg:
		if m.retry == nil || m.retry.id != msg.id || !m.retry.event.Until.Equal(msg.until) {
			return m, nil
		}
		if m.c.Now().Before(msg.until) {
			return m, m.countdown(msg.id, msg.until)
		}
		return m, nil
	case message.Notice:
		m.flash, m.refused = msg.Text, msg.Refused
		return m, nil
	case message.Dismiss:
		return m.Dismiss(), nil
	case message.Guidance:
		g := msg.Guidance
		m.failure = &failure{guidance: g}
		return m, nil
	case message.Reconciled:
		if msg.Text != "" {
			m.notice = msg.Text
		}
		return m.finish(msg), nil
	case message.Changed:
		m.changed = msg.Summary
		m.changedFor = ""
		switch {
		case msg.Customer != nil:
			m.changedFor = msg.Customer.ID
		case msg.Sub != nil:
			m.changedFor = msg.Sub.CustomerID
		case msg.Before != nil:
			m.changedFor = msg.Before.CustomerID
		}
		// The failure was about an earlier attempt; this one worked.
		m.failure = nil
		return m, nil
	case call.Result:
		return m.finish(msg), nil
	}
	return m, nil
}

// On tells the pane which screen is on top and whether a text input there
// has focus, so its key hints name only keys that work there.
func (m Model) On(screen keymap.ScreenName, typing bool) Model {
	m.on, m.typing = screen, typing
	return m
}

// rootKey returns the binding of global action a when pressing it here
// reaches the root model, which acts on it: the screen inherits it and no
// text input takes the key first.
func (m Model) rootKey(a keymap.Action) (keymap.Binding, bool) {
	if m.typing {
		return keymap.Binding{}, false
	}
	for _, b := range m.c.Keys.Screen(m.on) {
		if b.Action == a && len(b.Keys()) > 0 {
			return b, true
		}
	}
	return keymap.Binding{}, false
}

// cancelKey returns the key that stops a retry wait here: back where the
// root takes it, and on the confirm dialog, which stops the wait of the
// change it sends with the same key itself.
func (m Model) cancelKey() (keymap.Binding, bool) {
	if b, ok := m.rootKey(keymap.ActionBack); ok {
		return b, true
	}
	if b := m.c.Keys.Global.Back; m.on == keymap.ScreenConfirm && b.Enabled() && len(b.Keys()) > 0 {
		return b, true
	}
	return keymap.Binding{}, false
}

// KeyPressed clears the passing note: the user has moved on.
func (m Model) KeyPressed() Model {
	m.flash = ""
	return m
}

// finish records the end of a call and, unless the user stopped it, its
// failure.
func (m Model) finish(r call.Result) Model {
	id := r.RequestID()
	if i := m.find(id); i >= 0 {
		m.pending = slices.Delete(slices.Clone(m.pending), i, i+1)
	}
	var waited *retry
	if m.retry != nil && m.retry.id == id {
		waited, m.retry = m.retry, nil
	}
	err := r.Failure()
	if err != nil && call.Canceled(err) && waited != nil {
		// The countdown must not just vanish: say that the retry it
		// announced will not come, and why the call was waiting.
		m.notice = cancelledLine(waited)
	}
	if err == nil || call.Canceled(err) {
		return m
	}
	m.failure = &failure{guidance: m.explain(err)}
	return m
}

func (m Model) explain(err error) client.Guidance {
	if m.c.API != nil {
		return m.c.API.Explain(err)
	}
	return client.Guidance{Title: "Unexpected error", Message: err.Error()}
}

// countdown ticks at the next whole second of the wait, so the number shown
// changes exactly when it should.
func (m Model) countdown(id uint64, until time.Time) tea.Cmd {
	left := until.Sub(m.c.Now())
	if left <= 0 {
		return nil
	}
	step := left - left.Truncate(time.Second)
	if step <= 0 {
		step = time.Second
	}
	return m.c.After(step, func(time.Time) tea.Msg { return countdownMsg{id: id, until: until} })
}

func (m Model) find(id uint64) int {
	return slices.IndexFunc(m.pending, func(c running) bool { return c.id == id })
}

func (m Model) anyVisible() bool {
	return slices.ContainsFunc(m.pending, func(c running) bool { return c.visible })
}

// Retrying returns the request waiting to be retried, if any: esc cancels
// it.
func (m Model) Retrying() (uint64, bool) {
	if m.retry == nil {
		return 0, false
	}
	return m.retry.id, true
}

// HasFailure reports whether a failure, notice or change summary is shown:
// esc dismisses them before it goes back.
func (m Model) HasFailure() bool { return m.failure != nil || m.notice != "" || m.changed != "" }

// Leave is the user going to customer id (empty: to the search): what
// the pane said about another customer goes; the summary of a change made
// for id stays (a customer just ordered or transferred opens next).
func (m Model) Leave(id string) Model {
	keep := m.changed != "" && id != "" && m.changedFor == id
	changed, changedFor := m.changed, m.changedFor
	m = m.Dismiss()
	if keep {
		m.changed, m.changedFor = changed, changedFor
	}
	return m
}

// Dismiss clears the failure, any notice and the change summary.
func (m Model) Dismiss() Model {
	m.failure = nil
	m.notice = ""
	m.changed = ""
	return m
}

// lines returns the pane's content, one entry per line, within the
// pane's room and never more than maxFailureLines+1 (a retry line above a failure); a cut ends with "…".
func (m Model) lines() []string {
	out, _ := m.render()
	return out
}

// render returns the pane's lines and whether any text had to be cut.
func (m Model) render() ([]string, bool) {
	w := m.c.Width
	st := m.c.Styles
	room := m.room
	if room <= 0 {
		room = maxFailureLines + 1
	}
	var out []string
	cut := false
	switch {
	case m.retry != nil:
		out = append(out, common.Truncate(st.Warning.Render(m.retryLine()), w))
	case m.anyVisible():
		out = append(out, common.Truncate(m.spinner.View()+" "+m.spinningLabel()+"…", w))
	}
	add := func(text string, n int) {
		lines, c := wrapLines(text, w, n)
		out = append(out, lines...)
		cut = cut || c
	}
	if m.notice != "" {
		add(st.Info.Render(m.notice), 3)
	}
	if m.changed != "" {
		add(st.Success.Render(m.changed), 2)
	}
	if m.flash != "" {
		style := st.Success
		if m.refused {
			style = st.Warning
		}
		add(style.Render(m.flash), 2)
	}
	if m.failure != nil {
		left := min(maxFailureLines, room-len(out)) - 1
		if left < 1 {
			// Earlier lines give way to the failure, which matters most.
			out = out[:max(0, room-2)]
			left = min(maxFailureLines, room-len(out)) - 1
		}
		f := m.failureBody(w)
		if len(f) > left {
			f = f[:left]
			f[left-1] = ellipsis(f[left-1], w)
			cut = true
		}
		out = append(out, m.failureTitle(w, cut))
		out = append(out, f...)
	}
	if len(out) > room {
		out = out[:room]
		out[room-1] = ellipsis(out[room-1], w)
		cut = true
	}
	return out, cut
}

// ellipsis marks line as cut: it ends with "…" and still fits w cells.
func ellipsis(line string, w int) string {
	line = strings.TrimSuffix(strings.TrimRight(line, " "), "…")
	if common.Width(line)+2 <= w {
		return line + " …"
	}
	return ansi.Truncate(line, w-1, "") + "…"
}

// Whole is everything the pane has to say, uncut, for the message view:
// a title and labelled sections.
func (m Model) Whole() (title string, sections []message.Section) {
	add := func(label, text string) {
		if text != "" {
			sections = append(sections, message.Section{Label: label, Text: text})
		}
	}
	add("", m.notice)
	add("", m.changed)
	title = "Status"
	if m.failure != nil {
		g := m.failure.guidance
		title = g.Title
		if title == "" {
			title = "The call failed"
		}
		if b, _, words, ok := common.NextKey(m.c.KeysFor(false), m.on, g.Next); ok {
			add("Key", b.Help().Key+" "+words)
		}
		add("Why", g.Cause)
		add("Do", g.Action)
		var api []string
		if g.Code != 0 {
			api = append(api, fmt.Sprintf("HTTP %d", g.Code))
		}
		if g.Reason != "" {
			api = append(api, "reason "+g.Reason)
		}
		if g.Method != "" {
			api = append(api, "method "+g.Method)
		}
		add("API", strings.Join(api, " · "))
		add("API message", g.Message)
		add("See", g.Link)
	}
	return title, sections
}

// HasMessage reports whether the pane has a message the message key can
// show in full.
func (m Model) HasMessage() bool { return m.failure != nil || m.notice != "" || m.changed != "" }

// Height is the number of lines the pane needs: at least one, so the
// layout does not jump when a spinner appears.
func (m Model) Height() int { return max(1, len(m.lines())) }

// View renders the pane, exactly Height lines of exactly the width.
func (m Model) View() string {
	lines := m.lines()
	return common.FitBlock(strings.Join(lines, "\n"), m.c.Width, max(1, len(lines)))
}

func (m Model) spinningLabel() string {
	for i := len(m.pending) - 1; i >= 0; i-- {
		if m.pending[i].visible {
			return m.pending[i].label
		}
	}
	return ""
}

// retryLine reads like "connection refused · retry 2/6 in 9 s · esc
// cancels · Looking up acme.example": the cause first, from the first
// retry on, and "re-read retry" while a lost answer is being checked.
func (m Model) retryLine() string {
	e := m.retry.event
	left := int(math.Ceil(e.Until.Sub(m.c.Now()).Seconds()))
	left = max(left, 0)
	line := fmt.Sprintf("%s · %s %d/%d in %d s", cause(e), retryWord(e), e.Attempt+1, e.MaxAttempts, left)
	if b, ok := m.cancelKey(); ok {
		line += " · " + b.Help().Key + " cancels"
	}
	return line + " · " + m.retry.label
}

// cause is what failed, in a few words.
func cause(e client.Event) string {
	switch {
	case e.Cause != "":
		return e.Cause
	case e.Code != 0:
		return strings.TrimSpace(fmt.Sprintf("%d %s", e.Code, e.Reason))
	case e.Message != "":
		return common.Truncate(e.Message, 40)
	}
	return "no answer"
}

// retryWord names what is retried: the call, or the re-read that checks
// whether a change whose answer was lost was applied.
func retryWord(e client.Event) string {
	if e.ReRead {
		return "re-read retry"
	}
	return "retry"
}

// cancelledLine is what stays of a retry wait that was cancelled.
func cancelledLine(r *retry) string {
	e := r.event
	return fmt.Sprintf("Cancelled while waiting for %s %d/%d (%s) · %s", retryWord(e), e.Attempt+1, e.MaxAttempts, cause(e), r.label)
}

// failureTitle is the failure's first line: its title and, as far as
// they fit whole, the keys that act on it (the message key first when the
// text was cut).
func (m Model) failureTitle(w int, cut bool) string {
	st := m.c.Styles
	g := m.failure.guidance
	title := g.Title
	if title == "" {
		title = "The call failed"
	}
	var hints []string
	if cut {
		if b, ok := m.messageKey(); ok {
			hints = append(hints, b.Help().Key+" whole message")
		}
	}
	if b, ok := m.rootKey(keymap.ActionBack); ok {
		hints = append(hints, b.Help().Key+" dismisses")
	}
	if b, ok := m.rootKey(keymap.ActionLog); ok {
		hints = append(hints, b.Help().Key+" call log")
	}
	for len(hints) > 0 && common.Width(title)+2+common.Width(strings.Join(hints, " · ")) > w {
		hints = hints[:len(hints)-1]
	}
	return common.Spread(st.Error.Render(title), st.Muted.Render(strings.Join(hints, " · ")), w)
}

// messageKey is the key that opens the whole message here: the typing copy
// while a text input has focus (a form's fields), where only its control
// key gets through.
func (m Model) messageKey() (keymap.Binding, bool) {
	keys := m.c.KeysFor(m.typing)
	for _, b := range keys.Screen(m.on) {
		if b.Action == keymap.ActionMessage && len(b.Keys()) > 0 {
			return keyOnly(b), true
		}
	}
	return keymap.Binding{}, false
}

// keyOnly relabels b with its first key, so a hint stays short.
func keyOnly(b keymap.Binding) keymap.Binding {
	k := b.Help().Key
	if i := strings.IndexByte(k, '/'); i > 0 {
		b.SetHelp(k[:i], b.Help().Desc)
	}
	return b
}

// failureBody is the failure's explanation, wrapped at word boundaries.
func (m Model) failureBody(w int) []string {
	st := m.c.Styles
	g := m.failure.guidance
	var out []string
	add := func(label, text string) {
		if text == "" {
			return
		}
		indent := strings.Repeat(" ", common.Width(label)+1)
		wrapped := strings.Split(ansi.Wrap(text, max(10, w-len(indent)), ""), "\n")
		for i, l := range wrapped {
			prefix := indent
			if i == 0 {
				prefix = st.Subtle.Render(label) + " "
			}
			out = append(out, common.Truncate(prefix+l, w))
		}
	}
	// The key to the next step comes first: it is what to do, and the
	// block may be cut.
	if b, _, words, ok := common.NextKey(m.c.KeysFor(m.typing), m.on, g.Next); ok {
		add("Key:", b.Help().Key+" "+words)
	}
	add("Why:", g.Cause)
	add("Do: ", g.Action)
	add("API:", apiLine(g))
	add("See:", g.Link)
	return out
}

// apiLine is what the API said, always shown next to our explanation.
func apiLine(g client.Guidance) string {
	var parts []string
	if g.Code != 0 {
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%d %s", g.Code, g.Reason)))
	} else if g.Reason != "" {
		parts = append(parts, g.Reason)
	}
	if g.Method != "" {
		parts = append(parts, g.Method)
	}
	if g.Message != "" {
		parts = append(parts, "“"+g.Message+"”")
	}
	return strings.Join(parts, " · ")
}

// wrapLines wraps s to w cells at word boundaries, at most n lines, the
// last ending with an ellipsis when more was left; cut says so.
func wrapLines(s string, w, n int) (lines []string, cut bool) {
	lines = common.Wrap(s, w)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ellipsis(lines[n-1], w)
		cut = true
	}
	return lines, cut
}
