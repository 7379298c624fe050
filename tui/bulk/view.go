package bulk

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/internal/export"
	"resold/internal/safetext"
	"resold/tui/call"
	"resold/tui/common"
)

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.c.KeysFor(m.Typing()).Bulk
	if m.Typing() && common.Matches(msg, m.c.TypingKeys.Global.Back) {
		// A focused input gets esc first: it steps back like anywhere.
		if s, cmd, ok := m.Back(); ok {
			return s, cmd
		}
		m.closed = true
		return m, nil
	}
	switch m.phase {
	case offering:
		if common.Matches(msg, k.Submit) && m.problem == "" {
			m.phase = loading
			return m.load(0)
		}
	case asking:
		return m.ask(msg)
	case planning:
		if common.Matches(msg, k.Submit) {
			if m.counts().toSend == 0 {
				m.problem = "Every row is skipped: nothing to send."
				return m, nil
			}
			m.phase, m.problem = confirming, ""
			m.input = m.c.NewInput("rows › ", "type the number of rows to change", 6)
			return m, m.input.Focus()
		}
	case confirming:
		if common.Matches(msg, k.Submit) {
			want := m.counts().toSend
			if strings.TrimSpace(m.input.Value()) != strconv.Itoa(want) {
				m.problem = fmt.Sprintf("Type %d, the number of rows to change, then enter; esc goes back to the plan.", want)
				return m, nil
			}
			return m.start()
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.problem = ""
		return m, cmd
	case running, recording:
		if common.Matches(msg, k.Stop) {
			s, cmd, _ := m.stop()
			return s, cmd
		}
	case finished:
		if common.Matches(msg, k.Export) {
			if m.c.Remote {
				// The file would land in the server's working folder,
				// where the user cannot read it (as for every export).
				m.exportNote = "Exports write files on the machine resold runs on, not yours: resold audit there lists the rows of bulk " + m.bulkID + "."
				return m, nil
			}
			return m, m.export()
		}
	}
	if mv, ok := common.Nav(msg, k.NavKeys, max(1, m.listHeight())); ok {
		switch {
		case mv.Top:
			m.cursor = 0
		case mv.Bottom:
			m.cursor = len(m.rows) - 1
		default:
			m.cursor += mv.Delta
		}
		m.cursor = min(max(m.cursor, 0), max(len(m.rows)-1, 0))
	}
	return m, nil
}

// ask takes the value of a seat or renewal change.
func (m Model) ask(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.c.KeysFor(m.Typing()).Bulk
	if m.change.Kind == client.BulkRenewal {
		switch {
		case common.Matches(msg, k.NextOption), common.Matches(msg, k.Down):
			m.renewal = (m.renewal + 1) % len(renewalTypes)
		case common.Matches(msg, k.PrevOption), common.Matches(msg, k.Up):
			m.renewal = (m.renewal + len(renewalTypes) - 1) % len(renewalTypes)
		case common.Matches(msg, k.Submit):
			m.change.RenewalType = renewalTypes[m.renewal]
			return m.plan(), nil
		}
		return m, nil
	}
	if common.Matches(msg, k.Submit) {
		n, add, err := client.ParseSeatsChange(m.input.Value())
		if err != nil {
			m.problem = err.Error()
			return m, nil
		}
		m.change.Seats, m.change.Add = n, add
		m.input = common.Input{}
		return m.plan(), nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.problem = ""
	return m, cmd
}

// header is the lines above the rows, for the phase.
func (m Model) header() []string {
	st := m.c.Styles
	w := m.c.Width
	k := m.c.Keys.Bulk
	n := m.counts()
	title := func(s string) string { return st.ScreenTitle.Render(common.Truncate(s, w)) }
	// Sentences wrap: every word of them must be readable at 80 columns.
	say := func(s string) []string { return common.Wrap(s, w) }
	var lines []string
	switch m.phase {
	case offering:
		b := m.resume
		lines = append(lines, title("Resume a bulk change?"))
		lines = append(lines, say(fmt.Sprintf("An earlier session's bulk change (%s, started %s) stopped with %d of %d rows not sent.",
			m.change.Words(), b.Started.Local().Format("2006-01-02 15:04"), len(b.Remaining), b.Planned))...)
		lines = append(lines, say(fmt.Sprintf("%s reads those rows again and shows the plan (nothing is sent before you confirm) · %s leaves them", k.Submit.Help().Key, m.c.Keys.Global.Back.Help().Key))...)
	case loading:
		lines = append(lines, title("Resume a bulk change: reading the rows again"),
			common.Truncate(fmt.Sprintf("%d rows · %s stops", len(m.rows), m.c.Keys.Global.Back.Help().Key), w))
	case asking:
		if m.change.Kind == client.BulkRenewal {
			lines = append(lines, title(fmt.Sprintf("Bulk change of %d rows: renewal settings", len(m.rows))),
				"renewal › "+st.FormInput.Render("← "+renewalTypes[m.renewal]+" →"),
			)
			for _, l := range say("Annual plans only: the others are skipped. " + k.Submit.Help().Key + " shows the plan; nothing is sent yet.") {
				lines = append(lines, st.Muted.Render(l))
			}
		} else {
			lines = append(lines, title(fmt.Sprintf("Bulk change of %d rows: seats", len(m.rows))), m.input.View())
			for _, l := range say("Flexible and trial plans: the cap; annual plans: the seats bought. " + k.Submit.Help().Key + " shows the plan.") {
				lines = append(lines, st.Muted.Render(l))
			}
		}
	case planning, confirming:
		lines = append(lines, title(fmt.Sprintf("Bulk %s: %d to change, %d skipped", m.change.Words(), n.toSend, n.skipped)))
		if m.phase == confirming {
			lines = append(lines, m.input.View())
		} else {
			lines = append(lines, say(fmt.Sprintf("Nothing is sent yet. %s to confirm by typing %d · %s goes back", k.Submit.Help().Key, n.toSend, m.c.Keys.Global.Back.Help().Key))...)
		}
	case recording, running:
		lines = append(lines, title(fmt.Sprintf("Bulk %s: sending %d rows", m.change.Words(), n.toSend)), m.progressLine(n), m.runLine(n))
	case finished:
		head := fmt.Sprintf("Bulk %s done: %d applied, %d failed, %d skipped", m.change.Words(), n.applied, n.failed, n.skipped)
		if n.notSent > 0 {
			head = fmt.Sprintf("Bulk %s stopped: %d applied, %d failed, %d skipped, %d not sent", m.change.Words(), n.applied, n.failed, n.skipped, n.notSent)
		}
		lines = append(lines, title(head), m.progressLine(n))
		note := m.exportNote
		if note == "" {
			note = k.Export.Help().Key + " exports this summary as CSV"
			if n.notSent > 0 {
				note += " · the next start offers to resume the rows not sent"
			}
		}
		lines = append(lines, say(note)...)
	}
	if m.auditErr != nil {
		for _, l := range say("Audit log: " + m.auditErr.Error()) {
			lines = append(lines, st.FormError.Render(l))
		}
	}
	if m.problem != "" {
		for _, l := range say(m.problem) {
			lines = append(lines, st.FormError.Render(l))
		}
	}
	return append(lines, "")
}

// progressLine is the bar and the counts.
func (m Model) progressLine(n counts) string {
	frac := 0.0
	if n.toSend > 0 {
		frac = float64(n.done) / float64(n.toSend)
	}
	bar := progress.New(progress.WithDefaultGradient(), progress.WithColorProfile(m.c.Styles.Renderer().ColorProfile()),
		progress.WithWidth(max(10, min(40, m.c.Width-50))))
	return common.Truncate(bar.ViewAs(frac)+fmt.Sprintf("  %d/%d · %d applied · %d failed · %d skipped", n.done, n.toSend, n.applied, n.failed, n.skipped), m.c.Width)
}

// runLine is the row being sent, the time left and any retry countdown.
func (m Model) runLine(n counts) string {
	if m.phase == recording {
		return "Recording the rows in the audit log before the first is sent…"
	}
	now := m.c.Now()
	parts := []string{}
	for i, r := range m.rows {
		if r.state != sending {
			continue
		}
		parts = append(parts, fmt.Sprintf("row %d: %s", i+1, r.Sub.CustomerDomain))
		if e := r.retry; e != nil {
			parts = append(parts, fmt.Sprintf("%s · retry %d/%d in %s", e.Cause, e.Attempt+1, e.MaxAttempts, seconds(e.Until.Sub(now))))
		}
	}
	if now.Before(m.pausedUntil) {
		parts = append(parts, "throttled: next row in "+seconds(m.pausedUntil.Sub(now)))
	}
	if n.done > 0 && !m.stopping {
		per := now.Sub(m.started) / time.Duration(n.done)
		parts = append(parts, "about "+seconds(per*time.Duration(n.toSend-n.done))+" left")
	}
	if m.stopping {
		parts = append(parts, "stopping after the rows on their way")
	} else {
		parts = append(parts, m.c.Keys.Bulk.Stop.Help().Key+" stops before the next row")
	}
	return common.Truncate(strings.Join(parts, " · "), m.c.Width)
}

func seconds(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return fmt.Sprintf("%d min %d s", d/time.Minute, (d%time.Minute)/time.Second)
}

// listHeight is how many rows fit under the header.
func (m Model) listHeight() int { return max(1, m.c.Height-len(m.header())-1) }

// View implements common.Screen.
func (m Model) View() string {
	w := m.c.Width
	lines := m.header()
	if m.phase == asking {
		return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
	}
	h := m.listHeight()
	cw, sw := m.widths()
	lines = append(lines, m.c.Styles.TableHeaderLine.Render(common.Fit("  "+common.Fit("Customer", cw)+" "+common.Fit("SKU", sw)+" Change", w)))
	from := max(0, min(m.cursor-h+1, len(m.rows)-h))
	from = min(from, m.cursor)
	for i := max(from, 0); i < min(len(m.rows), from+h); i++ {
		line := m.rowLine(m.rows[i])
		if i == m.cursor {
			lines = append(lines, m.c.Styles.TableSelectedLine.Render(common.Fit("▶ "+line, w)))
		} else {
			lines = append(lines, common.Truncate("  "+line, w))
		}
	}
	return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
}

// widths are the customer and SKU columns': narrow terminals keep room
// for the change itself.
func (m Model) widths() (customer, sku int) {
	if m.c.Width < 110 {
		return 20, 12
	}
	return 24, 22
}

// rowLine is one row: who, what, and what became of it.
func (m Model) rowLine(r row) string {
	cw, sw := m.widths()
	who := common.Fit(safetext.Clean(r.Sub.CustomerDomain), cw) + " " + common.Fit(safetext.Clean(r.Sub.SKUName.String()), sw) + " "
	change := orDash(r.Before) + " → " + orDash(r.After)
	if (m.phase == offering || m.phase == loading) && r.Before == "" && r.After == "" {
		// Only its IDs are known until enter reads the row again.
		change = "not sent; read again before planning"
	}
	switch r.state {
	case skipped:
		return who + "– skipped: " + skipWhy(r)
	case sending:
		return who + change + " · sending…"
	case applied:
		s := who + orDash(r.Before) + " → " + orDash(r.after) + " · ✓ applied"
		if r.already {
			s += " (answer lost; found applied, sent once)"
		}
		return s
	case failed:
		g := client.Explain(r.err)
		return who + change + " · ✗ failed: " + g.Title + guidanceTail(g)
	case notSent:
		return who + change + " · not sent (stopped)"
	}
	return who + change
}

func skipWhy(r row) string {
	if r.readErr != nil {
		return "could not be read again: " + client.Explain(r.readErr).Title
	}
	return client.SkipReason(r.Skip)
}

func guidanceTail(g client.Guidance) string {
	if g.Action == "" {
		return ""
	}
	return " — " + g.Action
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// export writes the summary as CSV: one line per row with what became of
// it, the failure's guidance included. Every value is cleaned of control
// characters and kept from reading as a spreadsheet formula; the file is
// the user's alone (0600) and never replaces another.
func (m Model) export() tea.Cmd {
	records := [][]string{{"bulk_id", "change", "customer_id", "customer_domain", "subscription_id", "sku", "before", "after", "result", "reason", "what_to_do"}}
	for _, r := range m.rows {
		result, reason, todo := "", "", ""
		after := r.After
		switch r.state {
		case skipped:
			result, reason = "skipped", skipWhy(r)
		case applied:
			result, after = "applied", r.after
			if r.already {
				result = "already_applied"
			}
		case failed:
			g := client.Explain(r.err)
			result, reason, todo = "failed", g.Title, g.Action
		case notSent:
			result = "not_sent"
		default:
			result = "pending"
		}
		records = append(records, []string{m.bulkID, m.change.String(), r.Sub.CustomerID, r.Sub.CustomerDomain, r.Sub.ID,
			r.Sub.SKUID, r.Before, after, result, reason, todo})
	}
	for _, rec := range records {
		for i, v := range rec {
			rec[i] = cell(v)
		}
	}
	name := "resold-bulk-" + m.bulkID + ".csv"
	return call.Safe(func() tea.Msg {
		path, err := writeCSV(name, records)
		return exportedMsg{path: path, err: err}
	})
}

// cell makes v safe for a CSV cell, as every export does: no control
// characters, and no leading character a spreadsheet reads as a formula.
func cell(v string) string { return export.Cell(v) }

// writeCSV writes records to a new file called name in the working
// directory, readable by its owner only, never replacing a file.
func writeCSV(name string, records [][]string) (string, error) {
	path, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	err = export.WriteFile(path, false, func(w io.Writer) error {
		return csv.NewWriter(w).WriteAll(records)
	})
	if err != nil {
		return "", err
	}
	return path, nil
}
