package calllog

import (
	"fmt"
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
}

// New opens the log scrolled to the newest call.
func New(c common.Common) Model {
	m := Model{c: c, vp: viewport.New(c.Width, max(1, c.Height-1))}
	m = m.reload()
	m.vp.GotoBottom()
	return m
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
// is live while open.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if common.Matches(msg, m.c.Keys.Log.Export) {
			return m, message.Send(message.OpenExport{Calls: true, Title: "the call log"})
		}
		m.vp, _ = common.Scroll(m.vp, msg, m.c.Keys.Log.NavKeys)
	case call.Result:
		follow := m.vp.AtBottom()
		m = m.reload()
		if follow {
			m.vp.GotoBottom()
		}
	}
	return m, nil
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
		b.WriteString(m.line(c))
	}
	if len(m.calls) == 0 {
		b.WriteString("No API call yet.")
	}
	m.vp.SetContent(b.String())
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
