package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// DefaultPath returns $XDG_CONFIG_HOME/resold/config.yaml, or
// ~/.config/resold/config.yaml when XDG_CONFIG_HOME is unset or relative
// (the XDG spec says to ignore a relative one).
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("config: neither XDG_CONFIG_HOME nor HOME is set; pass the config path explicitly")
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "resold", "config.yaml"), nil
}

// expandPath expands a leading "~/" (or a bare "~") to the home directory
// and makes a relative path relative to base, the config file's directory,
// so the result does not depend on where resold was started.
func expandPath(p, base string) (string, error) {
	if p == "" {
		return "", nil
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot expand ~: HOME is not set")
		}
		p = filepath.Join(home, strings.TrimPrefix(p, "~"))
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return filepath.Clean(p), nil
}
