package subscriptions

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
	"resold/tui/subtable"
)

// Ahead is how many loaded rows must stay below the cursor; when fewer do,
// the next page is read. Two pages keep a fast scroller clear of the edge.
const Ahead = 2 * client.MaxPageSize

// Model is the subscriptions screen.
type Model struct {
	c     common.Common
	query client.Query
	title string
	pager common.Pager
	table subtable.Table

	// pages is how many pages are loaded; done is set once the last one is.
	pages int
	done  bool
	// calls is the read of the next page (loadingPage).
	calls call.Requests

	filter common.Input
	// selectingAll: * asked for every row matching the filter, and pages
	// are being loaded until the last one is in.
	selectingAll bool
	// fixed: the rows were given (a group of the attention view), not
	// read from a listing.
	fixed bool
}

// loadingPage is the screen's one kind of call: the read of the next page.
const loadingPage = 0

// pageMsg answers the read of page index.
type pageMsg struct {
	call.Done
	index int
	page  client.Page
}

// New opens the table for q, headed title, and starts reading its first
// page.
func New(c common.Common, q client.Query, title string) (Model, tea.Cmd) {
	q.PageSize = client.MaxPageSize
	cols := []subtable.Column{subtable.ColDomain, subtable.ColSKU, subtable.ColPlan, subtable.ColSeats, subtable.ColStatus, subtable.ColRenewal, subtable.ColEnds}
	switch {
	case q.CustomerAuthToken != "":
		cols = []subtable.Column{subtable.ColSKU, subtable.ColPlan, subtable.ColSeats, subtable.ColStatus, subtable.ColTransfer, subtable.ColEnds}
	case q.CustomerID != "":
		cols = cols[1:]
	}
	f := c.NewInput("filter › ", "text in the loaded rows: domain, SKU, plan, status…", 100)
	m := Model{c: c, query: q, title: title, pager: c.API.NewPager(q), table: subtable.New(c, cols...), filter: f}
	m = m.resize()
	return m.loadNext()
}

// Of opens the table on rows already read, headed title: a group of
// the attention view. Nothing is loaded; ctrl+r reads each row again.
func Of(c common.Common, rows []client.Subscription, title string) Model {
	cols := []subtable.Column{subtable.ColDomain, subtable.ColSKU, subtable.ColPlan, subtable.ColSeats, subtable.ColStatus, subtable.ColRenewal, subtable.ColEnds}
	f := c.NewInput("filter › ", "text in the loaded rows: domain, SKU, plan, status…", 100)
	m := Model{c: c, title: title, pager: closedPager{}, table: subtable.New(c, cols...), filter: f, fixed: true, done: true, pages: 1}
	m.table = m.table.Append(rows...)
	return m.resize()
}

// closedPager is the pager of a table whose rows were given.
type closedPager struct{}

func (closedPager) Page(context.Context, int) (client.Page, error) {
	return client.Page{}, client.ErrEndOfList
}
func (closedPager) Close() {}

// Name implements common.Screen: a transferable listing has keys of its
// own, since its rows are not yours to change, only to transfer.
func (m Model) Name() keymap.ScreenName {
	if m.transferable() {
		return keymap.ScreenTransferable
	}
	return keymap.ScreenSubscriptions
}

// tableKeys are the bindings both tables have, from the group of the one
// shown.
type tableKeys struct {
	keymap.NavKeys
	Filter, Open, Copy, Refresh, Export keymap.Binding
}

// keys returns the table's bindings, the text-input-safe ones while
// typing.
func (m Model) keys(typing bool) tableKeys {
	k := m.c.KeysFor(typing)
	if m.transferable() {
		t := k.Transferable
		return tableKeys{NavKeys: t.NavKeys, Filter: t.Filter, Open: t.Open, Copy: t.Copy, Refresh: t.Refresh, Export: t.Export}
	}
	s := k.Subscriptions
	return tableKeys{NavKeys: s.NavKeys, Filter: s.Filter, Open: s.Open, Copy: s.Copy, Refresh: s.Refresh, Export: s.Export}
}

// Title implements common.Screen.
func (m Model) Title() string {
	if m.query.CustomerAuthToken != "" {
		return "transferable"
	}
	return "subscriptions"
}

// Typing implements common.Screen.
func (m Model) Typing() bool { return m.filter.Focused() }

// Info implements common.Screen: what is loaded, and what the filter shows.
func (m Model) Info() string {
	n := m.table.Total()
	state := "more"
	switch {
	case m.done:
		state = "all"
	case m.pages == 0 && m.calls[loadingPage].Pending():
		return "loading…"
	case m.pages == 0:
		return "nothing loaded"
	}
	s := fmt.Sprintf("%d loaded · %s", n, state)
	if m.fixed {
		s = fmt.Sprintf("%d rows · %s", n, m.title)
	}
	if m.selectingAll {
		return fmt.Sprintf("loading every page to select all · %d loaded", n)
	}
	if m.table.Filter() != "" {
		s = fmt.Sprintf("%d of %d loaded match", m.table.Len(), n)
		if !m.done {
			s += " · more not loaded"
		}
	}
	if k := m.table.PickedCount(); k > 0 {
		s = fmt.Sprintf("%d selected · %s", k, s)
	}
	return s
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m.resize()
}

func (m Model) resize() Model {
	m.filter.Width = max(10, m.c.Width-common.Width(m.filter.Prompt)-1)
	m.table = m.table.SetSize(m.c.Width, max(1, m.c.Height-1))
	return m
}

// The screen makes calls: the root stops them through these.
var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
)

// Cancel implements common.Canceler.
func (m Model) Cancel(id uint64) { m.calls.Cancel(id) }

// Close implements common.Closer.
func (m Model) Close() {
	m.calls.Close()
	m.pager.Close()
}

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case pageMsg:
		if msg.index != m.pages || !m.calls[loadingPage].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err != nil {
			if errors.Is(msg.Err, client.ErrEndOfList) {
				m.done = true
				if m.selectingAll {
					return m.selectAll()
				}
			}
			// A failed or cancelled read ends a select-all: selecting
			// only what happened to load would not be "every row".
			m.selectingAll = false
			return m, nil
		}
		if msg.page.Restarted && m.pages > 0 {
			// The listing changed under us and was read again from the
			// start: what is loaded may be stale, so load it afresh (the
			// pager already holds the new pages).
			m.table = m.table.Reset()
			m.pages = 0
			return m.loadNext()
		}
		m.table = m.table.Append(msg.page.Rows...)
		m.pages++
		m.done = msg.page.NextToken == ""
		if m.selectingAll {
			return m.selectAll()
		}
		return m.prefetch()
	case call.FailedMsg:
		m.calls.Forget(msg.ReqID)
		m.selectingAll = false
	case message.Changed:
		return m.changed(msg), nil
	}
	return m, nil
}

// loadNext reads the next page unless one is on its way or none is left.
func (m Model) loadNext() (Model, tea.Cmd) {
	if m.done || m.calls[loadingPage].Pending() {
		return m, nil
	}
	pager, index := m.pager, m.pages
	label := fmt.Sprintf("Loading page %d", index+1)
	req, cmd := m.c.Call(label, func(ctx context.Context, id uint64) tea.Msg {
		page, err := pager.Page(ctx, index)
		return pageMsg{Done: call.Done{ReqID: id, Err: err}, index: index, page: page}
	})
	m.calls[loadingPage] = req
	return m, cmd
}

// prefetch keeps Ahead rows loaded below the cursor. While a filter is on
// it does not: the filter applies to what is loaded, and reaching its last
// row asks for more explicitly.
func (m Model) prefetch() (Model, tea.Cmd) {
	if m.table.Filter() != "" {
		return m, nil
	}
	if m.table.Total()-1-m.table.LoadedIndex() < Ahead {
		return m.loadNext()
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	if m.filter.Focused() {
		return m.filterKey(msg)
	}
	k := m.keys(false)
	switch {
	case common.Matches(msg, k.Filter):
		return m, m.filter.Focus()
	case common.Matches(msg, k.Open):
		if s, ok := m.table.Selected(); ok {
			open := message.OpenSubscription{Subscription: s, TransferToken: m.query.CustomerAuthToken}
			if m.transferable() {
				open.With = m.transferSet(s)
			}
			return m, message.Send(open)
		}
		return m, nil
	case common.Matches(msg, k.Refresh):
		return m.reload()
	case common.Matches(msg, k.Export):
		// Every row the filter matches, the pages not loaded yet
		// included: the dialog reads them through the table's pager.
		return m, message.Send(message.OpenExport{Query: m.query, Pager: m.pager,
			Keep: subtable.Matcher(m.table.Filter()), Title: m.title})
	case common.Matches(msg, k.Copy):
		if s, ok := m.table.Selected(); ok {
			return m, m.c.CopyCmd("subscription ID", s.ID)
		}
		return m, nil
	}
	if !m.transferable() {
		sk := m.c.Keys.Subscriptions
		switch {
		case common.Matches(msg, sk.Toggle):
			m.table = m.table.Toggle().Move(1)
			return m.prefetch()
		case common.Matches(msg, sk.SelectAll):
			m.selectingAll = true
			return m.selectAll()
		}
	}
	if m.transferable() {
		if common.Matches(msg, m.c.Keys.Transferable.Transfer) {
			return m.transfer()
		}
		return m.nav(msg, k.NavKeys)
	}
	if kind, ok := common.WriteKey(msg, m.c.Keys.Subscriptions.WriteKeys); ok {
		return m.write(kind)
	}
	return m.nav(msg, k.NavKeys)
}

// SelectedSub implements common.Selector.
func (m Model) SelectedSub() (client.Subscription, bool) { return m.table.Selected() }

// Picking implements common.Selector: picked rows take the change keys.
func (m Model) Picking() bool { return m.table.PickedCount() > 0 }

// Applies implements common.Applier: the row keys need a row.
func (m Model) Applies(a keymap.Action) (bool, string) {
	switch a {
	case keymap.ActionOpen, keymap.ActionCopy, keymap.ActionTransfer:
		if _, ok := m.table.Selected(); !ok {
			return false, "no subscription listed"
		}
	case keymap.ActionFilter:
		if m.table.Total() == 0 {
			return false, "nothing loaded to filter"
		}
	}
	return true, ""
}

// transferable reports whether the table lists another reseller's (or
// Google's) subscriptions that can be transferred.
func (m Model) transferable() bool { return m.query.CustomerAuthToken != "" }

// write opens the change for the row under the cursor, or, with rows
// selected, a bulk change of them all.
func (m Model) write(kind message.EditKind) (common.Screen, tea.Cmd) {
	if m.table.PickedCount() > 0 {
		switch kind {
		case message.EditActivate, message.EditSuspend, message.EditSeats, message.EditRenewal, message.EditStartPaid:
			return m, message.Send(message.OpenBulk{Kind: kind, Rows: m.table.Picked()})
		}
		return m, message.Send(message.Notice{Text: fmt.Sprintf("%d rows are selected: that change is made one row at a time (%s clears the selection).",
			m.table.PickedCount(), m.c.Keys.Global.Back.Help().Key)})
	}
	s, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	return m, message.Send(message.OpenEdit{Kind: kind, Sub: s})
}

// transfer orders the selected row's transfer to you, with the token the
// listing was read with.
func (m Model) transfer() (common.Screen, tea.Cmd) {
	s, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	open := message.OpenEdit{Kind: message.NewSubscription, Sub: s, TransferToken: m.query.CustomerAuthToken, With: m.transferSet(s)}
	return m, message.Send(open)
}

// transferSet is what moves with s: a Workspace subscription with add-ons
// selects them all, since Google moves them only together, in one batch.
func (m Model) transferSet(s client.Subscription) []client.Subscription {
	var with []client.Subscription
	for _, r := range client.TransferSet(m.table.Loaded(), s) {
		if r.ID != s.ID {
			with = append(with, r)
		}
	}
	return with
}

// changed takes a change's result: the row shows what the API returned,
// or goes when the subscription was deleted.
func (m Model) changed(msg message.Changed) Model {
	if msg.Before == nil {
		return m
	}
	if msg.Deleted {
		m.table = m.table.Remove(*msg.Before)
		return m
	}
	if msg.Sub != nil {
		m.table = m.table.Replace(*msg.Before, *msg.Sub)
	}
	return m
}

// nav moves the cursor; at the end of a filtered view it loads more.
func (m Model) nav(msg tea.KeyMsg, k keymap.NavKeys) (common.Screen, tea.Cmd) {
	mv, ok := common.Nav(msg, k, m.table.Rows())
	if !ok {
		return m, nil
	}
	last := m.table.Cursor() == m.table.Len()-1
	m.table = m.table.Go(mv)
	if mv.Forward() && last && m.table.Filter() != "" {
		return m.loadNext()
	}
	return m.prefetch()
}

// The table is kept when left.
var _ common.Keeper = Model{}

// Keep implements common.Keeper: the listing shown, unless it was read
// with a transfer token, which is not kept past the screen.
func (m Model) Keep() string {
	if m.transferable() {
		return ""
	}
	return KeepKey(m.query, m.title)
}

// KeepKey names the table of q headed title, as Keep does.
func KeepKey(q client.Query, title string) string {
	return fmt.Sprintf("%s|%s|%s", q.CustomerID, q.NamePrefix, title)
}

// Park implements common.Keeper: the page under way is stopped; the rows
// loaded and the cursor stay.
func (m Model) Park() common.Screen {
	m.calls[loadingPage].Stop()
	return m
}

// Resume implements common.Keeper: reading ahead of the cursor goes on.
func (m Model) Resume() (common.Screen, tea.Cmd) { return m.prefetch() }

// filterKey edits the filter: enter keeps it, esc clears it, up and down
// still move the selection.
func (m Model) filterKey(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.keys(true)
	switch {
	case common.Matches(msg, m.c.TypingKeys.Global.Back):
		m.filter.Reset()
		m.filter.Blur()
		m.table = m.table.SetFilter("")
		return m.prefetch()
	case common.Matches(msg, k.Open):
		m.filter.Blur()
		return m, nil
	case common.Matches(msg, k.Up), common.Matches(msg, k.Down):
		return m.nav(msg, k.NavKeys)
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.table = m.table.SetFilter(m.filter.Value())
	return m, cmd
}

// selectAll selects every row matching the filter once the last page is
// in, loading the next page until then.
func (m Model) selectAll() (Model, tea.Cmd) {
	if !m.done {
		return m.loadNext()
	}
	m.selectingAll = false
	m.table = m.table.PickShown()
	return m, nil
}

var _ common.Backer = Model{}

// Back implements common.Backer: esc stops a select-all under way, then
// clears the selection, then the filter, before it leaves the table.
func (m Model) Back() (common.Screen, tea.Cmd, bool) {
	switch {
	case m.selectingAll:
		m.selectingAll = false
		m.calls[loadingPage].Stop()
		return m, nil, true
	case m.table.PickedCount() > 0:
		m.table = m.table.ClearPicked()
		return m, nil, true
	case m.table.Filter() != "":
		m.filter.Reset()
		m.table = m.table.SetFilter("")
		m, cmd := m.prefetch()
		return m, cmd, true
	}
	return m, nil, false
}

// Picked returns the selected rows, for tests.
func (m Model) Picked() []client.Subscription { return m.table.Picked() }

// reload drops what is loaded and reads the listing again from the start;
// a table of given rows has no listing and stays as it is.
func (m Model) reload() (Model, tea.Cmd) {
	if m.fixed {
		return m, message.Send(message.Notice{Text: "These rows came from the attention view: its " +
			m.c.Keys.Attention.Refresh.Help().Key + " reads every subscription again."})
	}
	m.calls[loadingPage].Stop()
	m.pager.Close()
	m.pager = m.c.API.NewPager(m.query)
	m.pages, m.done = 0, false
	m.table = m.table.Reset()
	return m.loadNext()
}

// Cursor is the selected row's index among the rows shown.
func (m Model) Cursor() int { return m.table.Cursor() }
