package customer

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
	"resold/tui/subtable"
)

// Model is the customer screen.
type Model struct {
	c        common.Common
	id       string
	customer *client.Customer
	calls    call.Requests
	table    subtable.Table
	loaded   bool
	more     bool
	// readAt is when the rows shown were read, when the client answered
	// from memory (zero otherwise): the footer says how old they are.
	readAt time.Time
}

// The screen's calls, by kind.
const (
	// readingRecord reads the customer record.
	readingRecord = iota
	// listingSubs reads the first page of its subscriptions.
	listingSubs
)

// customerMsg answers the customer read.
type customerMsg struct {
	call.Done
	customer client.Customer
}

// subsMsg answers the subscriptions read.
type subsMsg struct {
	call.Done
	page client.Page
}

// Query is the listing the screen shows for a customer ID or domain: its
// first page, as large as one call allows.
func Query(idOrDomain string) client.Query {
	return client.Query{CustomerID: idOrDomain, PageSize: client.MaxPageSize}
}

// New opens customer id. When cust is the record already read (by a
// lookup) it is shown at once; the subscriptions are read in parallel with
// the record, so the screen fills after one round trip. A listing read
// ahead alongside the lookup, or read moments ago, answers without a
// second request (the client's first-page cache).
func New(c common.Common, id string, cust *client.Customer) (Model, tea.Cmd) {
	m := Model{c: c, id: id, customer: cust,
		table: subtable.New(c, subtable.ColSKU, subtable.ColPlan, subtable.ColSeats, subtable.ColStatus, subtable.ColRenewal, subtable.ColEnds)}
	return m.load(cust == nil, false)
}

// load reads the subscriptions and, when asked, the record; fresh reads
// the subscriptions again rather than take a page the client kept.
func (m Model) load(record, fresh bool) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	if record {
		var cmd tea.Cmd
		m, cmd = m.readRecord()
		cmds = append(cmds, cmd)
	}
	api, id := m.c.API, m.id
	m.calls[listingSubs].Cancel()
	var cmd tea.Cmd
	m.calls[listingSubs], cmd = m.c.Call("Listing subscriptions of "+m.label(), func(ctx context.Context, rid uint64) tea.Msg {
		page, err := api.FirstPage(ctx, Query(id), fresh)
		return subsMsg{Done: call.Done{ReqID: rid, Err: err}, page: page}
	})
	cmds = append(cmds, cmd)
	return m.resize(), tea.Batch(cmds...)
}

// readRecord reads the customer record.
func (m Model) readRecord() (Model, tea.Cmd) {
	api, id := m.c.API, m.id
	m.calls[readingRecord].Cancel()
	var cmd tea.Cmd
	m.calls[readingRecord], cmd = m.c.Call("Reading customer "+id, func(ctx context.Context, rid uint64) tea.Msg {
		cust, err := api.GetCustomer(ctx, id)
		return customerMsg{Done: call.Done{ReqID: rid, Err: err}, customer: cust}
	})
	return m, cmd
}

func (m Model) label() string {
	if m.customer != nil && m.customer.Domain != "" {
		return m.customer.Domain
	}
	return m.id
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenCustomer }

// Title implements common.Screen.
func (m Model) Title() string { return m.label() }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string {
	if !m.loaded {
		return ""
	}
	n := m.table.Total()
	var s string
	switch {
	case m.more:
		s = fmt.Sprintf("first %d subscriptions · %s opens all", n, m.c.Keys.Customer.Subscriptions.Help().Key)
	case n == 1:
		s = "1 subscription"
	default:
		s = fmt.Sprintf("%d subscriptions", n)
	}
	if asOf := m.c.AsOfSince(m.readAt); asOf != "" {
		s += " · " + asOf
	}
	return s
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m.resize()
}

// resize gives the table what the fields leave.
func (m Model) resize() Model {
	m.table = m.table.SetSize(m.c.Width, max(2, m.c.Height-len(m.fieldLines())-2))
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
func (m Model) Close() { m.calls.Close() }

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case customerMsg:
		if !m.calls[readingRecord].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err == nil {
			c := msg.customer
			m.customer = &c
		}
		return m.resize(), nil
	case subsMsg:
		if !m.calls[listingSubs].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err != nil {
			return m, nil
		}
		m.table = m.table.Reset().Append(msg.page.Rows...)
		m.loaded, m.more = true, msg.page.NextToken != ""
		m.readAt = m.c.ReadSince(msg.page)
		return m, nil
	case message.Changed:
		return m.changed(msg), nil
	case call.FailedMsg:
		m.calls.Forget(msg.ReqID)
	}
	return m, nil
}

// SelectedSub implements common.Selector: the change keys act on the
// selected subscription.
func (m Model) SelectedSub() (client.Subscription, bool) { return m.table.Selected() }

// Picking implements common.Selector: the customer screen picks no rows.
func (m Model) Picking() bool { return false }

// Applies implements common.Applier.
func (m Model) Applies(a keymap.Action) (bool, string) {
	switch a {
	case keymap.ActionOpen:
		if _, ok := m.table.Selected(); !ok {
			return false, "no subscription listed"
		}
	case keymap.ActionEdit, keymap.ActionNew:
		if m.customer == nil {
			return false, "the customer is still being read"
		}
	}
	return true, ""
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.c.Keys.Customer
	if mv, ok := common.Nav(msg, k.NavKeys, m.table.Rows()); ok {
		m.table = m.table.Go(mv)
		return m, nil
	}
	switch {
	case common.Matches(msg, k.Open):
		if s, ok := m.table.Selected(); ok {
			return m, message.Send(message.OpenSubscription{Subscription: s})
		}
	case common.Matches(msg, k.Subscriptions):
		return m, message.Send(message.OpenSubscriptions{Query: client.Query{CustomerID: m.id}, Title: "Subscriptions of " + m.label()})
	case common.Matches(msg, k.Export):
		return m, message.Send(message.OpenExport{Query: client.Query{CustomerID: m.id}, Title: "the subscriptions of " + m.label()})
	case common.Matches(msg, k.Refresh):
		return m.load(true, true)
	case common.Matches(msg, k.Copy):
		return m, m.c.CopyCmd("customer ID", m.id)
	case common.Matches(msg, k.Edit) && m.customer != nil:
		return m, message.Send(message.OpenEdit{Kind: message.EditCustomer, Customer: m.customer})
	case common.Matches(msg, k.New) && m.customer != nil:
		return m, message.Send(message.OpenEdit{Kind: message.NewSubscription, Customer: m.customer})
	}
	// The change keys act on the selected subscription, as in the table.
	if kind, ok := common.WriteKey(msg, k.WriteKeys); ok {
		if s, ok := m.table.Selected(); ok {
			return m, message.Send(message.OpenEdit{Kind: kind, Sub: s})
		}
	}
	return m, nil
}

// changed takes a change's result as the API returned it: the record, or
// one of the subscriptions (changed, ordered or deleted).
func (m Model) changed(msg message.Changed) Model {
	if c := msg.Customer; c != nil && c.ID == m.id {
		cust := *c
		m.customer = &cust
		return m.resize()
	}
	switch {
	case msg.Before != nil && msg.Deleted:
		m.table = m.table.Remove(*msg.Before)
	case msg.Before != nil && msg.Sub != nil:
		m.table = m.table.Replace(*msg.Before, *msg.Sub)
	case msg.Before == nil && msg.Sub != nil && msg.Sub.CustomerID == m.id:
		m.table = m.table.Append(*msg.Sub)
	}
	return m
}
