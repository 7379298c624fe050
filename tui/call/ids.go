package call

import "sync/atomic"

// IDs mints request IDs. They are unique for the program's life, so a result
// can be matched to the one request a screen still waits for and every
// other answer dropped as stale.
type IDs struct{ n atomic.Uint64 }

// Next returns a new request ID; never 0, which means "no request".
func (i *IDs) Next() uint64 { return i.n.Add(1) }
