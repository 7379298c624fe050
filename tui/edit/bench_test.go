package edit

import (
	"testing"

	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

// BenchmarkFormView draws the largest form (a new customer) as the user
// types: it runs on every key, so it must stay far below a frame.
func BenchmarkFormView(b *testing.B) {
	c := tuitest.Common(api(), 120, 40)
	s, _ := Open(c, message.OpenEdit{Kind: message.NewCustomer, Domain: "nobody-here.example"})
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View()
	}
}

// BenchmarkTypeIntoForm is one key typed into the seat form: input,
// inline validation with the client's rules, and the view.
func BenchmarkTypeIntoForm(b *testing.B) {
	c := tuitest.Common(api(), 120, 40)
	s, _ := Open(c, message.OpenEdit{Kind: message.EditSeats, Sub: flex})
	keys := []string{"2", "5", "backspace", "backspace"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s, _ = s.Update(tuitest.Key(keys[i%len(keys)]))
		_ = s.View()
		i++
	}
}
