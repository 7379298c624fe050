package calllog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// Model is the call log screen.
type Model struct {
	c     common.Common
	calls []client.CallRecord
	vp    viewport.Model
	// cursor is the selected call; enter shows it in full.
	cursor int
}

// New opens the log on the newest call.
func New(c common.Common) Model {
	m := Model{c: c, vp: viewport.New(c.Width, max(1, c.Height-1))}
	m = m.reload()
	m.cursor = len(m.calls) - 1
	return m.render()
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenLog }

// Title implements common.Screen.
func (m Model) Title() string { return "call log" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string { return fmt.Sprintf("%d calls", len(m.calls)) }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.vp.Width, m.vp.Height = w, max(1, h-1)
	return m.render()
}

// Update implements common.Screen. Any call ending reloads the log, so it
// is live while open; the selection follows the newest call when it was
// on the last one.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if common.Matches(msg, m.c.Keys.Log.Export) {
			return m, message.Send(message.OpenExport{Calls: true, Title: "the call log"})
		}
		if common.Matches(msg, m.c.Keys.Log.Open) && m.cursor >= 0 && m.cursor < len(m.calls) {
			c := m.calls[m.cursor]
			return m, message.Send(message.OpenText{Title: "call", Sections: Details(c)})
		}
		if mv, ok := common.Nav(msg, m.c.Keys.Log.NavKeys, m.vp.Height); ok {
			switch {
			case mv.Top:
				m.cursor = 0
			case mv.Bottom:
				m.cursor = len(m.calls) - 1
			default:
				m.cursor = max(0, min(len(m.calls)-1, m.cursor+mv.Delta))
			}
			return m.render(), nil
		}
	case call.Result:
		follow := m.cursor >= len(m.calls)-1
		m = m.reload()
		if follow {
			m.cursor = len(m.calls) - 1
		}
		return m.render(), nil
	}
	return m, nil
}

// Details is one call in full: what was sent, what came back, how long it
// took and which attempt it was.
func Details(c client.CallRecord) []message.Section {
	status := "no answer"
	if c.Status != 0 {
		status = fmt.Sprintf("HTTP %d", c.Status)
	}
	ids := c.CustomerID
	if c.SubscriptionID != "" {
		ids += " · subscription " + c.SubscriptionID
	}
	return []message.Section{
		{Label: "Method", Text: c.Method},
		{Label: "Customer", Text: ids},
		{Label: "Query parameters", Text: query(c.Query)},
		{Label: "Status", Text: status},
		{Label: "Reason", Text: c.Reason},
		{Label: "Message", Text: c.Err},
		{Label: "Time", Text: c.Time.Format("2006-01-02 15:04:05.000")},
		{Label: "Latency", Text: latency(c.Latency)},
		{Label: "Attempt", Text: fmt.Sprintf("%d", c.Attempt)},
		{Label: "Request ID", Text: c.RequestID},
	}
}

// query writes a call's query parameters one per line, sorted.
func query(q map[string]string) string {
	keys := slices.Sorted(maps.Keys(q))
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + "=" + q[k]
	}
	return strings.Join(lines, "\n")
}

func (m Model) reload() Model {
	if m.c.API != nil {
		m.calls = m.c.API.Calls()
	}
	return m.render()
}

// Column widths of the log.
const (
	timeW    = 12
	methodW  = 30
	statusW  = 4
	latencyW = 7
	attemptW = 3
)

func (m Model) render() Model {
	var b strings.Builder
	for i, c := range m.calls {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := m.line(c)
		if i == m.cursor {
			line = m.c.Styles.TableSelectedLine.Render(line)
		}
		b.WriteString(line)
	}
	if len(m.calls) == 0 {
		b.WriteString("No API call yet.")
	}
	m.vp.SetContent(b.String())
	// Keep the selected call in sight.
	switch {
	case m.cursor < m.vp.YOffset:
		m.vp.SetYOffset(m.cursor)
	case m.cursor >= m.vp.YOffset+m.vp.Height:
		m.vp.SetYOffset(m.cursor - m.vp.Height + 1)
	}
	return m
}

func (m Model) line(c client.CallRecord) string {
	status := "—"
	if c.Status != 0 {
		status = fmt.Sprint(c.Status)
	}
	ids := c.CustomerID
	if c.SubscriptionID != "" {
		ids += "/" + c.SubscriptionID
	}
	mark := m.c.Styles.Success.Symbol
	if c.Err != "" {
		mark = m.c.Styles.Error.Symbol
	}
	line := strings.Join([]string{
		common.Fit(c.Time.Format("15:04:05.000"), timeW),
		mark,
		common.Fit(c.Method, methodW),
		common.FitRight(status, statusW),
		common.FitRight(latency(c.Latency), latencyW),
		common.FitRight(fmt.Sprintf("#%d", c.Attempt), attemptW),
		ids,
		c.Err,
	}, " ")
	return common.Fit(strings.TrimRight(line, " "), m.c.Width)
}

func latency(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return fmt.Sprintf("%dms", d.Milliseconds())
}

// View implements common.Screen.
func (m Model) View() string {
	header := common.Fit(strings.Join([]string{
		common.Fit("time", timeW), " ", common.Fit("method", methodW), common.FitRight("code", statusW),
		common.FitRight("latency", latencyW), common.FitRight("try", attemptW), "customer/subscription · error",
	}, " "), m.c.Width)
	return common.FitBlock(m.c.Styles.TableHeaderLine.Render(header)+"\n"+m.vp.View(), m.c.Width, m.c.Height)
}
