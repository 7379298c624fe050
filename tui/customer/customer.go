package customer

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/subtable"
)

// Model is the customer screen.
type Model struct {
	c        common.Common
	id       string
	customer *client.Customer
	custReq  common.Request
	subsReq  common.Request
	table    subtable.Table
	loaded   bool
	more     bool
}

// customerMsg answers the customer read.
type customerMsg struct {
	common.Done
	customer client.Customer
}

// subsMsg answers the subscriptions read.
type subsMsg struct {
	common.Done
	page client.Page
}

// Query is the listing the screen shows for a customer ID or domain: its
// first page, as large as one call allows.
func Query(idOrDomain string) client.Query {
	return client.Query{CustomerID: idOrDomain, PageSize: client.MaxPageSize}
}

// New opens customer id. When cust is the record already read (by a
// lookup) it is shown at once; the subscriptions are read in parallel with
// the record, so the screen fills after one round trip. subs, when not
// nil, is that listing (Query) already asked for alongside the lookup: the
// screen takes its answer, arrived or not, instead of asking again.
func New(c common.Common, id string, cust *client.Customer, subs *common.Ahead[client.Page]) (Model, tea.Cmd) {
	m := Model{c: c, id: id, customer: cust,
		table: subtable.New(c, subtable.ColSKU, subtable.ColPlan, subtable.ColSeats, subtable.ColStatus, subtable.ColRenewal, subtable.ColEnds)}
	if subs == nil {
		return m.load(cust == nil)
	}
	var adopted tea.Cmd
	m.subsReq, adopted = subs.Adopt(func(id uint64, page client.Page, err error) tea.Msg {
		return subsMsg{Done: common.Done{ReqID: id, Err: err}, page: page}
	})
	if cust != nil {
		return m.resize(), adopted
	}
	m, read := m.readRecord()
	return m.resize(), tea.Batch(adopted, read)
}

// load reads the subscriptions and, when asked, the record.
func (m Model) load(record bool) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	if record {
		var cmd tea.Cmd
		m, cmd = m.readRecord()
		cmds = append(cmds, cmd)
	}
	api, id := m.c.API, m.id
	m.subsReq.Cancel()
	var cmd tea.Cmd
	m.subsReq, cmd = m.c.Call("Listing subscriptions of "+m.label(), func(ctx context.Context, rid uint64) tea.Msg {
		page, err := api.ListSubscriptions(ctx, Query(id), "")
		return subsMsg{Done: common.Done{ReqID: rid, Err: err}, page: page}
	})
	cmds = append(cmds, cmd)
	return m.resize(), tea.Batch(cmds...)
}

// readRecord reads the customer record.
func (m Model) readRecord() (Model, tea.Cmd) {
	api, id := m.c.API, m.id
	m.custReq.Cancel()
	var cmd tea.Cmd
	m.custReq, cmd = m.c.Call("Reading customer "+id, func(ctx context.Context, rid uint64) tea.Msg {
		cust, err := api.GetCustomer(ctx, id)
		return customerMsg{Done: common.Done{ReqID: rid, Err: err}, customer: cust}
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
	if m.more {
		return fmt.Sprintf("first %d subscriptions · %s opens all", n, m.c.Keys.Customer.Subscriptions.Help().Key)
	}
	if n == 1 {
		return "1 subscription"
	}
	return fmt.Sprintf("%d subscriptions", n)
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

// Cancel implements common.Screen.
func (m Model) Cancel(id uint64) common.Screen {
	if m.custReq.Is(id) {
		m.custReq.Cancel()
	}
	if m.subsReq.Is(id) {
		m.subsReq.Cancel()
	}
	return m
}

// Close implements common.Screen.
func (m Model) Close() {
	m.custReq.Cancel()
	m.subsReq.Cancel()
}

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case customerMsg:
		if !m.custReq.Is(msg.ReqID) {
			return m, nil
		}
		m.custReq = common.Request{}
		if msg.Err == nil {
			c := msg.customer
			m.customer = &c
		}
		return m.resize(), nil
	case subsMsg:
		if !m.subsReq.Is(msg.ReqID) {
			return m, nil
		}
		m.subsReq = common.Request{}
		if msg.Err != nil {
			return m, nil
		}
		m.table = m.table.Reset().Append(msg.page.Rows...)
		m.loaded, m.more = true, msg.page.NextToken != ""
		return m, nil
	case common.ChangedMsg:
		return m.changed(msg), nil
	case common.FailedMsg:
		if m.custReq.Is(msg.ReqID) {
			m.custReq = common.Request{}
		}
		if m.subsReq.Is(msg.ReqID) {
			m.subsReq = common.Request{}
		}
	}
	return m, nil
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
			return m, common.Navigate(common.OpenSubscriptionMsg{Subscription: s})
		}
	case common.Matches(msg, k.Subscriptions):
		return m, common.Navigate(common.OpenSubscriptionsMsg{Query: client.Query{CustomerID: m.id}, Title: "Subscriptions of " + m.label()})
	case common.Matches(msg, k.Refresh):
		return m.load(true)
	case common.Matches(msg, k.Copy):
		return m, m.c.CopyCmd("customer ID", m.id)
	case common.Matches(msg, k.Edit) && m.customer != nil:
		return m, common.Navigate(common.OpenEditMsg{Kind: common.EditCustomer, Customer: m.customer})
	case common.Matches(msg, k.New) && m.customer != nil:
		return m, common.Navigate(common.OpenEditMsg{Kind: common.NewSubscription, Customer: m.customer})
	}
	return m, nil
}

// changed takes a change's result as the API returned it: the record, or
// one of the subscriptions (changed, ordered or deleted).
func (m Model) changed(msg common.ChangedMsg) Model {
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
