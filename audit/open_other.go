//go:build !unix

package audit

import (
	"fmt"
	"os"
)

// openFile opens the log at path for appending (write) or reading,
// refusing anything that is not a regular file. Without O_NOFOLLOW the
// check is made before opening.
func openFile(path string, write bool) (*os.File, error) {
	stat := os.Stat
	if write {
		stat = os.Lstat
	}
	if info, err := stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, notRegular(path, info.Mode())
	}
	flags := os.O_RDONLY
	if write {
		flags = os.O_RDWR | os.O_APPEND | os.O_CREATE
	}
	f, err := os.OpenFile(path, flags, fileMode)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return f, nil
}
