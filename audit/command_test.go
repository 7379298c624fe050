package audit

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"github.com/charmbracelet/x/ansi"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testNow and testZone make the command's clock and local zone fixed.
var (
	testNow  = time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)
	testZone = time.FixedZone("UTC+2", 2*3600)
)

// fixtureEntries are a few writes of each outcome, oldest first.
func fixtureEntries() []Entry {
	return []Entry{
		{
			Time: time.Date(2025, 5, 20, 9, 0, 0, 0, time.UTC), Operator: "alice", SSHClient: "203.0.113.5",
			Profile: "prod", EndpointKind: EndpointGoogle, Method: "subscriptions.changeSeats",
			CustomerID: "C01abc", SubscriptionID: "S123",
			Before: map[string]string{"seats": "50"}, After: map[string]string{"seats": "60"},
			Outcome: OutcomeApplied, Code: 200, Attempts: 1, RequestID: "r1",
		},
		{
			Time: time.Date(2025, 6, 1, 10, 15, 30, 0, time.UTC), Operator: "bob",
			Profile: "prod", EndpointKind: EndpointGoogle, Method: "subscriptions.changePlan",
			CustomerID: "C02def", SubscriptionID: "S456",
			Before: map[string]string{"plan": "ANNUAL_MONTHLY_PAY"}, After: map[string]string{"plan": "FLEXIBLE"},
			Outcome: OutcomeFailed, Code: 400, Reason: "invalid", Message: "Invalid plan change", Attempts: 1, RequestID: "r2",
		},
		{
			Time: time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC), Operator: "alice", SSHClient: "203.0.113.5",
			Profile: "staging", EndpointKind: EndpointEmulator, Method: "subscriptions.changeSeats",
			CustomerID: "C01abc", SubscriptionID: "S124",
			Before: map[string]string{"seats": "10"}, After: map[string]string{"seats": "2"},
			Outcome: OutcomeRefusedLocally, Reason: "below_licensed_seats", RequestID: "r3",
		},
		{
			Time: time.Date(2025, 6, 2, 11, 0, 0, 0, time.UTC), Operator: "carol",
			Profile: "東京", EndpointKind: EndpointCustom, Method: "subscriptions.changeRenewalSettings",
			CustomerID: "C03ghi", SubscriptionID: "S789",
			Before: map[string]string{"renewal_type": "AUTO_RENEW_MONTHLY_PAY"}, After: map[string]string{"renewal_type": "CANCEL"},
			Outcome: OutcomeAlreadyApplied, Code: 200, Attempts: 2, RequestID: "r4",
		},
	}
}

// writeFixture writes entries to a new log and returns its path.
func writeFixture(t *testing.T, entries []Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)
	for _, e := range entries {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs the command with the fixed clock and zone.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut strings.Builder
	code = runCommand(context.Background(), args, &out, &errOut, commandEnv{now: func() time.Time { return testNow }, loc: testZone})
	return code, out.String(), errOut.String()
}

// requestIDs parses --json output.
func requestIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("--json printed a line that is not an entry: %v\n%s", err, sc.Text())
		}
		ids = append(ids, e.RequestID)
	}
	return ids
}

// The default table fits 80 columns; --wide has every column.
func TestCommandTable(t *testing.T) {
	path := writeFixture(t, fixtureEntries())
	for _, tt := range []struct {
		golden string
		args   []string
	}{{"table.golden", []string{"--wide"}}, {"table_80.golden", nil}} {
		code, out, errOut := run(t, append([]string{"--file", path}, tt.args...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		golden := filepath.Join("testdata", tt.golden)
		if *update {
			if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("table:\n%s\nwant (%s):\n%s", out, golden, want)
		}
		if tt.args == nil {
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("line of %d columns: %q", w, l)
				}
			}
		}
	}
}

func TestCommandFilters(t *testing.T) {
	path := writeFixture(t, fixtureEntries())
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"everything", nil, []string{"r1", "r2", "r3", "r4"}},
		{"since a duration", []string{"--since", "24h"}, []string{"r3", "r4"}},
		{"since days", []string{"--since", "2d"}, []string{"r2", "r3", "r4"}},
		{"since a short duration", []string{"--since", "90m"}, []string{"r4"}},
		{"since a local date", []string{"--since", "2025-06-02"}, []string{"r3", "r4"}},
		{"since an RFC 3339 time", []string{"--since", "2025-06-02T09:00:00Z"}, []string{"r4"}},
		{"customer", []string{"--customer", "C01abc"}, []string{"r1", "r3"}},
		{"customer, any case", []string{"--customer", "c01ABC"}, []string{"r1", "r3"}},
		{"limit keeps the last", []string{"--limit", "2"}, []string{"r3", "r4"}},
		{"limit larger than the log", []string{"--limit", "10"}, []string{"r1", "r2", "r3", "r4"}},
		{"filters then limit", []string{"--customer", "C01abc", "--since", "30d", "--limit", "1"}, []string{"r3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"--file", path, "--json"}, tt.args...)...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if got := requestIDs(t, out); !slices.Equal(got, tt.want) {
				t.Errorf("entries %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommandJSONIsTheStoredLines(t *testing.T) {
	path := writeFixture(t, fixtureEntries())
	stored, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "--file", path, "--json")
	if code != 0 || out != string(stored) {
		t.Errorf("exit %d, --json printed:\n%s\nwant the file:\n%s", code, out, stored)
	}
}

func TestCommandNoMatch(t *testing.T) {
	path := writeFixture(t, fixtureEntries())
	code, out, errOut := run(t, "--file", path, "--customer", "C99")
	if code != 0 || out != "" || errOut != "no matching entries in "+path+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCommandMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "audit.jsonl")
	code, out, errOut := run(t, "--file", path)
	if code != 0 || out != "" || errOut != "no audit log at "+path+" yet\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCommandDefaultPath(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	code, _, errOut := run(t)
	want := "no audit log at " + filepath.Join(state, "resold", "audit.jsonl") + " yet\n"
	if code != 0 || errOut != want {
		t.Fatalf("exit %d, stderr %q, want %q", code, errOut, want)
	}
	l := openTest(t, filepath.Join(state, "resold", "audit.jsonl"))
	if err := l.Append(fixtureEntries()[0]); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "--json")
	if got := requestIDs(t, out); code != 0 || !slices.Equal(got, []string{"r1"}) {
		t.Errorf("exit %d, entries %q, want [r1] from the default path", code, got)
	}
}

func TestCommandTornLastLine(t *testing.T) {
	path := writeFixture(t, fixtureEntries()[:2])
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"time":"2025-06-02T1`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, out, errOut := run(t, "--file", path, "--json")
	if code != 0 {
		t.Errorf("exit %d, want 0: the rest of the log is readable", code)
	}
	if got := requestIDs(t, out); !slices.Equal(got, []string{"r1", "r2"}) {
		t.Errorf("entries %q, want [r1 r2]", got)
	}
	if !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "cut short") {
		t.Errorf("stderr %q does not report the torn line 3", errOut)
	}
}

// A hand-edited or old file is untrusted too: the command strips escapes
// and redacts secrets on the way out.
func TestCommandScrubsWhatItReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	lines := `{"time":"2025-06-01T10:00:00.000Z","operator":"mallory\u001b]0;owned\u0007","method":"subscriptions.changeSeats\u009b2J",` +
		`"customer_id":"C01","before":{"token":"abc"},"after":{"seats":"ya29.leaked"},"outcome":"applied","code":200,"message":"Bearer ya29.leaked"}` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range [][]string{nil, {"--json"}} {
		code, out, errOut := run(t, append([]string{"--file", path}, mode...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", mode, code, errOut)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", `\u001b`, `\u0007`, "leaked", "abc"} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: output holds %q:\n%s", mode, bad, out)
			}
		}
	}
}

func TestCommandUsage(t *testing.T) {
	path := writeFixture(t, fixtureEntries())
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string // in stderr
	}{
		{"unknown flag", []string{"--bogus"}, 2, "flag provided but not defined: -bogus"},
		{"limit not a number", []string{"--limit", "ten"}, 2, "invalid value"},
		{"negative limit", []string{"--limit", "-1"}, 2, "--limit: want 0 or more"},
		{"since garbage", []string{"--since", "last week"}, 2, "neither a duration"},
		{"since negative", []string{"--since", "-5h"}, 2, "negative"},
		{"stray argument", []string{"show"}, 2, `unexpected argument "show"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"--file", path}, tt.args...)...)
			if code != tt.wantCode || out != "" {
				t.Errorf("exit %d, stdout %q; want exit %d and no output", code, out, tt.wantCode)
			}
			if !strings.Contains(errOut, tt.wantErr) || !strings.Contains(errOut, "Run 'resold audit --help'") {
				t.Errorf("stderr %q, want %q and where the flags are", errOut, tt.wantErr)
			}
		})
	}
}

func TestCommandHelp(t *testing.T) {
	code, out, errOut := run(t, "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "usage: resold audit") || !strings.Contains(out, "-since") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCommandCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut strings.Builder
	code := runCommand(ctx, []string{"--file", filepath.Join(t.TempDir(), "a.jsonl")}, &out, &errOut, commandEnv{now: time.Now, loc: time.UTC})
	if code != 1 || !strings.Contains(errOut.String(), "context canceled") {
		t.Errorf("exit %d, stderr %q; want 1 and the cancellation", code, errOut.String())
	}
}

// --customer takes a domain or an ID; a local refusal shows its rule in
// words, not its case code.
func TestCommandCustomerByDomainAndReasonsInWords(t *testing.T) {
	at := testNow.Add(-time.Hour)
	path := writeFixture(t, []Entry{
		{Time: at, Operator: "alice", Profile: "demo", EndpointKind: EndpointEmulator, Method: "subscriptions.changeSeats",
			CustomerID: "C0flex001", CustomerDomain: "flex.example", SubscriptionID: "S1",
			Before: map[string]string{"seats": "50"}, After: map[string]string{"seats": "40"},
			Outcome: OutcomeRefusedLocally, Reason: "E5", Message: "Seats on an annual plan cannot go down"},
		{Time: at, Operator: "alice", Profile: "demo", EndpointKind: EndpointEmulator, Method: "subscriptions.activate",
			CustomerID: "C0susp001", CustomerDomain: "suspended.example", SubscriptionID: "S2", Outcome: OutcomeApplied, Code: 200},
	})
	for _, who := range []string{"flex.example", "FLEX.example.", "C0flex001"} {
		code, out, _ := run(t, "--file", path, "--customer", who, "--wide")
		if code != 0 || !strings.Contains(out, "changeSeats") || strings.Contains(out, "activate") {
			t.Errorf("--customer %s: exit %d\n%s", who, code, out)
		}
		if !strings.Contains(out, "refused_locally: Seats on an annual plan cannot go down") || strings.Contains(out, " E5") {
			t.Errorf("--customer %s: reason not in words\n%s", who, out)
		}
	}
}
