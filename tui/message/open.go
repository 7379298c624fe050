package message

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
)

// OpenCustomer asks the root to open a customer's screen. Customer is
// set when the caller already holds the full record; otherwise the screen
// reads it by ID.
type OpenCustomer struct {
	ID       string
	Customer *client.Customer
}

// OpenSubscriptions asks the root to open the subscriptions table for a
// query; Title names what is listed.
type OpenSubscriptions struct {
	Query client.Query
	Title string
}

// OpenSubscription asks the root to open one subscription's detail.
type OpenSubscription struct {
	Subscription client.Subscription
}

// Send returns a command that delivers m: every message goes through the
// root, which opens the screen m asks for, or passes m (a change, guidance)
// to the screens and the status pane.
func Send(m tea.Msg) tea.Cmd {
	return func() tea.Msg { return m }
}

// Notice is a short note for the status pane, shown until the next key.
type Notice struct{ Text string }

// Lookup asks the root to look a customer up by ID or domain from the
// search screen, as if typed there (the palette's :customer).
type Lookup struct{ Query string }

// Press asks the root to act as if the binding's key was pressed on the
// screen below the palette, so a command run from the palette does exactly
// what its key does.
type Press struct{ Binding keymap.Binding }
