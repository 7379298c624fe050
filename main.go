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

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/internal/inflight"
	"resold/internal/reconcile"
	"resold/internal/serve"
	"resold/internal/setup"
	"resold/theme"
	"resold/tui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		// The server owns its signals: SIGHUP re-reads its users file, where
		// it would end the terminal UI.
		os.Exit(serve.RunCommand(context.Background(), os.Args[2:], os.Stdout, os.Stderr))
	}
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
		case "serve":
			return serve.RunCommand(ctx, args[1:], stdout, stderr)
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

func parseFlags(args []string, stderr io.Writer) (setup.Flags, error) {
	var f setup.Flags
	fs := flag.NewFlagSet("resold", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.Register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stderr, fs)
		}
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	f.Parsed(fs)
	return f, nil
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage:
  resold [flags]            the terminal UI (resold --demo to try it on the emulator)
  resold serve [flags]      serve the terminal UI over SSH to a team (resold serve -h for flags)
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
	st, err := setup.Load(f)
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 2
	}
	cc := &st.Client
	cc.Warn = func(s string) { fmt.Fprintf(stderr, "resold: warning: %s\n", s) }

	if st.Demo {
		stop, err := st.StartDemo()
		if err != nil {
			fmt.Fprintf(stderr, "resold: %v\n", err)
			return 1
		}
		defer stop()
	}

	cl, err := client.New(ctx, *cc)
	if errors.Is(err, client.ErrNoCredentials) {
		setup.NoCredentials(stderr, "resold", st.ConfigPath)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 2
	}
	o := tui.Options{
		API:      tui.FromClient(cl),
		Theme:    theme.New(theme.FromEnv(st.Light)),
		Keys:     st.Keys,
		Demo:     st.Demo,
		ReadOnly: cc.ReadOnly,
		Profile:  st.AuditProfile(),
		Endpoint: setup.EndpointKind(st.Demo, cl.Endpoint()),
	}
	if !cc.ReadOnly {
		// Every change is recorded: without the audit log, no change.
		auditLog, err := setup.OpenAudit()
		if err != nil {
			fmt.Fprintf(stderr, "resold: %v\nChanges are recorded in the audit log; fix its location or start with --read-only.\n", err)
			return 1
		}
		defer auditLog.Close()
		if w := auditLog.Warning(); w != "" {
			fmt.Fprintf(stderr, "resold: warning: %s\n", w)
		}
		o.Audit = auditLog
		// Changes an earlier session left without an outcome are read
		// again once the UI is up.
		o.Reconcile = reconcile.AtStart(auditLog, cl, reconcile.Session{Profile: o.Profile, Endpoint: o.Endpoint})
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
