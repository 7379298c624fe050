package audit

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// tableTimeFormat is how the table shows times, in the reader's zone.
const tableTimeFormat = "2006-01-02 15:04:05"

// column is one table column: its heading and the widest it may grow, so
// one long value cannot push the rest off the screen.
type column struct {
	title string
	max   int
}

var columns = []column{
	{"TIME", len(tableTimeFormat)},
	{"OPERATOR", 32},
	{"PROFILE", 16},
	{"METHOD", 40},
	{"CUSTOMER", 24},
	{"SUBSCRIPTION", 24},
	{"CHANGE", 48},
	{"OUTCOME", 100},
}

// keyColumn follows OPERATOR when an entry was made over `resold serve`:
// the SSH key's fingerprint says who the operator is.
var keyColumn = column{"KEY", 64}

// writeTable prints entries as an aligned table with widths taken from the
// data. Every cell is cleaned again: the file may have been edited by hand.
func writeTable(w io.Writer, entries []Entry, loc *time.Location) error {
	withKey := slices.ContainsFunc(entries, func(e Entry) bool { return e.KeyFingerprint != "" })
	columns := columns
	if withKey {
		columns = slices.Insert(slices.Clone(columns), 2, keyColumn)
	}
	rows := make([][]string, 0, len(entries)+1)
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = c.title
	}
	rows = append(rows, head)
	for _, e := range entries {
		row := cells(e, loc)
		if withKey {
			row = slices.Insert(row, 2, sanitize(e.KeyFingerprint))
		}
		rows = append(rows, row)
	}

	widths := make([]int, len(columns))
	for _, row := range rows {
		for i, cell := range row {
			row[i] = ansi.Truncate(cell, columns[i].max, "…")
			widths[i] = max(widths[i], ansi.StringWidth(row[i]))
		}
	}

	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i == len(row)-1 {
				break // no trailing blanks
			}
			b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cells renders one entry's row.
func cells(e Entry, loc *time.Location) []string {
	operator := e.Operator
	if e.SSHClient != "" {
		operator += "@" + e.SSHClient
	}
	row := []string{
		e.Time.In(loc).Format(tableTimeFormat),
		operator,
		e.Profile,
		e.Method,
		e.CustomerID,
		e.SubscriptionID,
		change(e.Before, e.After),
		outcome(e),
	}
	for i := range row {
		row[i] = sanitize(row[i])
	}
	return row
}

// change renders the changed values, e.g. "seats 50 → 60", keys in order;
// a value missing on one side shows as "—".
func change(before, after map[string]string) string {
	keys := make([]string, 0, len(before)+len(after))
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %s → %s", k, orDash(before, k), orDash(after, k))
	}
	return strings.Join(parts, ", ")
}

// orDash is m[k], or "—" when absent or empty.
func orDash(m map[string]string, k string) string {
	if v := m[k]; v != "" {
		return v
	}
	return "—"
}

// outcome renders the outcome with its HTTP code and reason when present,
// e.g. "applied 200" or "failed 400 invalid"; "unknown (interrupted)" for
// an intent with no outcome, and "(reconciled)" after one decided at a
// later start.
func outcome(e Entry) string {
	switch e.Phase {
	case PhaseIntent:
		return string(OutcomeUnknown) + " (interrupted)"
	case PhaseReconciled:
		return string(e.Outcome) + " (reconciled)"
	}
	parts := []string{string(e.Outcome)}
	if e.Code != 0 {
		parts = append(parts, fmt.Sprint(e.Code))
	}
	switch {
	case e.Outcome == OutcomeRefusedLocally && e.Message != "":
		// The rule in words, as the user saw it, not its case code.
		return string(e.Outcome) + ": " + e.Message
	case e.Reason != "":
		parts = append(parts, e.Reason)
	}
	return strings.Join(parts, " ")
}

// compactWidth is the width the default table keeps within: an 80-column
// terminal. --wide prints every column at its natural width.
const compactWidth = 80

// writeCompact prints entries in the columns that say what happened, when
// and to whom (time, customer, call, change, outcome), cut to fit width:
// the widest shrinkable column gives way first, cells end with "…".
func writeCompact(w io.Writer, entries []Entry, loc *time.Location, width int) error {
	head := []string{"TIME", "CUSTOMER", "CALL", "CHANGE", "OUTCOME"}
	rows := [][]string{head}
	for _, e := range entries {
		cust := e.CustomerDomain
		if cust == "" {
			cust = e.CustomerID
		}
		call := e.Method
		if i := strings.IndexByte(call, '.'); i >= 0 {
			call = call[i+1:]
		}
		row := []string{e.Time.In(loc).Format("01-02 15:04"), cust, call, change(e.Before, e.After), outcome(e)}
		for i := range row {
			row[i] = sanitize(row[i])
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(head))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	// The change gives way first, then the call, the customer and last
	// the outcome, each down to a floor; then all down to a few cells.
	const gap = 2
	over := func() int { return sum(widths) + gap*(len(widths)-1) - width }
	for _, step := range []struct{ col, floor int }{{3, 20}, {2, 11}, {1, 12}, {4, 24}, {3, 14}, {4, 20}, {3, 8}, {2, 8}, {1, 8}, {4, 8}} {
		if n := over(); n > 0 && widths[step.col] > step.floor {
			widths[step.col] = max(step.floor, widths[step.col]-n)
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			cell = ansi.Truncate(cell, widths[i], "…")
			b.WriteString(cell)
			if i == len(row)-1 {
				break
			}
			b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+gap))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
