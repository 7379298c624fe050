package client

// Session returns a client for one user of a shared process (a session of
// `resold serve`): it shares c's service, and with it the HTTP transport,
// the token source and the retry policy, so every session draws on one
// token and one quota; it has a call log of its own, so one session's
// calls never show in another's log. With readOnly, or when c is
// read-only, every write returns ErrReadOnly before any network I/O, as
// with --read-only.
//
// Every field of Client is either shared here or deliberately per session;
// TestSessionSharesEveryField keeps that list honest when a field is added.
func (c *Client) Session(readOnly bool) *Client {
	s := &Client{
		svc:            c.svc,
		endpoint:       c.endpoint,
		readOnly:       c.readOnly || readOnly,
		retry:          c.retry,
		attemptTimeout: c.attemptTimeout,
		now:            c.now,
		wait:           c.wait,
	}
	if f := c.onCall.Load(); f != nil {
		s.onCall.Store(f)
	}
	return s
}
