package exporter

import (
	"context"
	"strings"
	"testing"

	"resold/client"
	"resold/tui/call"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// pages is a listing of n pages of one row each.
type pages struct{ n int }

func (p pages) Page(_ context.Context, i int) (client.Page, error) {
	if i >= p.n {
		return client.Page{}, client.ErrEndOfList
	}
	pg := client.Page{Index: i, Rows: []client.Subscription{{ID: string(rune('a' + i)), SKUName: client.NameOf("Business Plus")}}}
	if i+1 < p.n {
		pg.NextToken = "t"
	}
	return pg, nil
}

func (pages) Close() {}

// The progress view shows rows and pages, fits the screen, and a page
// that cannot be read ends the export without a file.
func TestProgressAndFailure(t *testing.T) {
	c := tuitest.Common(&fake.API{}, 80, 20)
	m, cmd := Rows(c, client.Query{}, pages{n: 3}, nil, "All subscriptions")
	if cmd == nil || m.stage != loading {
		t.Fatal("Rows did not start reading")
	}
	next, _ := m.Update(pageMsg{Done: call.Done{ReqID: m.reqs[loadingPage].ID}, index: 0, page: client.Page{Rows: make([]client.Subscription, 100), NextToken: "t"}})
	m = next.(Model)
	view := m.View()
	if !strings.Contains(view, "100 rows kept · 1 pages read") || !strings.Contains(view, "esc stops the export") {
		t.Errorf("progress view:\n%s", view)
	}
	tuitest.CheckLayout(t, view, 80, 20)
	next, _ = m.Update(pageMsg{Done: call.Done{ReqID: m.reqs[loadingPage].ID, Err: context.Canceled}, index: 1})
	m = next.(Model)
	if m.stage != failed || !strings.Contains(m.View(), "Nothing was written") {
		t.Errorf("after a failed page: stage %d\n%s", m.stage, m.View())
	}
	next, _ = m.Update(tuitest.Key("esc"))
	if !next.(Model).Finished() {
		t.Error("esc did not close the dialog")
	}
}

// Every page is read, and only the rows the filter keeps are written.
func TestReadsEveryPage(t *testing.T) {
	c := tuitest.Common(&fake.API{}, 80, 20)
	m, cmd := Rows(c, client.Query{}, pages{n: 5}, func(s client.Subscription) bool { return s.ID != "c" }, "x")
	s, msgs := tuitest.Drive(t, m, cmd)
	_ = msgs
	m = s.(Model)
	if m.stage != asking || len(m.rows) != 4 || m.pages != 5 {
		t.Errorf("stage %d, %d rows, %d pages; want asking, 4, 5", m.stage, len(m.rows), m.pages)
	}
}
