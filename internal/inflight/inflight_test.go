package inflight

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWaitReturnsAtOnceWhenIdle(t *testing.T) {
	var tr Tracker
	if err := tr.Wait(context.Background()); err != nil {
		t.Fatalf("Wait on an idle tracker: %v", err)
	}
}

func TestWaitEndsWhenTheLastWriteEnds(t *testing.T) {
	var tr Tracker
	endA := tr.Begin("a")
	endB := tr.Begin("b")
	if got := tr.Active(); len(got) != 2 || got[0].Label != "a" || got[1].Label != "b" {
		t.Fatalf("Active = %+v, want a then b", got)
	}
	done := make(chan error, 1)
	go func() { done <- tr.Wait(context.Background()) }()
	endA()
	endA() // twice is harmless
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v with b still in flight", err)
	default:
	}
	if tr.Len() != 1 {
		t.Fatalf("Len = %d after one end, want 1", tr.Len())
	}
	endB()
	if err := <-done; err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if tr.Len() != 0 {
		t.Fatalf("Len = %d, want 0", tr.Len())
	}
}

func TestWaitGivesUpWithItsContext(t *testing.T) {
	var tr Tracker
	defer tr.Begin("stuck")()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tr.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
}

func TestDetachKeepsValuesNotCancellation(t *testing.T) {
	type key struct{}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
	ctx, stop := Detach(parent, time.Hour)
	defer stop()
	cancel()
	if ctx.Err() != nil {
		t.Fatalf("detached context ended with its parent: %v", ctx.Err())
	}
	if ctx.Value(key{}) != "v" {
		t.Fatal("detached context lost its parent's values")
	}
	if _, ok := ctx.Deadline(); !ok {
		t.Fatal("detached context has no deadline")
	}
}
