package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"resold/client"
	"resold/internal/cliflags"
	"resold/internal/inflight"
	"resold/internal/reconcile"
	"resold/internal/setup"
	"resold/theme"
)

// flags are `resold serve`'s own flags; the shared ones (credentials,
// config, --demo, --read-only…) come from setup.Flags.
type flags struct {
	setup.Flags
	addr        string
	users       string
	hostKey     string
	idleTimeout time.Duration
	maxSessions int
}

func parseFlags(args []string, help io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet("resold serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.Register(fs)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:2222", "where to listen for SSH (host:port; port 0 picks a free one)")
	fs.StringVar(&f.users, "users", "", "the users file: names, roles (write or read-only) and SSH public keys (required)")
	fs.StringVar(&f.hostKey, "host-key", "", "the server's private key, generated on first start (default $XDG_STATE_HOME/resold/ssh_host_ed25519_key)")
	fs.DurationVar(&f.idleTimeout, "idle-timeout", 30*time.Minute, "close a session after this long without a key pressed (0: never)")
	fs.IntVar(&f.maxSessions, "max-sessions", 20, "refuse sessions beyond this many at once (0: no limit)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			// Help is asked for: stdout, as every resold command.
			fmt.Fprint(help, "usage: resold serve --users FILE [--addr HOST:PORT] [--host-key FILE] [--demo] [--read-only]\n"+
				"                    [--idle-timeout 30m] [--max-sessions 20] [--credentials FILE --subject ADMIN | --endpoint URL]\n\nflags:\n")
			cliflags.Print(help, fs)
		}
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	f.Parsed(fs)
	switch {
	case f.users == "":
		return f, errors.New("--users FILE is required: it names who may connect, with which key and role")
	case f.idleTimeout < 0:
		return f, errors.New("--idle-timeout must not be negative")
	case f.maxSessions < 0:
		return f, errors.New("--max-sessions must not be negative")
	}
	return f, nil
}

// RunCommand runs `resold serve` with args (without the command name)
// until ctx ends or SIGTERM or SIGINT arrives; SIGHUP reloads the users
// file. Bad flags or files exit 2, naming the flag or the file and line.
func RunCommand(ctx context.Context, version string, args []string, stdout, stderr io.Writer) int {
	// A write to a closed stdout or stderr (the service manager's pipe
	// gone) must fail, not end the server and every session with it.
	signal.Ignore(syscall.SIGPIPE)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, version, args, stdout, stderr, hup, nil)
}

// run is RunCommand with the reload signal as a channel; ready, when set,
// receives the running server (tests).
func run(ctx context.Context, version string, args []string, stdout, stderr io.Writer, reload <-chan os.Signal, ready func(*Server, net.Addr)) int {
	f, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		cliflags.Problem(stderr, "resold serve", err)
		return 2
	}
	st, err := setup.Load(f.Flags)
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 2
	}
	users, err := LoadUsers(f.users)
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 2
	}
	keyPath := f.hostKey
	if keyPath == "" {
		if keyPath, err = DefaultHostKeyPath(); err != nil {
			fmt.Fprintf(stderr, "resold serve: %v\n", err)
			return 2
		}
	}
	hostKey, created, err := HostKey(keyPath)
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 2
	}
	if created {
		fmt.Fprintf(stderr, "resold serve: generated the host key %s\n", keyPath)
	}

	cc := &st.Client
	cc.Warn = func(s string) { fmt.Fprintf(stderr, "resold serve: warning: %s\n", s) }
	if st.Demo {
		stopDemo, err := st.StartDemo()
		if err != nil {
			fmt.Fprintf(stderr, "resold serve: %v\n", err)
			return 1
		}
		defer stopDemo()
	}
	cl, err := client.New(ctx, *cc)
	if errors.Is(err, client.ErrNoCredentials) {
		setup.NoCredentials(stderr, "resold serve", st.ConfigPath)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 2
	}
	o := Options{
		Client: cl, Users: users, HostKey: hostKey, Keys: st.Keys, Light: st.Light, Demo: st.Demo,
		ReadOnly: cc.ReadOnly, Profile: st.AuditProfile(), Endpoint: setup.EndpointKind(st.Demo, cl.Endpoint()),
		IdleTimeout: f.idleTimeout, MaxSessions: f.maxSessions, Log: stderr, Writes: &inflight.Tracker{}, Version: version,
	}
	var reconciling func(context.Context) string
	if !cc.ReadOnly {
		auditLog, err := setup.OpenAudit()
		if err != nil {
			fmt.Fprintf(stderr, "resold serve: %v\nChanges are recorded in the audit log; fix its location or serve with --read-only.\n", err)
			return 1
		}
		defer auditLog.Close()
		if w := auditLog.Warning(); w != "" {
			fmt.Fprintf(stderr, "resold serve: warning: %s\n", w)
		}
		o.Audit = auditLog
		// Changes an earlier run left without an outcome (a crash, a
		// kill) are read again once the server is up; the intents its
		// own sessions write from now on are left alone.
		reconciling = reconcile.AtStart(auditLog, cl, reconcile.Session{Profile: o.Profile, Endpoint: o.Endpoint})
	}
	// Sessions never use the process-wide renderer (each has its own); a
	// fixed one keeps anything that falls back to it from querying the
	// server's own terminal.
	lipgloss.SetDefaultRenderer(theme.New(theme.Options{Profile: termenv.ANSI}).Renderer())

	srv, err := New(o)
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		fmt.Fprintf(stderr, "resold serve: %v\n", err)
		return 1
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "listening on ssh://%s\nhost key %s\n", ln.Addr(), gossh.FingerprintSHA256(hostKey.PublicKey()))
	fmt.Fprintf(stderr, "resold serve: %s from %s; %s\n", count(users.Len()), f.users, roleNote(cc.ReadOnly))
	reconciled := make(chan struct{})
	go func() {
		defer close(reconciled)
		if reconciling == nil {
			return
		}
		if msg := reconciling(ctx); msg != "" {
			fmt.Fprintf(stderr, "resold serve: %s\n", msg)
		}
	}()
	if ready != nil {
		ready(srv, ln.Addr())
	}

	for {
		select {
		case <-reload:
			next, err := LoadUsers(f.users)
			if err != nil {
				fmt.Fprintf(stderr, "resold serve: reload refused, keeping the %s already loaded: %v\n", count(srv.Users().Len()), err)
				continue
			}
			srv.SetUsers(next)
			fmt.Fprintf(stderr, "resold serve: reloaded %s: %s\n", f.users, count(next.Len()))
		case err := <-served:
			fmt.Fprintf(stderr, "resold serve: %v\n", err)
			return 1
		case <-ctx.Done():
			code := shutdown(srv, stderr)
			// The check appends to the audit log, which closes on return.
			<-reconciled
			return code
		}
	}
}

// count says "1 user", "2 users".
func count(n int) string {
	if n == 1 {
		return "1 user"
	}
	return fmt.Sprintf("%d users", n)
}

func roleNote(readOnly bool) string {
	if readOnly {
		return "every session is read-only (--read-only)"
	}
	return "roles as the file says"
}

// shutdown ends every session and gives the changes under way a bounded
// grace to end and be audited.
func shutdown(srv *Server, stderr io.Writer) int {
	n := srv.o.Writes.Len()
	if n > 0 {
		fmt.Fprintf(stderr, "resold serve: shutting down; waiting up to %s for %d change(s) being sent\n", inflight.Grace, n)
	} else {
		fmt.Fprintln(stderr, "resold serve: shutting down")
	}
	ctx, cancel := context.WithTimeout(context.Background(), inflight.Grace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Fprintln(stderr, "resold serve: gave up waiting for the changes still being sent; the audit log keeps what was recorded")
	}
	return 0
}
