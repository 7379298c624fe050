package exporter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"resold/client"
	"resold/internal/export"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
)

// stage is where the dialog is.
type stage int

const (
	loading stage = iota // reading the remaining pages
	asking               // the file name and format
	replace              // the file exists: replace it?
	writing              // the file is being written
	failed               // a page could not be read
)

// Model is the export dialog.
type Model struct {
	c     common.Common
	what  string // "subscriptions" or "calls", for the file name
	title string // what is exported, in words

	// A listing: its pager (owned ones are closed with the dialog), the
	// rows kept and the filter that keeps them.
	pager    common.Pager
	ownPager bool
	keep     func(client.Subscription) bool
	rows     []client.Subscription
	pages    int
	more     bool
	restarts int
	reqs     call.Requests

	// The call log, when that is what is exported.
	calls []client.CallRecord

	stage   stage
	bar     progress.Model
	path    common.Input
	formats []export.Format
	format  int
	note    string
	done    bool
}

// loadingPage is the dialog's one kind of call.
const loadingPage = 0

// pageMsg answers the read of page index.
type pageMsg struct {
	call.Done
	index int
	page  client.Page
}

// writtenMsg answers the writing of the file.
type writtenMsg struct {
	path string
	err  error
}

// Rows opens the dialog for a listing: pager reads it (nil: the dialog
// opens its own on q), keep is the table's filter (nil keeps every row),
// title says what it is. It starts reading at once.
func Rows(c common.Common, q client.Query, pager common.Pager, keep func(client.Subscription) bool, title string) (Model, tea.Cmd) {
	m := newModel(c, "subscriptions", lowerFirst(title), export.CSV, export.JSON, export.NDJSON)
	m.keep = keep
	if pager == nil {
		q.PageSize = client.MaxPageSize
		pager, m.ownPager = c.API.NewPager(q), true
	}
	m.pager, m.more = pager, true
	return m.loadNext()
}

// Calls opens the dialog for the session's call log, written as JSON.
func Calls(c common.Common) Model {
	m := newModel(c, "calls", "the session's API calls", export.JSON)
	if c.API != nil {
		m.calls = c.API.Calls()
	}
	return m.ask()
}

// lowerFirst puts a title ("All your customers' subscriptions") into the
// middle of a sentence.
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func newModel(c common.Common, what, title string, formats ...export.Format) Model {
	// The bar in the theme's accent, in the theme's colour profile, so
	// NO_COLOR gives a plain one.
	opts := []progress.Option{progress.WithoutPercentage(), progress.WithColorProfile(c.Styles.Renderer().ColorProfile())}
	if col, ok := c.Styles.Colors.Accent.(lipgloss.Color); ok {
		opts = append(opts, progress.WithSolidFill(string(col)))
	}
	bar := progress.New(opts...)
	m := Model{c: c, what: what, title: title, formats: formats, bar: bar,
		path: c.NewInput("file › ", "where to write it", 4096)}
	return m.resize()
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenExport }

// Title implements common.Screen.
func (m Model) Title() string { return "export" }

// Typing implements common.Screen: the file name has focus once asked.
func (m Model) Typing() bool { return m.stage == asking || m.stage == replace }

// Info implements common.Screen.
func (m Model) Info() string {
	switch m.stage {
	case loading:
		return fmt.Sprintf("%d rows · %d pages read", len(m.rows), m.pages)
	case writing:
		return "writing…"
	}
	return fmt.Sprintf("%d %s", m.count(), m.unit())
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m.resize()
}

func (m Model) resize() Model {
	inner := m.inner()
	m.bar.Width = max(10, inner)
	m.path.Width = max(10, inner-common.Width(m.path.Prompt)-1)
	return m
}

// inner is the dialog's text width.
func (m Model) inner() int { return max(20, min(72, m.c.Width-8)) }

// Finished implements common.Finisher: the file is written, or the user
// went back.
func (m Model) Finished() bool { return m.done }

// Cancel implements common.Canceler.
func (m Model) Cancel(id uint64) { m.reqs.Cancel(id) }

// Close implements common.Closer: the reading stops.
func (m Model) Close() {
	m.reqs.Close()
	if m.ownPager {
		m.pager.Close()
	}
}

var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
	_ common.Finisher = Model{}
)

// loadNext reads the next page.
func (m Model) loadNext() (Model, tea.Cmd) {
	pager, index := m.pager, m.pages
	req, cmd := m.c.Call(fmt.Sprintf("Exporting: reading page %d", index+1), func(ctx context.Context, id uint64) tea.Msg {
		page, err := pager.Page(ctx, index)
		return pageMsg{Done: call.Done{ReqID: id, Err: err}, index: index, page: page}
	})
	m.reqs[loadingPage] = req
	return m, cmd
}

// maxRestarts bounds how often a listing that keeps changing is read again.
const maxRestarts = 3

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case pageMsg:
		if msg.index != m.pages || !m.reqs[loadingPage].Answered(msg.ReqID) {
			return m, nil
		}
		return m.page(msg)
	case call.FailedMsg:
		m.reqs.Forget(msg.ReqID)
	case writtenMsg:
		return m.written(msg)
	}
	return m, nil
}

func (m Model) page(msg pageMsg) (common.Screen, tea.Cmd) {
	switch {
	case errors.Is(msg.Err, client.ErrEndOfList):
		m.more = false
		return m.ask(), nil
	case msg.Err != nil:
		// The status pane explains the failure; the dialog says what it
		// means for the export.
		m.stage = failed
		m.note = "Nothing was written: page " + fmt.Sprint(m.pages+1) + " could not be read."
		if call.Canceled(msg.Err) {
			m.note = "Nothing was written: the export was cancelled."
		}
		return m, nil
	case msg.page.Restarted && m.pages > 0:
		// The listing changed while it was read: read it again, so no
		// row is missing or written twice.
		m.restarts++
		if m.restarts > maxRestarts {
			m.stage, m.note = failed, "Nothing was written: "+export.ErrKeepsChanging.Error()+"."
			return m, nil
		}
		m.rows, m.pages = nil, 0
		return m.loadNext()
	}
	for _, s := range msg.page.Rows {
		if m.keep == nil || m.keep(s) {
			m.rows = append(m.rows, s)
		}
	}
	m.pages++
	m.more = msg.page.NextToken != ""
	if !m.more {
		return m.ask(), nil
	}
	return m.loadNext()
}

// ask moves to the file name, with the default one filled in.
func (m Model) ask() Model {
	m.stage = asking
	m.path.SetValue("./" + export.DefaultName(m.what, m.c.Now(), m.formats[m.format]))
	m.path.CursorEnd()
	m.path.Focus()
	return m
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	keys := m.c.Keys.Export
	back := common.Matches(msg, m.c.TypingKeys.Global.Back)
	switch m.stage {
	case asking:
		switch {
		case back:
			m.done = true
			return m, message.Send(message.Notice{Text: "Export cancelled; nothing was written."})
		case common.Matches(msg, keys.Format):
			return m.nextFormat(), nil
		case common.Matches(msg, keys.Save):
			return m.save(false)
		}
		var cmd tea.Cmd
		m.path, cmd = m.path.Update(msg)
		m.note = ""
		return m, cmd
	case replace:
		switch {
		case common.Matches(msg, keys.Replace):
			return m.save(true)
		case back, common.Matches(msg, keys.Save):
			// Back to the name, to choose another.
			m.stage, m.note = asking, ""
			return m, nil
		}
		return m, nil
	case failed:
		if back {
			m.done = true
		}
	}
	return m, nil
}

// nextFormat picks the next format and changes the name's extension when
// it is the previous format's.
func (m Model) nextFormat() Model {
	if len(m.formats) < 2 {
		return m
	}
	old := m.formats[m.format]
	m.format = (m.format + 1) % len(m.formats)
	if v := m.path.Value(); strings.HasSuffix(v, old.Ext()) {
		m.path.SetValue(strings.TrimSuffix(v, old.Ext()) + m.formats[m.format].Ext())
		m.path.CursorEnd()
	}
	return m
}

// save writes the file off the UI loop.
func (m Model) save(overwrite bool) (common.Screen, tea.Cmd) {
	path := strings.TrimSpace(m.path.Value())
	if path == "" {
		m.note = "Type a file name."
		return m, nil
	}
	if strings.HasPrefix(path, "~/") {
		m.note = "Type the folder in full: ~ is not expanded here."
		return m, nil
	}
	m.stage = writing
	fill := m.fill()
	return m, func() tea.Msg {
		return writtenMsg{path: path, err: export.WriteFile(path, overwrite, fill)}
	}
}

// fill is what the file holds, as a func that needs nothing of the model.
func (m Model) fill() func(io.Writer) error {
	if m.what == "calls" {
		l := export.CallLog{Exported: m.c.Now(), Tool: "resold", Profile: m.c.Profile, Endpoint: string(m.c.Endpoint), Calls: export.Calls(m.calls)}
		return func(w io.Writer) error { return export.WriteCallLog(w, l) }
	}
	rows, f := slices.Clip(m.rows), m.formats[m.format]
	return func(w io.Writer) error { return export.Subscriptions(w, f, rows) }
}

func (m Model) written(msg writtenMsg) (common.Screen, tea.Cmd) {
	switch {
	case errors.Is(msg.err, export.ErrExists):
		m.stage = replace
		m.note = msg.path + " exists."
		return m, nil
	case msg.err != nil:
		m.stage = asking
		m.note = "Not written: " + msg.err.Error()
		return m, nil
	}
	m.done = true
	where := msg.path
	if abs, err := filepath.Abs(msg.path); err == nil {
		where = abs
	}
	text := fmt.Sprintf("Exported %d %s to %s (only you can read it)", m.count(), m.unit(), where)
	return m, message.Send(message.Notice{Text: text})
}

func (m Model) count() int {
	if m.what == "calls" {
		return len(m.calls)
	}
	return len(m.rows)
}

func (m Model) unit() string {
	n := m.count()
	switch {
	case m.what == "calls" && n == 1:
		return "call"
	case m.what == "calls":
		return "calls"
	case n == 1:
		return "row"
	}
	return "rows"
}

// View implements common.Screen: the dialog in the middle of the body.
func (m Model) View() string {
	st := m.c.Styles
	inner := m.inner()
	var lines []string
	add := func(s string) {
		for _, l := range strings.Split(ansi.Wrap(s, inner, ""), "\n") {
			lines = append(lines, common.Fit(l, inner))
		}
	}
	add(st.DialogTitle.Render("Export " + m.title))
	keys := m.c.Keys.Export
	back := m.c.Keys.Global.Back.Help().Key
	switch m.stage {
	case loading:
		add(fmt.Sprintf("Reading every page: %d rows kept · %d pages read · more to read", len(m.rows), m.pages))
		// The API gives no total, so the bar fills toward the end as
		// pages come.
		lines = append(lines, m.bar.ViewAs(float64(m.pages)/float64(m.pages+1)))
		add(st.Muted.Render(back + " stops the export"))
	case asking, replace, writing:
		if m.what == "calls" {
			add(fmt.Sprintf("%d calls of this session: time, method, IDs and query, status, reason, message, latency, attempt and request ID; no token.", len(m.calls)))
		} else {
			add(fmt.Sprintf("%d rows (every page read, the filter applied).", len(m.rows)))
		}
		add("")
		lines = append(lines, common.Fit(m.path.View(), inner))
		var fs []string
		for i, f := range m.formats {
			// Brackets mark the choice without colour too.
			name := strings.ToUpper(string(f))
			if i == m.format {
				fs = append(fs, st.ButtonFocused.Render("["+name+"]"))
			} else {
				fs = append(fs, st.Button.Render(" "+name+" "))
			}
		}
		add("format › " + strings.Join(fs, " "))
		add("")
		switch m.stage {
		case replace:
			add(st.Warning.Render(m.note + " " + keys.Replace.Help().Key + " replaces it · " + back + " chooses another name"))
		case writing:
			add(st.Muted.Render("Writing…"))
		default:
			if m.note != "" {
				add(st.Warning.Render(m.note))
			}
			help := keys.Save.Help().Key + " writes it (mode 0600) · " + back + " cancels"
			if len(m.formats) > 1 {
				help = keys.Format.Help().Key + " format · " + help
			}
			add(st.Muted.Render(help))
		}
	case failed:
		add(st.Warning.Render(m.note))
		add(st.Muted.Render(back + " goes back"))
	}
	box := st.DialogBox.Render(strings.Join(lines, "\n"))
	w, h := m.c.Width, m.c.Height
	return common.FitBlock(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box), w, h)
}
