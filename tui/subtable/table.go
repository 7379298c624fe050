package subtable

import (
	"slices"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/wording"
)

// Table is a value; its methods return the changed copy. Rows are only ever
// appended, so copies share the backing arrays safely in Bubble Tea's
// one-model-at-a-time loop.
type Table struct {
	c      common.Common
	want   []Column
	placed []placed
	rows   []client.Subscription
	// hay holds each row's lower-cased searchable text, built once when the
	// row arrives so filtering never formats.
	hay []string
	// filter is the active filter ("" for none); view lists the matching
	// row indices in order.
	filter string
	view   []int
	cursor int
	offset int
}

// New returns an empty table showing the columns in want.
func New(c common.Common, want ...Column) Table {
	t := Table{c: c, want: want}
	return t.SetSize(c.Width, c.Height)
}

// SetSize sizes the table: one header line, the rest rows.
func (t Table) SetSize(w, h int) Table {
	t.c.Width, t.c.Height = w, h
	t.placed = layout(t.want, w)
	return t.clamp()
}

// Append adds rows at the end, keeping the filter applied.
func (t Table) Append(rows ...client.Subscription) Table {
	start := len(t.rows)
	t.rows = append(t.rows, rows...)
	for i := start; i < len(t.rows); i++ {
		h := haystack(t.rows[i])
		t.hay = append(t.hay, h)
		if t.filter != "" && strings.Contains(h, t.filter) {
			t.view = append(t.view, i)
		}
	}
	return t.clamp()
}

// Reset drops every row, keeping columns, size and filter.
func (t Table) Reset() Table {
	t.rows, t.hay, t.view = nil, nil, nil
	t.cursor, t.offset = 0, 0
	return t
}

// Replace puts s in place of the row holding old (same customer and ID);
// the rows are copied first, since earlier copies of the table share them.
func (t Table) Replace(old, s client.Subscription) Table {
	i := t.find(old)
	if i < 0 {
		return t
	}
	t.rows = slices.Clone(t.rows)
	t.hay = slices.Clone(t.hay)
	t.rows[i], t.hay[i] = s, haystack(s)
	return t.refilter()
}

// Remove drops the row holding old (a deleted subscription).
func (t Table) Remove(old client.Subscription) Table {
	i := t.find(old)
	if i < 0 {
		return t
	}
	t.rows = slices.Delete(slices.Clone(t.rows), i, i+1)
	t.hay = slices.Delete(slices.Clone(t.hay), i, i+1)
	return t.refilter()
}

// find returns the index of the row for s, or -1.
func (t Table) find(s client.Subscription) int {
	return slices.IndexFunc(t.rows, func(r client.Subscription) bool { return r.ID == s.ID && r.CustomerID == s.CustomerID })
}

// refilter applies the filter again after rows changed in place.
func (t Table) refilter() Table {
	if t.filter != "" {
		t.view = make([]int, 0, len(t.view))
		for i, h := range t.hay {
			if strings.Contains(h, t.filter) {
				t.view = append(t.view, i)
			}
		}
	}
	return t.clamp()
}

// haystack is the text a filter matches against.
func haystack(s client.Subscription) string {
	parts := []string{s.CustomerDomain, s.CustomerID, s.ID, s.SKUName, s.SKUID,
		string(s.Plan), wording.PlanShort(s.Plan), s.Status, s.RenewalType, s.PurchaseOrderID}
	parts = append(parts, s.SuspensionReasons...)
	return strings.ToLower(strings.Join(parts, "\x00"))
}

// SetFilter shows only rows containing q (case-insensitive); "" shows all.
func (t Table) SetFilter(q string) Table {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == t.filter {
		return t
	}
	sel, hadSel := t.Selected()
	t.filter = q
	t.view = nil
	if q != "" {
		t.view = make([]int, 0, 64)
		for i, h := range t.hay {
			if strings.Contains(h, q) {
				t.view = append(t.view, i)
			}
		}
	}
	// Keep the selection on the same subscription when it still shows.
	t.cursor, t.offset = 0, 0
	if hadSel {
		for i := range t.Len() {
			if r := t.row(i); r.ID == sel.ID && r.CustomerID == sel.CustomerID {
				t.cursor = i
				break
			}
		}
	}
	return t.clamp()
}

// Filter returns the active filter.
func (t Table) Filter() string { return t.filter }

// Len is the number of rows shown (after the filter).
func (t Table) Len() int {
	if t.filter != "" {
		return len(t.view)
	}
	return len(t.rows)
}

// Total is the number of rows loaded.
func (t Table) Total() int { return len(t.rows) }

// Cursor is the selected row's position among the rows shown.
func (t Table) Cursor() int { return t.cursor }

// LoadedIndex is the selected row's index among all loaded rows, -1 when
// nothing is selected; paging decides from it how far ahead to load.
func (t Table) LoadedIndex() int {
	if t.Len() == 0 {
		return -1
	}
	if t.filter != "" {
		return t.view[t.cursor]
	}
	return t.cursor
}

func (t Table) row(i int) client.Subscription { return *t.rowRef(i) }

// rowRef points at row i of the rows shown, saving a copy of a large
// struct per cell drawn.
func (t Table) rowRef(i int) *client.Subscription {
	if t.filter != "" {
		return &t.rows[t.view[i]]
	}
	return &t.rows[i]
}

// Selected returns the subscription under the cursor.
func (t Table) Selected() (client.Subscription, bool) {
	if t.Len() == 0 {
		return client.Subscription{}, false
	}
	return t.row(t.cursor), true
}

// Rows is the number of row lines visible.
func (t Table) Rows() int { return max(0, t.c.Height-1) }

// Move moves the cursor by delta rows, clamped.
func (t Table) Move(delta int) Table {
	t.cursor += delta
	return t.clamp()
}

// Go makes a navigation key's move.
func (t Table) Go(mv common.Move) Table {
	switch {
	case mv.Top:
		return t.Top()
	case mv.Bottom:
		return t.Bottom()
	}
	return t.Move(mv.Delta)
}

// Top selects the first row.
func (t Table) Top() Table {
	t.cursor = 0
	return t.clamp()
}

// Bottom selects the last row.
func (t Table) Bottom() Table {
	t.cursor = t.Len() - 1
	return t.clamp()
}

// clamp keeps the cursor on a row and the cursor's row in the window.
func (t Table) clamp() Table {
	n := t.Len()
	t.cursor = min(max(t.cursor, 0), max(n-1, 0))
	rows := t.Rows()
	if rows <= 0 {
		t.offset = 0
		return t
	}
	// A cursor leaving the window moves it by a third of its height at
	// least (vim's 'scrolljump'): every row of a moved window is sent to
	// the terminal again, so a held j moving it row by row would send the
	// whole table at every step.
	jump := max(1, rows/3)
	if t.cursor < t.offset {
		t.offset = min(t.cursor, t.offset-jump)
	}
	if t.cursor >= t.offset+rows {
		t.offset = max(t.cursor-rows+1, t.offset+jump)
	}
	t.offset = min(max(t.offset, 0), max(n-rows, 0))
	return t
}

// View renders the header and the visible rows only: its cost does not
// depend on how many rows are loaded.
func (t Table) View() string {
	st := t.c.Styles
	w := t.c.Width
	var b strings.Builder
	b.Grow((w + 16) * t.c.Height)
	var line strings.Builder
	line.WriteString(noMark)
	for i, p := range t.placed {
		if i > 0 {
			line.WriteString(sep)
		}
		line.WriteString(fitCell(p.col, specs[p.col].title, p.width))
	}
	b.WriteString(st.TableHeaderLine.Render(line.String()))
	end := min(t.offset+t.Rows(), t.Len())
	for i := t.offset; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(t.renderRow(i))
	}
	for i := end - t.offset; i < t.Rows(); i++ {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", w))
	}
	return b.String()
}

func (t Table) renderRow(i int) string {
	s := t.rowRef(i)
	var line strings.Builder
	mark, selected := noMark, false
	if i == t.cursor {
		mark, selected = cursorMark, true
	}
	line.WriteString(mark)
	for j, p := range t.placed {
		if j > 0 {
			line.WriteString(sep)
		}
		line.WriteString(fitCell(p.col, t.cell(p.col, s, p.width), p.width))
	}
	// Every cell is fitted to its column and the columns fill the width
	// exactly (layout), so the line needs no second measuring.
	out := line.String()
	if selected {
		return t.c.Styles.TableSelectedLine.Render(out)
	}
	return out
}
