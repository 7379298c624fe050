package message

import (
	"context"

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
// query; Title names what is listed. Rows, when set, are the table's rows
// instead of a listing (a group of the attention view), read already.
type OpenSubscriptions struct {
	Query client.Query
	Title string
	Rows  []client.Subscription
}

// OpenExport asks the root to open the export dialog. For a listing,
// Query is what it lists; Pager, when set, is the table's own (the pages
// it read are not read again) and Keep its filter. Calls exports the
// session's call log instead.
type OpenExport struct {
	Query client.Query
	Pager interface {
		Page(ctx context.Context, i int) (client.Page, error)
		Close()
	}
	Keep  func(client.Subscription) bool
	Title string
	Calls bool
}

// OpenSubscription asks the root to open one subscription's detail.
type OpenSubscription struct {
	Subscription client.Subscription
	// TransferToken is the token a transferable listing was read with: the
	// detail of one of its rows offers the transfer with it, and With the
	// subscriptions Google moves only together with it (its add-ons).
	TransferToken string
	With          []client.Subscription
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

// OpenProfiles asks the root to list the config file's profiles, to
// switch to one.
type OpenProfiles struct{}

// SwitchProfile asks the root to switch to the profile Name: a fresh
// client, back to the search screen. While a change is being sent the
// root answers ProfileBusy instead, unless Anyway is set.
type SwitchProfile struct {
	Name   string
	Anyway bool
}

// ProfileBusy tells the profile list that a change is being sent (What
// names it), so it asks before switching.
type ProfileBusy struct {
	Name string
	What string
}

// OpenAttention asks the root to open the attention view: what needs a
// person across every subscription.
type OpenAttention struct{}
