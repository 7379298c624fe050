package calllog

import (
	"strings"
	"testing"
	"time"

	"resold/client"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func TestShowsCallsAndFollowsNewOnes(t *testing.T) {
	api := &fake.API{Log: []client.CallRecord{
		{Time: tuitest.Now, Method: "customers.get", CustomerID: "C0acme001", Status: 200, Latency: 12 * time.Millisecond, Attempt: 1},
		{Time: tuitest.Now, Method: "subscriptions.list", CustomerID: "C0acme001", Status: 429, Latency: 3 * time.Millisecond, Attempt: 1, Err: "429 quotaExceeded"},
	}}
	s := common.Screen(New(tuitest.Common(api, 100, 10)))
	view := s.View()
	for _, want := range []string{"customers.get", "200", "12ms", "#1", "C0acme001", "subscriptions.list", "429 quotaExceeded", "✗"} {
		if !strings.Contains(view, want) {
			t.Errorf("log lacks %q:\n%s", want, view)
		}
	}
	tuitest.CheckLayout(t, view, 100, 10)
	api.Log = append(api.Log, client.CallRecord{Time: tuitest.Now, Method: "subscriptions.get", Status: 200, Attempt: 2})
	s, _ = s.Update(call.FailedMsg{})
	if !strings.Contains(s.View(), "subscriptions.get") || s.Info() != "3 calls" {
		t.Errorf("a finished call did not refresh the log:\n%s", s.View())
	}
}

func TestEmptyLog(t *testing.T) {
	s := New(tuitest.Common(&fake.API{}, 80, 5))
	if !strings.Contains(s.View(), "No API call yet.") {
		t.Errorf("view:\n%s", s.View())
	}
}

// enter on a row opens that call in full, whatever the column cut off:
// the request sent (a list's parameters too), status, reason, message,
// latency and attempt.
func TestEnterOpensTheSelectedCall(t *testing.T) {
	api := &fake.API{Log: []client.CallRecord{
		{Time: tuitest.Now, Method: "subscriptions.list", CustomerID: "C0xexp001", Status: 403, Latency: 1500 * time.Millisecond, Attempt: 1,
			Reason: "forbidden", Err: "Forbidden: the customerAuthToken is invalid or has expired (transfer tokens are valid for 30 days).",
			Query: map[string]string{"customerAuthToken": "[redacted]", "customerId": "C0xexp001", "maxResults": "100"}},
		{Time: tuitest.Now, Method: "customers.get", CustomerID: "C0acme001", Status: 200, Latency: 12 * time.Millisecond, Attempt: 2},
	}}
	s := common.Screen(New(tuitest.Common(api, 80, 10)))
	s, _ = s.Update(tuitest.Key("up"))
	_, cmd := s.Update(tuitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter did nothing")
	}
	open, ok := cmd().(message.OpenText)
	if !ok {
		t.Fatalf("enter sent %T, want message.OpenText", cmd())
	}
	text := ""
	for _, sec := range open.Sections {
		text += sec.Label + ": " + sec.Text + "\n"
	}
	for _, want := range []string{"Method: subscriptions.list", "maxResults=100", "customerAuthToken=[redacted]", "Status: HTTP 403", "Reason: forbidden",
		"valid for 30 days).", "Latency: 1.5s", "Attempt: 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
}
