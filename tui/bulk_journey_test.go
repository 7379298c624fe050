package tui

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/internal/emutest"
	"resold/internal/inflight"
	"resold/internal/reconcile"
	"resold/keymap"
	"resold/tui/bulk"
	"resold/tui/common"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

// bulkRows returns the merged audit rows of bulk change id.
func bulkRows(t *testing.T, path, id string) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for _, e := range audit.Merge(readLog(t, path)) {
		if e.Bulk == id {
			out = append(out, e)
		}
	}
	return out
}

// TestJourneyBulkActivate: filter the table to the subscriptions you
// suspended, select them all, a shows the plan (nothing sent), typing the
// number of rows sends them, and the summary counts them; every row is its
// own audited attempt under one bulk ID.
func TestJourneyBulkActivate(t *testing.T) {
	log, path := auditLog(t)
	api, srv := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	c.Audit, c.Profile, c.Endpoint = log, "demo", audit.EndpointEmulator
	m := sized(c, 120, 40)
	m = press(t, m, key("esc"), key("S"), key("/"))
	m = press(t, m, append(tuitest.Type("reseller_initiated"), key("enter"), key("*"), key("a"))...)
	if m.screenName() != keymap.ScreenBulk {
		t.Fatalf("a on a selection opened %s", m.screenName())
	}
	view := m.View()
	want := strings.Count(view, "→ ACTIVE")
	if want == 0 || !strings.Contains(view, "Nothing is sent yet") {
		t.Fatalf("plan:\n%s", view)
	}
	if n := srv.Calls(); countMethod(n, "reseller.subscriptions.activate") != 0 {
		t.Fatal("the plan sent something")
	}
	m = press(t, m, key("enter"))
	m = press(t, m, append(tuitest.Type("1"), key("enter"))...)
	if !strings.Contains(m.View(), fmt.Sprintf("Type %d, the number of rows", want)) || countMethod(srv.Calls(), "reseller.subscriptions.activate") != 0 {
		t.Fatalf("a wrong count must send nothing:\n%s", m.View())
	}
	m = press(t, m, key("backspace"))
	m = press(t, m, append(tuitest.Type(strconv.Itoa(want)), key("enter"))...)
	view = m.View()
	if _, ok := contains(view, fmt.Sprintf("done: %d applied, 0 failed", want), "100%", "E exports"); !ok {
		t.Fatalf("summary:\n%s", view)
	}
	if got := emuApplied(srv.Calls(), "reseller.subscriptions.activate"); got != want {
		t.Errorf("the emulator applied %d activations, want %d", got, want)
	}
	b := m.top().(bulk.Model)
	rows := bulkRows(t, path, b.BulkID())
	if len(rows) != want {
		t.Fatalf("%d audit rows for the bulk change, want %d", len(rows), want)
	}
	for _, r := range rows {
		if r.Outcome != audit.OutcomeApplied || r.Method != "subscriptions.activate" || r.Before["status"] != "SUSPENDED (RESELLER_INITIATED)" || r.After["status"] != "ACTIVE" {
			t.Errorf("audit row %+v", r)
		}
	}
	// E exports the summary: a CSV file only its owner can read.
	t.Chdir(t.TempDir())
	m = press(t, m, key("E"))
	file := "resold-bulk-" + b.BulkID() + ".csv"
	if !strings.Contains(m.View(), "Exported to ") {
		t.Fatalf("export:\n%s", m.View())
	}
	info, err := os.Stat(file)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("export file %v mode %v", err, info)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil || len(records) != want+1 || records[0][8] != "result" || records[1][8] != "applied" {
		t.Errorf("CSV %v %v", err, records[:min(2, len(records))])
	}
	// The table below shows the rows as the API returned them; esc
	// dismisses the last row's note, then leaves the summary for it.
	m = press(t, m, key("esc"), key("esc"))
	if m.screenName() != keymap.ScreenSubscriptions {
		t.Errorf("esc from the summary went to %s", m.screenName())
	}
	if strings.Contains(m.View(), "by reseller") {
		t.Errorf("the table still shows a suspended row:\n%s", m.View())
	}
}

func countMethod(calls []emulator.Call, method string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method {
			n++
		}
	}
	return n
}

func emuApplied(calls []emulator.Call, method string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method && c.Applied {
			n++
		}
	}
	return n
}

// faultyBulkEnv is the emulator of the bulk tests: 50 subscriptions
// suspended by the reseller, at QPS 2, 20% 503s and 10% lost answers, on
// an emulated clock that the client's retry waits move instead of
// sleeping.
type faultyBulkEnv struct {
	emu  *emutest.Emulator
	api  common.API
	subs []client.Subscription
	c    common.Common
	path string
	log  *audit.Log
}

func newFaultyBulkEnv(t *testing.T) *faultyBulkEnv {
	t.Helper()
	emu := emutest.New(t, emulator.Options{Initial: &emulator.State{}, Seed: 7, QPS: 2, Fail503: 0.2, DropResponse: 0.1})
	for i := range 50 {
		id := fmt.Sprintf("C9bulk%03d", i)
		emu.Customer(t, emulator.Customer{CustomerID: id, CustomerDomain: fmt.Sprintf("incident-%02d.example", i)})
		s := emutest.Flexible(id, "1010020027", 10, 4)
		s.SuspensionReasons = []string{"RESELLER_INITIATED"}
		emu.Subscription(t, s)
	}
	// Google's retry policy, its jitter fixed so the figures repeat.
	retry := client.DefaultRetryPolicy()
	retry.Rand = func() float64 { return 0.5 }
	cl, err := client.New(context.Background(), client.Config{Endpoint: emu.URL, Token: "demo", Retry: retry,
		Clock: emu.Clock.Now,
		Sleep: func(ctx context.Context, d time.Duration) error {
			emu.Clock.Advance(d)
			return ctx.Err()
		}})
	if err != nil {
		t.Fatal(err)
	}
	api := FromClient(cl)
	log, path := auditLog(t)
	c := syncCommon(api)
	c.Now = emu.Clock.Now
	c.Audit, c.Profile, c.Endpoint = log, "ops", audit.EndpointCustom
	c = c.WithSize(120, 30)
	env := &faultyBulkEnv{emu: emu, api: api, c: c, path: path, log: log}
	token := ""
	for {
		p, err := api.ListSubscriptions(context.Background(), client.Query{PageSize: client.MaxPageSize}, token)
		if err != nil {
			t.Fatal(err)
		}
		env.subs = append(env.subs, p.Rows...)
		if token = p.NextToken; token == "" {
			break
		}
	}
	if len(env.subs) != 50 {
		t.Fatalf("%d subscriptions seeded, want 50", len(env.subs))
	}
	return env
}

// confirm goes from the plan to sending: enter, the number of rows,
// enter. It returns the screen and the command that starts sending.
func confirm(t *testing.T, s common.Screen, n int) (common.Screen, tea.Cmd) {
	t.Helper()
	s, _ = tuitest.Press(t, s, key("enter"))
	s, _ = tuitest.Press(t, s, tuitest.Type(strconv.Itoa(n))...)
	return s.Update(key("enter"))
}

// TestBulkActivate50UnderFaults: a bulk activate of 50 rows at QPS 2 with
// 20% 503s and 10% lost answers applies each exactly once (the emulator's
// call record), records 50 outcomes and reaches 100%. It reports the
// run's emulated time and its requests.
func TestBulkActivate50UnderFaults(t *testing.T) {
	env := newFaultyBulkEnv(t)
	before := len(env.emu.Calls())
	start := env.emu.Clock.Now()
	s, cmd := confirm(t, bulk.New(env.c, message.EditActivate, env.subs), 50)
	s, _ = tuitest.Drive(t, s, cmd)
	b := s.(bulk.Model)
	if !b.Done() {
		t.Fatalf("not done:\n%s", b.View())
	}
	view := b.View()
	if _, ok := contains(view, "done: 50 applied, 0 failed, 0 skipped", "100%", "50/50"); !ok {
		t.Errorf("summary:\n%s", view)
	}
	calls := env.emu.Calls()[before:]
	perSub := map[string]int{}
	faults := map[string]int{}
	for _, c := range calls {
		if c.Method == "reseller.subscriptions.activate" && c.Applied {
			perSub[c.SubscriptionID]++
		}
		faults[c.Fault]++
	}
	if len(perSub) != 50 {
		t.Errorf("%d subscriptions activated, want 50", len(perSub))
	}
	for id, n := range perSub {
		if n != 1 {
			t.Errorf("subscription %s activated %d times", id, n)
		}
	}
	entries := readLog(t, env.path)
	outcomes := 0
	for _, e := range entries {
		if e.Bulk == b.BulkID() && e.Phase == audit.PhaseOutcome {
			outcomes++
		}
	}
	if outcomes != 50 {
		t.Errorf("%d audit outcomes, want 50", outcomes)
	}
	for _, r := range bulkRows(t, env.path, b.BulkID()) {
		if r.Outcome != audit.OutcomeApplied && r.Outcome != audit.OutcomeAlreadyApplied {
			t.Errorf("row %s: %s %s", r.SubscriptionID, r.Outcome, r.Message)
		}
	}
	t.Logf("50-row bulk activate, one row at a time, at QPS 2, 20%% 503s, 10%% lost answers: %s emulated, %d requests (%d activate, %d re-reads; faults: %d qps, %d 503, %d lost answers)",
		env.emu.Clock.Now().Sub(start), len(calls), countMethod(calls, "reseller.subscriptions.activate"),
		countMethod(calls, "reseller.subscriptions.get"), faults["qps"], faults["503"], countDropped(calls))
}

func countDropped(calls []emulator.Call) int {
	n := 0
	for _, c := range calls {
		if c.Dropped {
			n++
		}
	}
	return n
}

// TestBulkStopHalfwayThenResume: S halfway stops before the next row; the
// rows not sent stay on record, the next start offers them, and resuming
// sends exactly those: 50 applied once in all.
func TestBulkStopHalfwayThenResume(t *testing.T) {
	env := newFaultyBulkEnv(t)
	s, cmd := confirm(t, bulk.New(env.c, message.EditActivate, env.subs), 50)
	id := s.(bulk.Model).BulkID()
	// Drive by hand, pressing S as the 25th row's answer comes: that row
	// is on its way, the 26th not yet.
	queue := []tea.Cmd{cmd}
	answered, stopped := 0, false
	for n := 0; len(queue) > 0; n++ {
		if n > 2000 {
			t.Fatal("more than 2000 commands")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range tuitest.Msgs(c) {
			var next tea.Cmd
			if strings.HasSuffix(fmt.Sprintf("%T", msg), "rowMsg") {
				if answered++; answered == 25 && !stopped {
					stopped = true
					s, next = s.Update(key("S"))
					queue = append(queue, next)
				}
			}
			s, next = s.Update(msg)
			queue = append(queue, next)
		}
	}
	b := s.(bulk.Model)
	if !b.Done() || !strings.Contains(b.View(), "stopped: 25 applied, 0 failed, 0 skipped, 25 not sent") {
		t.Fatalf("after S:\n%s", b.View())
	}
	if got := emuApplied(env.emu.Calls(), "reseller.subscriptions.activate"); got != 25 {
		t.Fatalf("%d applied before the stop, want 25", got)
	}

	// The next start: the 25 rows not sent are offered.
	entries := readLog(t, env.path)
	unfinished := reconcile.Unfinished(entries, reconcile.Session{Profile: "ops", Endpoint: audit.EndpointCustom}, time.Now().Add(time.Hour))
	if len(unfinished) != 1 || unfinished[0].ID != id || len(unfinished[0].Remaining) != 25 || unfinished[0].Planned != 50 {
		t.Fatalf("unfinished = %+v", unfinished)
	}
	m := sized(env.c, 120, 30)
	next, _ := m.Update(message.Unfinished{Bulks: unfinished})
	m = next.(Model)
	if m.screenName() != keymap.ScreenBulk || !strings.Contains(m.View(), "stopped with 25 of 50 rows not sent") {
		t.Fatalf("the start offers:\n%s", m.View())
	}
	m = press(t, m, key("enter"))
	if !strings.Contains(m.View(), "25 to change, 0 skipped") {
		t.Fatalf("resumed plan:\n%s", m.View())
	}
	m = press(t, m, key("enter"))
	m = press(t, m, append(tuitest.Type("25"), key("enter"))...)
	if !strings.Contains(m.View(), "done: 25 applied, 0 failed") {
		t.Fatalf("resumed:\n%s", m.View())
	}
	perSub := map[string]int{}
	for _, c := range env.emu.Calls() {
		if c.Method == "reseller.subscriptions.activate" && c.Applied {
			perSub[c.SubscriptionID]++
		}
	}
	if len(perSub) != 50 {
		t.Errorf("%d subscriptions activated in all, want 50", len(perSub))
	}
	for sub, n := range perSub {
		if n != 1 {
			t.Errorf("%s activated %d times", sub, n)
		}
	}
	if rows := bulkRows(t, env.path, id); len(rows) != 50 {
		t.Errorf("%d audit rows under the bulk ID, want 50", len(rows))
	}
	if left := reconcile.Unfinished(readLog(t, env.path), reconcile.Session{Profile: "ops", Endpoint: audit.EndpointCustom}, time.Now().Add(time.Hour)); len(left) != 0 {
		t.Errorf("still unfinished after the resume: %+v", left)
	}
}

// TestQuitDuringABulkChangeThenResume: q while a row is being sent asks
// first and names the bulk change; quitting anyway lets that row finish
// and be recorded, sends no other, and the next start offers the rest.
func TestQuitDuringABulkChangeThenResume(t *testing.T) {
	log, path := auditLog(t)
	api, srv := emulatorAPI(t, emulator.Options{}, fastRetry)
	c := syncCommon(api)
	c.Audit, c.Profile, c.Endpoint = log, "ops", audit.EndpointCustom
	c.Writes = &inflight.Tracker{}
	m := sized(c, 120, 40)
	m = press(t, m, key("esc"), key("S"), key("/"))
	m = press(t, m, append(tuitest.Type("reseller_initiated"), key("enter"), key("*"), key("a"), key("enter"))...)
	n := m.top().(bulk.Model).Planned()
	m = press(t, m, tuitest.Type(strconv.Itoa(n))...)
	// enter records the rows; its answer starts the first row's write,
	// which is held here, on its way.
	m, msgs := update(t, m, key("enter"))
	var write tea.Cmd
	for _, msg := range msgs {
		next, cmd := m.Update(msg)
		m, write = next.(Model), cmd
	}
	if write == nil {
		t.Fatal("no row was started")
	}
	m, msgs = update(t, m, key("q"))
	if quits(msgs) || m.screenName() != keymap.ScreenQuitting || !strings.Contains(m.View(), "bulk activate") {
		t.Fatalf("q while a row is sent: on %s:\n%s", m.screenName(), m.View())
	}
	m, msgs = update(t, m, key("y"))
	if len(msgs) != 1 {
		t.Fatalf("y in the quit dialog produced %v, want the quit", msgs)
	}
	if _, msgs = update(t, m, msgs[0]); !quits(msgs) {
		t.Fatal("quit anyway did not quit")
	}
	// The row on its way finishes after the UI is gone, and is recorded.
	tuitest.Msgs(write)
	if got := emuApplied(srv.Calls(), "reseller.subscriptions.activate"); got != 1 {
		t.Fatalf("%d rows applied after quitting, want the one on its way", got)
	}
	unfinished := reconcile.Unfinished(readLog(t, path), reconcile.Session{Profile: "ops", Endpoint: audit.EndpointCustom}, time.Now().Add(time.Hour))
	if len(unfinished) != 1 || len(unfinished[0].Remaining) != n-1 {
		t.Fatalf("unfinished = %+v, want %d rows", unfinished, n-1)
	}

	// The next start looks for them and offers them; resuming sends
	// exactly those.
	start := New(c).Resuming(func() []audit.Bulk { return unfinished })
	next, _ := start.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, next.(Model), start.Init())
	if m.screenName() != keymap.ScreenBulk || !strings.Contains(m.View(), "Resume a bulk change?") {
		t.Fatalf("the start does not offer the rows:\n%s", m.View())
	}
	m = press(t, m, key("enter"), key("enter"))
	m = press(t, m, append(tuitest.Type(strconv.Itoa(n-1)), key("enter"))...)
	if !strings.Contains(m.View(), fmt.Sprintf("done: %d applied, 0 failed", n-1)) {
		t.Fatalf("resumed:\n%s", m.View())
	}
	if got := emuApplied(srv.Calls(), "reseller.subscriptions.activate"); got != n {
		t.Errorf("%d activations applied in all, want %d, each once", got, n)
	}
	if rows := bulkRows(t, path, unfinished[0].ID); len(rows) != n {
		t.Errorf("%d audit rows under the bulk ID, want %d", len(rows), n)
	}
}
