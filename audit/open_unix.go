//go:build unix

package audit

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// openFile opens the log at path for appending (write) or reading. It
// never blocks (O_NONBLOCK: a FIFO with no writer or reader would hang),
// refuses anything that is not a regular file, and for writing never
// follows a symbolic link (O_NOFOLLOW): appends must not land in a file
// someone pointed the log at. Reading (resold audit --file) may follow
// one. Once the file is known to be regular, blocking mode is restored.
func openFile(path string, write bool) (*os.File, error) {
	stat := os.Stat
	if write {
		stat = os.Lstat
	}
	if info, err := stat(path); err == nil && !info.Mode().IsRegular() {
		// Refused before opening: opening a device can have effects.
		return nil, notRegular(path, info.Mode())
	}
	flags := syscall.O_RDONLY
	if write {
		flags = syscall.O_RDWR | syscall.O_APPEND | syscall.O_CREAT | syscall.O_NOFOLLOW
	}
	flags |= syscall.O_NONBLOCK | syscall.O_CLOEXEC
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, flags, uint32(fileMode))
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			// Swapped for a link after the check above.
			return nil, notRegular(path, os.ModeSymlink)
		}
		return nil, fmt.Errorf("audit: %w", &os.PathError{Op: "open", Path: path, Err: err})
	}
	f := os.NewFile(uintptr(fd), path)
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %w", err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, info.Mode())
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %w", &os.PathError{Op: "open", Path: path, Err: err})
	}
	return f, nil
}
