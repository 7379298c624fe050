package audit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultPath returns where the audit log lives:
// $XDG_STATE_HOME/resold/audit.jsonl, or ~/.local/state/resold/audit.jsonl
// when XDG_STATE_HOME is unset or relative (the XDG spec says to ignore a
// relative value).
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "resold", "audit.jsonl"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("audit: no place for the audit log: %w", err)
	}
	if home == "" {
		return "", errors.New("audit: no place for the audit log: home directory unknown")
	}
	return filepath.Join(home, ".local", "state", "resold", "audit.jsonl"), nil
}
