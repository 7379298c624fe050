package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
)

// OpenCustomerMsg asks the root to open a customer's screen. Customer is
// set when the caller already holds the full record; otherwise the screen
// reads it by ID.
type OpenCustomerMsg struct {
	ID       string
	Customer *client.Customer
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
