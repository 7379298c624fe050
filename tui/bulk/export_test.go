package bulk

import (
	"os"
	"strings"
	"testing"

	"resold/client"
	"resold/tui/call"
	"resold/tui/internal/tuitest"
)

func TestCellIsSafe(t *testing.T) {
	for in, want := range map[string]string{
		"acme.example":          "acme.example",
		"=HYPERLINK(\"x\")":     "'=HYPERLINK(\"x\")",
		"+1 650":                "'+1 650",
		"-5":                    "'-5",
		"@SUM(A1)":              "'@SUM(A1)",
		"red\x1b[31mtext\x07ok": "red[31mtextok", // the escape and the bell go
		// Spreadsheets skip leading spaces before reading a formula.
		"  =HYPERLINK(\"x\")": "'  =HYPERLINK(\"x\")",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// finishedOne is a bulk change of one row, applied and summarised.
func finishedOne(t *testing.T, remote bool) Model {
	t.Helper()
	m, _ := started(t, 1, 1)
	m.c.Remote = remote
	next, _ := m.Update(rowMsg{Done: call.Done{ReqID: m.rows[0].req.ID}, index: 0, sub: client.Subscription{Status: "ACTIVE"}})
	m = next.(Model)
	if !m.Done() {
		t.Fatalf("not finished:\n%s", m.View())
	}
	return m
}

// TestExportRefusedForARemoteUser: in resold serve's SSH sessions E must
// not write the summary (customer data) into the server's working folder,
// where the user cannot read it; the screen says why.
func TestExportRefusedForARemoteUser(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	m := finishedOne(t, true)
	next, cmd := m.Update(tuitest.Key("E"))
	for _, msg := range tuitest.Msgs(cmd) {
		next, _ = next.Update(msg)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("a remote user's E wrote %v on the server", files)
	}
	if v := next.View(); !strings.Contains(v, "not yours") {
		t.Errorf("the refusal is not explained:\n%s", v)
	}
}

// TestExportNeverReplacesAFile: a second E leaves the first file as it
// was and says so.
func TestExportNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	m := finishedOne(t, false)
	name := "resold-bulk-" + m.BulkID() + ".csv"
	if err := os.WriteFile(name, []byte("kept"), 0o600); err != nil {
		t.Fatal(err)
	}
	next, cmd := m.Update(tuitest.Key("E"))
	for _, msg := range tuitest.Msgs(cmd) {
		next, _ = next.Update(msg)
	}
	if b, _ := os.ReadFile(name); string(b) != "kept" {
		t.Errorf("the file was replaced: %q", b)
	}
	if v := next.View(); !strings.Contains(v, "Export failed") {
		t.Errorf("the refusal is not shown:\n%s", v)
	}
}
