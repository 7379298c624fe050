package emulator

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"resold/internal/cliflags"
)

// shutdownTimeout bounds how long `resold emulator` waits for requests in
// flight (some may be sleeping on injected latency) when asked to stop.
const shutdownTimeout = 5 * time.Second

// RunCommand runs `resold emulator`: it parses args, serves the emulator
// until ctx is done and returns the process exit code (2 for bad usage).
func RunCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseCommand(args)
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(stdout, cfg.fs)
		return 0
	}
	if err != nil {
		cliflags.Problem(stderr, "resold emulator", err)
		return 2
	}

	opts := cfg.opts
	if cfg.logPath != "" {
		w, closeLog, err := openLog(cfg.logPath, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "resold emulator: --log: %v\n", err)
			return 1
		}
		defer closeLog()
		opts.Log = w
	}
	if cfg.statePath != "" {
		st, err := readStateFile(cfg.statePath)
		if err != nil {
			fmt.Fprintf(stderr, "resold emulator: --state %s: %v\n", cfg.statePath, err)
			return 1
		}
		opts.Initial = st
	}
	if cfg.savePath != "" {
		if err := checkWritableDir(cfg.savePath); err != nil {
			fmt.Fprintf(stderr, "resold emulator: --save-state %s: %v\n", cfg.savePath, err)
			return 1
		}
	}
	if cfg.eventsPath != "" {
		f, err := os.OpenFile(cfg.eventsPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			fmt.Fprintf(stderr, "resold emulator: --events: %v\n", err)
			return 1
		}
		defer f.Close()
		opts.Events = f
	}

	srv, err := NewWithState(opts)
	if err != nil {
		fmt.Fprintf(stderr, "resold emulator: --state %s: %v\n", cfg.statePath, err)
		return 1
	}
	run, err := Serve(cfg.addr, srv)
	if err != nil {
		fmt.Fprintf(stderr, "resold emulator: --addr %s: %v\n", cfg.addr, err)
		return 1
	}
	// The first line is the contract scripts and the TUI read.
	fmt.Fprintf(stdout, "listening on %s\n", run.URL())
	printHints(stdout, run.URL(), cfg, opts)

	code := 0
	select {
	case <-ctx.Done():
	case <-run.stopped:
		code = 1 // Serve failed on its own; Close reports why.
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := run.Close(sctx); err != nil {
		fmt.Fprintf(stderr, "resold emulator: shutdown: %v\n", err)
	}
	if cfg.savePath != "" {
		// After Close: no request can change the state while it is saved.
		if err := writeStateFile(cfg.savePath, srv.State()); err != nil {
			fmt.Fprintf(stderr, "resold emulator: --save-state %s: %v\n", cfg.savePath, err)
			return 1
		}
	}
	return code
}

// commandConfig is the parsed command line.
type commandConfig struct {
	fs         *flag.FlagSet
	addr       string
	logPath    string
	statePath  string
	savePath   string
	eventsPath string
	opts       Options
}

// parseCommand reads the flags and checks every value's range, naming the
// flag at fault.
func parseCommand(args []string) (commandConfig, error) {
	var (
		cfg       commandConfig
		customers int
		tokens    stringList
		readOnly  stringList
	)
	fs := flag.NewFlagSet("resold emulator", flag.ContinueOnError)
	// Errors are reported once by RunCommand; help is printed on request.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	cfg.fs = fs
	o := &cfg.opts
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8085", "`host:port` to listen on; port 0 picks a free port")
	fs.IntVar(&customers, "customers", DefaultCustomers, "generated customers added to the demo fixtures (0 for none)")
	fs.DurationVar(&o.Latency, "latency", 0, "added to every request, e.g. 200ms")
	fs.DurationVar(&o.Jitter, "jitter", 0, "random extra latency, uniform in [0, jitter)")
	fs.Float64Var(&o.QPS, "qps", 0, "queries per second before 429 quotaExceeded (fractions allowed; 0 = no limit)")
	fs.IntVar(&o.DailyQuota, "daily-quota", 0, "requests per day (midnight Pacific) before 403 dailyLimitExceeded (0 = no limit)")
	fs.Float64Var(&o.Fail503, "fail-503", 0, "`share` (0..1) of requests answered 503 backendError")
	fs.Float64Var(&o.DropResponse, "drop-response", 0, "`share` (0..1) of successful writes applied but whose response is lost")
	fs.BoolVar(&o.APIDisabled, "api-disabled", false, "answer every request 403 accessNotConfigured")
	fs.Int64Var(&o.Seed, "seed", 1, "seed for the generated customers and the injected faults")
	fs.StringVar(&cfg.logPath, "log", "", "`file` to append one line per request to, or - for stderr (tokens are never logged)")
	fs.Var(&tokens, "token", "accepted bearer `token` (repeatable; default: any non-empty token)")
	fs.Var(&readOnly, "read-only-token", "bearer `token` holding only the apps.order.readonly scope (repeatable)")
	fs.StringVar(&cfg.statePath, "state", "", "start with the customers and subscriptions of this JSON `file` instead of the demo dataset")
	fs.StringVar(&cfg.savePath, "save-state", "", "write the state to this JSON `file` on exit (the format --state reads)")
	fs.StringVar(&cfg.eventsPath, "events", "", "append push notifications, one JSON line each, to this `file` once resellernotify.register has run")
	fs.BoolVar(&o.NoAdmin, "no-admin", false, "turn off the admin endpoints under /emulator/v1/")

	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (flags only)", fs.Arg(0))
	}
	if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return cfg, fmt.Errorf("--addr %q: want host:port, e.g. 127.0.0.1:8085 or :0", cfg.addr)
	}
	switch {
	case customers < 0:
		return cfg, fmt.Errorf("--customers must be 0 or more, got %d", customers)
	case customers == 0:
		o.Customers = -1 // Options reads 0 as "the default"
	default:
		o.Customers = customers
	}
	checks := []struct {
		bad  bool
		name string
		want string
		got  any
	}{
		{o.Latency < 0, "latency", "0 or more", o.Latency},
		{o.Jitter < 0, "jitter", "0 or more", o.Jitter},
		{!(o.QPS >= 0) || math.IsInf(o.QPS, 0), "qps", "a number, 0 or more", o.QPS},
		{o.DailyQuota < 0, "daily-quota", "0 or more", o.DailyQuota},
		{!(o.Fail503 >= 0 && o.Fail503 <= 1), "fail-503", "between 0 and 1", o.Fail503},
		{!(o.DropResponse >= 0 && o.DropResponse <= 1), "drop-response", "between 0 and 1", o.DropResponse},
	}
	for _, c := range checks {
		if c.bad {
			return cfg, fmt.Errorf("--%s must be %s, got %v", c.name, c.want, c.got)
		}
	}
	for _, t := range append(append([]string{}, tokens...), readOnly...) {
		if strings.TrimSpace(t) == "" || strings.ContainsAny(t, " \t\r\n") {
			return cfg, errors.New("--token and --read-only-token values must be non-empty and without spaces")
		}
	}
	o.Tokens, o.ReadOnlyTokens = tokens, readOnly
	return cfg, nil
}

// commandUsage prints the help text with every flag, spelled with two dashes
// as the README does.
func commandUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage: resold emulator [flags]

Serves an in-memory Google Workspace Reseller API v1 (/apps/reseller/v1/...)
with the demo fixtures and generated customers (or a --state file) until
interrupted. Point Google's client at it with option.WithEndpoint(URL + "/").
Admin endpoints: GET /emulator/v1/state, POST /emulator/v1/reset,
POST /emulator/v1/clock:advance {"duration":"720h"},
POST /emulator/v1/faults {"method":"subscriptions.changeSeats","code":503,"count":2}.

flags:
`)
	cliflags.Print(w, fs)
}

// printHints follows the listening line with what to try first.
func printHints(w io.Writer, url string, cfg commandConfig, o Options) {
	bearer := "x"
	if len(o.Tokens) > 0 {
		bearer = "<a --token value>" // never echo a configured token
	}
	if o.Initial != nil {
		fmt.Fprintf(w, "state: %d customers and %d subscriptions from %s\n",
			len(o.Initial.Customers), len(o.Initial.Subscriptions), cfg.statePath)
		fmt.Fprintf(w, "try: curl -H 'Authorization: Bearer %s' '%s/apps/reseller/v1/subscriptions?maxResults=10'\n", bearer, url)
	} else {
		fmt.Fprintf(w, "demo: fixture customers such as %s and %s plus %s generated ones; %s's transfer token is %s\n",
			DomainAcmeAnnual, DomainFlex, customersLabel(o.Customers), DomainTransfer, TransferToken)
		fmt.Fprintf(w, "try: curl -H 'Authorization: Bearer %s' %s/apps/reseller/v1/customers/%s\n", bearer, url, DomainAcmeAnnual)
	}
	if !o.NoAdmin {
		fmt.Fprintf(w, "admin: curl %s%sstate; curl -d '{\"duration\":\"720h\"}' %s%sclock:advance\n", url, adminPrefix, url, adminPrefix)
	}
	if cfg.eventsPath != "" {
		fmt.Fprintf(w, "events: %s, once resellernotify.register has run\n", cfg.eventsPath)
	}
}

// readStateFile reads a --state file.
func readStateFile(path string) (*State, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadState(f)
}

// checkWritableDir fails early when path's directory is missing, so a
// session's state is not lost at exit for a typo.
func checkWritableDir(path string) error {
	info, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", filepath.Dir(path))
	}
	return nil
}

// writeStateFile replaces path with st atomically: a crash mid-write
// leaves the previous file whole. Only the owner may read it, as it holds
// transfer tokens.
func writeStateFile(path string, st *State) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := WriteState(tmp, st); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func customersLabel(n int) string {
	if n < 0 {
		return "no"
	}
	if n == 0 {
		n = DefaultCustomers
	}
	return fmt.Sprint(n)
}

// openLog opens the request log: "-" is stderr, anything else a file opened
// for appending. The Server serialises its log lines itself.
func openLog(path string, stderr io.Writer) (io.Writer, func(), error) {
	if path == "-" {
		return stderr, func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { _ = f.Close() }, nil
}

// stringList is a repeatable string flag.
type stringList []string

// String joins the values; it only feeds flag's default display, so it
// never prints secrets (the default is empty).
func (l *stringList) String() string { return strings.Join(*l, ",") }

// Set adds one value.
func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}
