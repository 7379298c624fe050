package message

import "resold/tui/call"

// Reconciled answers the start-up check of the changes an earlier session
// left interrupted; Text says what was found, for the status pane to keep
// until dismissed ("" when there is nothing to say).
type Reconciled struct {
	call.Done
	Text string
}

// ReconcileLabel names the start-up check in the status pane.
const ReconcileLabel = "Checking interrupted changes"
