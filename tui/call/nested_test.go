package call

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestNestedUnpacksBatchesAndSequences(t *testing.T) {
	a := func() tea.Msg { return "a" }
	b := func() tea.Msg { return "b" }
	for name, msg := range map[string]tea.Msg{
		"batch":    tea.Batch(a, b)(),
		"sequence": tea.Sequence(a, b)(),
	} {
		cmds, ok := Nested(msg)
		if !ok || len(cmds) != 2 || cmds[0]() != "a" || cmds[1]() != "b" {
			t.Errorf("%s: Nested = %d commands, %v; want a then b", name, len(cmds), ok)
		}
	}
	for _, msg := range []tea.Msg{nil, "x", tea.KeyMsg{}, []string{"a"}} {
		if _, ok := Nested(msg); ok {
			t.Errorf("Nested(%#v) unpacked a message that holds no commands", msg)
		}
	}
}
