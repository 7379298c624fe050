package client

import (
	"context"
	"errors"
	"testing"

	"resold/emulator"
)

// In read-only mode every write fails with ErrReadOnly before any request.
func TestReadOnlyRefusesEveryWriteWithoutIO(t *testing.T) {
	e := fixtureEnv(t, func(c *Config) { c.ReadOnly = true })
	sub := e.subOf(t, emulator.IDAcmeAnnual, "") // a read is allowed
	name := "New Name"
	writes := []struct {
		name string
		do   func(ctx context.Context) error
	}{
		{"InsertCustomer", func(ctx context.Context) error {
			_, err := e.c.InsertCustomer(ctx, newCustomer("ro.example"), "")
			return err
		}},
		{"UpdateCustomer", func(ctx context.Context) error {
			_, err := e.c.UpdateCustomer(ctx, emulator.IDAcmeAnnual, CustomerChanges{ContactName: &name})
			return err
		}},
		{"InsertSubscription", func(ctx context.Context) error {
			_, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "Google-Vault", Plan: PlanFlexible, Seats: 1})
			return err
		}},
		{"ChangeSeats", func(ctx context.Context) error { _, err := e.c.ChangeSeats(ctx, sub, 60); return err }},
		{"ChangePlan", func(ctx context.Context) error {
			_, err := e.c.ChangePlan(ctx, sub, PlanChange{Plan: PlanFlexible, Seats: 60})
			return err
		}},
		{"ChangeRenewal", func(ctx context.Context) error { _, err := e.c.ChangeRenewal(ctx, sub, RenewAutoMonthly); return err }},
		{"Suspend", func(ctx context.Context) error { _, err := e.c.Suspend(ctx, sub); return err }},
		{"Activate", func(ctx context.Context) error { _, err := e.c.Activate(ctx, sub); return err }},
		{"StartPaidService", func(ctx context.Context) error { _, err := e.c.StartPaidService(ctx, sub); return err }},
		{"Delete", func(ctx context.Context) error { return e.c.Delete(ctx, sub, DeletionTransferToDirect) }},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			err := w.do(e.ctx(t))
			if !errors.Is(err, ErrReadOnly) {
				t.Fatalf("error = %v, want ErrReadOnly", err)
			}
			if g := Explain(err); g.Case != "READONLY" {
				t.Errorf("Explain case %q", g.Case)
			}
		})
	}
	if n := e.writesSeen(); n != 0 {
		t.Errorf("the emulator saw %d requests from writes in read-only mode", n)
	}
	if n := len(e.c.Calls()); n != 1 {
		t.Errorf("the call log holds %d calls, want only the listing", n)
	}
}
