package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"resold/audit"
)

// hostKeyMode is the host key's mode: whoever reads it can pose as this
// server.
const hostKeyMode fs.FileMode = 0o600

// DefaultHostKeyPath is $XDG_STATE_HOME/resold/ssh_host_ed25519_key, next
// to the audit log.
func DefaultHostKeyPath() (string, error) {
	p, err := audit.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("no place for the host key: %w", err)
	}
	return filepath.Join(filepath.Dir(p), "ssh_host_ed25519_key"), nil
}

// HostKey loads the server's private key from path, or, when there is no
// file, generates an ed25519 key and writes it there (mode 0600, parent
// directories 0700). created says which. A key file others can read is
// refused, as OpenSSH refuses one: it may have been copied.
func HostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		signer, err := newHostKey(path)
		return signer, err == nil, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	if perm := info.Mode().Perm(); perm&^hostKeyMode != 0 {
		return nil, false, fmt.Errorf("host key %s has mode %04o: others may have read it; run chmod 600 %s, or remove it for a new key (clients will then warn that the key changed)", path, perm, path)
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, false, nil
}

func newHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "resold serve host key")
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	// O_EXCL: two servers starting at once must not each write a key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, hostKeyMode)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := pem.Encode(f, block); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	return gossh.NewSignerFromKey(priv)
}
