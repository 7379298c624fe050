package status

import (
	"strings"
	"testing"

	"resold/tui/call"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func TestReconciledNoticeStaysUntilDismissed(t *testing.T) {
	m := New(tuitest.Common(nil, 80, 24)).SetWidth(80)
	m, _ = m.Update(call.StartedMsg{ReqID: 7, Label: message.ReconcileLabel})
	text := "2 interrupted changes were checked: acme-annual.example not applied, flex.example applied · resold audit lists them"
	m, _ = m.Update(message.Reconciled{Done: call.Done{ReqID: 7}, Text: text})
	m = m.KeyPressed()
	view := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(view, text) {
		t.Fatalf("the whole notice is not shown after a key:\n%s", m.View())
	}
	if !m.HasFailure() {
		t.Error("esc would not dismiss the notice first")
	}
	if m = m.Dismiss(); strings.Contains(m.View(), "interrupted") {
		t.Errorf("dismissed, still shown:\n%s", m.View())
	}
}
