package subtable

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"

	"resold/client"
	"resold/theme"
	"resold/tui/common"
)

// now is the fixed time of every test clock.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func testCommon(w, h int) common.Common {
	return common.Common{
		Styles: common.NewStyles(theme.New(theme.Options{Profile: termenv.Ascii})),
		Width:  w, Height: h,
		Now: func() time.Time { return now },
	}
}

func subs(n int) []client.Subscription {
	out := make([]client.Subscription, n)
	for i := range out {
		out[i] = client.Subscription{
			CustomerID: fmt.Sprintf("C%05d", i), CustomerDomain: fmt.Sprintf("customer-%05d.example", i),
			ID: fmt.Sprint(1000 + i), SKUName: "Google Workspace Business Standard", Plan: client.PlanFlexible,
			MaximumSeats: 10, LicensedSeats: i % 11, Status: "ACTIVE",
		}
	}
	return out
}

func allColumns() []Column {
	return []Column{ColDomain, ColSKU, ColPlan, ColSeats, ColStatus, ColRenewal, ColEnds}
}

func TestLayoutFillsTheWidthExactly(t *testing.T) {
	for _, w := range []int{60, 80, 100, 120, 160, 250} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			cols := layout(allColumns(), w)
			total := markerWidth + len(sep)*(len(cols)-1)
			for _, p := range cols {
				if p.width < specs[p.col].min {
					t.Errorf("column %s is %d wide, below its minimum %d", specs[p.col].title, p.width, specs[p.col].min)
				}
				total += p.width
			}
			if total != w {
				t.Errorf("columns fill %d cells, want %d", total, w)
			}
		})
	}
}

func TestLayoutDropsTheLeastImportantColumnsFirst(t *testing.T) {
	titles := func(ps []placed) string {
		var out []string
		for _, p := range ps {
			out = append(out, specs[p.col].title)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name string
		w    int
		want string
	}{
		{"everything fits at 120", 120, "Customer,SKU,Plan,Seats,Status,Renewal,Ends"},
		{"renewal goes first at 80", 80, "Customer,SKU,Plan,Seats,Status,Ends"},
		{"then the end date", 70, "Customer,SKU,Plan,Seats,Status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(layout(allColumns(), tt.w)); got != tt.want {
				t.Errorf("columns = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestViewRendersOnlyVisibleRowsAtExactSize(t *testing.T) {
	tb := New(testCommon(80, 10), allColumns()...).Append(subs(1000)...)
	view := tb.View()
	lines := strings.Split(view, "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines, want 10", len(lines))
	}
	for i, l := range lines {
		if common.Width(l) != 80 {
			t.Errorf("line %d is %d wide", i, common.Width(l))
		}
	}
	if !strings.HasPrefix(lines[1], "▶ customer-00000") || strings.Contains(view, "customer-00009") {
		t.Errorf("want rows 0-8 with the cursor on row 0:\n%s", view)
	}
}

func TestCursorScrollsTheWindow(t *testing.T) {
	tests := []struct {
		name       string
		move       func(Table) Table
		wantCursor int
		wantFirst  string
	}{
		{"down past the window scrolls", func(t Table) Table { return t.Move(12) }, 12, "customer-00004"},
		{"up clamps at the top", func(t Table) Table { return t.Move(-5) }, 0, "customer-00000"},
		{"bottom shows the last rows", Table.Bottom, 99, "customer-00091"},
		{"bottom then top", func(t Table) Table { return t.Bottom().Top() }, 0, "customer-00000"},
		{"a page past the end clamps", func(t Table) Table { return t.Move(500) }, 99, "customer-00091"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := tt.move(New(testCommon(80, 10), allColumns()...).Append(subs(100)...))
			if tb.Cursor() != tt.wantCursor {
				t.Errorf("cursor = %d, want %d", tb.Cursor(), tt.wantCursor)
			}
			first := strings.Split(tb.View(), "\n")[1]
			if !strings.Contains(first, tt.wantFirst) {
				t.Errorf("first row = %q, want %s", first, tt.wantFirst)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	tb := New(testCommon(80, 10), allColumns()...).Append(subs(300)...)
	tb = tb.Move(150) // customer-00150
	tb = tb.SetFilter("CUSTOMER-0015")
	if tb.Len() != 10 || tb.Total() != 300 {
		t.Fatalf("Len = %d, Total = %d; want 10 of 300", tb.Len(), tb.Total())
	}
	if s, _ := tb.Selected(); s.CustomerDomain != "customer-00150.example" {
		t.Errorf("selection moved to %s; want it kept on customer-00150", s.CustomerDomain)
	}
	if tb.LoadedIndex() != 150 {
		t.Errorf("LoadedIndex = %d, want 150", tb.LoadedIndex())
	}
	// Rows appended later are filtered too.
	more := subs(500)[300:]
	for i := range more[:5] {
		more[i].CustomerDomain = fmt.Sprintf("customer-0015-late-%d.example", i)
	}
	tb = tb.Append(more...)
	if tb.Len() != 15 {
		t.Errorf("after appending, Len = %d, want 15", tb.Len())
	}
	tb = tb.SetFilter("")
	if tb.Len() != 500 {
		t.Errorf("cleared filter shows %d rows, want 500", tb.Len())
	}
	if s, _ := tb.Selected(); s.CustomerDomain != "customer-00150.example" {
		t.Errorf("clearing the filter moved the selection to %s", s.CustomerDomain)
	}
}

func TestEmptyTable(t *testing.T) {
	tb := New(testCommon(80, 5), allColumns()...)
	if _, ok := tb.Selected(); ok {
		t.Error("an empty table has a selection")
	}
	if tb.LoadedIndex() != -1 {
		t.Errorf("LoadedIndex = %d, want -1", tb.LoadedIndex())
	}
	if lines := strings.Split(tb.View(), "\n"); len(lines) != 5 {
		t.Errorf("%d lines, want 5", len(lines))
	}
}

func TestNoColumnGrowsBeyondItsMaximumButTheLast(t *testing.T) {
	for _, w := range []int{160, 250} {
		cols := layout(allColumns(), w)
		for i, p := range cols[:len(cols)-1] {
			if p.width > specs[p.col].max {
				t.Errorf("width %d: column %d (%s) is %d wide, above its maximum %d", w, i, specs[p.col].title, p.width, specs[p.col].max)
			}
		}
	}
}

func TestReplaceAndRemoveKeepTheFilterAndEarlierCopies(t *testing.T) {
	rows := subs(5)
	before := New(testCommon(120, 10), allColumns()...).Append(rows...).SetFilter("customer-0000")
	changed := rows[2]
	changed.MaximumSeats = 99
	after := before.Replace(rows[2], changed)
	if got := after.row(2); got.MaximumSeats != 99 {
		t.Errorf("replaced row has %d seats", got.MaximumSeats)
	}
	if before.row(2).MaximumSeats != 10 {
		t.Error("Replace changed an earlier copy of the table")
	}
	gone := after.Remove(rows[0])
	if gone.Total() != 4 || gone.Len() != 4 {
		t.Errorf("after Remove: %d rows, %d shown", gone.Total(), gone.Len())
	}
	if s, _ := gone.Selected(); s.ID == rows[0].ID {
		t.Error("the removed row is still selected")
	}
	if after.Total() != 5 {
		t.Error("Remove changed an earlier copy of the table")
	}
	if same := gone.Remove(rows[0]); same.Total() != 4 {
		t.Error("removing a missing row changed the table")
	}
}

func TestGoMakesANavigationMove(t *testing.T) {
	tests := []struct {
		name string
		from int
		mv   common.Move
		want int
	}{
		{"a row down", 3, common.Move{Delta: 1}, 4},
		{"a page up, stopping at the first", 3, common.Move{Delta: -9}, 0},
		{"a page down, stopping at the last", 45, common.Move{Delta: 9}, 49},
		{"the first", 20, common.Move{Top: true}, 0},
		{"the last", 20, common.Move{Bottom: true}, 49},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New(testCommon(100, 10), allColumns()...).Append(subs(50)...).Move(tt.from)
			if got := tb.Go(tt.mv).Cursor(); got != tt.want {
				t.Errorf("cursor %d, want %d", got, tt.want)
			}
		})
	}
}

// TestHeldKeyMovesTheWindowByAThird: one row past the window's edge moves
// the window by a third of its height, so a held key redraws the whole
// table on every third row of a page instead of on every row; a long move
// still moves it only as far as the cursor needs.
var customerID = regexp.MustCompile(`customer-\d+`)

func TestHeldKeyMovesTheWindowByAThird(t *testing.T) {
	tb := New(testCommon(80, 10), allColumns()...).Append(subs(100)...) // 9 rows: a jump of 3
	first := func(tb Table) string { return customerID.FindString(strings.Split(tb.View(), "\n")[1]) }
	var firsts []string
	for range 15 {
		tb = tb.Move(1)
		firsts = append(firsts, first(tb))
	}
	for range 15 {
		tb = tb.Move(-1)
		firsts = append(firsts, first(tb))
	}
	got := strings.Join(firsts, " ")
	rep := func(first string, n int) []string { return slices.Repeat([]string{"customer-000" + first}, n) }
	want := strings.Join(slices.Concat(
		// down: rows 1–8 fit; 9 moves the window by 3, 12 by 3 again, 15 too
		rep("00", 8), rep("03", 3), rep("06", 3), rep("09", 1),
		// up from 15 (window 9–17): 8 moves it to 6, 5 to 3, 2 to 0
		rep("09", 6), rep("06", 3), rep("03", 3), rep("00", 3),
	), " ")
	if got != want {
		t.Errorf("first row after each step:\n got %s\nwant %s", got, want)
	}
	if tb = tb.Move(40); first(tb) != "customer-00032" {
		t.Errorf("a 40-row move shows %s first, want customer-00032 (the cursor on the last row)", first(tb))
	}
}

func TestFilterIgnoresCase(t *testing.T) {
	tests := []struct {
		s, q string
		want bool
	}{
		{"Business Standard", "standard", true},
		{"ACTIVE", "activ", true},
		{"ACTIVE", "active!", false},
		{"acme-annual.example", "annual.ex", true},
		{"acme", "acmeacme", false},
		{"Ärzte GmbH", "ärzte", true},
		{"Ärzte GmbH", "gmbh", true},
		{"x", "", true},
		{"AaAab", "aab", true},
		{"aAb", "ab", true},
		{"ab", "abc", false},
		{"xyzA", "a", true},
	}
	for _, tt := range tests {
		if got := newNeedle(tt.q).within(tt.s); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.s, tt.q, got, tt.want)
		}
	}
}
