package message

import (
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
)

// OpenCustomer asks the root to open a customer's screen. Customer is
// set when the caller already holds the full record; otherwise the screen
// reads it by ID. Subs, when set, is the first page of its subscriptions,
// already asked for: the screen takes it instead of asking again.
type OpenCustomer struct {
	ID       string
	Customer *client.Customer
	Subs     *call.Ahead[client.Page]
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
	// TransferToken is the token a transferable listing was read with: the
	// detail of one of its rows offers the transfer with it.
	TransferToken string
}

// Send returns a command that delivers m: every message goes through the
// root, which opens the screen m asks for, or passes m (a change, guidance)
// to the screens and the status pane.
func Send(m tea.Msg) tea.Cmd {
	return func() tea.Msg { return m }
}

// Dismiss clears the status pane's guidance: the screen or the form it
// was about was left (a form cancelled).
type Dismiss struct{}

// Notice is a short note for the status pane, shown until the next key.
type Notice struct {
	Text string
	// Refused marks a key that did nothing, and why: not a success.
	Refused bool
}

// Lookup asks the root to look a customer up by ID or domain from the
// search screen, as if typed there (the palette's :customer).
type Lookup struct{ Query string }

// Press asks the root to act as if the binding's key was pressed on the
// screen below the palette, so a command run from the palette does exactly
// what its key does.
type Press struct{ Binding keymap.Binding }

// Section is one labelled part of a long text, e.g. "Why" and its sentence.
type Section struct {
	Label string
	Text  string
}

// OpenText asks the root to show a long text in full, scrollable: one
// call of the log.
type OpenText struct {
	Title    string
	Sections []Section
}
