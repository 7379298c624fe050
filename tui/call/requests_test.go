package call

import "testing"

// tracked returns a request with ID id whose cancellation is counted.
func tracked(id uint64, cancelled map[uint64]int) Request {
	return Request{ID: id, cancel: func() { cancelled[id]++ }}
}

func TestRequestsCancelStopsOnlyTheCallWithThatID(t *testing.T) {
	cancelled := map[uint64]int{}
	var rs Requests
	rs[0], rs[1] = tracked(7, cancelled), tracked(8, cancelled)
	rs.Cancel(8)
	if cancelled[8] != 1 || cancelled[7] != 0 {
		t.Fatalf("cancelled = %v, want only 8", cancelled)
	}
	if !rs[1].Is(8) {
		t.Error("a cancelled call is still awaited: its answer says it was cancelled")
	}
	rs.Cancel(0)
	if len(cancelled) != 1 {
		t.Errorf("Cancel(0) stopped %v; 0 is no request", cancelled)
	}
}

func TestRequestsCloseStopsEveryCall(t *testing.T) {
	cancelled := map[uint64]int{}
	var rs Requests
	rs[0], rs[1] = tracked(1, cancelled), tracked(2, cancelled)
	rs.Close()
	if cancelled[1] != 1 || cancelled[2] != 1 {
		t.Errorf("cancelled = %v, want both", cancelled)
	}
}

func TestRequestsForgetAndAnswered(t *testing.T) {
	cancelled := map[uint64]int{}
	var rs Requests
	rs[0], rs[1] = tracked(3, cancelled), tracked(4, cancelled)
	if rs[0].Answered(4) {
		t.Error("slot 0 took the answer of request 4")
	}
	if !rs[1].Answered(4) || rs[1].Pending() {
		t.Error("request 4's answer left it awaited")
	}
	if !rs.Forget(3) || rs[0].Pending() {
		t.Error("Forget(3) left request 3 awaited")
	}
	if rs.Forget(3) {
		t.Error("Forget found request 3 twice")
	}
	if len(cancelled) != 0 {
		t.Errorf("answers cancelled %v; an answered call has ended", cancelled)
	}
}

func TestRequestStopCancelsAndForgets(t *testing.T) {
	cancelled := map[uint64]int{}
	r := tracked(5, cancelled)
	r.Stop()
	if cancelled[5] != 1 || r.Pending() {
		t.Errorf("after Stop: cancelled = %v, pending = %v", cancelled, r.Pending())
	}
	var zero Request
	zero.Stop() // safe on the zero Request
}
