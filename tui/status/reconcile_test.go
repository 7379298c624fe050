package status

import (
	"strings"
	"testing"

	"resold/tui/common"
	"resold/tui/internal/tuitest"
)

func TestReconciledNoticeStaysUntilDismissed(t *testing.T) {
	m := New(tuitest.Common(nil, 80, 24)).SetWidth(80)
	m, _ = m.Update(common.StartedMsg{ReqID: 7, Label: common.ReconcileLabel})
	text := "2 interrupted changes were checked: acme-annual.example not applied, flex.example applied · resold audit lists them"
	m, _ = m.Update(common.ReconciledMsg{Done: common.Done{ReqID: 7}, Text: text})
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
