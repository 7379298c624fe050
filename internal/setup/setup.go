// Package setup merges resold's settings for every command that talks to the
// Reseller API (the terminal UI and `resold serve`), so both read the same
// flags, environment and config file the same way: flags win over the
// environment, which wins over the config file.
package setup

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"time"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/emulator"
	"resold/keymap"
)

// Flags are the command-line settings shared by the commands that reach
// the API.
type Flags struct {
	Demo        bool
	Customers   int
	Credentials string
	Subject     string
	Endpoint    string
	ReadOnly    bool
	Light       bool
	ConfigPath  string
	Profile     string
	// set names the flags given on the command line: only those override
	// the config file.
	set map[string]bool
}

// Register defines the shared flags on fs, filling f when fs is parsed.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.BoolVar(&f.Demo, "demo", false, "run against the built-in Reseller API emulator (a DEMO badge shows it)")
	fs.IntVar(&f.Customers, "customers", emulator.DefaultCustomers, "with --demo: how many generated customers the emulator holds")
	fs.StringVar(&f.Credentials, "credentials", "", "service-account key file (default $"+client.EnvCredentials+")")
	fs.StringVar(&f.Subject, "subject", "", "reseller admin the service account acts as (default $"+client.EnvSubject+")")
	fs.StringVar(&f.Endpoint, "endpoint", "", "Reseller API root URL (default $"+client.EnvEndpoint+", else Google)")
	fs.BoolVar(&f.ReadOnly, "read-only", false, "disable every change (read-only scope)")
	fs.BoolVar(&f.Light, "light", false, "colours for a light terminal background")
	fs.StringVar(&f.ConfigPath, "config", "", "config file (default $XDG_CONFIG_HOME/resold/config.yaml)")
	fs.StringVar(&f.Profile, "profile", "", "profile of the config file to use (default $"+config.EnvProfile+", else the file's default_profile)")
}

// Parsed records which flags fs's command line set; call it after
// fs.Parse.
func (f *Flags) Parsed(fs *flag.FlagSet) {
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
}

// IsSet reports whether the command line set the flag name.
func (f Flags) IsSet(name string) bool { return f.set[name] }

// Settings are the merged settings of one run.
type Settings struct {
	// ConfigPath is the config file read (it may not exist).
	ConfigPath string
	// Config is the config file as read, for a later switch of profile.
	Config config.Config
	// Profile is the config profile in use.
	Profile config.Profile
	// Keys are the bindings, rebound from the config file.
	Keys keymap.KeyMap
	// Client is how to reach the API; Client.ReadOnly is the merged
	// read-only setting.
	Client client.Config
	// Light selects the light palette.
	Light bool
	// Demo runs against the built-in emulator with Customers generated
	// customers.
	Demo      bool
	Customers int
	// Building, once StartDemo has run, reports how far the emulator is
	// in building its customers, which it does in the background.
	Building func() (built, total int)
	// Attention are the attention view's thresholds and BulkConcurrency
	// how many rows of a bulk change go out at once (config file).
	Attention       client.AttentionRules
	BulkConcurrency int
}

// Load reads the config file and merges it with the environment and f.
// Its errors are problems in the settings (exit status 2); a config file
// error names the file and line.
func Load(f Flags) (Settings, error) {
	path := f.ConfigPath
	if path == "" {
		var err error
		if path, err = config.DefaultPath(); err != nil {
			return Settings{}, err
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return Settings{}, err
	}
	prof, err := cfg.Select(f.Profile)
	if err != nil {
		return Settings{}, err
	}
	keys, err := cfg.KeyMap()
	if err != nil {
		return Settings{}, fmt.Errorf("%s: %w", path, err)
	}
	s := Settings{ConfigPath: path, Config: cfg, Profile: prof, Keys: keys, Client: ClientConfig(f, prof),
		Light: cfg.Theme == config.ThemeLight, Demo: f.Demo, Customers: f.Customers,
		Attention:       client.AttentionRules{TrialDays: cfg.AttentionTrialDays, TermDays: cfg.AttentionTermDays},
		BulkConcurrency: cfg.BulkConcurrency}
	if f.set["light"] {
		s.Light = f.Light
	}
	return s, nil
}

// ClientConfig merges the client settings: flags first, then the
// environment fills what they left empty, then the config file's profile.
func ClientConfig(f Flags, prof config.Profile) client.Config {
	cc := client.ConfigFromEnv(client.Config{CredentialsFile: f.Credentials, Subject: f.Subject, Endpoint: f.Endpoint})
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&cc.CredentialsFile, prof.Credentials)
	fill(&cc.Subject, prof.Subject)
	fill(&cc.Endpoint, prof.Endpoint)
	cc.ReadOnly = prof.ReadOnly
	if f.set["read-only"] {
		cc.ReadOnly = f.ReadOnly
	}
	return cc
}

// StartDemo starts the built-in emulator on a free loopback port and points
// the client settings at it; stop shuts it down. The emulator takes any
// bearer token, so real credentials are never sent to it.
func (s *Settings) StartDemo() (stop func(), err error) {
	n := s.Customers
	if n == 0 {
		n = -1 // Options reads 0 as "the default"; --customers 0 means none
	}
	// The customers are built while the UI starts; calls wait for them.
	emu, err := emulator.Listen("127.0.0.1:0", emulator.Options{Customers: n, Seed: 1, Background: true})
	if err != nil {
		return nil, fmt.Errorf("starting the demo emulator: %w", err)
	}
	s.Client.Endpoint, s.Client.Token, s.Client.CredentialsFile, s.Client.Subject = emu.URL(), "demo", "", ""
	s.Building = emu.Server().Progress
	return func() {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = emu.Close(shut)
	}, nil
}

// AuditProfile names the profile in the audit log: "demo" against the
// built-in emulator.
func (s Settings) AuditProfile() string {
	if s.Demo {
		return "demo"
	}
	return s.Profile.Name
}

// Backend names, for the header, what the UI talks to: Google with the
// profile or the reseller admin it acts as, or a custom endpoint's host.
// The demo has its own badge.
func Backend(demo bool, profile, subject, endpoint string) string {
	switch {
	case demo:
		return ""
	case endpoint == client.DefaultEndpoint && profile != "" && profile != "default":
		return "Google · profile " + profile
	case endpoint == client.DefaultEndpoint && subject != "":
		return "Google · " + subject
	case endpoint == client.DefaultEndpoint:
		return "Google"
	}
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return "endpoint " + u.Host
	}
	return "custom endpoint"
}

// EndpointKind names, for the audit log, where writes go; never the URL.
func EndpointKind(demo bool, endpoint string) audit.EndpointKind {
	switch {
	case demo:
		return audit.EndpointEmulator
	case endpoint == client.DefaultEndpoint:
		return audit.EndpointGoogle
	}
	return audit.EndpointCustom
}

// OpenAudit opens the audit log at its default place,
// $XDG_STATE_HOME/resold/audit.jsonl.
func OpenAudit() (*audit.Log, error) {
	path, err := audit.DefaultPath()
	if err != nil {
		return nil, err
	}
	return audit.Open(path)
}

// NoCredentials says what to configure, and that the demo exists; command
// is how the user started resold ("resold" or "resold serve").
func NoCredentials(w io.Writer, command, configPath string) {
	fmt.Fprintf(w, `resold: no credentials to reach the Reseller API.

Set them in one of these ways (a flag wins over the environment, which wins over the file):
  --credentials FILE   or %s=FILE   a service-account key with domain-wide delegation
  --subject ADMIN      or %s=ADMIN           the reseller admin it acts as
  or "credentials:" and "subject:" in %s

Against an emulator or a proxy that takes a bearer token:
  --endpoint URL with %s=TOKEN

To look around without credentials, run the built-in emulator:
  %s --demo
`, client.EnvCredentials, client.EnvSubject, configPath, client.EnvToken, command)
}
