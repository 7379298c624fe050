package keymap

// KeyMap is every binding of the app, one group per screen. It is a value:
// Rebind, WithReadOnly and TextInput return modified copies. Keys named in
// field comments are the defaults.
type KeyMap struct {
	// Global bindings are inherited by screens (KeyMap.Screen says which).
	Global GlobalKeys
	// Search is the start screen: a search box and prefix matches.
	Search SearchKeys
	// Customer is one customer's detail with its subscriptions inline.
	Customer CustomerKeys
	// Subscriptions is the long, lazily paged subscriptions table.
	Subscriptions SubscriptionsKeys
	// Transferable is the table of a customer's subscriptions that can be
	// transferred to you (listed with the customer's transfer token).
	Transferable TransferableKeys
	// Subscription is the detail of one subscription.
	Subscription SubscriptionKeys
	// Edit is the form that changes seats, plan, renewal or a customer.
	Edit EditKeys
	// Confirm is the yes/no dialog before a write; it defaults to No.
	Confirm ConfirmKeys
	// Quitting is the dialog a quit opens while a change is being sent; it
	// defaults to waiting.
	Quitting QuittingKeys
	// Help is the help overlay.
	Help HelpKeys
	// Log is the scrollable call log.
	Log LogKeys
	// Message is the whole text of the status pane's message, or of one
	// call of the log.
	Message MessageKeys
	// Palette is the command palette.
	Palette PaletteKeys
	// Export is the export dialog.
	Export ExportKeys
	// Profiles is the list of profiles to switch to.
	Profiles ProfilesKeys
	// Attention is the attention view: groups of what needs a person.
	Attention AttentionKeys
	// Bulk is a bulk change on the selected rows.
	Bulk BulkKeys
}

// GlobalKeys are bindings that work on every screen that inherits them.
type GlobalKeys struct {
	// Help toggles the help overlay (?).
	Help Binding
	// Quit leaves the program (q, ctrl+c).
	Quit Binding
	// Back goes back or cancels (esc).
	Back Binding
	// Log shows the call log (L).
	Log Binding
	// Palette opens the command palette (:).
	Palette Binding
	// Message opens the status pane's whole message (m, ctrl+o: the latter
	// also works while typing in a form).
	Message Binding
}

// NavKeys move a selection or scroll; embedded in every screen with a list.
type NavKeys struct {
	// Up moves up a row (↑, k).
	Up Binding
	// Down moves down a row (↓, j).
	Down Binding
	// PageUp moves up a page (pgup).
	PageUp Binding
	// PageDown moves down a page (pgdn).
	PageDown Binding
	// Top jumps to the first row (g, home).
	Top Binding
	// Bottom jumps to the last row (G, end).
	Bottom Binding
}

// WriteKeys change a subscription; embedded in the subscription detail and
// the subscriptions table, where they apply to the selected row.
type WriteKeys struct {
	// Seats changes seats (s, write).
	Seats Binding
	// Plan changes the plan (p, write).
	Plan Binding
	// Renewal changes renewal settings (r, write).
	Renewal Binding
	// Activate reactivates (a, write).
	Activate Binding
	// Suspend suspends (x, write).
	Suspend Binding
	// StartPaid starts paid service (t, write).
	StartPaid Binding
	// Delete cancels or releases the subscription (D, write).
	Delete Binding
}

// SearchKeys are the start screen's bindings.
type SearchKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Search focuses the search box (/).
	Search Binding
	// Open opens the selected customer (enter).
	Open Binding
	// Copy copies the selected customer ID (y).
	Copy Binding
	// Refresh runs the search again (ctrl+r).
	Refresh Binding
	// Subscriptions opens the table of all the reseller's subscriptions (S).
	Subscriptions Binding
	// New orders a new customer (n, write).
	New Binding
	// Attention opens the attention view (A).
	Attention Binding
}

// CustomerKeys are the customer detail's bindings.
type CustomerKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Open opens the selected subscription (enter).
	Open Binding
	// Copy copies the customer ID (y).
	Copy Binding
	// Refresh reloads the customer (ctrl+r).
	Refresh Binding
	// Subscriptions opens this customer's subscriptions in the table (S).
	Subscriptions Binding
	// Edit edits the customer (e, write).
	Edit Binding
	// New orders a new subscription (n, write).
	New Binding
	// WriteKeys change the selected subscription.
	WriteKeys
	// Export exports this customer's subscriptions to a file (E).
	Export Binding
}

// SubscriptionsKeys are the subscriptions table's bindings; write actions
// apply to the selected row.
type SubscriptionsKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Filter filters the table (/).
	Filter Binding
	// Open opens the selected subscription (enter).
	Open Binding
	// Copy copies the selected subscription ID (y).
	Copy Binding
	// Refresh reloads the table (ctrl+r).
	Refresh Binding
	// Toggle selects or unselects the row (space); with rows selected the
	// change keys make a bulk change of the selection.
	Toggle Binding
	// SelectAll selects every row matching the filter, every page loaded
	// first (*).
	SelectAll Binding
	// WriteKeys change the subscription.
	WriteKeys
	// Export exports every row the filter matches to a file (E).
	Export Binding
}

// TransferableKeys are the transferable subscriptions table's bindings:
// the rows are not yours yet, so transferring is the only change.
// Transfer comes right after Open, so the footer shows it first.
type TransferableKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Open opens the selected subscription (enter).
	Open Binding
	// Transfer orders the selected subscription's transfer to you (T,
	// write).
	Transfer Binding
	// Filter filters the table (/).
	Filter Binding
	// Copy copies the selected subscription ID (y).
	Copy Binding
	// Refresh reloads the table (ctrl+r).
	Refresh Binding
	// Export exports every row the filter matches to a file (E).
	Export Binding
}

// SubscriptionKeys are the subscription detail's bindings.
type SubscriptionKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Copy copies the subscription ID (y).
	Copy Binding
	// Refresh reloads the subscription (ctrl+r).
	Refresh Binding
	// WriteKeys change the subscription.
	WriteKeys
	// Transfer orders the transfer of a subscription that is not yours yet
	// (T, write); only a subscription opened from the transferable table
	// answers to it.
	Transfer Binding
}

// EditKeys are the form's bindings; Back (esc) cancels.
type EditKeys struct {
	// NextField moves to the next field (tab).
	NextField Binding
	// PrevField moves to the previous field (shift+tab).
	PrevField Binding
	// NextOption picks the next choice of a choice field (→).
	NextOption Binding
	// PrevOption picks the previous choice of a choice field (←).
	PrevOption Binding
	// Submit submits to the confirm dialog (enter, write).
	Submit Binding
}

// ConfirmKeys are the confirm dialog's bindings. Bare enter is deliberately
// not Yes: a stray enter must never apply a change.
type ConfirmKeys struct {
	// Yes applies the change (y).
	Yes Binding
	// No declines (n, esc); also the default.
	No Binding
}

// QuittingKeys are the bindings of the dialog a quit opens while a change
// is being sent. Like the confirm dialog, bare enter is not the risky
// answer: it waits.
type QuittingKeys struct {
	// Wait closes the dialog and stays for the change's answer (enter, n,
	// esc).
	Wait Binding
	// Anyway quits without the answer; the process still waits a bounded
	// time for it and records it (y).
	Anyway Binding
}

// HelpKeys scroll the help overlay; Help or Back close it.
type HelpKeys struct {
	// NavKeys scrolls the overlay.
	NavKeys
}

// LogKeys scroll the call log.
type LogKeys struct {
	// NavKeys moves the selected call.
	NavKeys
	// Open shows the selected call in full (enter).
	Open Binding
	// Export writes the session's calls to a JSON file for a support
	// case (E).
	Export Binding
}

// MessageKeys scroll a whole message; Back (esc) closes it.
type MessageKeys struct {
	// NavKeys scrolls the text.
	NavKeys
}

// ExportKeys are the export dialog's bindings; its file name field has
// focus, so they use only keys a text input does not consume.
type ExportKeys struct {
	// Format picks the next file format (tab).
	Format Binding
	// Save writes the file (enter).
	Save Binding
	// Replace replaces an existing file, once asked (ctrl+y).
	Replace Binding
}

// ProfilesKeys are the profile list's bindings.
type ProfilesKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Switch switches to the selected profile (enter).
	Switch Binding
}

// PaletteKeys are the command palette's bindings; its text input has focus,
// so they use only keys a text input does not consume.
type PaletteKeys struct {
	// Up moves up the list (↑).
	Up Binding
	// Down moves down the list (↓).
	Down Binding
	// Run runs the selected command (enter).
	Run Binding
}

// AttentionKeys are the attention view's bindings.
type AttentionKeys struct {
	// NavKeys moves the selection.
	NavKeys
	// Open opens the group's rows in the subscriptions table (enter).
	Open Binding
	// Refresh reads every subscription again (ctrl+r).
	Refresh Binding
}

// BulkKeys are the bulk change's bindings; Back (esc) goes back, and
// while the rows are being sent asks to stop before the next one.
type BulkKeys struct {
	// NavKeys scrolls the rows.
	NavKeys
	// Submit goes from the plan to the confirmation, and sends once the
	// number of rows is typed (enter, write).
	Submit Binding
	// NextOption and PrevOption pick the renewal type to set (→, ←).
	NextOption Binding
	PrevOption Binding
	// Stop stops before the next row (S).
	Stop Binding
	// Export writes the summary to a CSV file (E).
	Export Binding
}

// Default returns the built-in bindings.
func Default() KeyMap {
	nav := NavKeys{
		Up:       newBinding(ActionUp, "up", "Move the selection up", false, "up", "k"),
		Down:     newBinding(ActionDown, "down", "Move the selection down", false, "down", "j"),
		PageUp:   newBinding(ActionPageUp, "page up", "Move up one page", false, "pgup"),
		PageDown: newBinding(ActionPageDown, "page down", "Move down one page", false, "pgdown"),
		Top:      newBinding(ActionTop, "top", "Jump to the first row", false, "g", "home"),
		Bottom:   newBinding(ActionBottom, "bottom", "Jump to the last row", false, "G", "end"),
	}
	copyID := func(what string) Binding {
		return newBinding(ActionCopy, "copy ID", "Copy the "+what+" ID to the clipboard", false, "y")
	}
	refresh := newBinding(ActionRefresh, "refresh", "Reload from the API", false, "ctrl+r")
	exportRows := newBinding(ActionExport, "export", "Export every row the filter matches to a CSV or JSON file", false, "E")
	filter := newBinding(ActionFilter, "filter", "Filter the table", false, "/")
	openSub := newBinding(ActionOpen, "open", "Open the selected subscription", false, "enter")
	transfer := newBinding(ActionTransfer, "transfer to you", "Transfer this subscription to you", true, "T")
	writes := WriteKeys{
		Seats:     newBinding(ActionSeats, "seats", "Change the number of seats", true, "s"),
		Plan:      newBinding(ActionPlan, "plan", "Change the plan (e.g. trial or flexible to annual)", true, "p"),
		Renewal:   newBinding(ActionRenewal, "renewal", "Change the renewal settings of an annual plan", true, "r"),
		Activate:  newBinding(ActionActivate, "activate", "Reactivate a subscription suspended by the reseller", true, "a"),
		Suspend:   newBinding(ActionSuspend, "suspend", "Suspend the subscription", true, "x"),
		StartPaid: newBinding(ActionStartPaid, "start paid", "End the free trial and start paid service", true, "t"),
		Delete:    newBinding(ActionDelete, "delete", "Cancel the subscription or release it for transfer", true, "D"),
	}
	return KeyMap{
		Global: GlobalKeys{
			Help:    newBinding(ActionHelp, "help", "Show or hide the help", false, "?"),
			Quit:    newBinding(ActionQuit, "quit", "Quit resold", false, "q", "ctrl+c"),
			Back:    newBinding(ActionBack, "back", "Step back one level", false, "esc"),
			Log:     newBinding(ActionLog, "call log", "Show the log of API calls", false, "L"),
			Palette: newBinding(ActionPalette, "commands", "Open the command palette", false, ":"),
			Message: newBinding(ActionMessage, "message", "Read the status pane's whole message", false, "m", "ctrl+o"),
		},
		Search: SearchKeys{
			NavKeys:       nav,
			Search:        newBinding(ActionSearch, "search", "Search customers by ID or domain", false, "/"),
			Open:          newBinding(ActionOpen, "open", "Open the selected customer", false, "enter"),
			Copy:          copyID("customer"),
			Refresh:       refresh,
			Subscriptions: newBinding(ActionSubscriptions, "all subscriptions", "List all the reseller's subscriptions", false, "S"),
			New:           newBinding(ActionNew, "new customer", "Order a new customer", true, "n"),
			Attention:     newBinding(ActionAttention, "attention", "What needs a person now, in groups", false, "A"),
		},
		Customer: CustomerKeys{
			NavKeys:       nav,
			Open:          newBinding(ActionOpen, "open", "Open the selected subscription", false, "enter"),
			Copy:          copyID("customer"),
			Refresh:       refresh,
			Subscriptions: newBinding(ActionSubscriptions, "subscriptions", "Open this customer's subscriptions in the table", false, "S"),
			Export:        newBinding(ActionExport, "export", "Export this customer's subscriptions to a CSV or JSON file", false, "E"),
			Edit:          newBinding(ActionEdit, "edit", "Edit the customer's contact and address", true, "e"),
			New:           newBinding(ActionNew, "new subscription", "Order a new subscription for this customer", true, "n"),
			WriteKeys:     writes,
		},
		Subscriptions: SubscriptionsKeys{
			NavKeys:   nav,
			Filter:    filter,
			Open:      openSub,
			Copy:      copyID("subscription"),
			Refresh:   refresh,
			Export:    exportRows,
			Toggle:    newBinding(ActionToggle, "select", "Select or unselect the row; the change keys then act on every selected row", false, " "),
			SelectAll: newBinding(ActionSelectAll, "select all", "Select every row matching the filter (every page is loaded first)", false, "*"),
			WriteKeys: writes,
		},
		Transferable: TransferableKeys{
			NavKeys:  nav,
			Open:     openSub,
			Transfer: transfer,
			Filter:   filter,
			Copy:     copyID("subscription"),
			Refresh:  refresh,
			Export:   exportRows,
		},
		Subscription: SubscriptionKeys{
			NavKeys:   nav,
			Copy:      copyID("subscription"),
			Refresh:   refresh,
			WriteKeys: writes,
			Transfer:  transfer,
		},
		Edit: EditKeys{
			NextField:  newBinding(ActionNextField, "next field", "Move to the next field", false, "tab"),
			PrevField:  newBinding(ActionPrevField, "previous field", "Move to the previous field", false, "shift+tab"),
			NextOption: newBinding(ActionNextOption, "next choice", "Pick the next choice", false, "right"),
			PrevOption: newBinding(ActionPrevOption, "previous choice", "Pick the previous choice", false, "left"),
			Submit:     newBinding(ActionSubmit, "submit", "Review and submit the change", true, "enter"),
		},
		Confirm: ConfirmKeys{
			Yes: newBinding(ActionYes, "yes", "Apply the change", false, "y"),
			No:  newBinding(ActionNo, "no", "Do not apply the change", false, "n", "esc"),
		},
		Quitting: QuittingKeys{
			Wait:   newBinding(ActionWait, "wait", "Stay and wait for the change's answer", false, "enter", "n", "esc"),
			Anyway: newBinding(ActionQuitAnyway, "quit anyway", "Quit without waiting for the change's answer", false, "y"),
		},
		Help: HelpKeys{NavKeys: nav},
		Log: LogKeys{NavKeys: nav,
			Open:   newBinding(ActionOpen, "open", "Show the selected call in full", false, "enter"),
			Export: newBinding(ActionExport, "export", "Write the session's calls to a JSON file for a support case", false, "E")},
		Message: MessageKeys{NavKeys: nav},
		Palette: PaletteKeys{
			Up:   newBinding(ActionUp, "up", "Move the selection up", false, "up"),
			Down: newBinding(ActionDown, "down", "Move the selection down", false, "down"),
			Run:  newBinding(ActionRun, "run", "Run the selected command", false, "enter"),
		},
		Export: ExportKeys{
			Format:  newBinding(ActionFormat, "format", "Pick the next file format", false, "tab"),
			Save:    newBinding(ActionSave, "save", "Write the file", false, "enter"),
			Replace: newBinding(ActionReplace, "replace", "Replace the existing file", false, "ctrl+y"),
		},
		Profiles: ProfilesKeys{
			NavKeys: nav,
			Switch:  newBinding(ActionProfile, "switch", "Switch to the selected profile", false, "enter"),
		},
		Attention: AttentionKeys{
			NavKeys: nav,
			Open:    newBinding(ActionOpen, "open", "Open the group's rows in the subscriptions table", false, "enter"),
			Refresh: newBinding(ActionRefresh, "refresh", "Read every subscription again", false, "ctrl+r"),
		},
		Bulk: BulkKeys{
			NavKeys:    nav,
			Submit:     newBinding(ActionSubmit, "continue", "Confirm the plan, then send once the number of rows is typed", true, "enter"),
			NextOption: newBinding(ActionNextOption, "next choice", "Pick the next renewal type", false, "right"),
			PrevOption: newBinding(ActionPrevOption, "previous choice", "Pick the previous renewal type", false, "left"),
			Stop:       newBinding(ActionStop, "stop", "Stop before the next row (nothing is half-sent)", false, "S"),
			Export:     newBinding(ActionExport, "export CSV", "Export the summary as a CSV file", false, "E"),
		},
	}
}
