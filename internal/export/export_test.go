package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"resold/client"
)

func TestCellEscapesFormulas(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://evil\",\"click\")", "'=HYPERLINK(\"http://evil\",\"click\")"},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1+1", "' =1+1"},
		{"\r=1+1", "' =1+1"},
		{"\tplain", "' plain"},
		{"  =1+1", "'  =1+1"},
		{"PO-2025-001", "PO-2025-001"},
		{"a=b", "a=b"},
		{"", ""},
		{"42", "42"},
		{"\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"=\x1b]0;title\x07x", "'=]0;titlex"},
		{"line\nbreak", "line break"},
	} {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func hostile() client.Subscription {
	return client.Subscription{
		CustomerID: "C1", CustomerDomain: "=cmd|' /C calc'!A0", ID: "1", SKUID: "1010020028",
		SKUName: client.NameOf("@SUM(1+1)*cmd"), Plan: client.PlanAnnualYearly, IsCommitment: true,
		NumberOfSeats: 10, LicensedSeats: 3, Status: "SUSPENDED",
		SuspensionReasons: []string{"PENDING_TOS_ACCEPTANCE", "RESELLER_INITIATED"},
		PurchaseOrderID:   "+33 1 23\x1b[2J", RenewalType: "AUTO_RENEW",
		Created:         client.At(time.Date(2025, 3, 1, 12, 0, 0, 0, time.FixedZone("PST", -8*3600))),
		CommitmentStart: client.At(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)),
	}
}

// A row read back by encoding/csv (what a spreadsheet import does) has no
// cell a spreadsheet would run, and no escape sequence.
func TestRowIsSafeAndParsesBack(t *testing.T) {
	var b bytes.Buffer
	if err := Subscriptions(&b, CSV, []client.Subscription{hostile()}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(recs[1]) != len(Columns) {
		t.Fatalf("records = %q", recs)
	}
	row := map[string]string{}
	for i, c := range Columns {
		row[c] = recs[1][i]
		if v := recs[1][i]; v != "" && strings.ContainsAny(v[:1], "=+-@\t\r") {
			t.Errorf("%s = %q starts like a formula", c, v)
		}
		if strings.ContainsAny(recs[1][i], "\x1b\x07") {
			t.Errorf("%s = %q holds an escape", c, recs[1][i])
		}
	}
	for c, want := range map[string]string{
		"customerDomain":      "'=cmd|' /C calc'!A0",
		"skuName":             "'@SUM(1+1)*cmd",
		"purchaseOrderId":     "'+33 1 23[2J",
		"suspensionReasons":   "PENDING_TOS_ACCEPTANCE;RESELLER_INITIATED",
		"creationTime":        "2025-03-01T20:00:00Z",
		"commitmentStartTime": "2025-03-01T00:00:00Z",
		"commitmentEndTime":   "",
		"trialEndTime":        "",
		"isCommitmentPlan":    "true",
		"numberOfSeats":       "10",
		"planName":            "ANNUAL_YEARLY_PAY",
	} {
		if row[c] != want {
			t.Errorf("%s = %q, want %q", c, row[c], want)
		}
	}
}

func TestJSONFormats(t *testing.T) {
	rows := []client.Subscription{hostile(), {CustomerID: "C2", ID: "2", Plan: client.PlanFlexible, MaximumSeats: 5}}
	var b bytes.Buffer
	if err := Subscriptions(&b, JSON, rows); err != nil {
		t.Fatal(err)
	}
	var arr []map[string]any
	if err := json.Unmarshal(b.Bytes(), &arr); err != nil || len(arr) != 2 {
		t.Fatalf("json: %v, %d items:\n%s", err, len(arr), b.String())
	}
	if arr[0]["subscriptionId"] != "1" || arr[0]["creationTime"] != "1740859200000" || arr[1]["plan"].(map[string]any)["planName"] != "FLEXIBLE" {
		t.Errorf("json items = %v", arr)
	}
	b.Reset()
	if err := Subscriptions(&b, JSON, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty json = %q, %v", b.String(), err)
	}
	b.Reset()
	if err := Subscriptions(&b, NDJSON, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], `"customerId":"C2"`) {
		t.Errorf("ndjson = %q", b.String())
	}
}

func TestWriteFileMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultName("subscriptions", time.Date(2026, 11, 30, 2, 3, 4, 0, time.UTC), CSV))
	if filepath.Base(path) != "resold-subscriptions-20261130-020304.csv" {
		t.Errorf("default name = %s", filepath.Base(path))
	}
	fill := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteFile(path, false, fill("one")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != Mode {
		t.Errorf("mode = %v, want %v", st.Mode().Perm(), Mode)
	}
	if err := WriteFile(path, false, fill("two")); !errors.Is(err, ErrExists) {
		t.Errorf("second write without overwrite: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("the file now holds %q", b)
	}
	// Overwriting an existing loose file leaves a 0600 one.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, true, fill("three")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Errorf("after overwrite the file holds %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != Mode {
		t.Errorf("mode after overwrite = %v", st.Mode().Perm())
	}
	// A failing export leaves neither a file nor a temporary one.
	failed := filepath.Join(dir, "failed.csv")
	if err := WriteFile(failed, false, func(io.Writer) error { return errors.New("cancelled") }); err == nil {
		t.Error("a failing fill reported no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries after a failed export, want 1", len(entries))
	}
	// A dangling link counts as taken: nothing is written through it.
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(filepath.Join(dir, "target"), link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, false, fill("x")); !errors.Is(err, ErrExists) {
		t.Errorf("dangling link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "target")); err == nil {
		t.Error("the export followed the link")
	}
}

func TestCallLogHoldsNoToken(t *testing.T) {
	calls := Calls([]client.CallRecord{{
		Time: time.Date(2026, 11, 30, 3, 0, 0, 123e6, time.FixedZone("X", 3600)), Method: "subscriptions.list",
		CustomerID: "C0xfer001", Query: map[string]string{"customerAuthToken": "[redacted]", "maxResults": "100"},
		Status: 403, Reason: "forbidden", Latency: 42 * time.Millisecond, Attempt: 2, Err: "token \x1b[2Jexpired", RequestID: "abc",
	}})
	var b bytes.Buffer
	if err := WriteCallLog(&b, CallLog{Exported: time.Now(), Tool: "resold test", Calls: calls}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Calls []map[string]any `json:"calls"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil || len(got.Calls) != 1 {
		t.Fatalf("%v\n%s", err, b.String())
	}
	c := got.Calls[0]
	for k, want := range map[string]any{
		"time": "2026-11-30T02:00:00.123Z", "method": "subscriptions.list", "httpStatus": 403.0, "reason": "forbidden",
		"message": "token [2Jexpired", "latencyMs": 42.0, "attempt": 2.0, "requestId": "abc", "customerId": "C0xfer001",
	} {
		if c[k] != want {
			t.Errorf("%s = %v, want %v", k, c[k], want)
		}
	}
	if q := c["query"].(map[string]any); q["customerAuthToken"] != "[redacted]" || q["maxResults"] != "100" {
		t.Errorf("query = %v", q)
	}
}

// pages is a listing in memory that restarts once at page 2.
type pages struct {
	data      [][]client.Subscription
	restartAt int
	restarted bool
}

func (p *pages) Page(_ context.Context, i int) (client.Page, error) {
	if i >= len(p.data) {
		return client.Page{}, client.ErrEndOfList
	}
	pg := client.Page{Index: i, Rows: p.data[i]}
	if i+1 < len(p.data) {
		pg.NextToken = "t"
	}
	if i == p.restartAt && !p.restarted {
		p.restarted = true
		pg.Restarted = true
		// The listing changed: its first page now has one more row.
		p.data[0] = append(p.data[0], client.Subscription{ID: "new"})
	}
	return pg, nil
}

func TestAllReadsAgainAfterARestart(t *testing.T) {
	p := &pages{restartAt: 2, data: [][]client.Subscription{{{ID: "a"}, {ID: "b"}}, {{ID: "c"}}, {{ID: "d"}}}}
	var seen []Progress
	rows, err := All(context.Background(), p, func(s client.Subscription) bool { return s.ID != "c" }, func(pr Progress) { seen = append(seen, pr) })
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "a,b,new,d" {
		t.Errorf("rows = %v, want a,b,new,d (each once, c filtered out)", ids)
	}
	last := seen[len(seen)-1]
	if last.Rows != 4 || last.Pages != 3 || last.More {
		t.Errorf("last progress = %+v", last)
	}
	restarted := false
	for _, s := range seen {
		restarted = restarted || s.Restarted
	}
	if !restarted {
		t.Error("the restart was not reported")
	}
}
