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
	"runtime/debug"
	"syscall"
	"time"

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/internal/cliflags"
	"resold/internal/crash"
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
		// it ends the terminal UI.
		os.Exit(protect(os.Stderr, func() int {
			return serve.RunCommand(context.Background(), version, os.Args[2:], os.Stdout, os.Stderr)
		}))
	}
	ctx, stop := listenForSignals(context.Background())
	code := protect(os.Stderr, func() int { return run(ctx, os.Args[1:], os.Stdout, os.Stderr) })
	stop()
	os.Exit(code)
}

// exitSignals end resold: an interrupt, a kill, a hang-up (the terminal
// or the SSH connection is gone) and a quit. Each one ends the UI and
// gives the changes under way inflight.Grace to be answered and recorded;
// none of them kills the process outright, which would lose the record.
var exitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// listenForSignals returns a context that ends with the first exit signal,
// its cause naming the signal (see signalled). The signals stay caught until
// stop, so a second one does not kill the process either.
func listenForSignals(parent context.Context) (ctx context.Context, stop func()) {
	// A write to a closed pipe or socket (stdout after the SSH client left)
	// must fail with EPIPE, not end the process before the change is
	// recorded.
	signal.Ignore(syscall.SIGPIPE)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, exitSignals...)
	ctx, cancel := context.WithCancelCause(parent)
	go func() {
		select {
		case s := <-ch:
			cancel(signalError{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		cancel(context.Canceled)
		signal.Stop(ch)
	}
}

// signalError is the cause of a context ended by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "received " + e.sig.String() }

// signalled returns the signal that ended ctx, if one did.
func signalled(ctx context.Context) (syscall.Signal, bool) {
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		s, ok := se.sig.(syscall.Signal)
		return s, ok
	}
	return 0, false
}

// protect runs fn; a panic that got past every other guard becomes a
// crash report, not a stack over the user's terminal.
func protect(stderr io.Writer, fn func() int) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = reportCrash(stderr, &tui.PanicError{Value: r, Stack: debug.Stack()})
		}
	}()
	return fn()
}

// exitCrashed is the exit code after a crash (sysexits' EX_SOFTWARE).
const exitCrashed = 70

// reportCrash writes the crash report to the state folder and tells the
// user where it is.
func reportCrash(stderr io.Writer, perr *tui.PanicError) int {
	what := crash.Text(perr.Value)
	dir, err := crash.Dir()
	path := ""
	if err == nil {
		path, err = crash.Write(dir, version, time.Now(), perr.Value, perr.Stack)
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold: internal error: %s\nresold: the crash report could not be written: %v\n", what, err)
		return exitCrashed
	}
	fmt.Fprintf(stderr, "resold: internal error: %s\nresold: a crash report (the error, where it happened, the version; no secrets) is in %s\nPlease attach it when you report the problem.\n", what, path)
	return exitCrashed
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "emulator":
			return emulator.RunCommand(ctx, args[1:], stdout, stderr)
		case "audit":
			return audit.RunCommand(ctx, args[1:], stdout, stderr)
		case "serve":
			return serve.RunCommand(ctx, version, args[1:], stdout, stderr)
		case "export":
			return runExport(ctx, args[1:], os.Stdin, stdout, stderr)
		case "version":
			fmt.Fprintf(stdout, "resold %s\n", version)
			return 0
		case "help":
			var f setup.Flags
			usage(stdout, tuiFlags(&f))
			return 0
		}
	}
	return runTUI(ctx, args, stdout, stderr)
}

// tuiFlags is the terminal UI's flag set, writing into f.
func tuiFlags(f *setup.Flags) *flag.FlagSet {
	fs := flag.NewFlagSet("resold", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.Register(fs)
	return fs
}

// parseFlags parses the UI's command line; help goes to stdout.
func parseFlags(args []string, stdout io.Writer) (setup.Flags, error) {
	var f setup.Flags
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
	if f.Customers < 0 {
		return f, fmt.Errorf("--customers: want 0 or more, got %d", f.Customers)
	}
	f.Parsed(fs)
	return f, nil
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage:
  resold [flags]            the terminal UI (resold --demo to try it on the emulator)
  resold serve [flags]      serve the terminal UI over SSH to a team (resold serve --help for flags)
  resold emulator [flags]   run the Reseller API emulator (resold emulator --help for flags)
  resold audit [flags]      print the audit log of changes (resold audit --help for flags)
  resold export ...         export subscriptions or a customer for scripts (resold export --help)
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
		API:             tui.FromClient(cl),
		Theme:           theme.New(theme.FromEnv(st.Light)),
		Keys:            st.Keys,
		Demo:            st.Demo,
		ReadOnly:        cc.ReadOnly,
		Profile:         st.AuditProfile(),
		Endpoint:        setup.EndpointKind(st.Demo, cl.Endpoint()),
		Backend:         setup.Backend(st.Demo, st.Profile.Name, cc.Subject, cl.Endpoint()),
		Building:        st.Building,
		Attention:       st.Attention,
		BulkConcurrency: st.BulkConcurrency,
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
		// Bulk changes stopped before their last row are offered for
		// resuming.
		o.Unfinished = reconcile.UnfinishedAtStart(auditLog, reconcile.Session{Profile: o.Profile, Endpoint: o.Endpoint})
	}
	if !st.Demo {
		// The demo has one endpoint, the emulator: no profiles to switch.
		o.Label = st.Profile.Label
		log, _ := o.Audit.(*audit.Log)
		sw := newSwitcher(f, st.Config, log)
		defer sw.Close()
		o.Profiles, o.Switch = sw.profiles(), sw.Switch
	}
	o.Writes = &inflight.Tracker{}
	err = runUI(ctx, o, stderr)
	// A crash too leaves the changes under way their grace.
	waitForWrites(o.Writes, stderr)
	var perr *tui.PanicError
	if errors.As(err, &perr) {
		return reportCrash(stderr, perr)
	}
	if sig, ok := signalled(ctx); ok {
		// The shell's convention for a process ended by a signal.
		return 128 + int(sig)
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return 1
	}
	return 0
}

// uiShutdown bounds how long a signal waits for the UI to restore the
// terminal: a terminal that is gone but not closed can block every write
// to it, and that must not hold up the wait for the changes under way.
const uiShutdown = 2 * time.Second

// runUI runs the UI until the user quits or a signal ends ctx. After a
// signal the UI restores the terminal (Bubble Tea does so when its context
// ends) within uiShutdown, or is left behind.
func runUI(ctx context.Context, o tui.Options, stderr io.Writer) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- &tui.PanicError{Value: r, Stack: debug.Stack()}
			}
		}()
		done <- tui.Run(ctx, o)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	t := time.NewTimer(uiShutdown)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		fmt.Fprintf(stderr, "resold: the terminal did not take the last screen; left as it is\n")
		return nil
	}
}

// waitForWrites gives the changes still being sent a bounded grace to end
// and be recorded in the audit log before the process exits. An interrupt,
// kill or quit that arrives during the wait ends it early: the user who
// presses ctrl+c in the restored terminal wants out now. A hang-up does
// not: the terminal is gone, and nobody is asking.
func waitForWrites(w *inflight.Tracker, stderr io.Writer) {
	active := w.Active()
	if len(active) == 0 {
		return
	}
	what := active[0].Label
	if len(active) > 1 {
		what = fmt.Sprintf("%s and %d more", what, len(active)-1)
	}
	fmt.Fprintf(stderr, "resold: waiting up to %s for the answer to the change being sent (%s); ctrl+c again stops waiting\n",
		inflight.Grace.Round(time.Second), what)
	stop, unhook := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGQUIT)
	defer unhook()
	ctx, cancel := context.WithTimeout(stop, inflight.Grace)
	defer cancel()
	if err := w.Wait(ctx); err != nil {
		fmt.Fprintf(stderr, "resold: stopped waiting; the audit log keeps the change's intent for the next start to check\n")
		return
	}
	fmt.Fprintf(stderr, "resold: the change was answered and recorded in the audit log\n")
}
