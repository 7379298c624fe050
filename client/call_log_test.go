package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"resold/emulator"
)

func TestCallLogRecordsAttempts(t *testing.T) {
	var hooked []CallRecord
	e := newEnv(t, emulator.Options{Customers: -1, QPS: 1}, func(c *Config) {
		c.OnCall = func(r CallRecord) { hooked = append(hooked, r) }
	})
	ctx := e.ctx(t)
	sub := e.subOf(t, emulator.IDFlex, "") // spends the QPS token
	if _, err := e.c.ChangeSeats(ctx, sub, 22); err != nil {
		t.Fatal(err)
	}
	calls := e.c.Calls()
	if len(calls) != 3 || len(hooked) != 3 {
		t.Fatalf("%d records (%d hooked), want 3: list, changeSeats 429, changeSeats 200", len(calls), len(hooked))
	}
	want := []struct {
		method  string
		status  int
		attempt int
	}{
		{"subscriptions.list", 200, 1},
		{"subscriptions.changeSeats", 429, 1},
		{"subscriptions.changeSeats", 200, 2},
	}
	for i, w := range want {
		r := calls[i]
		if r.Method != w.method || r.Status != w.status || r.Attempt != w.attempt {
			t.Errorf("record %d = %s %d attempt %d, want %s %d attempt %d", i, r.Method, r.Status, r.Attempt, w.method, w.status, w.attempt)
		}
		if r.Time.IsZero() || r.Latency < 0 {
			t.Errorf("record %d lacks time or latency: %+v", i, r)
		}
	}
	var later []CallRecord
	e.c.OnCall(func(r CallRecord) { later = append(later, r) })
	if _, err := e.c.GetCustomer(ctx, emulator.IDAcmeAnnual); err != nil {
		t.Fatal(err)
	}
	if len(later) == 0 || len(hooked) != 3 || later[len(later)-1].Method != "customers.get" || later[len(later)-1].Status != 200 {
		t.Errorf("after OnCall: %d new records, %d to the old hook", len(later), len(hooked))
	}
	if r := calls[1]; r.CustomerID != emulator.IDFlex || r.SubscriptionID != sub.ID || !strings.Contains(r.Err, "Quota exceeded") {
		t.Errorf("429 record = %+v", r)
	}
}

func TestCallLogIsBounded(t *testing.T) {
	var l callLog
	for i := range callLogSize + 37 {
		l.add(CallRecord{Attempt: i})
	}
	got := l.snapshot()
	if len(got) != callLogSize {
		t.Fatalf("%d records, want %d", len(got), callLogSize)
	}
	if got[0].Attempt != 37 || got[len(got)-1].Attempt != callLogSize+36 {
		t.Errorf("kept %d…%d, want the newest, oldest first", got[0].Attempt, got[len(got)-1].Attempt)
	}
}

// No token, key or transfer token appears in the call log, in error texts
// or in guidance, whatever fails.
func TestSecretsNeverShown(t *testing.T) {
	const bearer = "ya29.SECRET-bearer-4b1d"
	secrets := []string{bearer, emulator.TransferToken, emulator.ExpiredTransferToken}

	var texts []string
	collect := func(err error) {
		if err == nil {
			return
		}
		g := Explain(err)
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", g))
		if u := errors.Unwrap(err); u != nil {
			texts = append(texts, u.Error()) // the transport's own error
		}
	}
	// Answers from the emulator: a refused token, an expired transfer token.
	e := newEnv(t, emulator.Options{Customers: -1, Tokens: []string{bearer}}, func(c *Config) { c.Token = bearer })
	ctx := e.ctx(t)
	_, err := e.c.ListSubscriptions(ctx, Query{CustomerID: emulator.IDExpiredToken, CustomerAuthToken: emulator.ExpiredTransferToken}, "")
	collect(err)
	_, err = e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 1,
		TransferToken: emulator.TransferToken})
	collect(err)
	// No answer at all: the URL with the transfer token must not leak
	// through the transport error.
	dead := newEnv(t, emulator.Options{Customers: -1}, func(c *Config) {
		c.Token = bearer
		c.HTTPClient = &http.Client{Transport: &faultTransport{next: http.DefaultTransport, fail: func(*http.Request, int) bool { return true }}}
		c.Retry.MaxAttempts = 2
	})
	_, err = dead.c.ListSubscriptions(context.Background(), Query{CustomerID: emulator.IDTransfer, CustomerAuthToken: emulator.TransferToken}, "")
	collect(err)
	dead.ts.Close()
	c, _ := New(context.Background(), Config{Endpoint: dead.ts.URL, Token: bearer, Retry: RetryPolicy{Initial: time.Millisecond, MaxAttempts: 1}})
	_, err = c.InsertSubscription(context.Background(), emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 30,
		TransferToken: emulator.TransferToken})
	collect(err)

	for _, r := range append(append(e.c.Calls(), dead.c.Calls()...), c.Calls()...) {
		texts = append(texts, fmt.Sprintf("%+v", r))
	}
	if len(texts) < 8 {
		t.Fatalf("only %d texts collected", len(texts))
	}
	for _, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("secret %q shown in %q", s[:8]+"…", text)
			}
		}
	}
}
