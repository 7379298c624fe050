package config

import (
	"path/filepath"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name string
		xdg  string
		want string
	}{
		{"XDG_CONFIG_HOME wins", "/xdg", "/xdg/resold/config.yaml"},
		{"unset falls back to ~/.config", "", filepath.Join(home, ".config", "resold", "config.yaml")},
		{"relative is ignored, as the XDG spec says", "relative/dir", filepath.Join(home, ".config", "resold", "config.yaml")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", tt.xdg)
			got, err := DefaultPath()
			if err != nil || got != tt.want {
				t.Errorf("DefaultPath() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestExpandPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		name, in, want string
	}{
		{"empty stays empty", "", ""},
		{"tilde slash", "~/keys/sa.json", filepath.Join(home, "keys/sa.json")},
		{"bare tilde", "~", home},
		{"absolute untouched", "/etc/sa.json", "/etc/sa.json"},
		{"relative is beside the config file", "sa.json", "/cfg/sa.json"},
		{"tilde-user is not expanded", "~bob/sa.json", "/cfg/~bob/sa.json"},
		{"cleaned", "/etc/../etc/sa.json", "/etc/sa.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expandPath(tt.in, "/cfg")
			if err != nil || got != tt.want {
				t.Errorf("expandPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
