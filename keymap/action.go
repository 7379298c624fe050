package keymap

// Action is the stable name of what a binding does. Config files, the command
// palette and audit logs use it, so a value must never change once released.
type Action string

// Actions shared by several screens. The same action on two screens means the
// same thing, which is why a bare action in Rebind applies to every screen.
const (
	// ActionHelp toggles the help overlay.
	ActionHelp Action = "help"
	// ActionQuit leaves the program.
	ActionQuit Action = "quit"
	// ActionBack goes back one screen or cancels a form.
	ActionBack Action = "back"
	// ActionLog shows the call log.
	ActionLog Action = "log"
	// ActionPalette opens the command palette.
	ActionPalette Action = "palette"
	// ActionMessage opens the status pane's whole message.
	ActionMessage Action = "message"

	// ActionUp moves the selection up one row.
	ActionUp Action = "up"
	// ActionDown moves the selection down one row.
	ActionDown Action = "down"
	// ActionPageUp moves the selection up one page.
	ActionPageUp Action = "page_up"
	// ActionPageDown moves the selection down one page.
	ActionPageDown Action = "page_down"
	// ActionTop jumps to the first row.
	ActionTop Action = "top"
	// ActionBottom jumps to the last row.
	ActionBottom Action = "bottom"

	// ActionSearch focuses the search box.
	ActionSearch Action = "search"
	// ActionFilter filters the rows shown.
	ActionFilter Action = "filter"
	// ActionOpen opens the selected item.
	ActionOpen Action = "open"
	// ActionCopy copies the ID of the selected item.
	ActionCopy Action = "copy"
	// ActionRefresh reloads the screen's data from the API.
	ActionRefresh Action = "refresh"
	// ActionSubscriptions opens the subscriptions table.
	ActionSubscriptions Action = "subscriptions"

	// ActionSeats changes the number of seats (write).
	ActionSeats Action = "seats"
	// ActionPlan changes the plan (write).
	ActionPlan Action = "plan"
	// ActionRenewal changes the renewal settings (write).
	ActionRenewal Action = "renewal"
	// ActionActivate reactivates a suspended subscription (write).
	ActionActivate Action = "activate"
	// ActionSuspend suspends a subscription (write).
	ActionSuspend Action = "suspend"
	// ActionStartPaid ends a trial and starts paid service (write).
	ActionStartPaid Action = "start_paid"
	// ActionDelete cancels or transfers away a subscription (write).
	ActionDelete Action = "delete"
	// ActionEdit edits the customer (write).
	ActionEdit Action = "edit"
	// ActionNew orders a new customer or subscription (write).
	ActionNew Action = "new"
	// ActionTransfer orders a transferable subscription's transfer to you
	// (write).
	ActionTransfer Action = "transfer"

	// ActionNextField moves to the next form field.
	ActionNextField Action = "next_field"
	// ActionPrevField moves to the previous form field.
	ActionPrevField Action = "prev_field"
	// ActionNextOption picks the next choice in a choice field.
	ActionNextOption Action = "next_option"
	// ActionPrevOption picks the previous choice in a choice field.
	ActionPrevOption Action = "prev_option"
	// ActionSubmit submits the form (write: it leads to a change).
	ActionSubmit Action = "submit"

	// ActionYes answers yes in the confirm dialog.
	ActionYes Action = "yes"
	// ActionNo answers no in the confirm dialog.
	ActionNo Action = "no"

	// ActionWait closes the quit dialog to wait for the change being sent.
	ActionWait Action = "wait"
	// ActionQuitAnyway quits while a change is being sent.
	ActionQuitAnyway Action = "quit_anyway"

	// ActionRun runs the command picked in the palette.
	ActionRun Action = "run"

	// ActionExport exports the rows the table shows (every page, the
	// filter applied), or the call log.
	ActionExport Action = "export"
	// ActionFormat picks the next file format in the export dialog.
	ActionFormat Action = "format"
	// ActionSave writes the export file.
	ActionSave Action = "save"
	// ActionReplace replaces an existing file in the export dialog.
	ActionReplace Action = "replace"

	// ActionProfile lists the config file's profiles and switches to one.
	ActionProfile Action = "profile"
	// ActionAttention opens the attention view: what needs a person now.
	ActionAttention Action = "attention"
	// ActionToggle selects or unselects the row under the cursor.
	ActionToggle Action = "toggle"
	// ActionSelectAll selects every row matching the filter, loading every
	// page first.
	ActionSelectAll Action = "select_all"
	// ActionStop stops a bulk change before its next row.
	ActionStop Action = "stop"
)

// navigation lists the actions that only move around; help puts them in their
// own column and the palette leaves them out (nobody searches for "down").
var navigation = map[Action]bool{
	ActionUp: true, ActionDown: true, ActionPageUp: true,
	ActionPageDown: true, ActionTop: true, ActionBottom: true,
}
