package subtable

import (
	"resold/client"
	"resold/tui/common"
	"resold/tui/wording"
)

// Column is one column the table can show.
type Column int

// The table's columns.
const (
	ColDomain Column = iota
	ColSKU
	ColPlan
	ColSeats
	ColStatus
	ColRenewal
	ColEnds
	ColTransfer
)

// spec sizes a column: it never gets narrower than min; flexible columns
// (weight > 0) share the spare width up to max; when the row is too wide the
// column with the lowest keep is dropped first.
type spec struct {
	title  string
	min    int
	max    int
	weight int
	keep   int
}

var specs = map[Column]spec{
	ColDomain:   {"Customer", 15, 40, 3, 9},
	ColSKU:      {"SKU", 13, 40, 4, 8},
	ColPlan:     {"Plan", 9, 10, 0, 6},
	ColSeats:    {"Seats", 12, 14, 0, 7},
	ColStatus:   {"Status", 13, 34, 1, 5},
	ColRenewal:  {"Renewal", 11, 14, 1, 3},
	ColEnds:     {"Ends", 11, 13, 0, 4},
	ColTransfer: {"Transfer", 15, 24, 1, 6},
}

// marker is drawn before each row: the cursor on the selected one, so the
// selection shows without colour.
const (
	markerWidth = 2
	cursorMark  = "▶ "
	noMark      = "  "
	// A selected row (space, *) is marked in the same two cells, so the
	// mark holds without colour.
	pickedMark       = "● "
	cursorPickedMark = "▶●"
	sep              = " "
)

// placed is a column with its computed width.
type placed struct {
	col   Column
	width int
}

// layout fits the wanted columns into width w.
func layout(want []Column, w int) []placed {
	cols := append([]Column(nil), want...)
	total := func() int {
		t := markerWidth + len(sep)*max(0, len(cols)-1)
		for _, c := range cols {
			t += specs[c].min
		}
		return t
	}
	for len(cols) > 1 && total() > w {
		drop := 0
		for i, c := range cols {
			if specs[c].keep < specs[cols[drop]].keep {
				drop = i
			}
		}
		cols = append(cols[:drop:drop], cols[drop+1:]...)
	}
	out := make([]placed, len(cols))
	weights := 0
	for i, c := range cols {
		out[i] = placed{c, specs[c].min}
		weights += specs[c].weight
	}
	spare := w - total()
	// Hand out spare cells by weight, each column up to its maximum.
	if weights > 0 && spare > 0 {
		given := 0
		for i, c := range cols {
			s := specs[c]
			add := min(spare*s.weight/weights, s.max-s.min)
			out[i].width += add
			given += add
		}
		spare -= given
	}
	// Rounding leaves a few cells: flexible columns take them up to their
	// maximum, and whatever is still left pads the last column.
	for i := range out {
		if s := specs[out[i].col]; s.weight > 0 && spare > 0 {
			add := min(spare, max(0, s.max-out[i].width))
			out[i].width += add
			spare -= add
		}
	}
	if spare > 0 && len(out) > 0 {
		out[len(out)-1].width += spare
	}
	return out
}

// cell is the plain text of column c for subscription s in w cells.
func (t Table) cell(c Column, s *client.Subscription, w int) string {
	st := t.c.Styles
	switch c {
	case ColDomain:
		return s.CustomerDomain
	case ColSKU:
		return wording.SKUShort(*s)
	case ColPlan:
		return wording.PlanShort(s.Plan)
	case ColSeats:
		return wording.SeatsText(*s, st.PlainSeats)
	case ColStatus:
		full := wording.StatusText(*s, st.Success.Symbol, st.Error.Symbol)
		if common.Width(full) > w && s.Suspended() && len(s.SuspensionReasons) > 0 {
			// Narrow: the symbol says suspended, the reasons say why.
			return wording.StatusShort(*s, st.Error.Symbol)
		}
		return full
	case ColRenewal:
		if !s.Plan.IsAnnual() && s.RenewalType == "" {
			return "—"
		}
		return wording.RenewalShort(s.RenewalType)
	case ColEnds:
		return wording.EndsText(*s, t.c.Now())
	case ColTransfer:
		return wording.TransferText(*s, t.c.Now())
	}
	return ""
}

// fitCell places text in a column of width w.
func fitCell(c Column, text string, w int) string {
	if c == ColSeats {
		return common.FitRight(text, w)
	}
	return common.Fit(text, w)
}
