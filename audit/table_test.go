package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestChange(t *testing.T) {
	tests := []struct {
		name          string
		before, after map[string]string
		want          string
	}{
		{"one value", map[string]string{"seats": "50"}, map[string]string{"seats": "60"}, "seats 50 → 60"},
		{"several values in key order", map[string]string{"seats": "5", "plan": "TRIAL"}, map[string]string{"seats": "10", "plan": "FLEXIBLE"}, "plan TRIAL → FLEXIBLE, seats 5 → 10"},
		{"new value", nil, map[string]string{"sku": "Google-Apps"}, "sku — → Google-Apps"},
		{"removed value", map[string]string{"status": "ACTIVE"}, map[string]string{}, "status ACTIVE → —"},
		{"nothing", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := change(tt.before, tt.after); got != tt.want {
				t.Errorf("change = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		name string
		e    Entry
		want string
	}{
		{"applied", Entry{Outcome: OutcomeApplied, Code: 200}, "applied 200"},
		{"failed with reason", Entry{Outcome: OutcomeFailed, Code: 400, Reason: "invalid"}, "failed 400 invalid"},
		{"refused before any call", Entry{Outcome: OutcomeRefusedLocally, Reason: "below_licensed_seats"}, "refused_locally below_licensed_seats"},
		{"unknown without code", Entry{Outcome: OutcomeUnknown}, "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outcome(tt.e); got != tt.want {
				t.Errorf("outcome = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteTableAlignsByDisplayWidth(t *testing.T) {
	at := time.Date(2025, 6, 1, 22, 30, 0, 0, time.UTC)
	entries := []Entry{
		{Time: at, Operator: "alice", Profile: "東京", Method: "m", Outcome: OutcomeApplied},
		{Time: at, Operator: "bob", Profile: "prod", Method: "m\x1b[2J", CustomerID: strings.Repeat("C", 40), Outcome: OutcomeFailed, Code: 503},
	}
	var b strings.Builder
	if err := writeTable(&b, entries, time.FixedZone("", 2*3600)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("table holds an escape character:\n%q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want header + 2:\n%s", len(lines), out)
	}
	// Every column starts at the same display column on every line, wide
	// characters counting double.
	cellsAt := map[string][2]string{
		"PROFILE": {"東京", "prod"},
		"METHOD":  {"m ", "m[2J"},
		"OUTCOME": {"applied", "failed 503"},
	}
	for title, values := range cellsAt {
		col := ansi.StringWidth(lines[0][:strings.Index(lines[0], title)])
		for i, v := range values {
			l := lines[i+1]
			if got := ansi.StringWidth(l[:strings.Index(l, v)]); got != col {
				t.Errorf("%s value %q starts at column %d on %q, want %d", title, v, got, l, col)
			}
		}
	}
	if !strings.Contains(lines[1], "2025-06-02 00:30:00") {
		t.Errorf("time not shown in the reader's zone: %q", lines[1])
	}
	if !strings.Contains(lines[2], strings.Repeat("C", 23)+"…") || strings.Contains(lines[2], strings.Repeat("C", 24)) {
		t.Errorf("long customer ID not cut to the column's maximum: %q", lines[2])
	}
	for _, l := range lines {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing blanks on %q", l)
		}
	}
}

func BenchmarkWriteTable1000(b *testing.B) {
	entries := make([]Entry, 1000)
	for i := range entries {
		entries[i] = Entry{
			Time: time.Date(2025, 6, 1, 0, 0, i, 0, time.UTC), Operator: "alice", SSHClient: "203.0.113.5",
			Profile: "prod", Method: "subscriptions.changeSeats", CustomerID: "C01abc", SubscriptionID: "S123",
			Before: map[string]string{"seats": "50"}, After: map[string]string{"seats": "60"},
			Outcome: OutcomeApplied, Code: 200,
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		var sb strings.Builder
		if err := writeTable(&sb, entries, time.UTC); err != nil {
			b.Fatal(err)
		}
	}
}

// Entries made over `resold serve` name the operator's key; the KEY column
// shows only when some entry has one.
func TestWriteTableShowsTheKeyWhenThereIsOne(t *testing.T) {
	at := time.Date(2025, 6, 1, 22, 30, 0, 0, time.UTC)
	local := Entry{Time: at, Operator: "carol", Profile: "prod", Method: "m", Outcome: OutcomeApplied}
	served := Entry{Time: at, Operator: "alice", SSHClient: "192.0.2.7", KeyFingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
		Profile: "prod", Method: "m", Outcome: OutcomeApplied}
	var b strings.Builder
	if err := writeTable(&b, []Entry{local}, time.UTC); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "KEY") {
		t.Errorf("a local-only log shows a KEY column:\n%s", b.String())
	}
	b.Reset()
	if err := writeTable(&b, []Entry{local, served}, time.UTC); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if !strings.Contains(lines[0], "OPERATOR") || !strings.Contains(lines[0], "KEY") ||
		strings.Index(lines[0], "KEY") < strings.Index(lines[0], "OPERATOR") {
		t.Errorf("header %q: want KEY after OPERATOR", lines[0])
	}
	if !strings.Contains(lines[2], "alice@192.0.2.7") || !strings.Contains(lines[2], served.KeyFingerprint) {
		t.Errorf("row %q lacks the operator, address or key", lines[2])
	}
}
