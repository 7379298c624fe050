package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"resold/client"
	"resold/internal/export"
	"resold/internal/safetext"
	"resold/internal/setup"
)

// Exit codes of resold export.
const (
	exitOK    = 0
	exitAPI   = 1 // the API refused, or the output could not be written
	exitUsage = 2
)

// exportOptions is resold export's command line.
type exportOptions struct {
	conn          setup.Flags
	what          string // "subscriptions" or "customer"
	customer      string
	prefix        string
	transferToken string
	format        string
	out           string
	force         bool
}

func exportUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage:
  resold export subscriptions [--customer ID|DOMAIN] [--prefix P] [--transfer-token T]
                              [--format csv|json|ndjson] [-o FILE] [flags]
  resold export customer ID|DOMAIN [--format json|ndjson] [-o FILE] [flags]

Writes to stdout unless -o names a file (mode 0600; an existing file is
refused unless --force). Exit status: 0 ok, 1 the API refused (the
explanation is on stderr) or the file could not be written, 2 usage.
`)
	if fs != nil {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// parseExport reads resold export's arguments. Positional arguments may
// come before or after the flags.
func parseExport(args []string, stderr io.Writer) (exportOptions, error) {
	var o exportOptions
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			exportUsage(stderr, nil)
			return o, flag.ErrHelp
		}
		return o, errors.New("what to export: subscriptions or customer")
	}
	o.what, args = args[0], args[1:]
	if o.what != "subscriptions" && o.what != "customer" {
		return o, fmt.Errorf("cannot export %q: subscriptions or customer", o.what)
	}
	fs := flag.NewFlagSet("resold export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o.conn.Register(fs)
	fs.StringVar(&o.format, "format", "", "csv, json or ndjson (default csv for subscriptions, json for a customer)")
	fs.StringVar(&o.out, "o", "", "write to this file instead of stdout")
	fs.BoolVar(&o.force, "force", false, "with -o: replace an existing file")
	if o.what == "subscriptions" {
		fs.StringVar(&o.customer, "customer", "", "only this customer's subscriptions (ID or domain)")
		fs.StringVar(&o.prefix, "prefix", "", "only customers whose domain starts with this")
		fs.StringVar(&o.transferToken, "transfer-token", "", "with --customer: list what can be transferred (- reads the token from stdin)")
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				exportUsage(stderr, fs)
			}
			return o, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	o.conn.Parsed(fs)
	switch {
	case o.what == "customer" && len(pos) != 1:
		return o, errors.New("export customer takes one customer ID or domain")
	case o.what == "customer":
		o.customer = pos[0]
	case len(pos) > 0:
		return o, fmt.Errorf("unexpected argument %q", pos[0])
	}
	if o.transferToken != "" && o.customer == "" {
		return o, errors.New("--transfer-token needs --customer: the token is the customer's")
	}
	if o.force && o.out == "" {
		return o, errors.New("--force needs -o FILE")
	}
	return o, nil
}

// runExport is resold export: a listing or a customer, read through the
// client with the same settings as the UI, written for scripts.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseExport(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold export: %v\n", err)
		exportUsage(stderr, nil)
		return exitUsage
	}
	format := export.CSV
	if o.what == "customer" {
		format = export.JSON
	}
	if o.format != "" {
		if format, err = export.ParseFormat(o.format); err != nil {
			fmt.Fprintf(stderr, "resold export: --format: %v\n", err)
			return exitUsage
		}
		if o.what == "customer" && format == export.CSV {
			fmt.Fprintf(stderr, "resold export: a customer is exported as json or ndjson, not csv\n")
			return exitUsage
		}
	}
	if o.transferToken == "-" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintf(stderr, "resold export: reading the transfer token from stdin: %v\n", err)
			return exitUsage
		}
		o.transferToken = strings.TrimSpace(line)
	}
	if o.out != "" && !o.force && export.Exists(o.out) {
		fmt.Fprintf(stderr, "resold export: %s exists; choose another file or add --force to replace it\n", o.out)
		return exitUsage
	}

	cl, stop, code := exportClient(ctx, o.conn, stderr)
	if cl == nil {
		return code
	}
	defer stop()

	progress := func(export.Progress) {}
	if isTerminal(stderr) {
		progress = terminalProgress(stderr)
	}
	var write func(io.Writer) error
	var count int
	switch o.what {
	case "customer":
		c, err := exportCustomer(ctx, cl, o.customer)
		if err != nil {
			return explainFailure(stderr, err)
		}
		count = 1
		write = func(w io.Writer) error { return export.Customer(w, format, c) }
	default:
		q := client.Query{NamePrefix: o.prefix, CustomerAuthToken: o.transferToken}
		if o.customer != "" {
			c, err := exportCustomer(ctx, cl, o.customer)
			if err != nil {
				return explainFailure(stderr, err)
			}
			q.CustomerID = c.ID
		}
		pager := cl.NewPager(q)
		defer pager.Close()
		// Retries are shown as they wait, like the UI's status pane.
		ectx := client.WithEvents(ctx, func(ev client.Event) {
			if ev.Kind == client.EventRetryWait && isTerminal(stderr) {
				fmt.Fprintf(stderr, "\r\033[K%s", retryLine(ev))
			}
		})
		rows, err := export.All(ectx, pager, nil, progress)
		if isTerminal(stderr) {
			fmt.Fprint(stderr, "\r\033[K")
		}
		if err != nil {
			return explainFailure(stderr, err)
		}
		count = len(rows)
		write = func(w io.Writer) error { return export.Subscriptions(w, format, rows) }
	}

	if o.out == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			fmt.Fprintf(stderr, "resold export: writing: %v\n", err)
			return exitAPI
		}
		if err := bw.Flush(); err != nil {
			fmt.Fprintf(stderr, "resold export: writing: %v\n", err)
			return exitAPI
		}
		return exitOK
	}
	if err := export.WriteFile(o.out, o.force, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}); err != nil {
		if errors.Is(err, export.ErrExists) {
			fmt.Fprintf(stderr, "resold export: %s exists; choose another file or add --force to replace it\n", o.out)
			return exitUsage
		}
		fmt.Fprintf(stderr, "resold export: writing %s: %v\n", o.out, err)
		return exitAPI
	}
	if isTerminal(stderr) {
		fmt.Fprintf(stderr, "resold export: %d %s written to %s\n", count, plural(count, o.what), o.out)
	}
	return exitOK
}

func plural(n int, what string) string {
	if what == "customer" {
		what = "customers"
	}
	if n == 1 {
		return strings.TrimSuffix(what, "s")
	}
	return what
}

// exportClient builds the client from the merged settings (or the demo
// emulator), as the UI does; on failure it returns nil and the exit code,
// having said why.
func exportClient(ctx context.Context, f setup.Flags, stderr io.Writer) (cl *client.Client, stop func(), code int) {
	st, err := setup.Load(f)
	if err != nil {
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return nil, nil, exitUsage
	}
	st.Client.Warn = func(s string) { fmt.Fprintf(stderr, "resold: warning: %s\n", s) }
	stop = func() {}
	if st.Demo {
		if stop, err = st.StartDemo(); err != nil {
			fmt.Fprintf(stderr, "resold: %v\n", err)
			return nil, nil, exitAPI
		}
	}
	cl, err = client.New(ctx, st.Client)
	if errors.Is(err, client.ErrNoCredentials) {
		stop()
		setup.NoCredentials(stderr, "resold export", st.ConfigPath)
		return nil, nil, exitUsage
	}
	if err != nil {
		stop()
		fmt.Fprintf(stderr, "resold: %v\n", err)
		return nil, nil, exitUsage
	}
	return cl, stop, exitOK
}

// exportCustomer looks the customer up by ID or domain: one of yours, or
// one managed elsewhere (a transfer's minimal record). Any other answer is
// an error carrying the lookup's guidance.
func exportCustomer(ctx context.Context, cl *client.Client, idOrDomain string) (client.Customer, error) {
	l, err := cl.LookupCustomer(ctx, idOrDomain)
	if err != nil {
		return client.Customer{}, err
	}
	if l.Customer == nil {
		g := client.Guidance{Title: "no customer " + idOrDomain}
		if l.Guidance != nil {
			g = *l.Guidance
		}
		return client.Customer{}, guidanceError{g}
	}
	return *l.Customer, nil
}

// guidanceError is a lookup that found no customer to export.
type guidanceError struct{ g client.Guidance }

func (e guidanceError) Error() string { return e.g.Title }

// explainFailure prints the troubleshooting catalogue's explanation of err
// and returns the exit code: an API error, or usage for input the client
// refused before sending it (a malformed transfer token).
func explainFailure(stderr io.Writer, err error) int {
	var ge guidanceError
	g := client.Explain(err)
	if errors.As(err, &ge) {
		g = ge.g
	}
	fmt.Fprint(stderr, guidanceText(g))
	var ve *client.ValidationError
	if errors.As(err, &ve) {
		// Refused before anything was sent: the input is at fault.
		return exitUsage
	}
	return exitAPI
}

// guidanceText is the guidance as plain lines for a terminal or a log.
func guidanceText(g client.Guidance) string {
	var b strings.Builder
	line := func(label, s string) {
		if s = safetext.Clean(s); s != "" {
			fmt.Fprintf(&b, "%s%s\n", label, s)
		}
	}
	line("resold export: ", g.Title)
	if g.Code != 0 || g.Reason != "" || g.Message != "" {
		said := strings.TrimSpace(fmt.Sprintf("%s %s", codeText(g.Code), g.Reason))
		if g.Message != "" {
			said = strings.TrimSpace(said + ": " + g.Message)
		}
		line("  the API said: ", strings.TrimSpace(g.Method+" "+said))
	}
	line("  why: ", g.Cause)
	line("  what to do: ", g.Action)
	line("  more: ", g.Link)
	return b.String()
}

func codeText(code int) string {
	if code == 0 {
		return ""
	}
	return fmt.Sprint(code)
}

// retryLine is a retry wait in the status pane's words.
func retryLine(ev client.Event) string {
	what := strings.TrimSpace(fmt.Sprintf("%s %s", codeText(ev.Code), ev.Reason))
	if what == "" {
		what = ev.Cause
	}
	return safetext.Clean(fmt.Sprintf("%s · retry %d/%d in %s", what, ev.Attempt+1, ev.MaxAttempts, ev.Wait.Round(1e9)))
}

// terminalProgress writes the rows and pages read on one line of stderr.
func terminalProgress(w io.Writer) func(export.Progress) {
	return func(p export.Progress) {
		if p.Restarted {
			fmt.Fprint(w, "\r\033[Kthe listing changed; reading it again from the start")
			return
		}
		fmt.Fprintf(w, "\r\033[K%d rows · %d pages read", p.Rows, p.Pages)
	}
}

// isTerminal reports whether w is a terminal: progress goes only there, so
// a script's stderr holds nothing but errors.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
