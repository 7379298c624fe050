package audit

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"resold/internal/cliflags"
	"strconv"
	"strings"
	"time"
)

// Exit codes of RunCommand.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// commandEnv is what RunCommand takes from the world, injected by tests.
type commandEnv struct {
	now func() time.Time
	loc *time.Location // zone the table shows times in
}

// commandFlags are the parsed flags of `resold audit`.
type commandFlags struct {
	file     string
	since    time.Time // zero: no lower bound
	customer string
	json     bool
	wide     bool
	limit    int // 0: all
}

// RunCommand runs `resold audit [flags]`: it prints the audit log as a
// table, or as JSON lines with --json, and returns the exit code (2 for
// bad flags). A missing log is not an error: nothing was written yet.
func RunCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runCommand(ctx, args, stdout, stderr, commandEnv{now: time.Now, loc: time.Local})
}

func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer, env commandEnv) int {
	fl, code, ok := parseFlags(args, stdout, stderr, env)
	if !ok {
		return code
	}
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stderr, "resold audit: %v\n", err)
		return exitError
	}

	f, err := openFile(fl.file, false)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "no audit log at %s yet\n", fl.file)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold %v\n", err)
		return exitError
	}
	entries, err := Read(f)
	f.Close()
	var lineErr *LineError
	switch {
	case errors.As(err, &lineErr):
		// Keep going: the rest of the log is still worth showing.
		fmt.Fprintf(stderr, "resold audit: %s: %v\n", fl.file, strings.TrimPrefix(lineErr.Error(), "audit: "))
	case err != nil:
		fmt.Fprintf(stderr, "resold audit: %s: %v\n", fl.file, err)
		return exitError
	}

	entries = filter(entries, fl)
	if len(entries) == 0 {
		fmt.Fprintf(stderr, "no matching entries in %s\n", fl.file)
		return exitOK
	}
	switch {
	case fl.json:
		err = writeJSON(stdout, entries)
	case fl.wide:
		err = writeTable(stdout, entries, env.loc)
	default:
		err = writeCompact(stdout, entries, env.loc, compactWidth)
	}
	if err != nil {
		fmt.Fprintf(stderr, "resold audit: %v\n", err)
		return exitError
	}
	return exitOK
}

// parseFlags parses args; ok is false when RunCommand should return code
// at once (help, or a usage error already reported).
func parseFlags(args []string, stdout, stderr io.Writer, env commandEnv) (fl commandFlags, code int, ok bool) {
	fs := flag.NewFlagSet("resold audit", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed below, once
	file := fs.String("file", "", "audit log to read (default $XDG_STATE_HOME/resold/audit.jsonl)")
	since := fs.String("since", "", "only entries since a duration ago (24h, 7d) or a date (2006-01-02, RFC 3339)")
	fs.StringVar(&fl.customer, "customer", "", "only entries for this customer, by ID or domain")
	fs.BoolVar(&fl.json, "json", false, "print JSON lines instead of a table")
	fs.BoolVar(&fl.wide, "wide", false, "print every column (operator, profile, IDs), however wide")
	fs.IntVar(&fl.limit, "limit", 0, "print only the last `N` matching entries (0: all)")

	usage := func(w io.Writer) {
		fmt.Fprintln(w, "usage: resold audit [flags]\n\nPrints the write audit log.\n\nflags:")
		cliflags.Print(w, fs)
	}
	fail := func(err error) (commandFlags, int, bool) {
		cliflags.Problem(stderr, "resold audit", err)
		return fl, exitUsage, false
	}

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return fl, exitOK, false
		}
		return fail(err)
	}
	if fs.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if fl.limit < 0 {
		return fail(fmt.Errorf("--limit: want 0 or more, got %d", fl.limit))
	}
	if *since != "" {
		t, err := parseSince(*since, env.now(), env.loc)
		if err != nil {
			return fail(err)
		}
		fl.since = t
	}
	fl.file = *file
	if fl.file == "" {
		p, err := DefaultPath()
		if err != nil {
			fmt.Fprintf(stderr, "resold audit: %v\n", err)
			return fl, exitError, false
		}
		fl.file = p
	}
	return fl, exitOK, true
}

// daysPattern matches "7d", which time.ParseDuration does not know.
var daysPattern = regexp.MustCompile(`^(\d+)d$`)

// sinceDateLayouts are the absolute forms --since accepts, in loc.
var sinceDateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

// parseSince reads --since: a duration back from now, or a date or time
// (taken in loc when it names no zone).
func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if m := daysPattern.FindStringSubmatch(s); m != nil {
		days, err := strconv.Atoi(m[1])
		if err == nil && days <= 100*366 {
			return now.AddDate(0, 0, -days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, fmt.Errorf("--since: %q is negative", s)
		}
		return now.Add(-d), nil
	}
	for _, layout := range sinceDateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since: %q is neither a duration (24h, 7d) nor a date (2006-01-02)", s)
}

// filter merges each attempt's intent and outcome into one row (Merge),
// keeps the rows the flags ask for, in file order, and then the last
// fl.limit of them. Rows are scrubbed again on the way out: the file may
// have been edited or written by an older version.
func filter(entries []Entry, fl commandFlags) []Entry {
	var out []Entry
	for _, e := range Merge(entries) {
		if !fl.since.IsZero() && e.Time.Before(fl.since) {
			continue
		}
		if fl.customer != "" && !strings.EqualFold(e.CustomerID, fl.customer) &&
			!strings.EqualFold(strings.TrimSuffix(e.CustomerDomain, "."), strings.TrimSuffix(fl.customer, ".")) {
			continue
		}
		out = append(out, e.scrubbed())
	}
	if fl.limit > 0 && len(out) > fl.limit {
		out = out[len(out)-fl.limit:]
	}
	return out
}

// writeJSON prints rows as JSON lines, in the file's own format; for an
// entry complete on its own, that is the line as stored.
func writeJSON(w io.Writer, entries []Entry) error {
	var b []byte
	for _, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		b = append(append(b, line...), '\n')
	}
	_, err := w.Write(b)
	return err
}
