package common

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// ReconciledMsg answers the start-up check of the changes an earlier
// session left interrupted; Text says what was found, for the status pane
// to keep until dismissed ("" when there is nothing to say).
type ReconciledMsg struct {
	Done
	Text string
}

// ReconcileLabel names the start-up check in the status pane.
const ReconcileLabel = "Checking interrupted changes"

// Reconcile starts the check of interrupted changes as a call, so its
// spinner, retries and call log show like any other read's.
func (c Common) Reconcile(check func(ctx context.Context) string) tea.Cmd {
	if check == nil {
		return nil
	}
	_, cmd := c.Call(ReconcileLabel, func(ctx context.Context, id uint64) tea.Msg {
		return ReconciledMsg{Done: Done{ReqID: id}, Text: check(ctx)}
	})
	return cmd
}
