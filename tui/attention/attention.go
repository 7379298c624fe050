package attention

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// Model is the attention view.
type Model struct {
	c      common.Common
	pager  common.Pager
	calls  call.Requests
	groups []client.AttentionGroup
	read   int // subscriptions read
	pages  int
	// done: every page is in; stopped: the read was cancelled or failed
	// and the groups cover only what was read.
	done, stopped bool
	failure       string
	asOf          time.Time
	frac          float64 // the progress estimate, never going back
	cursor        int
	bar           progress.Model
}

// reading is the screen's one kind of call: the read of the next page.
const reading = 0

// pageMsg answers the read of page index.
type pageMsg struct {
	call.Done
	index int
	page  client.Page
}

// New opens the view and starts reading every subscription.
func New(c common.Common) (Model, tea.Cmd) {
	bar := progress.New(progress.WithDefaultGradient(), progress.WithColorProfile(c.Styles.Renderer().ColorProfile()))
	m := Model{c: c, bar: bar}
	m = m.resize()
	return m.start()
}

// start reads the listing from its first page.
func (m Model) start() (Model, tea.Cmd) {
	if m.pager != nil {
		m.pager.Close()
	}
	m.calls[reading].Stop()
	m.pager = m.c.API.NewPager(client.Query{PageSize: client.MaxPageSize})
	m.groups = client.Attention(nil, m.c.Now(), m.c.Attention)
	m.read, m.pages, m.done, m.stopped, m.failure, m.frac = 0, 0, false, false, "", 0
	m.asOf = m.c.Now()
	return m.next()
}

func (m Model) next() (Model, tea.Cmd) {
	pager, index := m.pager, m.pages
	req, cmd := m.c.Call(fmt.Sprintf("Reading subscriptions, page %d", index+1), func(ctx context.Context, id uint64) tea.Msg {
		page, err := pager.Page(ctx, index)
		return pageMsg{Done: call.Done{ReqID: id, Err: err}, index: index, page: page}
	})
	m.calls[reading] = req
	return m, cmd
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenAttention }

// Title implements common.Screen.
func (m Model) Title() string { return "attention" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return false }

// Info implements common.Screen.
func (m Model) Info() string {
	switch {
	case m.done:
		return fmt.Sprintf("%d subscriptions · as of %s", m.read, m.asOf.Format("15:04"))
	case m.stopped:
		return fmt.Sprintf("%d read · stopped · as of %s", m.read, m.asOf.Format("15:04"))
	}
	return fmt.Sprintf("%d read · reading…", m.read)
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m.resize()
}

func (m Model) resize() Model {
	m.bar.Width = max(10, min(60, m.c.Width-30))
	return m
}

var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
	_ common.Backer   = Model{}
)

// Cancel implements common.Canceler.
func (m Model) Cancel(id uint64) { m.calls.Cancel(id) }

// Close implements common.Closer.
func (m Model) Close() {
	m.calls.Close()
	if m.pager != nil {
		m.pager.Close()
	}
}

// Back implements common.Backer: esc while reading stops the read and
// keeps the groups of what was read.
func (m Model) Back() (common.Screen, tea.Cmd, bool) {
	if m.done || m.stopped {
		return m, nil, false
	}
	m.calls[reading].Stop()
	m.pager.Close()
	m.stopped = true
	return m, nil, true
}

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case pageMsg:
		if msg.index != m.pages || !m.calls[reading].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err != nil {
			if errors.Is(msg.Err, client.ErrEndOfList) {
				m.done = true
				m.frac = 1
				return m, nil
			}
			m.stopped = true
			if !call.Canceled(msg.Err) {
				m.failure = m.c.API.Explain(msg.Err).Title
			}
			return m, nil
		}
		if msg.page.Restarted && m.pages > 0 {
			// The listing changed under the read: count again from the
			// start (the pager holds the new first pages).
			m.groups = client.Attention(nil, m.c.Now(), m.c.Attention)
			m.read, m.pages, m.frac = 0, 0, 0
			return m.next()
		}
		add := client.Attention(msg.page.Rows, m.c.Now(), m.c.Attention)
		for i := range m.groups {
			m.groups[i].Rows = append(m.groups[i].Rows, add[i].Rows...)
		}
		m.read += len(msg.page.Rows)
		m.pages++
		if n := len(msg.page.Rows); n > 0 {
			m.frac = max(m.frac, min(0.99, client.ListProgress(msg.page.Rows[n-1].CustomerDomain)))
		}
		if msg.page.NextToken == "" {
			m.done, m.frac = true, 1
			m.asOf = m.c.Now()
			return m, nil
		}
		return m.next()
	case call.FailedMsg:
		if m.calls[reading].Answered(msg.ReqID) {
			m.stopped = true
		}
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	k := m.c.Keys.Attention
	switch {
	case common.Matches(msg, k.Open):
		if m.cursor >= len(m.groups) || len(m.groups[m.cursor].Rows) == 0 {
			return m, nil
		}
		g := m.groups[m.cursor]
		return m, message.Send(message.OpenSubscriptions{Title: g.Title, Rows: g.Rows})
	case common.Matches(msg, k.Refresh):
		return m.start()
	}
	if mv, ok := common.Nav(msg, k.NavKeys, max(1, len(m.groups))); ok {
		switch {
		case mv.Top:
			m.cursor = 0
		case mv.Bottom:
			m.cursor = len(m.groups) - 1
		default:
			m.cursor += mv.Delta
		}
		m.cursor = min(max(m.cursor, 0), max(len(m.groups)-1, 0))
	}
	return m, nil
}

// View implements common.Screen.
func (m Model) View() string {
	st := m.c.Styles
	w := m.c.Width
	lines := []string{st.ScreenTitle.Render(common.Truncate("What needs a person", w))}
	var state string
	switch {
	case m.done:
		state = fmt.Sprintf("All %d subscriptions read, as of %s.", m.read, m.asOf.Format("15:04"))
	case m.stopped && m.failure != "":
		state = fmt.Sprintf("Stopped after %d subscriptions: %s. %s reads again.", m.read, m.failure, m.c.Keys.Attention.Refresh.Help().Key)
	case m.stopped:
		state = fmt.Sprintf("Stopped after %d subscriptions, as of %s: the counts cover those only. %s reads again.", m.read, m.asOf.Format("15:04"), m.c.Keys.Attention.Refresh.Help().Key)
	default:
		state = fmt.Sprintf("Reading every subscription, 100 a page: %d read. %s stops.", m.read, m.c.Keys.Global.Back.Help().Key)
	}
	lines = append(lines, m.bar.ViewAs(m.frac)+"  "+st.Muted.Render(common.Truncate(fmt.Sprintf("page %d", m.pages), 12)),
		common.Truncate(state, w), "")
	countW := 6
	// Two lines a group; the window follows the cursor.
	fit := max(1, (m.c.Height-len(lines))/2)
	from := max(0, min(m.cursor-fit+1, len(m.groups)-fit))
	from = min(from, m.cursor)
	for i := from; i < min(len(m.groups), from+fit); i++ {
		g := m.groups[i]
		n := len(g.Rows)
		count := common.FitRight(fmt.Sprint(n), countW)
		title := count + "  " + g.Title
		meaning := strings.Repeat(" ", countW+2) + g.Meaning
		if i == m.cursor {
			lines = append(lines, st.TableSelectedLine.Render(common.Fit("▶"+title[1:], w)))
		} else if n == 0 {
			lines = append(lines, st.Muted.Render(common.Truncate(title, w)))
		} else {
			lines = append(lines, common.Truncate(title, w))
		}
		lines = append(lines, st.Muted.Render(common.Truncate(meaning, w)))
	}
	return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
}
