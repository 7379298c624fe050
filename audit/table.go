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
	{"OUTCOME", 48},
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
	if e.Reason != "" {
		parts = append(parts, e.Reason)
	}
	return strings.Join(parts, " ")
}
