package tui

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/emulator"
	"resold/internal/export"
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/internal/tuitest"
	"resold/tui/subtable"
)

// fullListing reads every row of q through the API, as the reference an
// export is held to.
func fullListing(t *testing.T, api common.API, q client.Query) []client.Subscription {
	t.Helper()
	var all []client.Subscription
	token := ""
	for {
		pg, err := api.ListSubscriptions(context.Background(), q, token)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, pg.Rows...)
		if token = pg.NextToken; token == "" {
			return all
		}
	}
}

// saveAs replaces the export dialog's file name with path and saves.
func saveAs(t *testing.T, m Model, path string) Model {
	t.Helper()
	if m.screenName() != keymap.ScreenExport {
		t.Fatalf("the top screen is %s, not the export dialog:\n%s", m.screenName(), m.View())
	}
	m = press(t, m, key("ctrl+u"))
	return press(t, m, typed(path)...)
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// E in the subscriptions table reads the pages not loaded yet and writes
// every row of the listing; with a filter on, every row it matches.
func TestExportFromTheSubscriptionsTable(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	all := fullListing(t, api, client.Query{})
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, key("esc"), key("S"))
	if info := m.top().Info(); !strings.Contains(info, "more") {
		t.Fatalf("the table has loaded everything already (%s); the test wants pages left", info)
	}
	m = press(t, m, key("E"))
	view := m.View()
	if _, ok := contains(view, "Export", "rows (every page read", "./resold-subscriptions-", ".csv", "CSV", "JSON"); !ok {
		t.Fatalf("the dialog does not ask for the file:\n%s", view)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "all.csv")
	m = saveAs(t, m, path)
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Fatalf("after the export the top is %s:\n%s", m.screenName(), m.View())
	}
	recs := readCSV(t, path)
	if len(recs)-1 != len(all) {
		t.Fatalf("%d rows written, the listing has %d", len(recs)-1, len(all))
	}
	t.Logf("%d rows exported", len(all))
	for i, s := range all {
		if want := export.Row(s); strings.Join(recs[i+1], "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("row %d = %q, want %q", i+1, recs[i+1], want)
		}
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if _, ok := contains(m.View(), "Exported", "rows to", "all.csv"); !ok {
		t.Errorf("the status pane does not say where and how many:\n%s", m.View())
	}

	// The filter applies to every page, not only the loaded ones.
	m = press(t, m, key("/"))
	m = press(t, m, typed("business plus")...)
	keep := subtable.Matcher("business plus")
	want := 0
	for _, s := range all {
		if keep(s) {
			want++
		}
	}
	m = press(t, m, key("E"))
	m = press(t, m, key("tab")) // JSON
	json1 := filepath.Join(dir, "plus.json")
	m = saveAs(t, m, json1)
	var got []map[string]any
	b, _ := os.ReadFile(json1)
	if err := json.Unmarshal(b, &got); err != nil || len(got) != want || want == 0 {
		t.Fatalf("filtered JSON: %d rows, %v; want %d", len(got), err, want)
	}
	for _, r := range got {
		if !strings.Contains(strings.ToLower(r["skuName"].(string)), "business plus") {
			t.Errorf("a row the filter does not match: %v", r["skuName"])
		}
	}

	// An existing file is replaced only when asked.
	m = press(t, m, key("E"))
	m = saveAs(t, m, path)
	if _, ok := contains(m.View(), "exists", "ctrl+y replaces it"); !ok {
		t.Fatalf("no question before replacing:\n%s", m.View())
	}
	m = press(t, m, key("esc")) // back to the name
	if m.screenName() != keymap.ScreenExport {
		t.Fatalf("esc at the question left the dialog")
	}
	m = press(t, m, key("enter"), key("ctrl+y"))
	if m.screenName() == keymap.ScreenExport {
		t.Errorf("the dialog is still open after ctrl+y:\n%s", m.View())
	}
	if recs := readCSV(t, path); len(recs)-1 != want {
		t.Errorf("replaced file holds %d rows, want the %d filtered", len(recs)-1, want)
	}
}

// esc while the pages are read stops the export: nothing is written and
// the table is back.
func TestExportCancelledWhileReading(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, key("esc"), key("S"))
	next, open := m.Update(key("E"))
	m = next.(Model)
	var cmd tea.Cmd // the first page's read, not run yet
	for _, msg := range tuitest.Msgs(open) {
		next, cmd = m.Update(msg)
		m = next.(Model)
	}
	if m.screenName() != keymap.ScreenExport || !strings.Contains(m.View(), "esc stops the export") {
		t.Fatalf("not reading:\n%s", m.View())
	}
	m = press(t, m, key("esc"))
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Fatalf("esc left %s on top", m.screenName())
	}
	m = drive(t, m, cmd) // the read answers after all: nothing happens
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Errorf("the late answer reopened %s", m.screenName())
	}
}

func TestExportACustomersSubscriptions(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, typed(emulator.DomainAcmeAnnual)...)
	m = press(t, m, key("E"))
	path := filepath.Join(t.TempDir(), "acme.csv")
	m = saveAs(t, m, path)
	recs := readCSV(t, path)
	if len(recs) != 2 || recs[1][1] != emulator.DomainAcmeAnnual {
		t.Errorf("customer export = %q", recs)
	}
	_ = m
}

func TestExportTransferableTable(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, typed(emulator.DomainTransfer)...)
	m = press(t, m, key("enter"))
	m = press(t, m, typed(emulator.TransferToken)...)
	if m.screenName() != keymap.ScreenTransferable {
		t.Fatalf("not the transferable table: %s\n%s", m.screenName(), m.View())
	}
	m = press(t, m, key("E"))
	path := filepath.Join(t.TempDir(), "xfer.csv")
	m = press(t, m, key("tab"), key("tab")) // NDJSON
	m = saveAs(t, m, path)
	if m.screenName() != keymap.ScreenTransferable {
		t.Errorf("after the export the top is %s", m.screenName())
	}
	b, err := os.ReadFile(path)
	if err != nil || strings.Count(string(b), "\n") < 1 || !strings.Contains(string(b), `"transferInfo"`) || strings.Contains(string(b), emulator.TransferToken) {
		t.Errorf("transferable export: %v\n%s", err, b)
	}
}

// E in the call log writes the session's calls as JSON, without a token.
func TestExportCallLog(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, typed(emulator.DomainTransfer)...)
	m = press(t, m, key("enter"))
	m = press(t, m, typed(emulator.TransferToken)...)
	m = press(t, m, key("L"), key("E"))
	if !strings.Contains(m.View(), "./resold-calls-") {
		t.Fatalf("no call log dialog:\n%s", m.View())
	}
	path := filepath.Join(t.TempDir(), "calls.json")
	m = saveAs(t, m, path)
	if _, ok := contains(m.View(), "Exported", "calls to", "calls.json"); !ok {
		t.Errorf("the status pane does not say where:\n%s", m.View())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), emulator.TransferToken) || strings.Contains(string(b), `"demo"`) {
		t.Fatalf("the call log holds a token:\n%s", b)
	}
	var l export.CallLog
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	var list *export.Call
	for i, c := range l.Calls {
		if c.Method == "subscriptions.list" {
			list = &l.Calls[i]
		}
	}
	if list == nil || list.Query["customerAuthToken"] != "[redacted]" || list.Query["maxResults"] != "100" ||
		list.Status != 200 || list.Attempt != 1 || list.CustomerID == "" || !strings.HasSuffix(list.Time, "Z") {
		t.Errorf("the listing's call = %+v", list)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		t.Error("no file")
	}
}

// Pages that fail at first are retried like any call, and the export
// still holds every row once.
func TestExportThroughRetries(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{Fail503: 0.3, Seed: 5}, fastRetry)
	all := fullListing(t, api, client.Query{})
	m := sized(syncCommon(api), 120, 40)
	m = press(t, m, key("esc"), key("S"))
	before := len(api.Calls())
	m = press(t, m, key("E"))
	path := filepath.Join(t.TempDir(), "retried.csv")
	m = saveAs(t, m, path)
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Fatalf("the export did not end:\n%s", m.View())
	}
	retried := 0
	for _, c := range api.Calls()[before:] {
		if c.Status == 503 {
			retried++
		}
	}
	if retried == 0 {
		t.Fatal("no page failed: the test proves nothing")
	}
	t.Logf("%d pages were retried after a 503", retried)
	recs := readCSV(t, path)
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if seen[r[2]] {
			t.Errorf("subscription %s written twice", r[2])
		}
		seen[r[2]] = true
	}
	if len(recs)-1 != len(all) {
		t.Errorf("%d rows written, the listing has %d", len(recs)-1, len(all))
	}
}

// Over resold serve the user is elsewhere: E writes nothing on the server.
func TestExportRefusedForARemoteUser(t *testing.T) {
	api, _ := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	c.Remote = true
	t.Chdir(t.TempDir())
	m := sized(c, 120, 40)
	m = press(t, m, key("esc"), key("S"), key("E"))
	if m.screenName() != keymap.ScreenSubscriptions || !strings.Contains(m.View(), "run resold export on your own machine") {
		t.Fatalf("a remote export:\n%s", m.View())
	}
	m = press(t, m, key("L"), key("E"))
	if m.screenName() != keymap.ScreenLog {
		t.Errorf("the call log's export opened %s", m.screenName())
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}
