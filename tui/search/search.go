package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/message"
	"resold/tui/wording"
)

// Debounce is how long typing must pause before a prefix search is sent, so
// a burst of keystrokes costs one call.
const Debounce = 250 * time.Millisecond

// MinPrefix is the shortest text that starts a prefix search.
const MinPrefix = 2

// match is one customer found by the prefix search, grouped from its
// subscriptions.
type match struct {
	Domain string
	ID     string
	SKUs   []string
	Count  int
}

// Model is the search screen.
type Model struct {
	c     common.Common
	input common.Input

	// seq counts edits; a debounce tick only fires the search if no edit
	// came after it.
	seq int
	// calls are the prefix search (searching) and the lookup (lookingUp).
	calls   call.Requests
	prefix  string
	matches []match
	more    bool
	// readAt is when the matches were read, when the client answered from
	// memory (zero otherwise): the footer says how old they are.
	readAt time.Time
	// cursor is -1 while the selection is on the input, else a match.
	cursor int
	offset int

	outcome *client.Lookup
	// opened is the text whose lookup opened a customer: coming back, the
	// box starts empty for the next one.
	opened string
	// invalid explains why the typed text was not sent.
	invalid string
	// note says how the last lookup read what was typed (an email's
	// domain, punycode), or that a paste was cut at the box's limit.
	note string

	// askToken is set while the transfer token prompt shows.
	askToken bool
	token    common.Input
	badToken string
}

// debounceMsg fires Debounce after an edit.
type debounceMsg struct {
	seq  int
	text string
}

// prefixMsg answers a prefix search.
type prefixMsg struct {
	call.Done
	prefix  string
	matches []match
	more    bool
	readAt  time.Time
}

// lookupMsg answers a lookup.
type lookupMsg struct {
	call.Done
	query   string
	lookup  client.Lookup
	invalid string
}

// The screen's calls, by kind.
const (
	// searching lists the customers whose domain starts with the text.
	searching = iota
	// lookingUp looks the text up as a customer ID or domain.
	lookingUp
)

// New returns the search screen with the input focused.
func New(c common.Common) Model {
	in := c.NewInput("› ", "customer ID or domain, e.g. acme-annual.example", 255)
	in.Focus()
	tok := c.NewInput("transfer token › ", "hexadecimal token from the customer's Admin console", 128)
	// The token is a secret: it never shows on screen.
	tok.EchoMode = textinput.EchoPassword
	tok.EchoCharacter = '•'
	return Model{c: c, input: in, token: tok, cursor: -1}.resize()
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenSearch }

// Title implements common.Screen.
func (m Model) Title() string { return "search" }

// Typing implements common.Screen.
func (m Model) Typing() bool { return m.input.Focused() || m.token.Focused() }

// Info implements common.Screen.
func (m Model) Info() string {
	if len(m.matches) == 0 {
		return ""
	}
	n := len(m.matches)
	s := "1 customer"
	if n != 1 {
		s = strconv.Itoa(n) + " customers"
	}
	if m.more {
		s += " · more"
	}
	if asOf := m.c.AsOfSince(m.readAt); asOf != "" {
		s += " · " + asOf
	}
	return s
}

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	return m.resize()
}

func (m Model) resize() Model {
	m.input.Width = max(10, m.c.Width-common.Width(m.input.Prompt)-1)
	m.token.Width = max(10, m.c.Width-common.Width(m.token.Prompt)-1)
	return m.clamp()
}

// Returned implements common.Returner: back on the start screen, typing
// goes to the search box again.
func (m Model) Returned() common.Screen {
	if m.token.Focused() {
		return m
	}
	if m.opened != "" && m.input.Value() == m.opened {
		// That customer is done with: the next lookup starts afresh. A
		// prefix search's list stays, to pick another from it.
		m.input.Reset()
		m.seq++
		m.matches, m.prefix, m.more, m.outcome, m.invalid = nil, "", false, nil, ""
		m.cursor, m.offset = -1, 0
	}
	m.opened = ""
	m.input.Focus()
	m.input.CursorEnd()
	return m
}

// The screen makes calls: the root stops them through these.
var (
	_ common.Canceler = Model{}
	_ common.Closer   = Model{}
)

// Cancel implements common.Canceler.
func (m Model) Cancel(id uint64) { m.calls.Cancel(id) }

// Close implements common.Closer.
func (m Model) Close() { m.calls.Close() }

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case message.Lookup:
		// From the palette: as if typed here and looked up.
		m.input.SetValue(msg.Query)
		m.input.Blur()
		m.matches, m.prefix, m.more = nil, "", false
		return m.lookup(msg.Query)
	case debounceMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		return m.searchPrefix(msg.text, false)
	case prefixMsg:
		if !m.calls[searching].Answered(msg.ReqID) {
			return m, nil
		}
		if msg.Err != nil {
			return m, nil
		}
		m.prefix, m.matches, m.more, m.readAt = msg.prefix, msg.matches, msg.more, msg.readAt
		m.cursor, m.offset = -1, 0
		return m, nil
	case lookupMsg:
		if !m.calls[lookingUp].Is(msg.ReqID) {
			return m, nil
		}
		if msg.Err != nil || msg.invalid != "" {
			m = m.stopLookup()
			m.invalid = msg.invalid
			return m, nil
		}
		return m.lookedUp(msg.lookup)
	case call.FailedMsg:
		m.calls[searching].Answered(msg.ReqID)
		if m.calls[lookingUp].Is(msg.ReqID) {
			m = m.stopLookup()
		}
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	typing := m.Typing()
	keys := m.c.KeysFor(typing)
	k := keys.Search
	back := keys.Global.Back
	switch {
	case m.token.Focused():
		switch {
		case common.Matches(msg, back):
			m.askToken, m.badToken = false, ""
			m.token.Blur()
			return m, nil
		case common.Matches(msg, k.Open):
			return m.submitToken()
		}
		var cmd tea.Cmd
		m.token, cmd = m.token.Update(msg)
		m.badToken = ""
		return m, cmd
	case m.input.Focused():
		switch {
		case common.Matches(msg, back):
			m.input.Blur()
			return m, nil
		case common.Matches(msg, k.Open):
			if m.cursor >= 0 {
				return m.openMatch()
			}
			return m.lookup(m.input.Value())
		}
		if mv, ok := common.Nav(msg, k.NavKeys, m.listRows()); ok {
			// Only the arrows: the input takes the other keys.
			return m.step(mv), nil
		}
		before := m.input.Value()
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() == before {
			return m, cmd
		}
		m2, edit := m.edited()
		if msg.Paste && len([]rune(m.input.Value())) < len([]rune(before))+len(msg.Runes) {
			m2.note = fmt.Sprintf("The paste was cut to the %d characters the box holds", m.input.CharLimit)
		}
		return m2, tea.Batch(cmd, edit)
	}
	switch {
	case common.Matches(msg, k.Search):
		m.askToken = false
		return m, m.input.Focus()
	case common.Matches(msg, k.Open):
		if m.outcome != nil && m.outcome.Kind == client.LookupManagedElsewhere {
			m.askToken, m.badToken = true, ""
			m.token.Reset()
			return m, m.token.Focus()
		}
		if m.cursor >= 0 {
			return m.openMatch()
		}
		return m, m.input.Focus()
	case common.Matches(msg, k.Subscriptions):
		return m, message.Send(message.OpenSubscriptions{Title: "All your customers' subscriptions"})
	case common.Matches(msg, k.Attention):
		return m, message.Send(message.OpenAttention{})
	case common.Matches(msg, k.New):
		// Seed 002's next step for a domain Google does not know: order
		// the customer, its domain filled in.
		domain := ""
		if m.outcome != nil && m.outcome.Kind == client.LookupAvailable {
			domain = m.outcome.Query
		}
		return m, message.Send(message.OpenEdit{Kind: message.NewCustomer, Domain: domain})
	case common.Matches(msg, k.Copy):
		switch {
		case m.cursor >= 0 && m.cursor < len(m.matches):
			return m, m.c.CopyCmd("customer ID", m.matches[m.cursor].ID)
		case m.outcome != nil && m.outcome.Customer != nil:
			return m, m.c.CopyCmd("customer ID", m.outcome.Customer.ID)
		}
	case common.Matches(msg, k.Refresh):
		if m.outcome != nil {
			return m.lookup(m.outcome.Query)
		}
		if m.prefix != "" {
			return m.searchPrefix(m.prefix, true)
		}
	}
	if mv, ok := common.Nav(msg, k.NavKeys, m.listRows()); ok {
		return m.step(mv), nil
	}
	return m, nil
}

// Applies implements common.Applier: copy and refresh need something
// looked up or listed.
func (m Model) Applies(a keymap.Action) (bool, string) {
	switch a {
	case keymap.ActionCopy:
		if !(m.cursor >= 0 && m.cursor < len(m.matches)) && (m.outcome == nil || m.outcome.Customer == nil) {
			return false, "no customer ID to copy: look one up first"
		}
	case keymap.ActionRefresh:
		if m.outcome == nil && m.prefix == "" {
			return false, "nothing looked up yet"
		}
	}
	return true, ""
}

// edited reacts to a change of the typed text: forget what answered the old
// text, cancel its search, and schedule a new one once typing pauses.
func (m Model) edited() (Model, tea.Cmd) {
	m.seq++
	// A lookup still running answers the old text: it and the listing
	// read with it go.
	m = m.stopLookup()
	m.outcome, m.invalid, m.askToken, m.note = nil, "", false, ""
	m.cursor, m.offset = -1, 0
	text := strings.TrimSpace(m.input.Value())
	if len([]rune(text)) < MinPrefix {
		m.calls[searching].Stop()
		m.matches, m.prefix, m.more = nil, "", false
		return m, nil
	}
	seq := m.seq
	return m, m.c.After(Debounce, func(time.Time) tea.Msg { return debounceMsg{seq: seq, text: text} })
}

// stopPrefix drops a prefix search still waiting or running: enter means
// the user has decided, and a search they no longer need must not spend
// quota or show its retries.
func (m Model) stopPrefix() Model {
	m.seq++
	m.calls[searching].Stop()
	return m
}

// searchPrefix lists customers whose domain starts with prefix; fresh
// (ctrl+r) asks the API again rather than take what the client kept. The
// call before it, if still running, is cancelled: only the latest text
// counts.
func (m Model) searchPrefix(prefix string, fresh bool) (Model, tea.Cmd) {
	m.calls[searching].Cancel()
	api, c := m.c.API, m.c
	req, cmd := m.c.Call("Searching "+prefix, func(ctx context.Context, id uint64) tea.Msg {
		page, err := api.FirstPage(ctx, client.Query{NamePrefix: prefix, PageSize: client.MaxPageSize}, fresh)
		if err != nil {
			return prefixMsg{Done: call.Done{ReqID: id, Err: err}, prefix: prefix}
		}
		return prefixMsg{Done: call.Done{ReqID: id}, prefix: prefix, matches: group(page.Rows), more: page.NextToken != "",
			readAt: c.ReadSince(page)}
	})
	m.calls[searching] = req
	return m, cmd
}

// group turns subscriptions into customers, in the order first seen.
func group(subs []client.Subscription) []match {
	var out []match
	at := map[string]int{}
	for _, s := range subs {
		i, ok := at[s.CustomerID]
		if !ok {
			i = len(out)
			at[s.CustomerID] = i
			out = append(out, match{Domain: s.CustomerDomain, ID: s.CustomerID})
		}
		out[i].Count++
		name := wording.SKUShort(s)
		if !slices.Contains(out[i].SKUs, name) {
			out[i].SKUs = append(out[i].SKUs, name)
		}
	}
	return out
}

// lookup sends a customers.get for the typed ID or domain, after checking
// it could be one. The customer's first page of subscriptions is read
// alongside (the lookup's answer decides whether it is wanted): the
// customer screen the lookup opens asks the client for that page and waits
// for this read instead of sending another, so opening a customer costs one
// round trip, as from a prefix search's list. Otherwise the read is dropped
// unseen.
func (m Model) lookup(text string) (Model, tea.Cmd) {
	q := strings.TrimSpace(text)
	if q == "" {
		return m, nil
	}
	m.invalid, m.note = "", ""
	m = m.stopPrefix()
	m = m.stopLookup()
	api := m.c.API
	var cmd tea.Cmd
	m.calls[lookingUp], cmd = m.c.Call("Looking up "+q, func(ctx context.Context, id uint64) tea.Msg {
		// Nothing is read for text the lookup would not send.
		drop := api.ReadAhead(client.Query{CustomerID: q})
		l, err := api.LookupCustomer(ctx, q)
		if err != nil || l.Kind != client.LookupYours || ctx.Err() != nil {
			drop()
		}
		var v *client.ValidationError
		if errors.As(err, &v) {
			// The client refused the text before any call: say so next
			// to the input; it is not an API failure.
			return lookupMsg{Done: call.Done{ReqID: id}, query: q, invalid: v.Guidance.Title}
		}
		return lookupMsg{Done: call.Done{ReqID: id, Err: err}, query: q, lookup: l}
	})
	return m, cmd
}

// stopLookup ends the lookup's request: it has answered, or the text it
// answers is gone.
func (m Model) stopLookup() Model {
	m.calls[lookingUp].Stop()
	return m
}

// lookedUp opens the customer when it is yours (its listing read ahead is
// the customer screen's to ask for), and otherwise explains the answer in
// place.
func (m Model) lookedUp(l client.Lookup) (common.Screen, tea.Cmd) {
	if l.Kind == client.LookupYours && l.Customer != nil {
		open := message.OpenCustomer{ID: l.Customer.ID, Customer: l.Customer}
		m.calls[lookingUp] = call.Request{}
		m.outcome = nil
		m.opened = m.input.Value()
		m.input.Blur()
		if l.Note != "" {
			// Said on the customer's screen: the text was not taken as
			// typed.
			return m, tea.Sequence(message.Send(open), message.Send(message.Notice{Text: l.Note}))
		}
		return m, message.Send(open)
	}
	m = m.stopLookup()
	m.outcome = &l
	m.note = l.Note
	m.askToken = false
	if l.Kind == client.LookupMultipleTeams {
		// The way forward is to type the team's customer ID; the team
		// customers on the domain are listed under the guidance, however
		// fast enter came after the typing (before the prefix search's
		// pause ended, enter stopped it).
		focus := m.input.Focus()
		if d := l.Query; m.prefix != d || m.matches == nil {
			var list tea.Cmd
			m, list = m.searchPrefix(d, false)
			return m, tea.Batch(focus, list)
		}
		return m, focus
	}
	m.input.Blur()
	return m, nil
}

func (m Model) openMatch() (common.Screen, tea.Cmd) {
	if m.cursor < 0 || m.cursor >= len(m.matches) {
		return m, nil
	}
	id := m.matches[m.cursor].ID
	m = m.stopPrefix()
	m.input.Blur()
	return m, message.Send(message.OpenCustomer{ID: id})
}

// submitToken opens the customer's transferable subscriptions.
func (m Model) submitToken() (common.Screen, tea.Cmd) {
	// The client's own check, so the prompt says what the API would.
	tok, err := client.CleanTransferToken(m.token.Value())
	if err != nil {
		m.badToken = client.Explain(err).Title
		return m, nil
	}
	if m.outcome == nil || m.outcome.Customer == nil {
		return m, nil
	}
	cust := m.outcome.Customer
	m.askToken = false
	m.token.Blur()
	m.token.Reset()
	return m, message.Send(message.OpenSubscriptions{
		Query: client.Query{CustomerID: cust.ID, CustomerAuthToken: tok},
		Title: "Transferable subscriptions of " + cust.Domain,
	})
}

// step makes a navigation key's move through the matches; above the first
// is the input.
func (m Model) step(mv common.Move) Model {
	switch {
	case mv.Top:
		m.cursor = 0
	case mv.Bottom:
		m.cursor = len(m.matches) - 1
	default:
		m.cursor += mv.Delta
	}
	return m.clamp()
}

func (m Model) clamp() Model {
	m.cursor = min(max(m.cursor, -1), len(m.matches)-1)
	rows := m.listRows()
	if m.cursor < m.offset {
		m.offset = max(m.cursor, 0)
	}
	if rows > 0 && m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	return m
}
