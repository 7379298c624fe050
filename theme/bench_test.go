package theme

import (
	"testing"

	"github.com/muesli/termenv"
)

// Badges and seat bars are drawn for every visible row on every frame.
func BenchmarkBadge(b *testing.B) {
	th := New(Options{Profile: termenv.TrueColor})
	b.ReportAllocs()
	for b.Loop() {
		_ = th.Badge("SUSPENDED")
	}
}

func BenchmarkSeatBar(b *testing.B) {
	th := New(Options{Profile: termenv.TrueColor})
	b.ReportAllocs()
	for b.Loop() {
		_ = th.Seats.Render(37, 50, 20)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = New(Options{Profile: termenv.TrueColor})
	}
}
