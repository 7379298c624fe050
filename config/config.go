package config

import (
	"fmt"
	"maps"
	"os"
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
	// Label is shown in the header for the top-level settings ("" for
	// none).
	Label string
	// Profile is the profile selected by default ("" for the top level):
	// default_profile in the file (profile, its older name, still works).
	Profile string
	// Profiles are the named profiles, already merged over the top-level
	// settings.
	Profiles map[string]Profile

	// AttentionTrialDays: the attention view lists trials that end within
	// this many days (default 7).
	AttentionTrialDays int
	// AttentionTermDays: the attention view lists annual terms that end
	// within this many days without renewing as annual (default 30).
	AttentionTermDays int
	// BulkConcurrency is how many rows of a bulk change are sent at once,
	// 1 to MaxBulkConcurrency (default 1), all through one rate limiter.
	BulkConcurrency int
}

// MaxBulkConcurrency bounds BulkConcurrency: the Reseller API's quota is
// per project, and more requests at once only meet more 429s.
const MaxBulkConcurrency = 4

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
	// Label is shown in the header beside the name, e.g. "ACME Reseller
	// (production)"; "" for none.
	Label string
}

// EnvProfile names the profile to use when --profile is not given.
const EnvProfile = "RESOLD_PROFILE"

// Defaults is the configuration used when there is no config file.
func Defaults() Config {
	return Config{Theme: ThemeDark, AttentionTrialDays: 7, AttentionTermDays: 30, BulkConcurrency: 1}
}

// Select returns the profile called name. "" means $RESOLD_PROFILE, then
// the file's default profile, then the top-level settings, named
// DefaultProfile (which is also what that name selects, unless a profile
// has it). An unknown name is an error listing the known ones.
func (c Config) Select(name string) (Profile, error) {
	if name == "" {
		name = strings.TrimSpace(os.Getenv(EnvProfile))
	}
	if name == "" {
		name = c.Profile
	}
	if p, ok := c.Profiles[name]; ok {
		return p, nil
	}
	if name == "" || name == DefaultProfile {
		return c.TopLevel(), nil
	}
	return Profile{}, fmt.Errorf("config: unknown profile %q (%s)", name, c.profileList())
}

// TopLevel is the profile of the settings at the top level of the file:
// the flat settings of a file without profiles.
func (c Config) TopLevel() Profile {
	return Profile{
		Name:        DefaultProfile,
		Credentials: c.Credentials,
		Subject:     c.Subject,
		Endpoint:    c.Endpoint,
		ReadOnly:    c.ReadOnly,
		Label:       c.Label,
	}
}

// List is every profile a switch can choose, sorted by name: the named
// ones, and the top-level settings as DefaultProfile when no profile takes
// that name and they are a profile of their own (the file has no profiles,
// or the top level says how to reach an API).
func (c Config) List() []Profile {
	out := make([]Profile, 0, len(c.Profiles)+1)
	_, taken := c.Profiles[DefaultProfile]
	own := len(c.Profiles) == 0 || c.Credentials != "" || c.Endpoint != ""
	if !taken && own {
		out = append(out, c.TopLevel())
	}
	for _, n := range slices.Sorted(maps.Keys(c.Profiles)) {
		out = append(out, c.Profiles[n])
	}
	slices.SortFunc(out, func(a, b Profile) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func (c Config) profileList() string {
	if len(c.Profiles) == 0 {
		return "the config file defines no profiles; " + DefaultProfile + " is its top-level settings"
	}
	names := make([]string, 0, len(c.Profiles)+1)
	for _, p := range c.List() {
		names = append(names, p.Name)
	}
	return "profiles: " + strings.Join(names, ", ")
}

// KeyMap returns the default key map with the file's keys applied. Read-only
// mode is left to the caller, which knows the selected profile.
func (c Config) KeyMap() (keymap.KeyMap, error) {
	return keymap.Default().Rebind(c.Keys)
}
