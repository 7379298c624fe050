package tui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	bubblekey "github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"resold/audit"
	"resold/client"
	"resold/keymap"
	"resold/tui/attention"
	"resold/tui/bulk"
	"resold/tui/call"
	"resold/tui/calllog"
	"resold/tui/common"
	"resold/tui/customer"
	"resold/tui/edit"
	"resold/tui/exporter"
	"resold/tui/helpview"
	"resold/tui/message"
	"resold/tui/palette"
	"resold/tui/profiles"
	"resold/tui/quitting"
	"resold/tui/search"
	"resold/tui/status"
	"resold/tui/subscription"
	"resold/tui/subscriptions"
	"resold/tui/textview"
)

// The smallest terminal the layout is made for; below it the UI shows one
// line asking for more room.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Model is the root model.
type Model struct {
	c      common.Common
	stack  []common.Screen
	status status.Model
	footer help.Model
	// footerLine is the footer, built in layout from the keys that work
	// now, so View never walks the keymap.
	footerLine string
	// globals says which global actions each screen answers to, also
	// computed once.
	globals map[keymap.ScreenName]map[keymap.Action]bool
	// offKeys are, in read-only mode, each screen's write keys: disabled,
	// but a press of one says why nothing happens.
	offKeys map[keymap.ScreenName][]keymap.Binding
	width   int
	height  int
	bodyH   int
	// refused are the top screen's keys that do nothing in its present
	// state (no row, a change that does not apply to the selected row),
	// each with why; computed in layout, so View never asks.
	refused map[keymap.Action]string
	// kept are the tables left with esc, by what they show: opened again,
	// they come back with their rows and cursor. Copied on write.
	kept map[string]common.Screen
	// startup runs when the program starts (the check of interrupted
	// changes); nil for none.
	startup tea.Cmd
	// building reports the demo emulator's build of its customers
	// (building.go); nil when there is none.
	building func() (built, total int)
	// switcher starts a session on another profile; nil when there is
	// nothing to switch to.
	switcher func(ctx context.Context, name string) (Session, error)
}

// New returns the root model on the search screen. c carries everything but
// the size, which the first WindowSizeMsg brings.
func New(c common.Common) Model {
	f := help.New()
	f.Styles = c.Styles.Help
	f.ShortSeparator = " · "
	m := Model{c: c, status: status.New(c), footer: f,
		globals: map[keymap.ScreenName]map[keymap.Action]bool{}}
	for _, s := range keymap.Screens() {
		m.globals[s] = map[keymap.Action]bool{}
		for _, b := range c.Keys.Screen(s) {
			m.globals[s][b.Action] = true
		}
	}
	if c.ReadOnly {
		m.offKeys = map[keymap.ScreenName][]keymap.Binding{}
		all := c.Keys.WithReadOnly(false)
		for _, s := range keymap.Screens() {
			for _, b := range all.Screen(s) {
				if b.Write {
					m.offKeys[s] = append(m.offKeys[s], b)
				}
			}
		}
	}
	m.stack = []common.Screen{search.New(c)}
	return m
}

// Init implements tea.Model. Nothing runs until the user types, but the
// check of the changes an earlier session left interrupted and the watch
// on the demo emulator's build.
func (m Model) Init() tea.Cmd { return tea.Batch(m.startup, m.watchBuilding()) }

// Resuming returns m set to look, at start, for bulk changes an earlier
// session left with rows not sent; each found is offered for resuming.
func (m Model) Resuming(find func() []audit.Bulk) Model {
	if find == nil {
		return m
	}
	look := call.Safe(func() tea.Msg { return message.Unfinished{Bulks: find()} })
	m.startup = tea.Batch(m.startup, look)
	return m
}

// Reconciling returns m set to run check at start (see Options.Reconcile);
// what it finds stays in the status pane until dismissed.
func (m Model) Reconciling(check func(ctx context.Context) string) Model {
	if check == nil {
		m.startup = nil
		return m
	}
	// A call like any read: its spinner, retries and call log show.
	_, m.startup = m.c.Call(message.ReconcileLabel, func(ctx context.Context, id uint64) tea.Msg {
		return message.Reconciled{Done: call.Done{ReqID: id}, Text: check(ctx)}
	})
	return m
}

// Switching returns m set to switch profiles with fn (see Options.Switch).
func (m Model) Switching(fn func(ctx context.Context, name string) (Session, error)) Model {
	m.switcher = fn
	if fn == nil {
		m.c.Profiles = nil
	}
	return m
}

// switchedMsg answers a profile switch.
type switchedMsg struct {
	name    string
	session Session
	err     error
}

// switchProfile starts the session on profile name off the UI loop; a
// change on its way makes it ask first.
func (m Model) switchProfile(msg message.SwitchProfile) (tea.Model, tea.Cmd) {
	if m.switcher == nil {
		return m, message.Send(message.Notice{Text: "Profiles cannot be switched here."})
	}
	if what, ok := m.inflight(); ok && !msg.Anyway {
		// The profile list asks; :profile NAME opens it to do so.
		if m.top().Name() != keymap.ScreenProfiles {
			next, _ := m.push(profiles.New(m.screenCommon()), nil)
			m = next.(Model)
		}
		return m.route(message.ProfileBusy{Name: msg.Name, What: what})
	}
	fn, ctx := m.switcher, m.c.Ctx
	return m, func() tea.Msg {
		s, err := fn(ctx, msg.Name)
		return switchedMsg{name: msg.Name, session: s, err: err}
	}
}

// switched rebuilds the UI on the new session: the screens of the old one
// are closed (a change on its way still gets its answer and its audit
// record), and the search screen opens on the new client.
func (m Model) switched(msg switchedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m, message.Send(message.Notice{Text: "Still on profile " + m.c.Profile + ": " + msg.err.Error()})
	}
	for _, s := range m.stack {
		common.Close(s)
	}
	c, s := m.c, msg.session
	c.API, c.Caller.Events = s.API, s.API
	c.ReadOnly, c.Profile, c.Label, c.Endpoint = s.ReadOnly, s.Profile, s.Label, s.Endpoint
	if s.Audit != nil {
		c.Audit = s.Audit
	}
	c.SetKeys(c.Keys.WithReadOnly(s.ReadOnly))
	next := New(c).Reconciling(s.Reconcile)
	next.switcher = m.switcher
	sized, _ := next.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	text := "Switched to profile " + s.Profile
	if s.Label != "" {
		text += " (" + s.Label + ")"
	}
	if s.ReadOnly {
		text += ", read-only"
	}
	return sized, tea.Batch(message.Send(message.Notice{Text: text}), next.startup)
}

func (m Model) top() common.Screen { return m.stack[len(m.stack)-1] }

// tooSmall reports whether the terminal is below the supported size.
func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case buildingMsg:
		return m, m.watchBuilding()
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.status = m.status.SetWidth(msg.Width).SetRoom(max(1, msg.Height/3))
		m.bodyH = -1
		return m.layout(), nil
	case tea.KeyMsg:
		// A key clears the status pane's passing note, which can shrink
		// the pane: lay out again before anything else, since some keys
		// (quit, esc on a retry) change nothing else.
		m.status = m.status.KeyPressed()
		return m.layout().key(msg)
	case message.OpenCustomer:
		// Guidance belongs to the customer it was about; the call log
		// keeps it.
		m.status = m.status.Leave(msg.ID)
		s, cmd := customer.New(m.screenCommon(), msg.ID, msg.Customer)
		return m.push(s, cmd)
	case message.OpenSubscriptions:
		if msg.Rows != nil {
			return m.push(subscriptions.Of(m.screenCommon(), msg.Rows, msg.Title), nil)
		}
		if s, ok := m.kept[subscriptions.KeepKey(msg.Query, msg.Title)]; ok {
			m.kept = maps.Clone(m.kept)
			delete(m.kept, subscriptions.KeepKey(msg.Query, msg.Title))
			s, cmd := s.SetSize(m.width, max(1, m.bodyHeight())).(common.Keeper).Resume()
			return m.push(s, cmd)
		}
		s, cmd := subscriptions.New(m.screenCommon(), msg.Query, msg.Title)
		return m.push(s, cmd)
	case message.OpenBulk:
		if m.c.ReadOnly {
			return m, message.Send(message.Guidance{Guidance: client.Explain(client.ErrReadOnly)})
		}
		m.status = m.status.Dismiss()
		return m.push(bulk.New(m.screenCommon(), msg.Kind, msg.Rows), nil)
	case message.ResumeBulk:
		return m.push(bulk.Resume(m.screenCommon(), msg.Bulk), nil)
	case message.Unfinished:
		if m.c.ReadOnly {
			return m, nil
		}
		for _, b := range msg.Bulks {
			next, _ := m.push(bulk.Resume(m.screenCommon(), b), nil)
			m = next.(Model)
		}
		return m, nil
	case message.OpenAttention:
		s, cmd := attention.New(m.screenCommon())
		return m.push(s, cmd)
	case message.OpenSubscription:
		return m.push(subscription.New(m.screenCommon(), msg.Subscription).WithTransferToken(msg.TransferToken, msg.With), nil)
	case message.OpenProfiles:
		if len(m.c.Profiles) == 0 {
			return m, message.Send(message.Notice{Text: "The config file defines one profile: nothing to switch to."})
		}
		return m.push(profiles.New(m.screenCommon()), nil)
	case message.SwitchProfile:
		return m.switchProfile(msg)
	case switchedMsg:
		return m.switched(msg)
	case message.OpenExport:
		if m.c.Remote {
			// The file would land on the server, where the user cannot
			// read it and where it could replace the server's own files.
			return m, message.Send(message.Notice{Text: "Exports write files on the machine resold runs on, not yours: run resold export on your own machine."})
		}
		if msg.Calls {
			return m.push(exporter.Calls(m.screenCommon()), nil)
		}
		var pager common.Pager
		if msg.Pager != nil {
			pager = msg.Pager
		}
		s, cmd := exporter.Rows(m.screenCommon(), msg.Query, pager, msg.Keep, msg.Title)
		return m.push(s, cmd)
	case message.OpenEdit:
		return m.openEdit(msg)
	case message.OpenText:
		return m.push(textview.New(m.screenCommon(), msg.Title, msg.Sections), nil)
	case message.Press:
		return m.press(msg.Binding)
	case quitting.QuitMsg:
		return m.quitNow()
	case message.Lookup:
		// The lookup runs on the search screen, as if typed there; what
		// the pane said was about the screens left.
		m.status = m.status.Leave("")
		for len(m.stack) > 1 {
			m = m.pop()
		}
		return m.route(msg)
	}
	// Everything else (results, retry events, ticks) goes to the status
	// pane and to every screen on the stack: each keeps only what answers
	// its own requests, so a screen below the top still gets its data.
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.status, cmd = m.status.Update(msg)
	cmds = append(cmds, cmd)
	m.stack = append([]common.Screen(nil), m.stack...)
	for i := range m.stack {
		m.stack[i], cmd = m.stack[i].Update(msg)
		cmds = append(cmds, cmd)
	}
	return m.sweep().layout(), tea.Batch(cmds...)
}

// openEdit opens the edit screen for a change, over the current screen or,
// when the user switched changes, in place of the edit screen on top. A
// change that does not apply opens nothing and says why.
func (m Model) openEdit(msg message.OpenEdit) (tea.Model, tea.Cmd) {
	if m.c.ReadOnly {
		// The keys are gone in read-only mode; this is the second lock.
		return m, message.Send(message.Guidance{Guidance: m.c.API.Explain(client.ErrReadOnly)})
	}
	if msg.Replace && m.top().Name() == keymap.ScreenEdit {
		m = m.pop()
	}
	// A new attempt: the guidance of the last one has been acted on.
	m.status = m.status.Dismiss()
	s, cmd := edit.Open(m.screenCommon(), msg)
	if s == nil {
		return m, cmd
	}
	return m.push(s, cmd)
}

// press does what the binding's key does on the screen below the palette.
func (m Model) press(b keymap.Binding) (tea.Model, tea.Cmd) {
	if m.top().Name() == keymap.ScreenPalette {
		m = m.pop()
	}
	keys := b.Keys()
	if len(keys) == 0 || !b.Enabled() {
		return m, nil
	}
	return m.key(common.KeyMsg(keys[0]))
}

// sweep drops the screens that ended themselves (a form whose change was
// applied, a detail whose subscription was deleted); the start screen
// stays.
func (m Model) sweep() Model {
	keep := m.stack[:1:1]
	dropped := false
	_, sending := m.inflight()
	for _, s := range m.stack[1:] {
		if s.Name() == keymap.ScreenQuitting && !sending {
			// The change was answered while the dialog asked: the
			// question is moot, and the answer shows below.
			dropped = true
			continue
		}
		if f, ok := s.(common.Finisher); ok && f.Finished() {
			common.Close(s)
			dropped = true
			continue
		}
		keep = append(keep, s)
	}
	if !dropped {
		return m
	}
	m.stack = keep
	m.bodyH = -1
	return m
}

// key handles the global bindings and hands the rest to the top screen.
// A focused text input gets every key but the text-input-safe ones first.
func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	top := m.top()
	typing := top.Typing()
	if !typing && !msg.Paste && msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
		// Keys typed faster than they are read arrive as one message
		// ("jj"); take them one by one, since the first may focus an
		// input that the rest must reach.
		return m.keys(msg)
	}
	if top.Name() == keymap.ScreenQuitting {
		// The quit dialog is modal, and answers even in a terminal too
		// small to show it.
		return m.route(msg)
	}
	g := m.c.KeysFor(typing).Global
	if common.Matches(msg, g.Quit) || (m.tooSmall() && common.Matches(msg, m.c.Keys.Global.Quit)) {
		// Too small to see the screen, q quits even from a text input.
		return m.quit()
	}
	if m.tooSmall() {
		return m, nil
	}
	if b, why, ok := m.refusedKey(msg, typing); ok {
		// A key that does nothing here says why instead of nothing; a
		// change the rules refuse is audited as a refused form is.
		m.status, _ = m.status.Update(message.Notice{Text: why, Refused: true})
		var cmd tea.Cmd
		if kind, write := writeKinds[b.Action]; write {
			if sel, ok := m.top().(common.Selector); ok {
				if sub, ok := sel.SelectedSub(); ok && sub.Transfer == nil {
					cmd = edit.AuditRefused(m.c, kind, sub)
				}
			}
		}
		return m.layout(), cmd
	}
	if common.Matches(msg, g.Message) && m.answers(keymap.ActionMessage) && m.status.HasMessage() {
		// Before the text input: a form's field has the focus while its
		// refusal is explained, and the control key must reach the pane.
		title, sections := m.status.Whole()
		return m.push(textview.New(m.screenCommon(), "message", append([]message.Section{{Label: "What happened", Text: title}}, sections...)), nil)
	}
	if typing {
		return m.route(msg)
	}
	if b, ok := m.binding(msg, false); ok && b.Action == keymap.ActionRefresh {
		// The answer may change nothing on screen: say it was asked for.
		m.status, _ = m.status.Update(message.Notice{Text: "Reading it again from the API…"})
	}
	switch {
	case common.Matches(msg, g.Back) && m.answers(keymap.ActionBack):
		if id, ok := m.status.Retrying(); ok {
			// esc stops the call waiting to be retried, wherever it is.
			for _, s := range m.stack {
				common.Cancel(s, id)
			}
			return m, nil
		}
		// The whole message covers the pane: esc closes it first, and the
		// pane is dismissed by the next one, where it can be seen.
		if m.status.HasFailure() && top.Name() != keymap.ScreenMessage {
			m.status = m.status.Dismiss()
			return m.layout(), nil
		}
		// esc steps back one level: the screen's own (a filter, a form's
		// typed values) before the screen itself.
		if b, ok := top.(common.Backer); ok {
			if s, cmd, ok := b.Back(); ok {
				m.stack = append([]common.Screen(nil), m.stack...)
				m.stack[len(m.stack)-1] = s
				return m.sweep().layout(), cmd
			}
		}
		if top.Name() == keymap.ScreenEdit {
			// A form given up: what the pane said about it is moot.
			m.status = m.status.Dismiss()
		}
		return m.pop(), nil
	case common.Matches(msg, g.Help) && m.answers(keymap.ActionHelp):
		if top.Name() == keymap.ScreenHelp {
			return m.pop(), nil
		}
		return m.push(helpview.New(m.screenCommon(), top.Name()), nil)
	case common.Matches(msg, g.Log) && m.answers(keymap.ActionLog):
		if top.Name() == keymap.ScreenLog {
			return m.pop(), nil
		}
		return m.push(calllog.New(m.screenCommon()), nil)
	case common.Matches(msg, g.Palette) && m.answers(keymap.ActionPalette):
		return m.push(palette.New(m.screenCommon(), top.Name()), nil)
	}
	for _, b := range m.offKeys[top.Name()] {
		if common.Matches(msg, b) {
			return m, message.Send(message.Guidance{Guidance: m.c.API.Explain(client.ErrReadOnly)})
		}
	}
	return m.route(msg)
}

// keys handles a burst of runes as separate key presses.
func (m Model) keys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		next, cmd = next.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

// binding returns the top screen's binding that msg fires, if any.
func (m Model) binding(msg tea.KeyMsg, typing bool) (keymap.Binding, bool) {
	for _, b := range m.c.KeysFor(typing).Screen(m.top().Name()) {
		if common.Matches(msg, b) {
			return b, true
		}
	}
	return keymap.Binding{}, false
}

// refusedKey returns why msg does nothing on the top screen: its binding
// does not apply now.
func (m Model) refusedKey(msg tea.KeyMsg, typing bool) (keymap.Binding, string, bool) {
	if b, ok := m.binding(msg, typing); ok {
		if why, no := m.refused[b.Action]; no {
			return b, b.Help().Key + ": " + why, true
		}
	}
	// A change key in read-only mode is disabled, so binding finds none:
	// key's offKeys explains it in full.
	return keymap.Binding{}, "", false
}

// writeKinds are the change each subscription change key opens.
var writeKinds = map[keymap.Action]message.EditKind{
	keymap.ActionSeats: message.EditSeats, keymap.ActionPlan: message.EditPlan, keymap.ActionRenewal: message.EditRenewal,
	keymap.ActionActivate: message.EditActivate, keymap.ActionSuspend: message.EditSuspend,
	keymap.ActionStartPaid: message.EditStartPaid, keymap.ActionDelete: message.EditDelete,
}

// refusals works out which of the top screen's keys do nothing now, and
// why: the screen's own say (no row), and the change keys ask the rules
// about the selected subscription.
func (m Model) refusals() map[keymap.Action]string {
	top := m.top()
	out := map[keymap.Action]string{}
	ap, _ := top.(common.Applier)
	sel, hasSel := top.(common.Selector)
	sub, selected := client.Subscription{}, false
	if hasSel {
		sub, selected = sel.SelectedSub()
	}
	for _, b := range m.c.Keys.Screen(top.Name()) {
		if ap != nil {
			if ok, why := ap.Applies(b.Action); !ok {
				out[b.Action] = why
				continue
			}
		}
		kind, write := writeKinds[b.Action]
		if !write || !hasSel || sel.Picking() {
			continue
		}
		switch {
		case !selected:
			out[b.Action] = "no subscription selected"
		case sub.Transfer != nil:
			out[b.Action] = "not yours yet: transfer it first"
		default:
			if ok, why := edit.Applies(m.c, kind, sub); !ok {
				out[b.Action] = why
			}
		}
	}
	return out
}

// answers reports whether the top screen inherits global action a.
func (m Model) answers(a keymap.Action) bool { return m.globals[m.top().Name()][a] }

// route hands msg to the top screen only.
func (m Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.stack = append([]common.Screen(nil), m.stack...)
	var cmd tea.Cmd
	was := m.top().Name()
	m.stack[len(m.stack)-1], cmd = m.top().Update(msg)
	if was != keymap.ScreenConfirm && m.top().Name() == keymap.ScreenConfirm {
		// A new attempt is being confirmed: the last one's guidance is
		// stale, and the dialog needs the room.
		m.status = m.status.Dismiss()
	}
	return m.sweep().layout(), cmd
}

// push opens a screen over the current one.
func (m Model) push(s common.Screen, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	m.stack = append(append([]common.Screen(nil), m.stack...), s)
	return m.layout(), cmd
}

// pop closes the top screen, cancelling its calls; the start screen stays.
func (m Model) pop() Model {
	if len(m.stack) == 1 {
		return m
	}
	if k, ok := m.top().(common.Keeper); ok && k.Keep() != "" {
		m = m.unkeep(k.Keep())
		m.kept = maps.Clone(m.kept)
		if m.kept == nil {
			m.kept = map[string]common.Screen{}
		}
		m.kept[k.Keep()] = k.Park()
	} else {
		common.Close(m.top())
	}
	m.stack = append([]common.Screen(nil), m.stack[:len(m.stack)-1]...)
	m.bodyH = -1
	if r, ok := m.top().(common.Returner); ok && len(m.stack) == 1 {
		m.stack[0] = r.Returned()
	}
	return m.layout()
}

// unkeep forgets the kept screen named key, closing it.
func (m Model) unkeep(key string) Model {
	s, ok := m.kept[key]
	if !ok {
		return m
	}
	m.kept = maps.Clone(m.kept)
	delete(m.kept, key)
	common.Close(s)
	return m
}

// quit ends the program, but while a change is being sent it asks first:
// wait for its answer, or quit anyway.
func (m Model) quit() (tea.Model, tea.Cmd) {
	if what, ok := m.inflight(); ok {
		return m.push(quitting.New(m.screenCommon(), what), nil)
	}
	return m.quitNow()
}

// quitNow cancels every call (a change on its way excepted: its screen
// lets it finish and be recorded) and ends the program.
func (m Model) quitNow() (tea.Model, tea.Cmd) {
	for _, s := range m.stack {
		common.Close(s)
	}
	for _, s := range m.kept {
		common.Close(s)
	}
	return m, tea.Quit
}

// inflight names the change this session has on its way, if any.
func (m Model) inflight() (string, bool) {
	for _, s := range m.stack {
		if f, ok := s.(common.Inflight); ok {
			if what, ok := f.Inflight(); ok {
				return what, true
			}
		}
	}
	return "", false
}

// screenCommon is the shared value sized for the body.
func (m Model) screenCommon() common.Common {
	return m.c.WithSize(m.width, max(1, m.bodyHeight()))
}

// statusHeight is the status pane's height: the pane itself keeps within
// a third of the screen (SetRoom), cutting with an ellipsis.
func (m Model) statusHeight() int {
	if m.top().Name() == keymap.ScreenMessage {
		// The message is on the screen in full; the pane would repeat it.
		return 0
	}
	return min(m.status.Height(), max(1, m.height/3))
}

// bodyHeight is what the header, status pane and footer leave.
func (m Model) bodyHeight() int { return m.height - 2 - m.statusHeight() }

// layout tells the status pane which screen it is under (its key hints
// follow that screen's keys) and resizes the screens when the body's
// height changed.
func (m Model) layout() Model {
	top := m.top()
	m.status = m.status.On(top.Name(), top.Typing())
	m.refused = m.refusals()
	if h := m.bodyHeight(); h != m.bodyH {
		m.bodyH = h
		m.stack = append([]common.Screen(nil), m.stack...)
		for i := range m.stack {
			m.stack[i] = m.stack[i].SetSize(m.width, max(1, h))
		}
	}
	// Last: the footer shows what the screen says at its new size.
	m.footerLine = m.footerView()
	return m
}

// View implements tea.Model: every line exactly the terminal's width, and
// exactly its height in lines.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		line := fmt.Sprintf("Terminal too small: %d×%d; resold needs %d×%d. q quits.", m.width, m.height, MinWidth, MinHeight)
		return common.FitBlock(ansi.Wrap(line, m.width, ""), m.width, m.height)
	}
	parts := []string{m.header(), common.FitBlock(m.top().View(), m.width, m.bodyH)}
	if h := m.statusHeight(); h > 0 {
		parts = append(parts, common.FitBlock(m.status.View(), m.width, h))
	}
	parts = append(parts, m.footerLine)
	return strings.Join(parts, "\n")
}

// header is the app name, the breadcrumb of open screens and the badges.
func (m Model) header() string {
	st := m.c.Styles
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.Title())
	}
	var badges []string
	if len(m.c.Profiles) > 0 || m.c.Label != "" {
		// Which reseller this is, before anything else on the right.
		p := "profile " + m.c.Profile
		if m.c.Label != "" {
			p = m.c.Label + " (" + m.c.Profile + ")"
		}
		badges = append(badges, st.Muted.Render(p))
	}
	if m.c.ReadOnly {
		badges = append(badges, st.ReadOnlyBadge.Render("READ-ONLY"))
	}
	if note := m.buildingNote(); note != "" {
		badges = append(badges, st.Muted.Render(note))
	}
	if m.c.Demo {
		badges = append(badges, st.DemoBadge.Render("DEMO · emulator, not Google"))
	}
	if b := m.c.Backend; b != "" {
		if (len(m.c.Profiles) > 0 || m.c.Label != "") && strings.HasPrefix(b, "Google · profile ") {
			b = "Google" // the profile shows already
		}
		badges = append(badges, st.Subtle.Render(b))
	}
	inner := m.width - st.Header.GetHorizontalFrameSize()
	right := strings.Join(badges, " ")
	room := inner - common.Width(right) - 1
	left := "resold › " + strings.Join(crumbs, " › ")
	// Drop the oldest crumbs first: where you are matters more than the
	// way there.
	for len(crumbs) > 1 && common.Width(left) > room {
		crumbs = crumbs[1:]
		left = "resold › … › " + strings.Join(crumbs, " › ")
	}
	return st.Header.Render(common.Spread(left, right, inner))
}

// footerView is the top screen's keys, generated from the keymap, and
// what the screen has to say about its data on the right. Only keys that
// do something now show: the changes the selected row takes first, then
// open, the screen's other changes and keys, then back and quit; a key that
// does not fit whole is left out, never cut, and help, the way to all of
// them, always shows last.
func (m Model) footerView() string {
	top := m.top()
	info := top.Info()
	typing := top.Typing()
	f := m.footer
	f.Width = 0
	var rows, open, writes, reads, back, quit []bubblekey.Binding
	var help *bubblekey.Binding
	for _, b := range m.c.KeysFor(typing).Screen(top.Name()) {
		if _, no := m.refused[b.Action]; no || len(b.Keys()) == 0 {
			continue
		}
		switch {
		case b.Action == keymap.ActionHelp:
			hb := b.Binding
			help = &hb
		case b.Action == keymap.ActionBack:
			back = append(back, b.Binding)
		case b.Action == keymap.ActionQuit:
			quit = append(quit, b.Binding)
		case b.Action == keymap.ActionLog || b.Action == keymap.ActionPalette || b.Action == keymap.ActionMessage:
			// In help and the palette; the footer has no room for them.
		case keymap.IsNavigation(b.Action):
		case writeKinds[b.Action] != "" || b.Action == keymap.ActionTransfer:
			rows = append(rows, b.Binding)
		case b.Action == keymap.ActionOpen:
			open = append(open, b.Binding)
		case b.Write:
			writes = append(writes, b.Binding)
		default:
			reads = append(reads, b.Binding)
		}
	}
	room := m.width - common.Width(info) - 1
	var tail []bubblekey.Binding
	if help != nil {
		tail = []bubblekey.Binding{*help}
	}
	var chosen []bubblekey.Binding
	for _, b := range slices.Concat(rows, open, writes, reads, back, quit) {
		try := slices.Concat(chosen, []bubblekey.Binding{b}, tail)
		if common.Width(f.ShortHelpView(try)) <= room {
			chosen = append(chosen, b)
		}
	}
	return common.Spread(f.ShortHelpView(slices.Concat(chosen, tail)), m.c.Styles.Muted.Render(info), m.width)
}
