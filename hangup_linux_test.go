//go:build linux

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"resold/audit"
	"resold/client"
	"resold/emulator"
)

// heldWrites wraps the emulator so that every request whose path ends in
// suffix waits, before the emulator sees it, until release is closed;
// held is closed when the first one arrives.
func heldWrites(next http.Handler, suffix string) (h http.Handler, held <-chan struct{}, release chan struct{}) {
	heldCh, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, suffix) {
			once.Do(func() { close(heldCh) })
			<-release
		}
		next.ServeHTTP(w, r)
	})
	return h, heldCh, release
}

// startResold runs this test binary as resold (see TestMain) on a fresh
// pseudo-terminal, against the API at endpoint, with its state under
// stateDir.
func startResold(t *testing.T, endpoint, stateDir string) (*exec.Cmd, *terminal) {
	t.Helper()
	term, near := openTerminal(t, 100, 30)
	defer near.Close()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "--endpoint", endpoint)
	cmd.Env = append(cleanedEnv(),
		runAsResold+"=1",
		client.EnvToken+"=demo",
		"HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_STATE_HOME="+stateDir,
		"TERM=xterm-256color", "NO_COLOR=1", "USER=tester",
	)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = near, near, near
	// Its own session with the terminal as the controlling one, as a
	// login shell has: a hang-up sends it SIGHUP.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, term
}

// cleanedEnv is the environment without anything resold reads.
func cleanedEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case client.EnvCredentials, client.EnvSubject, client.EnvEndpoint, client.EnvToken,
			"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "TERM", "SSH_CONNECTION", "USER":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// auditEntries reads every line of the audit log under stateDir as JSON.
func auditEntries(t *testing.T, stateDir string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(stateDir, "resold", "audit.jsonl"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

// write is resold running on a pseudo-terminal with a seat change
// (flex.example's cap 20 → 28) held at the API.
type write struct {
	srv      *emulator.Server
	cmd      *exec.Cmd
	term     *terminal
	stateDir string
	release  chan struct{}
}

// startHeldWrite starts resold, sends the seat change and returns once the
// request has reached the API, where it waits until w.release is closed.
func startHeldWrite(t *testing.T) *write {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the program on a pseudo-terminal")
	}
	srv := emulator.New(emulator.Options{Customers: -1, Seed: 1})
	h, held, release := heldWrites(srv, "/changeSeats")
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	w := &write{srv: srv, stateDir: t.TempDir(), release: release}
	w.cmd, w.term = startResold(t, ts.URL, w.stateDir)
	term := w.term
	term.waitFor(t, "resold")
	term.typeKeys(t, emulator.DomainFlex+"\r")
	term.waitFor(t, "Alt email", "▶ ")
	term.typeKeys(t, "\r")
	term.waitFor(t, "Subscription ID")
	term.typeKeys(t, "s")
	term.waitFor(t, "Change the seats", "now 20")
	term.typeKeys(t, "28\r")
	term.waitFor(t, "20  →  28")
	term.typeKeys(t, "y")
	select {
	case <-held:
	case <-time.After(30 * time.Second):
		t.Fatalf("the change never reached the API:\n%s", term.text())
	}
	return w
}

// exit waits for resold to end and checks it was not killed: a signal
// that kills it loses the change's outcome.
func (w *write) exit(t *testing.T, since time.Time) {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- w.cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		t.Fatal("resold did not exit within 30 s")
	}
	t.Logf("resold exited %v after the hang-up, signal or release (%v)", time.Since(since).Round(time.Millisecond), err)
	if ws, ok := w.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("resold was killed by %v: the change's outcome is lost", ws.Signal())
	}
}

// checkRecorded checks that the change was applied once and that the
// audit log holds its outcome, applied.
func (w *write) checkRecorded(t *testing.T) {
	t.Helper()
	if sent, applied := emulatorWrites(w.srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("the emulator saw %d changeSeats, %d applied; want 1 and 1", sent, applied)
	}
	var outcomes []string
	for _, e := range auditEntries(t, w.stateDir) {
		if e["method"] == "subscriptions.changeSeats" {
			if o, ok := e["outcome"].(string); ok && o != "" {
				outcomes = append(outcomes, o)
			}
		}
	}
	t.Logf("audit outcomes of the seat change: %v", outcomes)
	if len(outcomes) != 1 || outcomes[0] != string(audit.OutcomeApplied) {
		t.Errorf("audit outcomes of the seat change = %v, want [applied]", outcomes)
	}
}

// TestHangUpDuringAWriteRecordsItsOutcome hangs the terminal up while a
// seat change is at the API: resold must live through the SIGHUP (and the
// terminal's reads and writes failing), let the change finish within the
// grace, record its outcome, and exit 128+SIGHUP.
func TestHangUpDuringAWriteRecordsItsOutcome(t *testing.T) {
	w := startHeldWrite(t)
	hungUp := time.Now()
	w.term.hangUp()
	close(w.release)
	w.exit(t, hungUp)
	if code := w.cmd.ProcessState.ExitCode(); code != 128+int(syscall.SIGHUP) {
		t.Errorf("exit code %d, want %d (ended by SIGHUP)", code, 128+int(syscall.SIGHUP))
	}
	w.checkRecorded(t)
}

// TestSignalsDuringAWriteRestoreTheTerminalAndWait sends each exit signal
// while a seat change is at the API: resold must restore the terminal
// (leave the alternate screen, cooked mode back), say what it waits for,
// and only exit once the change is answered and recorded.
func TestSignalsDuringAWriteRestoreTheTerminalAndWait(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			w := startHeldWrite(t)
			sent := time.Now()
			if err := w.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			// The terminal is given back before the wait, and the wait
			// names the change.
			w.term.waitForRaw(t, leaveAltScreen)
			w.term.waitFor(t, "waiting up to 10s", "seat cap 20 → 28 on flex.example")
			if !w.term.cooked(t) {
				t.Error("the terminal is still in raw mode during the wait")
			}
			select {
			case <-w.term.done:
				t.Fatal("the terminal closed before the change was answered")
			default:
			}
			if w.cmd.ProcessState != nil {
				t.Fatal("resold exited before the change was answered")
			}
			close(w.release)
			w.term.waitFor(t, "recorded in the audit log")
			w.exit(t, sent)
			if code := w.cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit code %d, want %d", code, 128+int(sig))
			}
			w.checkRecorded(t)
		})
	}
}

// emulatorWrites counts the emulator's calls of method, and how many were
// applied.
func emulatorWrites(srv *emulator.Server, method string) (sent, applied int) {
	for _, c := range srv.Calls() {
		if c.Method == method {
			sent++
			if c.Applied {
				applied++
			}
		}
	}
	return sent, applied
}

// TestQuitAnywayDuringAWriteRecordsItsOutcome quits with q, then y in the
// dialog, while a seat change is at the API: the terminal comes back,
// resold says what it waits for, and the change's answer is recorded
// before it exits 0.
func TestQuitAnywayDuringAWriteRecordsItsOutcome(t *testing.T) {
	w := startHeldWrite(t)
	w.term.typeKeys(t, "q")
	w.term.waitFor(t, "A change is being sent", "seat cap 20 → 28 on flex.example", "y quits anyway")
	w.term.typeKeys(t, "y")
	w.term.waitForRaw(t, leaveAltScreen)
	w.term.waitFor(t, "waiting up to 10s", "seat cap 20 → 28 on flex.example")
	if w.cmd.ProcessState != nil {
		t.Fatal("resold exited before the change was answered")
	}
	quit := time.Now()
	close(w.release)
	w.term.waitFor(t, "recorded in the audit log")
	w.exit(t, quit)
	if code := w.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	w.checkRecorded(t)
}
