package client

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"resold/emulator"
)

// readOnlyWrites is every write, each valid on the fixtures, so that the
// only reason to refuse it is the client's role.
func readOnlyWrites(t *testing.T, e *env, c *Client) []struct {
	name string
	do   func(ctx context.Context) error
} {
	sub := e.subOf(t, emulator.IDAcmeAnnual, "")
	flex := e.subOf(t, emulator.IDFlex, "")
	name := "New Name"
	return []struct {
		name string
		do   func(ctx context.Context) error
	}{
		{"InsertCustomer", func(ctx context.Context) error {
			_, err := c.InsertCustomer(ctx, newCustomer("ro.example"), "")
			return err
		}},
		{"UpdateCustomer", func(ctx context.Context) error {
			_, err := c.UpdateCustomer(ctx, emulator.IDAcmeAnnual, CustomerChanges{ContactName: &name})
			return err
		}},
		{"InsertSubscription", func(ctx context.Context) error {
			_, err := c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "Google-Vault", Plan: PlanFlexible, Seats: 1})
			return err
		}},
		{"ChangeSeats", func(ctx context.Context) error { _, err := c.ChangeSeats(ctx, sub, 60); return err }},
		{"ChangePlan", func(ctx context.Context) error {
			_, err := c.ChangePlan(ctx, flex, PlanChange{Plan: PlanAnnualMonthly, Seats: 20})
			return err
		}},
		{"ChangeRenewal", func(ctx context.Context) error { _, err := c.ChangeRenewal(ctx, sub, RenewAutoMonthly); return err }},
		{"Suspend", func(ctx context.Context) error { _, err := c.Suspend(ctx, sub); return err }},
		{"Activate", func(ctx context.Context) error { _, err := c.Activate(ctx, sub); return err }},
		{"StartPaidService", func(ctx context.Context) error { _, err := c.StartPaidService(ctx, sub); return err }},
		{"Delete", func(ctx context.Context) error { return c.Delete(ctx, sub, DeletionTransferToDirect) }},
		{"TransferTogether", func(ctx context.Context) error {
			_, err := c.TransferTogether(ctx, emulator.IDTransfer, emulator.TransferToken,
				[]TransferOrder{{Row: Subscription{ID: "1", SKUID: "1010020028"}, Plan: PlanFlexible, Seats: 25}})
			return err
		}},
	}
}

// checkReadOnly runs every write on c and wants ErrReadOnly each time, no
// write request at the emulator and nothing in c's call log.
func checkReadOnly(t *testing.T, e *env, c *Client) {
	t.Helper()
	if !c.ReadOnly() {
		t.Fatal("ReadOnly() = false")
	}
	for _, w := range readOnlyWrites(t, e, c) {
		t.Run(w.name, func(t *testing.T) {
			err := w.do(e.ctx(t))
			if !errors.Is(err, ErrReadOnly) {
				t.Fatalf("error = %v, want ErrReadOnly", err)
			}
			if g := Explain(err); g.Case != CaseReadOnly {
				t.Errorf("Explain case %q", g.Case)
			}
		})
	}
	if n := e.writesSeen(); n != 0 {
		t.Errorf("the emulator saw %d requests from writes in read-only mode", n)
	}
	if n := len(c.Calls()); n != 0 {
		t.Errorf("the call log holds %d calls, want none", n)
	}
}

// In read-only mode every write fails with ErrReadOnly before any request.
func TestReadOnlyRefusesEveryWriteWithoutIO(t *testing.T) {
	e := fixtureEnv(t, func(c *Config) { c.ReadOnly = true })
	// Reads are allowed: a fresh view keeps the listings out of the log
	// checked below.
	checkReadOnly(t, e, e.c.View(false))
	if len(e.c.Calls()) == 0 {
		t.Error("the reads made no call")
	}
}

// countingTransport counts the requests that reach the network.
type countingTransport struct {
	next http.RoundTripper
	n    atomic.Int64
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}

// A read-only view of a write client refuses every write before any I/O,
// reads through the parent's connection, keeps its own call log, and
// leaves the parent able to write.
func TestReadOnlyViewOfAWriteClient(t *testing.T) {
	ct := &countingTransport{next: http.DefaultTransport}
	e := fixtureEnv(t, func(c *Config) { c.HTTPClient = &http.Client{Transport: ct} })
	if e.c.ReadOnly() {
		t.Fatal("the parent is read-only")
	}
	ro := e.c.View(true)
	checkReadOnly(t, e, ro)

	before, parentCalls := ct.n.Load(), len(e.c.Calls())
	if _, err := ro.GetSubscription(e.ctx(t), emulator.IDFlex, e.subOf(t, emulator.IDFlex, "").ID); err != nil {
		t.Fatalf("a read through the view: %v", err)
	}
	if got := ct.n.Load() - before; got != 2 { // subOf's listing and the read
		t.Errorf("%d requests on the shared transport, want 2", got)
	}
	if n := len(ro.Calls()); n != 1 {
		t.Errorf("the view's log holds %d calls, want its read only", n)
	}
	if n := len(e.c.Calls()) - parentCalls; n != 1 {
		t.Errorf("the parent's log gained %d calls, want subOf's listing only", n)
	}

	sub := e.subOf(t, emulator.IDFlex, "")
	if _, err := e.c.ChangeSeats(e.ctx(t), sub, sub.SeatLimit()+1); err != nil {
		t.Fatalf("the parent cannot write after a read-only view: %v", err)
	}
	if e.applied("subscriptions.changeSeats") != 1 {
		t.Error("the parent's write was not applied")
	}
	if v := ro.View(false); !v.ReadOnly() {
		t.Error("a view of a read-only view can write")
	}
}
