//go:build !unix

package audit

import (
	"errors"
	"os"
)

// lockLive is not available here: other processes cannot tell this one
// runs, and a start checks every interrupted change as before.
func lockLive(string) (*os.File, error) { return nil, errors.New("no file locks") }

// isLive cannot tell without file locks.
func isLive(string) bool { return false }

// removeStale has nothing to remove without file locks.
func removeStale(string) {}
