//go:build unix

package audit

import (
	"errors"
	"os"
	"syscall"
)

// lockLive creates the lock file at name and holds an exclusive lock on
// it for as long as the process keeps the file open; the kernel drops the
// lock when the process ends, however it ends.
func lockLive(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, fileMode)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// isLive reports whether the lock file at name is held: its process runs.
// A file left unlocked (a process that ended without Close) is removed.
func isLive(name string) bool {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true
	}
	if err == nil {
		os.Remove(name)
	}
	return false
}
