// Command resold is a keyboard-driven terminal UI for people who support
// Google Workspace resellers, with a built-in Reseller API emulator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/emulator"
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
			usage(stdout, nil)
			return 0
		}
	}
	return runTUI(ctx, args, stderr)
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

func parseFlags(args []string, stderr io.Writer) (flags, error) {
	var f flags
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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stderr, fs)
		}
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	return f, nil
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage:
  resold [flags]            the terminal UI (resold --demo to try it on the emulator)
  resold emulator [flags]   run the Reseller API emulator (resold emulator -h for flags)
  resold audit [flags]      print the audit log of changes (resold audit -h for flags)
  resold version            print the version
`)
	if fs != nil {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// runTUI merges the settings, builds the client (or the demo emulator) and
// runs the UI.
func runTUI(ctx context.Context, args []string, stderr io.Writer) int {
	f, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		usage(stderr, nil)
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

	var building func() (built, total int)
	if f.demo {
		// The customers are built while the UI starts; calls wait for them.
		emu, err := emulator.Listen("127.0.0.1:0", emulator.Options{Customers: f.customers, Seed: 1, Background: true})
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
		building = emu.Server().Progress
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
	}
	if f.demo {
		o.Profile = "demo"
		o.Building = building
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

To look around without credentials, run the built-in emulator:
  resold --demo
`, client.EnvCredentials, client.EnvSubject, configPath)
}
