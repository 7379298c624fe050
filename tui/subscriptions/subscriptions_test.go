package subscriptions

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func rows(n int) []client.Subscription {
	out := make([]client.Subscription, n)
	for i := range out {
		out[i] = client.Subscription{CustomerID: fmt.Sprintf("C%05d", i), CustomerDomain: fmt.Sprintf("c%05d.example", i),
			ID: fmt.Sprint(i), SKUName: client.NameOf("Business Standard"), Plan: client.PlanFlexible, MaximumSeats: 5, Status: "ACTIVE"}
	}
	return out
}

func open(t *testing.T, a *fake.API, q client.Query) common.Screen {
	t.Helper()
	m, cmd := New(tuitest.Common(a, 80, 20), q, "All")
	s, _ := tuitest.Drive(t, m, cmd)
	return s
}

func TestFirstPageThenPrefetchAhead(t *testing.T) {
	a := &fake.API{Subscriptions: rows(1000)}
	s := open(t, a, client.Query{})
	m := s.(Model)
	// The cursor is on row 0: Ahead rows must be loaded below it.
	if m.table.Total() != 300 || m.pages != 3 {
		t.Fatalf("loaded %d rows in %d pages, want 300 in 3", m.table.Total(), m.pages)
	}
	if got := m.Info(); got != "300 loaded · more" {
		t.Errorf("Info = %q", got)
	}
	// Moving down keeps the window ahead filled.
	s, _ = tuitest.Press(t, s, tuitest.Key("pgdown"), tuitest.Key("pgdown"))
	m = s.(Model)
	if ahead := m.table.Total() - 1 - m.table.LoadedIndex(); ahead < Ahead {
		t.Errorf("only %d rows loaded below the cursor, want at least %d", ahead, Ahead)
	}
	for _, q := range a.Asked() {
		if q.PageSize != client.MaxPageSize {
			t.Errorf("page size %d, want %d", q.PageSize, client.MaxPageSize)
		}
	}
}

func TestBottomLoadsEverythingEventually(t *testing.T) {
	a := &fake.API{Subscriptions: rows(450)}
	s := open(t, a, client.Query{})
	for range 10 {
		s, _ = tuitest.Press(t, s, tuitest.Key("G"))
	}
	m := s.(Model)
	if m.table.Total() != 450 || !m.done {
		t.Fatalf("loaded %d rows, done = %v; want all 450", m.table.Total(), m.done)
	}
	if got := m.Info(); got != "450 loaded · all" {
		t.Errorf("Info = %q", got)
	}
	if sel, _ := m.table.Selected(); sel.ID != "449" {
		t.Errorf("selected %s, want the last row", sel.ID)
	}
}

func TestFilterSaysWhatItCovers(t *testing.T) {
	a := &fake.API{Subscriptions: rows(1000)}
	s := open(t, a, client.Query{})
	keys := append([]tea.KeyMsg{tuitest.Key("/")}, tuitest.Type("c0012")...)
	s, _ = tuitest.Press(t, s, keys...)
	m := s.(Model)
	if m.table.Len() != 10 {
		t.Fatalf("filter shows %d rows, want 10 (c00120-c00129)", m.table.Len())
	}
	if got := m.Info(); got != "10 of 300 loaded match · more not loaded" {
		t.Errorf("Info = %q", got)
	}
	if !strings.Contains(s.View(), "filter › c0012") {
		t.Errorf("the view does not show the filter:\n%s", s.View())
	}
	// enter keeps the filter and leaves the input; the keys work again.
	s, _ = tuitest.Press(t, s, tuitest.Key("enter"))
	if s.Typing() || s.(Model).table.Filter() != "c0012" {
		t.Fatal("enter did not keep the filter")
	}
	// At the last filtered row, down asks for the next page.
	before := len(a.Asked())
	s, _ = tuitest.Press(t, s, tuitest.Key("G"), tuitest.Key("j"))
	if len(a.Asked()) != before+1 || s.(Model).table.Total() != 400 {
		t.Errorf("down at the end of a filtered view loaded %d pages; %d rows", len(a.Asked())-before, s.(Model).table.Total())
	}
	// esc in the filter clears it.
	s, _ = tuitest.Press(t, s, tuitest.Key("/"), tuitest.Key("esc"))
	if s.(Model).table.Filter() != "" || s.Typing() {
		t.Error("esc did not clear the filter")
	}
}

func TestStaleAndOutOfOrderPagesAreDropped(t *testing.T) {
	a := &fake.API{Subscriptions: rows(150)}
	s := open(t, a, client.Query{})
	m := s.(Model)
	total := m.table.Total()
	s, _ = m.Update(pageMsg{Done: call.Done{ReqID: 424242}, index: m.pages, page: client.Page{Rows: rows(5)}})
	if s.(Model).table.Total() != total {
		t.Error("an answer to no pending request was appended")
	}
}

func TestOpenAndRefresh(t *testing.T) {
	a := &fake.API{Subscriptions: rows(5)}
	s := open(t, a, client.Query{CustomerID: "C00003"})
	m := s.(Model)
	if m.table.Total() != 1 {
		t.Fatalf("customer listing has %d rows, want 1", m.table.Total())
	}
	_, msgs := tuitest.Press(t, s, tuitest.Key("enter"))
	var opened []message.OpenSubscription
	for _, msg := range msgs {
		if o, ok := msg.(message.OpenSubscription); ok {
			opened = append(opened, o)
		}
	}
	if len(opened) != 1 || opened[0].Subscription.ID != "3" {
		t.Errorf("opened %+v, want subscription 3", opened)
	}
	before := len(a.Asked())
	s, _ = tuitest.Press(t, s, tuitest.Key("ctrl+r"))
	if len(a.Asked()) != before+1 || s.(Model).table.Total() != 1 {
		t.Errorf("refresh made %d calls and left %d rows", len(a.Asked())-before, s.(Model).table.Total())
	}
}

func TestColumnsFollowTheQuery(t *testing.T) {
	tests := []struct {
		name     string
		q        client.Query
		has, not string
	}{
		{"all subscriptions show the customer", client.Query{}, "Customer", "Transfer"},
		{"one customer's hide it", client.Query{CustomerID: "C00001"}, "SKU", "Customer"},
		{"transferable ones show the transfer terms", client.Query{CustomerID: "C00001", CustomerAuthToken: "ab12"}, "Transfer", "Customer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, &fake.API{Subscriptions: rows(3)}, tt.q)
			header := strings.Split(s.View(), "\n")[1]
			if !strings.Contains(header, tt.has) || strings.Contains(header, tt.not) {
				t.Errorf("header %q: want %q, not %q", header, tt.has, tt.not)
			}
			tuitest.CheckLayout(t, s.View(), 80, 20)
		})
	}
}

func TestTransferableRowsOpenAndTransfer(t *testing.T) {
	token := "ab12cd34"
	transferable := client.Query{CustomerID: "C00001", CustomerAuthToken: token}
	tests := []struct {
		name     string
		query    client.Query
		readOnly bool
		key      string
		// want is the message the key sends: an open, an edit of kind,
		// or nothing ("").
		want string
		kind message.EditKind
	}{
		{"enter on a transferable row opens it", transferable, false, "enter", "open", ""},
		{"T on a transferable row orders its transfer", transferable, false, "T", "edit", message.NewSubscription},
		{"a change key does nothing on a transferable row", transferable, false, "s", "", ""},
		{"T does nothing in read-only mode", transferable, true, "T", "", ""},
		{"T does nothing on your subscriptions", client.Query{CustomerID: "C00001"}, false, "T", "", ""},
		{"enter opens your subscription", client.Query{CustomerID: "C00001"}, false, "enter", "open", ""},
		{"s changes your subscription's seats", client.Query{CustomerID: "C00001"}, false, "s", "edit", message.EditSeats},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tuitest.Common(&fake.API{Subscriptions: rows(3)}, 80, 20)
			c.SetKeys(c.Keys.WithReadOnly(tt.readOnly))
			m, cmd := New(c, tt.query, "T")
			s, _ := tuitest.Drive(t, m, cmd)
			_, msgs := tuitest.Press(t, s, tuitest.Key(tt.key))
			var got []string
			for _, msg := range msgs {
				switch msg := msg.(type) {
				case message.OpenSubscription:
					got = append(got, "open")
				case message.OpenEdit:
					got = append(got, "edit")
					if msg.Kind != tt.kind || msg.Sub.ID != "1" {
						t.Errorf("edit = %+v, want %s of the selected row", msg, tt.kind)
					}
					if tt.kind == message.NewSubscription && msg.TransferToken != token {
						t.Error("the transfer is not ordered with the listing's token")
					}
				}
			}
			if want := strings.Fields(tt.want); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s sent %v, want %v", tt.key, got, want)
			}
		})
	}
}

// alt+d (or a fast esc then d) deletes the word after the cursor in the
// filter, at any cursor position, without a panic.
func TestDeleteWordForwardInTheFilter(t *testing.T) {
	listed := open(t, &fake.API{Subscriptions: rows(30)}, client.Query{})
	tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
		keys := append([]tea.KeyMsg{tuitest.Key("/")}, tuitest.TypeAt(value, pos)...)
		s, _ := tuitest.Press(t, listed, append(keys, k)...)
		m := s.(Model)
		if m.table.Filter() != strings.TrimSpace(m.filter.Value()) {
			t.Errorf("the table filters on %q, the input holds %q", m.table.Filter(), m.filter.Value())
		}
		return m.filter.Value(), m.filter.Position()
	})
}
