package call

import (
	"reflect"

	tea "github.com/charmbracelet/bubbletea"
)

var cmdType = reflect.TypeFor[tea.Cmd]()

// Nested unpacks a message that is a list of commands: tea.BatchMsg, or
// Bubble Tea's unexported sequence message, which can only be recognised
// by its shape. Whoever runs commands itself (the panic guard, the test
// driver) needs to reach the commands inside.
func Nested(msg tea.Msg) ([]tea.Cmd, bool) {
	if msg == nil {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}
