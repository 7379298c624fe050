package client

import "time"

// Instant is a moment as the Reseller API sends it: milliseconds since the
// Unix epoch. 0 means the API left it out. It takes 8 bytes where a
// time.Time takes 24, and a subscription holds four of them in every row
// of a table that can hold 100,000.
type Instant int64

// At is t as an Instant, to the millisecond; the zero time is 0.
func At(t time.Time) Instant {
	if t.IsZero() {
		return 0
	}
	return Instant(t.UnixMilli())
}

// IsZero reports whether the API left the moment out.
func (i Instant) IsZero() bool { return i == 0 }

// Time is the moment in UTC; 0 is the zero time.
func (i Instant) Time() time.Time {
	if i == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(i)).UTC()
}

// After reports whether the moment is after t.
func (i Instant) After(t time.Time) bool { return i.Time().After(t) }

// Before reports whether the moment is before t.
func (i Instant) Before(t time.Time) bool { return i.Time().Before(t) }

// Sub is the duration from t to the moment.
func (i Instant) Sub(t time.Time) time.Duration { return i.Time().Sub(t) }
