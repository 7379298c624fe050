package palette

import (
	"testing"

	"resold/keymap"
	"resold/tui/internal/tuitest"
)

// BenchmarkTypeIntoPalette is one key typed into the palette: the fuzzy
// filter over every command and the view.
func BenchmarkTypeIntoPalette(b *testing.B) {
	s := open(b, keymap.ScreenSubscription, false).SetSize(120, 40)
	keys := []string{"s", "t", "backspace", "backspace"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s, _ = s.Update(tuitest.Key(keys[i%len(keys)]))
		_ = s.View()
		i++
	}
}
