package call

// Requests is a screen's bookkeeping of the calls it waits for, at most
// one of each kind. The screen names its kinds with constants from 0
// (readRecord, listSubs…) and keeps each call in its slot: m.calls[k],
// cmd = m.c.Call(…). Being an array, it is copied with the screen's model
// like every other field. No screen waits for more than two kinds of call.
type Requests [4]Request

// Cancel stops the call with request ID id, if the screen waits for it;
// the screen still waits for its answer (a cancellation).
func (rs Requests) Cancel(id uint64) {
	for _, r := range rs {
		if r.Is(id) {
			r.Cancel()
		}
	}
}

// Close stops every call; the screen is being left for good.
func (rs Requests) Close() {
	for _, r := range rs {
		r.Cancel()
	}
}

// Forget stops waiting for the call with request ID id, whichever its kind
// (it failed); false when the screen did not wait for it.
func (rs *Requests) Forget(id uint64) bool {
	for i := range rs {
		if rs[i].Answered(id) {
			return true
		}
	}
	return false
}
