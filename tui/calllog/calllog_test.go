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
