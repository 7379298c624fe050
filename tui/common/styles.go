package common

import (
	"github.com/charmbracelet/lipgloss"

	"resold/theme"
)

// Styles is the theme plus the few styles derived from it for whole-line
// rendering, built once next to the theme's own.
type Styles struct {
	*theme.Theme
	// TableHeaderLine and TableSelectedLine style a whole table line; the
	// theme's per-cell padding is dropped because the table lays out its
	// own columns.
	TableHeaderLine   lipgloss.Style
	TableSelectedLine lipgloss.Style
	// PlainSeats draws the seat bar without colour, for table cells, which
	// stay plain text so the selected row's style covers them whole.
	PlainSeats theme.SeatBar
}

// NewStyles derives the whole-line styles from t once.
func NewStyles(t *theme.Theme) *Styles {
	plain := t.Renderer().NewStyle()
	return &Styles{
		Theme:             t,
		TableHeaderLine:   t.TableHeader.UnsetPadding(),
		TableSelectedLine: t.TableSelected.UnsetPadding(),
		PlainSeats:        theme.SeatBar{FilledChar: t.Seats.FilledChar, EmptyChar: t.Seats.EmptyChar, Filled: plain, Empty: plain},
	}
}
