package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/emulator"
	"resold/internal/ptyrun"
	"resold/internal/setup"
)

// runAsResold, set in the environment, makes the test binary run main
// instead of the tests: the signal tests run resold as a child process
// without building it first.
const runAsResold = "RESOLD_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runAsResold) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// cleanEnv clears every setting resold reads from the environment and
// points the config file at an empty directory.
func cleanEnv(t *testing.T) string {
	t.Helper()
	for _, k := range []string{client.EnvCredentials, client.EnvSubject, client.EnvEndpoint, client.EnvToken, config.EnvProfile} {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

func TestNoCredentialsSaysWhatToConfigure(t *testing.T) {
	dir := cleanEnv(t)
	var out, errOut bytes.Buffer
	code := run(context.Background(), nil, &out, &errOut)
	if code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	msg := errOut.String()
	for _, want := range []string{"--credentials", client.EnvCredentials, "--subject", filepath.Join(dir, "resold", "config.yaml"), "--demo"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestBadConfigFileNamesTheLine(t *testing.T) {
	cleanEnv(t)
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("subject: admin@reseller.example\nread_only: maybe\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"--config", path}, &bytes.Buffer{}, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), path+":2:") {
		t.Errorf("exit %d, message %q; want 2 and the file and line", code, errOut.String())
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"--nope"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"stray"}, 2, `unknown command "stray"`},
		{"negative customers", []string{"--demo", "--customers", "-5"}, 2, "--customers: want 0 or more, got -5"},
		{"help", []string{"-h"}, 0, "--demo"},
		{"version", []string{"version"}, 0, "resold dev"},
		{"serve without users", []string{"serve", "--demo"}, 2, "--users FILE is required"},
		{"unknown profile", []string{"--demo", "--profile", "staging"}, 2, `unknown profile "staging"`},
		{"export help", []string{"export", "-h"}, 0, "resold export subscriptions"},
		{"help lists export", []string{"help"}, 0, "resold export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanEnv(t)
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errOut)
			if code != tt.code || !strings.Contains(out.String()+errOut.String(), tt.want) {
				t.Errorf("exit %d (want %d), output %q (want %q)", code, tt.code, out.String()+errOut.String(), tt.want)
			}
		})
	}
}

func TestAuditCommandPrintsTheLog(t *testing.T) {
	cleanEnv(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"audit"}, &out, &errOut); code != 0 || !strings.Contains(errOut.String(), "no audit log") {
		t.Fatalf("empty log: exit %d, %q %q", code, out.String(), errOut.String())
	}
	log, err := setup.OpenAudit()
	if err != nil {
		t.Fatal(err)
	}
	if err := log.Append(audit.Entry{Method: "subscriptions.changeSeats", CustomerID: "C0flex001", Outcome: audit.OutcomeApplied,
		EndpointKind: audit.EndpointEmulator, Before: map[string]string{"seats": "20"}, After: map[string]string{"seats": "25"}, Code: 200}); err != nil {
		t.Fatal(err)
	}
	log.Close()
	out.Reset()
	if code := run(context.Background(), []string{"audit"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"changeSeats", "C0flex001", "seats 20 → 25", "applied"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	run(context.Background(), []string{"help"}, &out, &errOut)
	if !strings.Contains(out.String(), "resold audit") {
		t.Errorf("usage lacks the audit command:\n%s", out.String())
	}
}

func TestNoAuditLogNoChanges(t *testing.T) {
	dir := cleanEnv(t)
	// A file where the log's directory should be: the log cannot open.
	blocker := filepath.Join(dir, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", blocker)
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"--demo", "--customers", "0"}, &bytes.Buffer{}, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "--read-only") {
		t.Errorf("exit %d, %q; want 1 and the way to start read-only", code, errOut.String())
	}
}

// Every command's help is one style (double dashes) on stdout with exit 0;
// a bad command line points to --help and exits 2.
func TestHelpIsOneStyle(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"emulator", "--help"}, {"audit", "--help"}, {"serve", "--help"}} {
		cleanEnv(t)
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut)
		if code != 0 || errOut.Len() != 0 || !strings.Contains(out.String(), "usage:") || !strings.Contains(out.String(), "resold") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0 and the usage on stdout", args, code, out.String(), errOut.String())
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "--") {
				t.Errorf("%q: single-dash flag %q", args, l)
			}
		}
	}
	for _, args := range [][]string{{"--nope"}, {"stray"}, {"emulator", "--nope"}, {"audit", "--nope"}, {"serve", "--nope"}} {
		cleanEnv(t)
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), "--help") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a pointer to --help", args, code, errOut.String())
		}
	}
}

func TestNoCredentialsNamesTheToken(t *testing.T) {
	cleanEnv(t)
	var errOut bytes.Buffer
	run(context.Background(), nil, &bytes.Buffer{}, &errOut)
	if !strings.Contains(errOut.String(), "--endpoint URL with "+client.EnvToken+"=TOKEN") {
		t.Errorf("message lacks the token with --endpoint:\n%s", errOut.String())
	}
}

func TestBackendNamesWhatTheUITalksTo(t *testing.T) {
	tests := []struct {
		demo                       bool
		profile, subject, endpoint string
		want                       string
	}{
		{true, "", "", "http://127.0.0.1:1/", ""},
		{false, "work", "admin@reseller.example", client.DefaultEndpoint, "Google · profile work"},
		{false, "", "admin@reseller.example", client.DefaultEndpoint, "Google · admin@reseller.example"},
		{false, "", "", "http://127.0.0.1:8085/", "endpoint 127.0.0.1:8085"},
	}
	for _, tt := range tests {
		if got := setup.Backend(tt.demo, tt.profile, tt.subject, tt.endpoint); got != tt.want {
			t.Errorf("backend(%v, %q, %q, %q) = %q, want %q", tt.demo, tt.profile, tt.subject, tt.endpoint, got, tt.want)
		}
	}
}

// startInPty runs resold with args in a w×h pseudo-terminal of a 24-bit
// colour xterm, its config and audit log in a temporary directory.
func startInPty(t *testing.T, w, h int, args ...string) *ptyrun.Session {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), runAsResold+"=1",
		"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=",
		"HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir)
	s, err := ptyrun.Start(cmd, w, h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestScrollBytes measures what holding j costs over a slow link: the
// mean bytes written per cursor step over 50 steps down the table of all
// subscriptions from the top, against the bytes of the two rows that
// change (the goal is at most 2.5×). It reports figures and fails only
// when the program does not draw.
func TestScrollBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program in a pseudo-terminal")
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := startInPty(t, size[0], size[1], "--demo")
			const wait = 20 * time.Second
			if _, err := s.Until("DEMO", wait); err != nil {
				t.Fatal(err)
			}
			if err := s.Send("\x1b"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Frame(wait); err != nil {
				t.Fatal(err)
			}
			// The table reads ahead to 300 rows; measure once it has.
			if err := s.Send("S"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Until("300 loaded", wait); err != nil {
				t.Fatal(err)
			}
			// From the top, then held: 40 more steps with the window
			// scrolling (before the cursor comes within 200 rows of the
			// last loaded one, which reads ahead).
			unit := 0
			for _, phase := range []struct {
				name  string
				steps int
			}{{"50 steps from the top", 50}, {"40 more steps", 40}} {
				sizes := make([]int, phase.steps)
				for i := range sizes {
					if err := s.Send("j"); err != nil {
						t.Fatal(err)
					}
					f, err := s.Frame(wait)
					if err != nil {
						t.Fatalf("%s, step %d: %v", phase.name, i+1, err)
					}
					sizes[i] = len(f)
					if unit == 0 {
						unit = changedLineBytes(f, size[1])
					}
				}
				mean := float64(sum(sizes)) / float64(len(sizes))
				t.Logf("%dx%d, %s: %.0f B per step, %.2f× the %d B of the two changed rows; largest step %d B; steps %v",
					size[0], size[1], phase.name, mean, mean/float64(unit), unit, slices.Max(sizes), sizes)
			}
		})
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// changedLineBytes is the text of the lines a frame rewrites, without
// the cursor moves around them: for a step that does not scroll, the two
// rows that changed.
func changedLineBytes(frame []byte, h int) int {
	body := bytes.TrimPrefix(frame, []byte(ansi.CursorHomePosition))
	body = bytes.TrimSuffix(body, []byte(ansi.CursorPosition(0, h)))
	n := 0
	for _, l := range bytes.Split(body, []byte("\n")) {
		n += len(bytes.TrimRight(l, "\r"))
	}
	return n
}

// TestDemoFirstFrame measures the time from starting `resold --demo
// --customers 50000` to its first frame (the goal is 150 ms), and to the
// answer of a lookup typed at once, which waits for the emulator's
// customers; set RESOLD_MEASURE_RUNS for more runs than 3.
func TestDemoFirstFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program in a pseudo-terminal")
	}
	runs := 3
	if n, err := strconv.Atoi(os.Getenv("RESOLD_MEASURE_RUNS")); err == nil && n > 0 {
		runs = n
	}
	var first, answered []time.Duration
	building := 0
	for range runs {
		s := startInPty(t, 120, 40, "--demo", "--customers", "50000")
		f, err := s.Frame(30 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		first = append(first, time.Since(s.Started))
		if bytes.Contains(f, []byte("building customers")) {
			building++
		}
		if err := s.Send("acme-annual.example\r"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Until(emulator.IDAcmeAnnual, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		answered = append(answered, time.Since(s.Started))
		_ = s.Close()
	}
	t.Logf("50,000 customers, over %d runs: first frame median %s %v; lookup typed at once answered, median %s %v; the first frame showed the build in %d",
		runs, median(first), first, median(answered), answered, building)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestLoadedRowRSS measures the resident set of the real program holding
// the table of all subscriptions of 34,000 generated customers (100,333
// rows), read from an emulator in the test's process so that the
// program's memory is its own; the goal is 1,000 B a row. It presses G
// until the last page is in, which takes a while: it runs only with
// RESOLD_MEASURE=1.
func TestLoadedRowRSS(t *testing.T) {
	if os.Getenv("RESOLD_MEASURE") == "" {
		t.Skip("set RESOLD_MEASURE=1 to load 100,000 rows into the program")
	}
	emu, err := emulator.Listen("127.0.0.1:0", emulator.Options{Customers: measureCustomers(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close(context.Background()) })
	t.Setenv(client.EnvToken, "measure")
	s := startInPty(t, 120, 40, "--endpoint", emu.URL()+"/")
	if _, err := s.Until("resold", 20*time.Second); err != nil {
		t.Fatal(err)
	}
	rssStart := processRSS(t, s.Pid())
	// One key a frame: esc and S sent together read as alt+S.
	for _, k := range []string{"\x1b", "S"} {
		if err := s.Send(k); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Frame(20 * time.Second); err != nil {
			t.Fatal(err)
		}
	}
	// G selects the last loaded row, which reads two pages more; a G
	// pressed while they are read changes nothing and draws nothing, so
	// after a quiet second G is pressed again.
	all := regexp.MustCompile(`([0-9]+) loaded · all`)
	some := regexp.MustCompile(`[0-9]+ loaded`)
	var rows int
	deadline := time.Now().Add(4 * time.Minute)
	last := []byte("nothing")
	for rows == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("not all loaded in 4 minutes; last count seen: %s", last)
		}
		f, err := s.Frame(time.Second)
		switch {
		case errors.Is(err, ptyrun.ErrTimeout):
		case err != nil:
			t.Fatal(err)
		default:
			if m := all.FindSubmatch(f); m != nil {
				rows, _ = strconv.Atoi(string(m[1]))
				continue
			}
			if m := some.Find(f); m != nil {
				last = m
			}
		}
		if err := s.Send("G"); err != nil {
			t.Fatal(err)
		}
	}
	rss := processRSS(t, s.Pid())
	t.Logf("%d rows loaded: resident set %.1f MB (%.1f MB at start), %.0f B a row, %.0f B a row above the start",
		rows, float64(rss)/1e6, float64(rssStart)/1e6, float64(rss)/float64(rows), float64(rss-rssStart)/float64(rows))
}

// processRSS is process pid's resident set in bytes (Linux).
func processRSS(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skip("no /proc:", err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// measureCustomers is 34,000, or RESOLD_MEASURE_CUSTOMERS.
func measureCustomers() int {
	if n, err := strconv.Atoi(os.Getenv("RESOLD_MEASURE_CUSTOMERS")); err == nil && n > 0 {
		return n
	}
	return 34_000
}
