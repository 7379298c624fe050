package audit

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// attempt returns the intent and outcome lines of one write attempt.
func attempt(id string, at time.Time, outcome Outcome, phase Phase) (intent, out Entry) {
	intent = Entry{Time: at, ID: id, Phase: PhaseIntent, Operator: "alice", Profile: "prod", EndpointKind: EndpointGoogle,
		Method: "subscriptions.changeSeats", CustomerID: "C0flex001", CustomerDomain: "flex.example", SubscriptionID: "S1",
		Before: map[string]string{"seats": "20"}, After: map[string]string{"seats": "25"}}
	out = intent
	out.Time, out.Phase, out.Outcome = at.Add(time.Second), phase, outcome
	out.After = map[string]string{"seats": "25"}
	return intent, out
}

func TestMergeOneRowPerAttempt(t *testing.T) {
	t0 := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	legacy := fixtureEntries()[0] // a line from before intents: no ID
	aIntent, aOut := attempt("a", t0, OutcomeApplied, PhaseOutcome)
	aOut.Code, aOut.Attempts, aOut.RequestID = 200, 2, "7"
	bIntent, _ := attempt("b", t0.Add(time.Minute), "", "")
	cIntent, cOut := attempt("c", t0.Add(2*time.Minute), OutcomeNotApplied, PhaseReconciled)
	cOut.After = map[string]string{"seats": "20"}
	dIntent, dOut := attempt("d", t0.Add(3*time.Minute), OutcomeApplied, PhaseOutcome)
	_, dLate := attempt("d", t0.Add(4*time.Minute), OutcomeNotApplied, PhaseReconciled)
	refused := Entry{Time: t0, ID: "e", Method: "subscriptions.changeSeats", EndpointKind: EndpointGoogle, Outcome: OutcomeRefusedLocally, Reason: "E5"}

	// Outcomes come after their intents, interleaved with other attempts.
	rows := Merge([]Entry{legacy, aIntent, bIntent, cIntent, aOut, dIntent, refused, cOut, dLate, dOut})
	var got []string
	for _, r := range rows {
		got = append(got, r.ID+":"+outcome(r))
	}
	want := []string{":applied 200", "a:applied 200", "b:unknown (interrupted)", "c:not_applied (reconciled)", "d:applied", "e:refused_locally E5"}
	if !slices.Equal(got, want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	a := rows[1]
	if !a.Time.Equal(aOut.Time) || a.Attempts != 2 || a.RequestID != "7" || a.Before["seats"] != "20" || a.After["seats"] != "25" || a.Phase != "" {
		t.Errorf("merged applied row = %+v", a)
	}
	b := rows[2]
	if b.Outcome != OutcomeUnknown || b.Phase != PhaseIntent || b.Message != InterruptedMessage || !b.Time.Equal(bIntent.Time) {
		t.Errorf("interrupted row = %+v", b)
	}
	if c := rows[3]; c.After["seats"] != "20" || c.Phase != PhaseReconciled || !c.Time.Equal(cIntent.Time) {
		t.Errorf("reconciled row = %+v, want what the re-read found as after", c)
	}
}

func TestMergeKeepsAnOutcomeWithoutIntent(t *testing.T) {
	_, out := attempt("x", time.Now(), OutcomeFailed, PhaseOutcome)
	rows := Merge([]Entry{out})
	if len(rows) != 1 || rows[0].Outcome != OutcomeFailed {
		t.Errorf("rows = %+v", rows)
	}
}

func TestPending(t *testing.T) {
	t0 := time.Now()
	a, aOut := attempt("a", t0, OutcomeApplied, PhaseOutcome)
	b, _ := attempt("b", t0, "", "")
	c, cOut := attempt("c", t0, OutcomeUnknown, PhaseReconciled)
	got := Pending([]Entry{fixtureEntries()[0], a, b, c, aOut, cOut})
	if len(got) != 1 || got[0].ID != "b" {
		t.Errorf("Pending = %+v, want only b", got)
	}
}

func TestAppendChecksPhases(t *testing.T) {
	l := openTest(t, filepath.Join(t.TempDir(), "audit.jsonl"))
	intent, out := attempt("a", fixedClock, OutcomeApplied, PhaseOutcome)
	noID := intent
	noID.ID = ""
	withOutcome := intent
	withOutcome.Outcome = OutcomeApplied
	outcomeless := out
	outcomeless.Outcome = ""
	odd := out
	odd.Phase = "maybe"
	for name, e := range map[string]Entry{"intent without ID": noID, "intent with an outcome": withOutcome,
		"outcome without outcome": outcomeless, "unknown phase": odd} {
		if err := l.Append(e); err == nil {
			t.Errorf("%s: Append accepted it", name)
		}
	}
	for _, e := range []Entry{intent, out} {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := l.Entries()
	if err != nil || len(entries) != 2 || entries[0].Phase != PhaseIntent || entries[1].ID != "a" || entries[0].CustomerDomain != "flex.example" {
		t.Errorf("Entries = %+v, %v", entries, err)
	}
}

func TestCommandMergesAttempts(t *testing.T) {
	t0 := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	a, aOut := attempt("a", t0, OutcomeApplied, PhaseOutcome)
	aOut.Code = 200
	b, _ := attempt("b", t0.Add(time.Minute), "", "")
	c, cOut := attempt("c", t0.Add(2*time.Minute), OutcomeApplied, PhaseReconciled)
	path := writeFixture(t, []Entry{fixtureEntries()[0], a, aOut, b, c, cOut})
	code, out, errOut := run(t, "--file", path)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a heading and 4 rows, one per attempt:\n%s", out)
	}
	for i, want := range []string{"applied 200", "applied 200", "unknown (interrupted)", "applied (reconciled)"} {
		if !strings.HasSuffix(lines[i+1], want) {
			t.Errorf("row %d = %q, want it to end in %q", i+1, lines[i+1], want)
		}
	}
	code, out, _ = run(t, "--file", path, "--json", "--limit", "2")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"phase":"intent","`) || !strings.Contains(out, `"outcome":"unknown"`) {
		t.Errorf("--json rows:\n%s", out)
	}
}

// BenchmarkPendingInALargeLog measures the start-up scan for interrupted
// changes: reading back a log of 10,000 attempts (20,000 lines) and
// finding the intents without an outcome.
func BenchmarkPendingInALargeLog(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), "audit.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	const attempts = 10_000
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range attempts {
		intent, out := attempt(NewID(), t0.Add(time.Duration(i)*time.Second), OutcomeApplied, PhaseOutcome)
		if err := l.Append(intent); err != nil {
			b.Fatal(err)
		}
		if i%1000 != 0 { // one in a thousand interrupted
			if err := l.Append(out); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		entries, err := l.Entries()
		if err != nil {
			b.Fatal(err)
		}
		if p := Pending(entries); len(p) != attempts/1000 {
			b.Fatalf("pending %d", len(p))
		}
	}
	b.ReportMetric(float64(attempts*2), "lines")
}

func TestUnfinishedBulks(t *testing.T) {
	planned := func(bulk, id string) Entry {
		return Entry{ID: id, Phase: PhasePlanned, Bulk: bulk, BulkChange: "activate", Method: "subscriptions.activate", EndpointKind: EndpointEmulator}
	}
	entries := []Entry{
		planned("b1", "r1"), planned("b1", "r2"), planned("b1", "r3"),
		planned("b2", "s1"),
		{ID: "r1", Phase: PhaseIntent, Bulk: "b1", Method: "subscriptions.activate"},
		{ID: "r1", Phase: PhaseOutcome, Bulk: "b1", Method: "subscriptions.activate", Outcome: OutcomeApplied},
		// An intent without an outcome was sent: reconciling decides it,
		// resuming must not send it again.
		{ID: "r2", Phase: PhaseIntent, Bulk: "b1", Method: "subscriptions.activate"},
		{ID: "s1", Phase: PhaseOutcome, Bulk: "b2", Method: "subscriptions.activate", Outcome: OutcomeRefusedLocally},
	}
	got := Unfinished(entries)
	if len(got) != 1 || got[0].ID != "b1" || got[0].Planned != 3 || len(got[0].Remaining) != 1 || got[0].Remaining[0].ID != "r3" || got[0].Change != "activate" {
		t.Fatalf("Unfinished = %+v, want b1 with r3 remaining of 3", got)
	}
	// Planned rows are not attempts: Merge leaves them out.
	for _, row := range Merge(entries) {
		if row.Phase == PhasePlanned || row.ID == "r3" {
			t.Errorf("Merge kept a planned row: %+v", row)
		}
	}
}
