package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Mode is the permission of every file an export writes: it holds customer
// data, so only its owner may read it.
const Mode fs.FileMode = 0o600

// ErrExists is returned by WriteFile when the file exists and overwriting
// was not asked for.
var ErrExists = errors.New("the file exists")

// DefaultName is the file name an export offers by default:
// resold-subscriptions-YYYYMMDD-HHMMSS.csv in local time.
func DefaultName(what string, now time.Time, f Format) string {
	return "resold-" + what + "-" + now.Format("20060102-150405") + f.Ext()
}

// Exists reports whether something is at path (a link too, even dangling).
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// WriteFile writes path with fill, mode 0600. The data goes to a
// temporary file in the same folder first, so a cancelled or failed export
// leaves nothing behind and an existing file is never half overwritten.
// Without overwrite an existing path is refused with ErrExists, checked
// atomically as the file is put in place; with it the file is replaced.
func WriteFile(path string, overwrite bool, fill func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("no file name")
	}
	if !overwrite && Exists(path) {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".resold-export-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	// CreateTemp makes 0600 already; Chmod says so whatever the umask.
	if err = tmp.Chmod(Mode); err != nil {
		return err
	}
	if err = fill(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if overwrite {
		return os.Rename(tmpName, path)
	}
	// A hard link fails if path appeared meanwhile: the no-overwrite
	// promise holds even against a race.
	if lerr := os.Link(tmpName, path); lerr != nil {
		if errors.Is(lerr, fs.ErrExist) {
			err = fmt.Errorf("%s: %w", path, ErrExists)
			return err
		}
		// A file system without hard links: fall back to an exclusive
		// create, which still never replaces a file.
		err = copyExclusive(tmpName, path)
		if err == nil {
			_ = os.Remove(tmpName)
		}
		return err
	}
	_ = os.Remove(tmpName)
	return nil
}

// copyExclusive copies src to a new file dst (O_EXCL, mode 0600).
func copyExclusive(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", dst, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

// indent re-indents a JSON document for reading.
func indent(b []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
