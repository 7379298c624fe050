package common

import (
	"strings"
	"testing"
	"time"

	"resold/client"
)

func TestFit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want string
	}{
		{"pads short text", "ab", 4, "ab  "},
		{"keeps exact text", "abcd", 4, "abcd"},
		{"cuts long text with an ellipsis", "abcdef", 4, "abc…"},
		{"counts wide characters as two cells", "日本", 5, "日本 "},
		{"cuts wide text to the cell", "日本語", 5, "日本…"},
		{"never splits a wide character", "日本語", 4, "日… "},
		{"keeps combining marks with their letter", "e\u0301e\u0301e\u0301", 2, "e\u0301…"},
		{"zero width is empty", "abc", 0, ""},
		{"styled text is measured without its escapes", "\x1b[1mab\x1b[0m", 3, "\x1b[1mab\x1b[0m "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fit(tt.in, tt.w)
			if got != tt.want {
				t.Errorf("Fit(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			if Width(got) != tt.w {
				t.Errorf("Fit(%q, %d) is %d cells wide", tt.in, tt.w, Width(got))
			}
		})
	}
}

func TestFitRight(t *testing.T) {
	if got := FitRight("42", 5); got != "   42" {
		t.Errorf("FitRight = %q", got)
	}
}

func TestFitBlock(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w, h int
	}{
		{"pads missing lines", "a\nb", 3, 4},
		{"cuts extra lines", "a\nb\nc\nd", 3, 2},
		{"cuts long lines", "abcdefgh\nx", 4, 2},
		{"zero height is empty", "a", 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FitBlock(tt.in, tt.w, tt.h)
			if tt.h == 0 {
				if got != "" {
					t.Fatalf("FitBlock with h=0 = %q", got)
				}
				return
			}
			lines := strings.Split(got, "\n")
			if len(lines) != tt.h {
				t.Fatalf("%d lines, want %d", len(lines), tt.h)
			}
			for i, l := range lines {
				if Width(l) != tt.w {
					t.Errorf("line %d is %d wide, want %d", i, Width(l), tt.w)
				}
			}
		})
	}
}

func TestSpread(t *testing.T) {
	tests := []struct {
		name        string
		left, right string
		w           int
		want        string
	}{
		{"right-aligns the right part", "ab", "xy", 8, "ab    xy"},
		{"cuts the left part first", "abcdefgh", "xy", 8, "abcd… xy"},
		{"right part alone when it fills the line", "ab", "wxyz", 4, "wxyz"},
		{"empty right part", "ab", "", 4, "ab  "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spread(tt.left, tt.right, tt.w); got != tt.want {
				t.Errorf("Spread = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAsOfSaysHowOldKeptRowsAre(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c := Common{Now: func() time.Time { return now }}
	tests := []struct {
		name string
		page client.Page
		want string
	}{
		{"read for the call", client.Page{Age: 20 * time.Second}, ""},
		{"kept, still quiet", client.Page{Kept: true, Age: QuietAge - time.Second}, ""},
		{"kept 12 s", client.Page{Kept: true, Age: 12 * time.Second}, "as of 12 s ago"},
		{"kept 90 s", client.Page{Kept: true, Age: 90 * time.Second}, "as of 1 min ago"},
	}
	for _, tt := range tests {
		if got := c.AsOfSince(c.ReadSince(tt.page)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWrapBreaksAtWordsWithinTheWidth(t *testing.T) {
	got := Wrap("An earlier session's bulk change stopped with 45 of 60 rows not sent.", 20)
	want := []string{"An earlier session's", "bulk change stopped", "with 45 of 60 rows", "not sent."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	for _, l := range Wrap(strings.Repeat("x", 50)+" tail", 12) {
		if Width(l) > 12 {
			t.Errorf("line %q is wider than 12", l)
		}
	}
}
