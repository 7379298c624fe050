package subscription

import (
	"context"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// Model is the detail screen; its text is built when the data or the size
// changes, so View only slices the viewport.
type Model struct {
	c   common.Common
	sub client.Subscription
	// calls is the re-read of the subscription (rereading).
	calls call.Requests
	vp    viewport.Model
	// gone is set once the subscription was deleted: the root drops the
	// screen.
	gone bool
	// token is the transfer token the subscription was listed with, when
	// it is not yours yet: T orders its transfer with it, and with the
	// subscriptions that move only together with it.
	token string
	with  []client.Subscription
}

// rereading is the screen's one kind of call: the re-read of the
// subscription.
const rereading = 0

// subMsg answers a re-read.
type subMsg struct {
	call.Done
	sub client.Subscription
}

// New shows s as it was listed.
func New(c common.Common, s client.Subscription) Model {
	m := Model{c: c, sub: s, vp: viewport.New(c.Width, c.Height)}
	return m.render()
}

// WithTransferToken returns the detail of a transferable subscription
// listed with token: it offers the transfer.
func (m Model) WithTransferToken(token string, with []client.Subscription) Model {
	m.token, m.with = token, with
	return m
}

// SelectedSub implements common.Selector.
func (m Model) SelectedSub() (client.Subscription, bool) { return m.sub, true }

// Picking implements common.Selector: one subscription, nothing picked.
func (m Model) Picking() bool { return false }

// Applies implements common.Applier: a subscription that is not yours yet
// takes only its transfer; yours takes no transfer.
func (m Model) Applies(a keymap.Action) (bool, string) {
	if a == keymap.ActionTransfer {
		if m.sub.Transfer == nil || m.token == "" {
			return false, "only a subscription listed with the customer's transfer token can be transferred"
		}
		return true, ""
	}
	return true, ""
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenSubscription }

// Title implements common.Screen.
func (m Model) Title() string {
	name := m.sub.SKUName
	if name == "" {
		name = m.sub.SKUID
	}
	return name
}

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string {
	if m.vp.AtBottom() {
		return ""
	}
	return "more below"
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.vp.Width, m.vp.Height = w, h
	return m.render()
}

// Finished implements common.Finisher: a deleted subscription has nothing
// left to show.
func (m Model) Finished() bool { return m.gone }

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
		k := m.c.Keys.Subscription
		switch {
		case common.Matches(msg, k.Refresh):
			return m.refresh()
		case common.Matches(msg, k.Copy):
			return m, m.c.CopyCmd("subscription ID", m.sub.ID)
		}
		var scrolled bool
		if m.vp, scrolled = common.Scroll(m.vp, msg, k.NavKeys); scrolled {
			return m, nil
		}
		if common.Matches(msg, k.Transfer) && m.sub.Transfer != nil && m.token != "" {
			return m, message.Send(message.OpenEdit{Kind: message.NewSubscription, Sub: m.sub, TransferToken: m.token, With: m.with})
		}
		if kind, ok := common.WriteKey(msg, k.WriteKeys); ok {
			if m.sub.Transfer != nil {
				return m, message.Send(message.Guidance{Guidance: m.notYours()})
			}
			return m, message.Send(message.OpenEdit{Kind: kind, Sub: m.sub})
		}
	case message.Changed:
		if msg.Before == nil || !message.Same(*msg.Before, m.sub) {
			return m, nil
		}
		if msg.Deleted {
			m.gone = true
			return m, nil
		}
		if msg.Sub != nil {
			// What the API returned, never a guess. The only change a
			// transferable subscription takes is its transfer, after
			// which its transfer details no longer apply.
			m.sub = *msg.Sub
			return m.render(), nil
		}
	case subMsg:
		if !m.calls[rereading].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err == nil {
			// Keep transfer details: a plain read does not return them.
			t := m.sub.Transfer
			m.sub = msg.sub
			if m.sub.Transfer == nil {
				m.sub.Transfer = t
			}
			return m.render(), nil
		}
	case call.FailedMsg:
		m.calls.Forget(msg.ReqID)
	}
	return m, nil
}

// notYours explains why a transferable subscription's detail takes no
// change: it is another reseller's (or Google's) until transferred.
func (m Model) notYours() client.Guidance {
	g := client.Guidance{
		Title: "Not yours yet: transfer it first",
		Cause: "This subscription is managed by Google or another reseller; changes need it to be yours.",
		Case:  "NOT-APPLICABLE",
	}
	if t := m.c.Keys.Transferable.Transfer; t.Enabled() {
		g.Action = m.c.Keys.Global.Back.Help().Key + " goes back to the transferable subscriptions; " +
			t.Help().Key + " on its row orders its transfer to you."
	}
	return g
}

// refresh re-reads the subscription.
func (m Model) refresh() (Model, tea.Cmd) {
	m.calls[rereading].Cancel()
	api, cust, id := m.c.API, m.sub.CustomerID, m.sub.ID
	var cmd tea.Cmd
	m.calls[rereading], cmd = m.c.Call("Reading subscription "+id, func(ctx context.Context, rid uint64) tea.Msg {
		s, err := api.GetSubscription(ctx, cust, id)
		return subMsg{Done: call.Done{ReqID: rid, Err: err}, sub: s}
	})
	return m, cmd
}

// View implements common.Screen.
func (m Model) View() string {
	return common.FitBlock(m.vp.View(), m.c.Width, m.c.Height)
}
