//go:build unix

package audit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// lockLive creates the lock file at name and holds an exclusive lock on
// it for as long as the process keeps the file open; the kernel drops the
// lock when the process ends, however it ends. The file is locked under a
// temporary name and then renamed, so a file at a lock's name is always
// locked while its process runs, and one found unlocked is stale.
func lockLive(name string) (*os.File, error) {
	tmp := name + ".new"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, fileMode)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, name); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	return f, nil
}

// removeStale removes the lock files in dir that no process holds: those
// of processes that ended without closing the log (a crash, a kill).
func removeStale(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, livePrefix+"*"))
	for _, n := range names {
		if !strings.HasSuffix(n, ".new") {
			isLive(n)
		}
	}
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
