package theme

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

func TestSeatBar(t *testing.T) {
	bar := New(Options{Profile: termenv.Ascii}).Seats
	tests := []struct {
		name        string
		used, total int64
		width       int
		want        string
	}{
		{"none used", 0, 10, 10, "░░░░░░░░░░"},
		{"half", 5, 10, 10, "█████░░░░░"},
		{"all used", 10, 10, 10, "██████████"},
		{"one of many still shows", 1, 1000, 10, "█░░░░░░░░░"},
		{"almost full is not full", 999, 1000, 10, "█████████░"},
		{"over-assigned fills the bar", 15, 10, 4, "████"},
		{"no seats at all", 0, 0, 4, "░░░░"},
		{"rounds to nearest", 26, 100, 10, "███░░░░░░░"},
		{"no room", 5, 10, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bar.Render(tt.used, tt.total, tt.width); got != tt.want {
				t.Errorf("Render(%d, %d, %d) = %q, want %q", tt.used, tt.total, tt.width, got, tt.want)
			}
		})
	}
	// With colour the width in cells is unchanged.
	col := New(Options{Profile: termenv.TrueColor}).Seats.Render(3, 10, 10)
	if plain := sgr.ReplaceAllString(col, ""); plain != "███░░░░░░░" || !strings.Contains(col, "\x1b[") {
		t.Errorf("coloured bar %q", col)
	}
}
