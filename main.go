// Command resold is a keyboard-driven terminal UI for people who support
// Google Workspace resellers, with a built-in Reseller API emulator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/emulator"
	"resold/internal/cliflags"
	"resold/internal/inflight"
	"resold/theme"
	"resold/tui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "emulator":
			return emulator.RunCommand(ctx, args[1:], stdout, stderr)
		case "audit":
			return audit.RunCommand(ctx, args[1:], stdout, stderr)
		case "version":
			fmt.Fprintf(stdout, "resold %s\n", version)
			return 0
		case "help":
			usage(stdout, tuiFlags(&flags{}))
			return 0
		}
	}
	return runTUI(ctx, args, stdout, stderr)
}

// flags are the terminal UI's command line; they win over the environment,
// which wins over the config file.
type flags struct {
	demo        bool
	customers   int
	credentials string
	subject     string
	endpoint    string
	readOnly    bool
	light       bool
	configPath  string
	profile     string
	set         map[string]bool
}

func parseFlags(args []string, stdout io.Writer) (flags, error) {
	var f flags
	fs := tuiFlags(&f)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
		}
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unknown command %q", fs.Arg(0))
	}
	if f.customers < 0 {
		return f, fmt.Errorf("--customers: want 0 or more, got %d", f.customers)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	return f, nil
}

// tuiFlags is the terminal UI's flag set, writing into f.
func tuiFlags(f *flags) *flag.FlagSet {
	fs := flag.NewFlagSet("resold", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&f.demo, "demo", false, "run against the built-in Reseller API emulator (a DEMO badge shows it)")
	fs.IntVar(&f.customers, "customers", emulator.DefaultCustomers, "with --demo: how many generated customers the emulator holds")
	fs.StringVar(&f.credentials, "credentials", "", "service-account key file (default $"+client.EnvCredentials+")")
	fs.StringVar(&f.subject, "subject", "", "reseller admin the service account acts as (default $"+client.EnvSubject+")")
	fs.StringVar(&f.endpoint, "endpoint", "", "Reseller API root URL (default $"+client.EnvEndpoint+", else Google)")
	fs.BoolVar(&f.readOnly, "read-only", false, "disable every change (read-only scope)")
	fs.BoolVar(&f.light, "light", false, "colours for a light terminal background")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/resold/config.yaml)")
	fs.StringVar(&f.profile, "profile", "", "profile of the config file to use")
	return fs
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage:
  resold [flags]            the terminal UI (resold --demo to try it on the emulator)
  resold emulator [flags]   run the Reseller API emulator (resold emulator --help for flags)
  resold audit [flags]      print the audit log of changes (resold audit --help for flags)
  resold version            print the version
`)
	if fs != nil {
		fmt.Fprintln(w, "\nflags:")
		cliflags.Print(w, fs)
	}
}

// runTUI merges the settings, builds the client (or the demo emulator) and
// runs the UI.
func runTUI(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		cliflags.Problem(stderr, "resold", err)
		return 2
	}
	path := f.configPath
	if path == "" {
		if path, err = config.DefaultPath(); err != nil {
			fmt.Fprintf(stderr, "resold: %v\n", err)
			return 2
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 2
	}
	prof, err := cfg.Select(f.profile)
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 2
	}
	keys, err := cfg.KeyMap()
	if err != nil {
		fmt.Fprintf(stderr, "resold: %s: %v\n", path, err)
		return 2
	}

	cc := clientConfig(f, prof)
	light := cfg.Theme == config.ThemeLight
	if f.set["light"] {
		light = f.light
	}
	cc.Warn = func(s string) { fmt.Fprintf(stderr, "resold: warning: %s\n", s) }

	if f.demo {
		n := f.customers
		if n == 0 {
			n = -1 // Options reads 0 as "the default"; --customers 0 means none
		}
		emu, err := emulator.Listen("127.0.0.1:0", emulator.Options{Customers: n, Seed: 1})
		if err != nil {
			fmt.Fprintf(stderr, "resold: starting the demo emulator: %v\n", err)
			return 1
		}
		defer func() {
			shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = emu.Close(shut)
		}()
		// The emulator takes any bearer token; real credentials are never
		// sent to it.
		cc.Endpoint, cc.Token, cc.CredentialsFile, cc.Subject = emu.URL(), "demo", "", ""
	}

	cl, err := client.New(ctx, cc)
	if errors.Is(err, client.ErrNoCredentials) {
		noCredentials(stderr, path)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 2
	}
	o := tui.Options{
		API:      tui.FromClient(cl),
		Theme:    theme.New(theme.FromEnv(light)),
		Keys:     keys,
		Demo:     f.demo,
		ReadOnly: cc.ReadOnly,
		Profile:  prof.Name,
		Endpoint: endpointKind(f.demo, cl.Endpoint()),
		Backend:  backend(f.demo, prof.Name, cc.Subject, cl.Endpoint()),
	}
	if f.demo {
		o.Profile = "demo"
	}
	if !cc.ReadOnly {
		// Every change is recorded: without the audit log, no change.
		auditLog, err := openAudit()
		if err != nil {
			fmt.Fprintf(stderr, "resold: %v\nChanges are recorded in the audit log; fix its location or start with --read-only.\n", err)
			return 1
		}
		defer auditLog.Close()
		if w := auditLog.Warning(); w != "" {
			fmt.Fprintf(stderr, "resold: warning: %s\n", w)
		}
		o.Audit = auditLog
	}
	o.Writes = &inflight.Tracker{}
	err = tui.Run(ctx, o)
	waitForWrites(o.Writes, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 1
	}
	return 0
}

// waitForWrites gives the changes still being sent a bounded grace to end
// and be recorded in the audit log before the process exits.
func waitForWrites(w *inflight.Tracker, stderr io.Writer) {
	active := w.Active()
	if len(active) == 0 {
		return
	}
	fmt.Fprintf(stderr, "resold: waiting up to %s for %d change(s) being sent: %s\n", inflight.Grace, len(active), active[0].Label)
	ctx, cancel := context.WithTimeout(context.Background(), inflight.Grace)
	defer cancel()
	if err := w.Wait(ctx); err != nil {
		fmt.Fprintf(stderr, "resold: gave up waiting; the audit log keeps the change's intent for the next start to check\n")
	}
}

// openAudit opens the audit log at its default place,
// $XDG_STATE_HOME/resold/audit.jsonl.
func openAudit() (*audit.Log, error) {
	path, err := audit.DefaultPath()
	if err != nil {
		return nil, err
	}
	return audit.Open(path)
}

// endpointKind names, for the audit log, where writes go; never the URL.
func endpointKind(demo bool, endpoint string) audit.EndpointKind {
	switch {
	case demo:
		return audit.EndpointEmulator
	case endpoint == client.DefaultEndpoint:
		return audit.EndpointGoogle
	}
	return audit.EndpointCustom
}

// backend names, for the header, what the UI talks to: Google with the
// profile or the reseller admin it acts as, or a custom endpoint's host.
// The demo has its own badge.
func backend(demo bool, profile, subject, endpoint string) string {
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

// clientConfig merges the settings: flags first, then the environment fills
// what they left empty, then the config file's profile: flags >
// environment > config file.
func clientConfig(f flags, prof config.Profile) client.Config {
	cc := client.ConfigFromEnv(client.Config{CredentialsFile: f.credentials, Subject: f.subject, Endpoint: f.endpoint})
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
		cc.ReadOnly = f.readOnly
	}
	return cc
}

// noCredentials says what to configure, and that the demo exists.
func noCredentials(w io.Writer, configPath string) {
	fmt.Fprintf(w, `resold: no credentials to reach the Reseller API.

Set them in one of these ways (a flag wins over the environment, which wins over the file):
  --credentials FILE   or %s=FILE   a service-account key with domain-wide delegation
  --subject ADMIN      or %s=ADMIN           the reseller admin it acts as
  or "credentials:" and "subject:" in %s

Against an emulator or a proxy that takes a bearer token:
  --endpoint URL with %s=TOKEN

To look around without credentials, run the built-in emulator:
  resold --demo
`, client.EnvCredentials, client.EnvSubject, configPath, client.EnvToken)
}
