package config

import (
	"fmt"
	"slices"
	"strings"

	"resold/keymap"
)

// DefaultProfile is the name recorded for the settings at the top level of
// the file, used when no named profile is selected.
const DefaultProfile = "default"

// Theme names accepted by the theme setting.
const (
	// ThemeDark is the default theme.
	ThemeDark = "dark"
	// ThemeLight is the theme for light terminal backgrounds.
	ThemeLight = "light"
)

// Config is the parsed config file.
type Config struct {
	// Path is the file the config was read from (it may not exist).
	Path string
	// Credentials is the path of a service-account key file, ~ expanded and
	// made absolute relative to the config file's directory.
	Credentials string
	// Subject is the reseller admin to impersonate.
	Subject string
	// Endpoint overrides the Reseller API base URL (e.g. the emulator).
	Endpoint string
	// ReadOnly disables every write.
	ReadOnly bool
	// Theme is ThemeDark or ThemeLight.
	Theme string
	// Keys rebinds keys: "screen.action" or "action" to key names, in the
	// form keymap.KeyMap.Rebind takes.
	Keys map[string][]string
	// Profile is the profile selected by default ("" for the top level).
	Profile string
	// Profiles are the named profiles, already merged over the top-level
	// settings.
	Profiles map[string]Profile
}

// Profile is one set of connection settings.
type Profile struct {
	// Name identifies the profile in the UI and the audit log.
	Name string
	// Credentials is the path of a service-account key file.
	Credentials string
	// Subject is the reseller admin to impersonate.
	Subject string
	// Endpoint overrides the Reseller API base URL.
	Endpoint string
	// ReadOnly disables every write.
	ReadOnly bool
}

// Defaults is the configuration used when there is no config file.
func Defaults() Config {
	return Config{Theme: ThemeDark}
}

// Select returns the profile called name; "" means the file's default
// profile, or the top-level settings (named DefaultProfile) when it has none.
func (c Config) Select(name string) (Profile, error) {
	if name == "" {
		name = c.Profile
	}
	if name == "" {
		return Profile{
			Name:        DefaultProfile,
			Credentials: c.Credentials,
			Subject:     c.Subject,
			Endpoint:    c.Endpoint,
			ReadOnly:    c.ReadOnly,
		}, nil
	}
	if p, ok := c.Profiles[name]; ok {
		return p, nil
	}
	return Profile{}, fmt.Errorf("config: unknown profile %q (%s)", name, c.profileList())
}

func (c Config) profileList() string {
	if len(c.Profiles) == 0 {
		return "the config file defines no profiles"
	}
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return "profiles: " + strings.Join(names, ", ")
}

// KeyMap returns the default key map with the file's keys applied. Read-only
// mode is left to the caller, which knows the selected profile.
func (c Config) KeyMap() (keymap.KeyMap, error) {
	return keymap.Default().Rebind(c.Keys)
}
