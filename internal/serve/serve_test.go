package serve

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/internal/inflight"
	"resold/keymap"
	"resold/tui/common"
)

// waitLimit bounds every wait on an observable event; reaching it fails
// the test, it never paces it.
const waitLimit = 15 * time.Second

// key is a test user's SSH key.
type key struct {
	signer gossh.Signer
	line   string // authorized_keys form
	fp     string
}

func newKey(t *testing.T) key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return key{signer: s, line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))),
		fp: gossh.FingerprintSHA256(s.PublicKey())}
}

// usersYAML is a users file for name/role/key triples.
func usersYAML(entries ...any) string {
	var b strings.Builder
	b.WriteString("users:\n")
	for i := 0; i+2 < len(entries)+1; i += 3 {
		b.WriteString("  - name: " + entries[i].(string) + "\n    role: " + entries[i+1].(string) + "\n    keys:\n      - " + entries[i+2].(key).line + "\n")
	}
	return b.String()
}

// notifier is a buffer that tells waiters when it grows.
type notifier struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newNotifier() *notifier { return &notifier{changed: make(chan struct{}, 1)} }

func (n *notifier) Write(p []byte) (int, error) {
	n.mu.Lock()
	n.buf.Write(p)
	n.mu.Unlock()
	select {
	case n.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (n *notifier) String() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.buf.String()
}

func (n *notifier) Len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.buf.Len()
}

// waitFor waits until every want is in the text after offset from (ANSI
// stripped), failing the test if one never comes.
func (n *notifier) waitFor(t *testing.T, from int, wants ...string) {
	t.Helper()
	if missing, text := n.wait(from, wants...); missing != "" {
		t.Fatalf("waited for %q; got:\n%s", missing, text)
	}
}

// wait is waitFor for any goroutine: it returns the want that never came
// (empty when all did) and the text it had.
func (n *notifier) wait(from int, wants ...string) (missing, text string) {
	deadline := time.After(waitLimit)
	for {
		n.mu.Lock()
		all := n.buf.Bytes()
		text = ansi.Strip(string(all[min(from, len(all)):]))
		n.mu.Unlock()
		missing = ""
		for _, w := range wants {
			if !strings.Contains(text, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return "", text
		}
		select {
		case <-n.changed:
		case <-deadline:
			return missing, text
		}
	}
}

// fixture is a server on 127.0.0.1:0 in front of an emulator.
type fixture struct {
	srv       *Server
	addr      string
	emu       *emulator.Server
	auditPath string
	log       *notifier
	writes    *inflight.Tracker
	host      gossh.PublicKey
}

// start serves users; hold, when set, wraps the emulator's handler.
func start(t *testing.T, users string, edit func(*Options), hold func(http.Handler) http.Handler) *fixture {
	t.Helper()
	emu := emulator.New(emulator.Options{Customers: -1, Seed: 1})
	var h http.Handler = emu
	if hold != nil {
		h = hold(emu)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	cl, err := client.New(context.Background(), client.Config{Endpoint: ts.URL, Token: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "users.yaml")
	if err := os.WriteFile(path, []byte(users), 0o600); err != nil {
		t.Fatal(err)
	}
	u, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, _, err := HostKey(filepath.Join(dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	auditLog, err := audit.Open(filepath.Join(dir, "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { auditLog.Close() })
	f := &fixture{emu: emu, auditPath: auditLog.Path(), log: newNotifier(), writes: &inflight.Tracker{}, host: hostKey.PublicKey()}
	o := Options{Client: cl, Audit: auditLog, Users: u, HostKey: hostKey, Keys: keymap.Default(), Profile: "test",
		Endpoint: audit.EndpointEmulator, Log: f.log, Writes: f.writes}
	if edit != nil {
		edit(&o)
	}
	f.srv, err = New(o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		defer cancel()
		if err := f.srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return f
}

func (f *fixture) dial(k key) (*gossh.Client, error) {
	return gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User:            "whoever", // ignored: the key decides
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.FixedHostKey(f.host),
		Timeout:         waitLimit,
	})
}

// term is one SSH session with a pty, as a user's terminal sees it.
type term struct {
	conn   *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	out    *notifier
	errOut *notifier
	mark   int
	done   chan error
}

type termOpts struct {
	termName string
	w, h     int
	env      map[string]string
	noPty    bool
}

func (f *fixture) open(t *testing.T, k key, o termOpts) *term {
	t.Helper()
	conn, err := f.dial(k)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{conn: conn, sess: sess, out: newNotifier(), errOut: newNotifier(), done: make(chan error, 1)}
	for k, v := range o.env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if !o.noPty {
		if o.termName == "" {
			o.termName = "xterm-256color"
		}
		if o.w == 0 {
			o.w, o.h = 120, 40
		}
		if err := sess.RequestPty(o.termName, o.h, o.w, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	sess.Stdout, sess.Stderr = tm.out, tm.errOut
	if tm.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { tm.done <- sess.Wait() }()
	return tm
}

// send types keys ("enter" is the key, anything else is typed as is) and
// marks the output: the next wait looks only at what comes after.
func (tm *term) send(t *testing.T, keys ...string) {
	t.Helper()
	tm.mark = tm.out.Len()
	for _, k := range keys {
		if k == "enter" {
			k = "\r"
		}
		if _, err := io.WriteString(tm.in, k); err != nil {
			t.Fatal(err)
		}
	}
}

func (tm *term) waitFor(t *testing.T, wants ...string) {
	t.Helper()
	tm.out.waitFor(t, tm.mark, wants...)
}

// ended waits for the session to end and returns its error (an
// *ssh.ExitError for a non-zero status).
func (tm *term) ended(t *testing.T) error {
	t.Helper()
	select {
	case err := <-tm.done:
		return err
	case <-time.After(waitLimit):
		t.Fatal("the session did not end")
		return nil
	}
}

// openFlex opens flex.example's subscription.
func (tm *term) openFlex(t *testing.T) {
	t.Helper()
	tm.waitFor(t, "Find a customer")
	tm.send(t, emulator.DomainFlex, "enter")
	// The record and the subscriptions come in separate calls: wait for
	// the selected row before enter opens it.
	tm.waitFor(t, "Alt email", "▶ Business Starter")
	tm.send(t, "enter")
	tm.waitFor(t, "Subscription ID")
}

// auditRows reads the audit log as resold audit shows it: one row per
// attempt, its intent and outcome merged.
func (f *fixture) auditRows(t *testing.T) []audit.Entry {
	t.Helper()
	return audit.Merge(f.auditEntries(t))
}

// auditEntries reads the audit log's lines.
func (f *fixture) auditEntries(t *testing.T) []audit.Entry {
	t.Helper()
	data, err := os.ReadFile(f.auditPath)
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var e audit.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

// writesSeen counts the changes the emulator received.
func (f *fixture) writesSeen(method string) int {
	n := 0
	for _, c := range f.emu.Calls() {
		if c.Method == "reseller."+method {
			n++
		}
	}
	return n
}

func TestWriteSessionChangesAndIsAudited(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	tm := f.open(t, alice, termOpts{})
	tm.openFlex(t)
	tm.send(t, "s")
	tm.waitFor(t, "Change the seats", "now 20")
	tm.send(t, "25", "enter")
	tm.waitFor(t, "20  →  25")
	tm.send(t, "y")
	tm.waitFor(t, "Seats changed", "cap 25")

	rows := f.auditRows(t)
	if len(rows) != 1 {
		t.Fatalf("audit holds %d rows, want 1: %+v", len(rows), rows)
	}
	e := rows[0]
	if e.Operator != "alice" || e.KeyFingerprint != alice.fp || e.SSHClient != "127.0.0.1" || e.Outcome != audit.OutcomeApplied || e.Profile != "test" {
		t.Errorf("audit entry %+v: want alice, her key %s, 127.0.0.1, applied, profile test", e, alice.fp)
	}
	f.log.waitFor(t, 0, "connect user=alice key="+alice.fp, "role=write")
}

func TestReadOnlySessionCannotChangeAndSaysWhy(t *testing.T) {
	bob := newKey(t)
	f := start(t, usersYAML("bob", "read-only", bob), nil, nil)
	tm := f.open(t, bob, termOpts{})
	tm.waitFor(t, "READ-ONLY")
	tm.openFlex(t)
	tm.send(t, "s")
	tm.waitFor(t, "Read-only session: changes are disabled", "signs you in as bob, whose role in the server's users file is read-only")
	if n := f.writesSeen("subscriptions.changeSeats"); n != 0 {
		t.Errorf("the emulator got %d changes from a read-only session", n)
	}
	f.log.waitFor(t, 0, "connect user=bob key="+bob.fp, "role=read-only")
}

func TestServerReadOnlyMakesEverySessionReadOnly(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), func(o *Options) { o.ReadOnly = true }, nil)
	tm := f.open(t, alice, termOpts{})
	tm.waitFor(t, "READ-ONLY")
	tm.openFlex(t)
	tm.send(t, "s")
	tm.waitFor(t, "This resold server runs with --read-only")
	f.log.waitFor(t, 0, "connect user=alice", "role=read-only")
}

func TestUnknownKeyRefused(t *testing.T) {
	alice, stranger := newKey(t), newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	if conn, err := f.dial(stranger); err == nil {
		conn.Close()
		t.Fatal("a key no user has got in")
	}
	f.log.waitFor(t, 0, "refused user=- key="+stranger.fp, `reason="unknown key"`)
}

func TestSessionWithoutPtyRefused(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	tm := f.open(t, alice, termOpts{noPty: true})
	err := tm.ended(t)
	if ee, ok := err.(*gossh.ExitError); !ok || ee.ExitStatus() != 1 {
		t.Errorf("session ended with %v, want exit status 1", err)
	}
	if got := strings.TrimSpace(tm.errOut.String()); got != "resold needs a terminal: use ssh -t" {
		t.Errorf("stderr %q", got)
	}
	f.log.waitFor(t, 0, "refused user=alice", `reason="no terminal"`)
}

// Two sessions at once: each has its own size, colours, call log and
// clipboard, and one's work never reaches the other's screen.
func TestConcurrentSessionsDoNotAffectEachOther(t *testing.T) {
	alice, bob := newKey(t), newKey(t)
	f := start(t, usersYAML("alice", "write", alice, "bob", "read-only", bob), nil, nil)
	a := f.open(t, alice, termOpts{termName: "xterm-256color", w: 120, h: 40})
	b := f.open(t, bob, termOpts{termName: "xterm-256color", w: 100, h: 30, env: map[string]string{"NO_COLOR": "1"}})
	a.waitFor(t, "Find a customer")
	b.waitFor(t, "Find a customer", "READ-ONLY")

	quiet := b.out.Len()
	a.openFlex(t)
	a.send(t, "s")
	a.waitFor(t, "Change the seats")
	a.send(t, "25", "enter")
	a.waitFor(t, "20  →  25")
	a.send(t, "y")
	a.waitFor(t, "Seats changed")
	a.send(t, "y") // copy the subscription ID
	a.waitFor(t, "Copied")
	if n := b.out.Len() - quiet; n != 0 {
		t.Errorf("bob's screen got %d bytes while only alice worked: %q", n, b.out.String()[quiet:])
	}
	if strings.Contains(b.errOut.String(), "\x1b]52;") {
		t.Error("alice's copy reached bob's terminal")
	}
	if !strings.Contains(a.errOut.String(), "\x1b]52;c;") {
		t.Errorf("alice's copy sent no OSC 52 to her terminal: %q", a.errOut.String())
	}

	// Colours follow each client: alice's 256-colour terminal gets them,
	// bob's NO_COLOR gets none.
	if !strings.Contains(a.out.String(), "\x1b[38;5;") {
		t.Error("alice's xterm-256color session has no 256-colour sequences")
	}
	if s := b.out.String(); strings.Contains(s, "38;5;") || strings.Contains(s, "38;2;") {
		t.Error("bob's NO_COLOR session got colours")
	}
	// Bob's call log holds only his calls.
	b.send(t, emulator.DomainAcmeAnnual, "enter")
	b.waitFor(t, "Alt email")
	b.send(t, "L")
	b.waitFor(t, "call log", "customers.get")
	if s := ansi.Strip(b.out.String()[b.mark:]); strings.Contains(s, "changeSeats") {
		t.Errorf("bob's call log shows alice's change:\n%s", s)
	}

	// A resize reaches only the session resized.
	quietA := a.out.Len()
	b.send(t)
	if err := b.sess.WindowChange(20, 60); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "Terminal too small: 60×20")
	if n := a.out.Len() - quietA; n != 0 {
		t.Errorf("alice's screen got %d bytes from bob's resize", n)
	}
}

// A session dropped while its change is being sent: the change runs to
// its end and its outcome is audited under the user who made it.
func TestDroppedSessionMidWriteIsAudited(t *testing.T) {
	alice := newKey(t)
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	releaseOnce := func() { once.Do(func() { close(release) }) }
	// A failing test must not leave the emulator's handler waiting.
	t.Cleanup(releaseOnce)
	hold := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/changeSeats") {
				close(held)
				<-release
			}
			next.ServeHTTP(w, r)
		})
	}
	f := start(t, usersYAML("alice", "write", alice), nil, hold)
	tm := f.open(t, alice, termOpts{})
	tm.openFlex(t)
	tm.send(t, "s")
	tm.waitFor(t, "Change the seats")
	tm.send(t, "25", "enter")
	tm.waitFor(t, "20  →  25")
	tm.send(t, "y")
	select {
	case <-held:
	case <-time.After(waitLimit):
		t.Fatal("the change never reached the emulator")
	}
	tm.conn.Close()
	f.log.waitFor(t, 0, "disconnect user=alice", `reason="connection dropped"`)
	if n := f.writes.Len(); n != 1 {
		t.Fatalf("%d changes under way after the drop, want 1", n)
	}
	// The intent is on disk before the change is sent; no outcome yet.
	if lines := f.auditEntries(t); len(lines) != 1 || lines[0].Phase != audit.PhaseIntent || lines[0].Operator != "alice" {
		t.Fatalf("audit before the change ended: %+v, want alice's intent alone", lines)
	}
	releaseOnce()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := f.writes.Wait(ctx); err != nil {
		t.Fatal("the change never ended")
	}
	rows := f.auditRows(t)
	if len(rows) != 1 || rows[0].Outcome != audit.OutcomeApplied || rows[0].Operator != "alice" || rows[0].KeyFingerprint != alice.fp ||
		rows[0].After["seats"] != "25" {
		t.Fatalf("audit %+v, want alice's change applied with seats 25", rows)
	}
}

func TestIdleSessionClosedWithReason(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), func(o *Options) { o.IdleTimeout = 50 * time.Millisecond }, nil)
	tm := f.open(t, alice, termOpts{})
	if err := tm.ended(t); err != nil {
		t.Errorf("session ended with %v, want status 0", err)
	}
	if s := tm.out.String(); !strings.Contains(s, "resold: session closed after 50ms without a key pressed") {
		t.Errorf("last line missing; output ends %q", s[max(0, len(s)-200):])
	}
	f.log.waitFor(t, 0, "disconnect user=alice", "without a key pressed")
}

func TestMaxSessionsRefusesWithMessage(t *testing.T) {
	alice, bob := newKey(t), newKey(t)
	f := start(t, usersYAML("alice", "write", alice, "bob", "write", bob), func(o *Options) { o.MaxSessions = 1 }, nil)
	a := f.open(t, alice, termOpts{})
	a.waitFor(t, "Find a customer")
	b := f.open(t, bob, termOpts{})
	if err := b.ended(t); err == nil {
		t.Error("the session past the limit ended with status 0")
	}
	if !strings.Contains(b.errOut.String(), "the server is full (1 sessions at most)") {
		t.Errorf("stderr %q", b.errOut.String())
	}
	f.log.waitFor(t, 0, "refused user=bob", "the server is full")
}

func TestShutdownEndsSessionsWithReason(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	tm := f.open(t, alice, termOpts{})
	tm.waitFor(t, "Find a customer")
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tm.ended(t); err != nil {
		t.Errorf("session ended with %v, want status 0", err)
	}
	if !strings.Contains(tm.out.String(), "resold: the server is shutting down") {
		t.Error("no last line on shutdown")
	}
	if _, err := f.dial(alice); err == nil {
		t.Error("a connection was taken after shutdown")
	}
}

// Only public keys get in: a password or keyboard-interactive login is
// refused even for a known user name.
func TestPasswordsRefused(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	conn, err := gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User: "alice",
		Auth: []gossh.AuthMethod{gossh.Password("alice"), gossh.KeyboardInteractive(
			func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: gossh.FixedHostKey(f.host),
		Timeout:         waitLimit,
	})
	if err == nil {
		conn.Close()
		t.Fatal("a password login got in")
	}
	f.log.waitFor(t, 0, "refused user=- key=-", `reason="no public key offered"`)
}

// Measures, without pass/fail on time: how long 20 sessions opened at once
// take to show their first screen, and the heap each holds.
func TestMeasureConcurrentSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	const n = 20
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	began := time.Now()
	terms := make([]*term, n)
	var wg sync.WaitGroup
	for i := range terms {
		terms[i] = f.open(t, alice, termOpts{})
	}
	firsts := make([]time.Duration, n)
	for i, tm := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if missing, _ := tm.out.wait(0, "Find a customer"); missing != "" {
				t.Errorf("session %d never showed its first screen", i)
			}
			firsts[i] = time.Since(began)
		}()
	}
	wg.Wait()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if got := f.srv.Sessions(); got != n {
		t.Errorf("%d sessions open, want %d", got, n)
	}
	slices.Sort(firsts)
	t.Logf("%d sessions opened at once: first screen after %v (median %v, slowest %v); heap %.0f KiB per session",
		n, firsts[0].Round(time.Millisecond), firsts[n/2].Round(time.Millisecond), firsts[n-1].Round(time.Millisecond),
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/n/1024)
}

// panicky is an API whose lookups fail and whose explanation of the
// failure panics, in the program's Update.
type panicky struct{ common.API }

var errLookup = errors.New("no lookups today")

func (panicky) LookupCustomer(context.Context, string) (client.Lookup, error) {
	return client.Lookup{}, errLookup
}

func (p panicky) Explain(err error) client.Guidance {
	if errors.Is(err, errLookup) {
		panic("lookup went wrong")
	}
	return p.API.Explain(err)
}

// A panic in one session ends that session only, with a last line naming
// the crash report; the others and the server carry on.
func TestSessionPanicEndsOnlyThatSession(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	alice, bob := newKey(t), newKey(t)
	f := start(t, usersYAML("alice", "write", alice, "bob", "write", bob), nil, nil)
	var mu sync.Mutex
	first := true
	f.srv.wrapAPI = func(api common.API) common.API {
		mu.Lock()
		defer mu.Unlock()
		if first {
			first = false
			return panicky{api}
		}
		return api
	}
	a := f.open(t, alice, termOpts{})
	a.waitFor(t, "Find a customer")
	b := f.open(t, bob, termOpts{})
	b.waitFor(t, "Find a customer")
	a.send(t, emulator.DomainFlex, "enter")
	if err := a.ended(t); err != nil {
		t.Errorf("the crashed session ended with %v", err)
	}
	if s := a.out.String(); !strings.Contains(s, "resold: internal error: lookup went wrong; the crash report is in "+state) {
		t.Errorf("last line missing; output ends %q", s[max(0, len(s)-300):])
	}
	f.log.waitFor(t, 0, "disconnect user=alice", "internal error: lookup went wrong")
	b.send(t, emulator.DomainFlex, "enter")
	b.waitFor(t, "Alt email")
}

// plantBulk records, as a serve process that has ended would have left
// it, a bulk activate planned by user with its one row not sent.
func (f *fixture) plantBulk(t *testing.T, user string) {
	t.Helper()
	l, err := audit.Open(f.auditPath)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Append(audit.Entry{Time: time.Now().Add(-time.Hour), ID: audit.NewID(), Bulk: "b-" + user, BulkChange: "activate",
		Phase: audit.PhasePlanned, Operator: user, Profile: "test", EndpointKind: audit.EndpointEmulator, Method: "subscriptions.activate",
		CustomerID: emulator.IDSuspended, SubscriptionID: "1", CustomerDomain: emulator.DomainSuspended}); err != nil {
		t.Fatal(err)
	}
}

// TestDroppedSessionsBulkChangeOfferedOnReconnect: a bulk change a
// session left with rows not sent (a drop, a crash of the server) is
// offered to its user when they connect again, as a start offers it.
func TestDroppedSessionsBulkChangeOfferedOnReconnect(t *testing.T) {
	alice := newKey(t)
	f := start(t, usersYAML("alice", "write", alice), nil, nil)
	f.plantBulk(t, "alice")
	tm := f.open(t, alice, termOpts{})
	tm.waitFor(t, "Resume a bulk change?", "1 of 1 rows not sent")
}

// TestUnfinishedOnlyForItsUserAlone: the offer goes only to the user who
// planned the bulk change, and not while another session of theirs is
// open (it may be running that change).
func TestUnfinishedOnlyForItsUserAlone(t *testing.T) {
	alice1, alice2, bob := &session{user: User{Name: "alice"}}, &session{user: User{Name: "alice"}}, &session{user: User{Name: "bob"}}
	s := &Server{sessions: map[*session]struct{}{alice1: {}, bob: {}}}
	bulks := func() []audit.Bulk {
		return []audit.Bulk{{ID: "a", Remaining: []audit.Entry{{Operator: "alice"}}}, {ID: "b", Remaining: []audit.Entry{{Operator: "bob"}}}}
	}
	if got := s.unfinishedFor(alice1, bulks()); len(got) != 1 || got[0].ID != "a" {
		t.Errorf("alice alone: %+v, want her bulk change only", got)
	}
	s.sessions[alice2] = struct{}{}
	if got := s.unfinishedFor(alice2, bulks()); len(got) != 0 {
		t.Errorf("alice's second session: %+v, want none while her first is open", got)
	}
	if got := s.unfinishedFor(bob, bulks()); len(got) != 1 || got[0].ID != "b" {
		t.Errorf("bob: %+v, want his bulk change only", got)
	}
}
