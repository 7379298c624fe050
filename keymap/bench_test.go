package keymap

import "testing"

// The footer is rendered on every frame, so building its help must be cheap
// (or cached by the caller); these measure what a frame would pay.
func BenchmarkHelpMap(b *testing.B) {
	k := Default()
	b.ReportAllocs()
	for b.Loop() {
		_ = k.HelpMap(ScreenSubscriptions)
	}
}

func BenchmarkCommands(b *testing.B) {
	k := Default()
	b.ReportAllocs()
	for b.Loop() {
		_ = k.Commands(ScreenSubscriptions)
	}
}

func BenchmarkRebind(b *testing.B) {
	k := Default()
	o := map[string][]string{"quit": {"ctrl+q"}, "subscriptions.seats": {"S"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Rebind(o); err != nil {
			b.Fatal(err)
		}
	}
}
