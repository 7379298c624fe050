package audit

import (
	"testing"
	"unicode/utf8"
)

func TestCapBytes(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"short kept", "abc", 5, "abc"},
		{"exact kept", "abcde", 5, "abcde"},
		{"long cut with ellipsis", "abcdefgh", 6, "abc…"},
		{"cut on a rune boundary", "ééééé", 7, "éé…"},
		{"tiny limit still marks the cut", "abcdef", 2, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capBytes(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("capBytes(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("capBytes(%q, %d) = %q is not valid UTF-8", tt.in, tt.limit, got)
			}
		})
	}
}
