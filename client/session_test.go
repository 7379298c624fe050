package client

import (
	"errors"
	"reflect"
	"testing"

	"resold/emulator"
)

// A read-only session of a writing client refuses writes before any
// request, reads through the shared service, and keeps its own call log;
// the parent client still writes.
func TestSessionReadOnlyView(t *testing.T) {
	e := fixtureEnv(t)
	ro := e.c.Session(true)
	if !ro.ReadOnly() || e.c.ReadOnly() {
		t.Fatalf("read-only: session %v, parent %v", ro.ReadOnly(), e.c.ReadOnly())
	}
	listed := e.subOf(t, emulator.IDFlex, "") // one call in the parent's log
	sub, err := ro.GetSubscription(e.ctx(t), listed.CustomerID, listed.ID)
	if err != nil {
		t.Fatalf("read through the session: %v", err)
	}
	if _, err := ro.ChangeSeats(e.ctx(t), sub, sub.MaximumSeats+1); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("session write: %v, want ErrReadOnly", err)
	}
	if n := e.writesSeen(); n != 0 {
		t.Errorf("the emulator saw %d writes from the read-only session", n)
	}
	if n := len(ro.Calls()); n != 1 {
		t.Errorf("session call log holds %d calls, want its one read", n)
	}
	if n := len(e.c.Calls()); n != 1 {
		t.Errorf("parent call log holds %d calls, want its one listing (the session's are its own)", n)
	}
	w := e.c.Session(false)
	if _, err := w.ChangeSeats(e.ctx(t), sub, sub.MaximumSeats+1); err != nil {
		t.Fatalf("write session: %v", err)
	}
	if n := e.writesSeen(); n != 1 {
		t.Errorf("the emulator saw %d writes, want 1", n)
	}
}

// A session of a read-only client is read-only whatever it asks for.
func TestSessionOfReadOnlyClientStaysReadOnly(t *testing.T) {
	e := fixtureEnv(t, func(c *Config) { c.ReadOnly = true })
	if !e.c.Session(false).ReadOnly() {
		t.Error("a session of a read-only client can write")
	}
}

// Every field of Client is either shared by Session or per session on
// purpose: a new field (say, a shared rate limiter) must be placed in one
// list, or sessions would silently stop sharing it.
func TestSessionSharesEveryField(t *testing.T) {
	shared := map[string]bool{"svc": true, "endpoint": true, "retry": true, "attemptTimeout": true, "now": true, "wait": true}
	perSession := map[string]bool{"readOnly": true, "log": true, "onCall": true}
	typ := reflect.TypeFor[Client]()
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if !shared[name] && !perSession[name] {
			t.Errorf("Client.%s is neither shared by Session nor listed as per session", name)
		}
	}
}
