package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
)

// OpenCustomerMsg asks the root to open a customer's screen. Customer is
// set when the caller already holds the full record; otherwise the screen
// reads it by ID. Subs, when set, is the first page of its subscriptions,
// already asked for: the screen takes it instead of asking again.
type OpenCustomerMsg struct {
	ID       string
	Customer *client.Customer
	Subs     *Ahead[client.Page]
}

// OpenSubscriptionsMsg asks the root to open the subscriptions table for a
// query; Title names what is listed.
type OpenSubscriptionsMsg struct {
	Query client.Query
	Title string
}

// OpenSubscriptionMsg asks the root to open one subscription's detail.
type OpenSubscriptionMsg struct {
	Subscription client.Subscription
}

// Navigate returns a command that sends msg to the root.
func Navigate(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// LookupMsg asks the root to look a customer up by ID or domain from the
// search screen, as if typed there (the palette's :customer).
type LookupMsg struct{ Query string }

// PressMsg asks the root to act as if the binding's key was pressed on the
// screen below the palette, so a command run from the palette does exactly
// what its key does.
type PressMsg struct{ Binding keymap.Binding }
