package subtable

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

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
	// rows point at the subscriptions given to Append, which are never
	// changed: a page the pager read is held once, by the pager, however
	// many rows a table shows from it.
	rows []*client.Subscription
	// filter is the active filter ("" for none); view lists the matching
	// row indices in order.
	filter string
	view   []int32
	cursor int
	offset int
	// picked holds the selected rows (space, *) by customer and ID. It is
	// replaced, never changed in place, since copies of the table share it.
	picked map[rowKey]bool
}

// rowKey names a row across reloads and replacements.
type rowKey struct{ customer, id string }

func keyOf(s client.Subscription) rowKey { return rowKey{s.CustomerID, s.ID} }

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

// Append adds rows at the end, keeping the filter applied. The table
// keeps pointers into rows, which must not change afterwards (a pager's
// pages never do).
func (t Table) Append(rows ...client.Subscription) Table {
	t.rows = slices.Grow(t.rows, len(rows))
	n := newNeedle(t.filter)
	for i := range rows {
		if t.filter != "" && n.in(&rows[i]) {
			t.view = append(t.view, int32(len(t.rows)))
		}
		t.rows = append(t.rows, &rows[i])
	}
	return t.clamp()
}

// Reset drops every row and the selection, keeping columns, size and
// filter.
func (t Table) Reset() Table {
	t.rows, t.view, t.picked = nil, nil, nil
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
	t.rows[i] = &s
	return t.refilter()
}

// Remove drops the row holding old (a deleted subscription).
func (t Table) Remove(old client.Subscription) Table {
	i := t.find(old)
	if i < 0 {
		return t
	}
	t.rows = slices.Delete(slices.Clone(t.rows), i, i+1)
	if t.picked[keyOf(old)] {
		t.picked = maps.Clone(t.picked)
		delete(t.picked, keyOf(old))
	}
	return t.refilter()
}

// find returns the index of the row for s, or -1.
func (t Table) find(s client.Subscription) int {
	return slices.IndexFunc(t.rows, func(r *client.Subscription) bool { return r.ID == s.ID && r.CustomerID == s.CustomerID })
}

// refilter applies the filter again after rows changed in place.
func (t Table) refilter() Table {
	if t.filter != "" {
		t.view = t.matching(len(t.view))
	}
	return t.clamp()
}

// matching lists the rows the filter matches.
func (t Table) matching(capacity int) []int32 {
	view := make([]int32, 0, capacity)
	n := newNeedle(t.filter)
	for i, r := range t.rows {
		if n.in(r) {
			view = append(view, int32(i))
		}
	}
	return view
}

// needle is a filter ready to search with: lower case, and whether it is
// ASCII.
type needle struct {
	q     string
	ascii bool
}

func newNeedle(q string) needle {
	n := needle{q: q, ascii: true}
	for i := 0; i < len(q); i++ {
		if q[i] >= utf8.RuneSelf {
			n.ascii = false
		}
	}
	return n
}

// in reports whether one of the fields a filter searches contains the
// needle, ignoring case. The fields are searched in place rather than
// kept as lower-cased text beside every row: that text would cost a
// hundred bytes and more a row.
func (n needle) in(s *client.Subscription) bool {
	if n.within(s.CustomerDomain) || n.within(s.CustomerID) || n.within(s.ID) ||
		n.within(s.SKUName) || n.within(s.SKUID) || n.within(string(s.Plan)) ||
		n.within(wording.PlanShort(s.Plan)) || n.within(s.Status) ||
		n.within(s.RenewalType) || n.within(s.PurchaseOrderID) {
		return true
	}
	for _, r := range s.SuspensionReasons {
		if n.within(r) {
			return true
		}
	}
	return false
}

// within reports whether s contains the needle, ignoring case: an ASCII
// needle without allocating (ASCII letters fold only to ASCII letters,
// but for a few symbols such as the Kelvin sign), any other through
// strings.ToLower.
func (n needle) within(s string) bool {
	q := n.q
	if !n.ascii {
		return strings.Contains(strings.ToLower(s), q)
	}
	if q == "" {
		return true
	}
	first, other := q[0], q[0]
	if 'a' <= first && first <= 'z' {
		other = first - 'a' + 'A'
	}
	for i := 0; len(s)-i >= len(q); i++ {
		// Jump to the next place the first byte, in either case, is.
		j := strings.IndexByte(s[i:len(s)-len(q)+1], first)
		if other != first {
			if k := strings.IndexByte(s[i:len(s)-len(q)+1], other); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j < 0 {
			return false
		}
		i += j
		if equalFoldASCII(s[i+1:i+len(q)], q[1:]) {
			return true
		}
	}
	return false
}

// equalFoldASCII reports whether s, lower-cased, is q.
func equalFoldASCII(s, q string) bool {
	for i := 0; i < len(q); i++ {
		b := s[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if b != q[i] {
			return false
		}
	}
	return true
}

// Matcher returns the filter q as a func: true for the rows SetFilter(q)
// shows. An export uses it to keep the same rows from pages not loaded.
func Matcher(q string) func(client.Subscription) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return nil
	}
	n := newNeedle(q)
	return func(s client.Subscription) bool { return n.in(&s) }
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
		t.view = t.matching(64)
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

// Toggle selects the row under the cursor, or unselects it.
func (t Table) Toggle() Table {
	s, ok := t.Selected()
	if !ok {
		return t
	}
	t.picked = maps.Clone(t.picked)
	if t.picked == nil {
		t.picked = map[rowKey]bool{}
	}
	if k := keyOf(s); t.picked[k] {
		delete(t.picked, k)
	} else {
		t.picked[k] = true
	}
	return t
}

// PickShown selects every row shown (every loaded row matching the
// filter), keeping rows selected before.
func (t Table) PickShown() Table {
	t.picked = maps.Clone(t.picked)
	if t.picked == nil {
		t.picked = make(map[rowKey]bool, t.Len())
	}
	for i := range t.Len() {
		t.picked[keyOf(*t.rowRef(i))] = true
	}
	return t
}

// ClearPicked unselects every row.
func (t Table) ClearPicked() Table {
	t.picked = nil
	return t
}

// PickedCount is the number of rows selected.
func (t Table) PickedCount() int { return len(t.picked) }

// Picked returns the selected rows in table order.
func (t Table) Picked() []client.Subscription {
	out := make([]client.Subscription, 0, len(t.picked))
	for _, r := range t.rows {
		if t.picked[keyOf(*r)] {
			out = append(out, *r)
		}
	}
	return out
}

// IsPicked reports whether s is selected.
func (t Table) IsPicked(s client.Subscription) bool { return t.picked[keyOf(s)] }

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
		return int(t.view[t.cursor])
	}
	return t.cursor
}

func (t Table) row(i int) client.Subscription { return *t.rowRef(i) }

// rowRef points at row i of the rows shown, saving a copy of a large
// struct per cell drawn.
func (t Table) rowRef(i int) *client.Subscription {
	if t.filter != "" {
		return t.rows[t.view[i]]
	}
	return t.rows[i]
}

// Loaded returns a copy of every loaded row, whatever the filter shows.
func (t Table) Loaded() []client.Subscription {
	out := make([]client.Subscription, len(t.rows))
	for i, r := range t.rows {
		out[i] = *r
	}
	return out
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
	picked := len(t.picked) > 0 && t.picked[keyOf(*s)]
	switch {
	case i == t.cursor && picked:
		mark, selected = cursorPickedMark, true
	case i == t.cursor:
		mark, selected = cursorMark, true
	case picked:
		mark = pickedMark
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
