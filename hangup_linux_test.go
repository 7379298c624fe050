//go:build linux

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/emulator"
)

// heldWrites wraps the emulator so that every request whose path ends in
// suffix waits, before the emulator sees it, until release is closed;
// held is closed when the first one arrives, served when the emulator has
// answered it.
func heldWrites(next http.Handler, suffix string) (h http.Handler, held, served <-chan struct{}, release chan struct{}) {
	heldCh, servedCh, release := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var once, done sync.Once
	h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, suffix) {
			next.ServeHTTP(w, r)
			return
		}
		once.Do(func() { close(heldCh) })
		<-release
		next.ServeHTTP(w, r)
		done.Do(func() { close(servedCh) })
	})
	return h, heldCh, servedCh, release
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

// exited reports whether cmd's process has ended, without reaping it (the
// test's Wait does that later). cmd.ProcessState cannot tell: it stays nil
// until Wait, so a check of it never fails. An ended process not yet
// waited for is a zombie: state Z in /proc/PID/stat, after the ")" that
// closes its name.
func exited(cmd *exec.Cmd) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "stat"))
	if err != nil {
		return true
	}
	_, rest, _ := strings.Cut(string(b[bytes.LastIndexByte(b, ')')+1:]), " ")
	return strings.HasPrefix(rest, "Z") || strings.HasPrefix(rest, "X")
}

// cleanedEnv is the environment without anything resold reads.
func cleanedEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case client.EnvCredentials, client.EnvSubject, client.EnvEndpoint, client.EnvToken, config.EnvProfile,
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
	endpoint string
	release  chan struct{}
	// served is closed once the emulator has answered the change.
	served <-chan struct{}
}

// startHeldWrite starts resold, sends the seat change and returns once the
// request has reached the API, where it waits until w.release is closed.
func startHeldWrite(t *testing.T) *write {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the program on a pseudo-terminal")
	}
	srv := emulator.New(emulator.Options{Customers: -1, Seed: 1})
	h, held, served, release := heldWrites(srv, "/changeSeats")
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	w := &write{srv: srv, stateDir: t.TempDir(), endpoint: ts.URL, release: release, served: served}
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
// audit log holds its intent and its outcome, applied.
func (w *write) checkRecorded(t *testing.T) {
	t.Helper()
	if sent, applied := emulatorWrites(w.srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("the emulator saw %d changeSeats, %d applied; want 1 and 1", sent, applied)
	}
	// The write-ahead record: the intent, then the outcome with the same
	// attempt ID.
	var lines []string
	ids := map[string][]string{}
	for _, e := range auditEntries(t, w.stateDir) {
		if e["method"] != "subscriptions.changeSeats" {
			continue
		}
		phase, _ := e["phase"].(string)
		outcome, _ := e["outcome"].(string)
		id, _ := e["id"].(string)
		lines = append(lines, phase+":"+outcome)
		ids[id] = append(ids[id], phase)
	}
	t.Logf("audit log of the seat change: %v", lines)
	want := []string{string(audit.PhaseIntent) + ":", string(audit.PhaseOutcome) + ":" + string(audit.OutcomeApplied)}
	if len(lines) != 2 || lines[0] != want[0] || lines[1] != want[1] || len(ids) != 1 {
		t.Errorf("audit log of the seat change = %v (attempt IDs %v), want %v under one ID", lines, ids, want)
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
			if exited(w.cmd) {
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
	if exited(w.cmd) {
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

// TestKilledDuringAWriteIsReconciledAtTheNextStart hangs the terminal up
// and then kills resold outright (what the end of the grace, or a SIGKILL,
// amounts to) while the seat change is still at the API, which then applies
// it. The audit log keeps the intent alone; the next start checks it,
// records what it found and says so.
func TestKilledDuringAWriteIsReconciledAtTheNextStart(t *testing.T) {
	w := startHeldWrite(t)
	w.term.hangUp()
	if err := w.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = w.cmd.Wait()
	close(w.release)
	// The change lands after resold is gone.
	<-w.served
	if _, applied := emulatorWrites(w.srv, "reseller.subscriptions.changeSeats"); applied != 1 {
		t.Fatalf("the emulator applied %d seat changes after the kill, want 1", applied)
	}

	var before []string
	for _, e := range auditEntries(t, w.stateDir) {
		if e["method"] == "subscriptions.changeSeats" {
			before = append(before, e["phase"].(string))
		}
	}
	t.Logf("audit log after the kill: %v", before)
	if len(before) != 1 || before[0] != string(audit.PhaseIntent) {
		t.Fatalf("audit log after the kill = %v, want the intent alone", before)
	}

	cmd, term := startResold(t, w.endpoint, w.stateDir)
	term.waitFor(t, "1 interrupted change on flex.example was found applied")
	term.typeKeys(t, "\x03") // ctrl+c
	w.cmd = cmd
	w.exit(t, time.Now())
	var after []string
	for _, e := range auditEntries(t, w.stateDir) {
		if e["method"] == "subscriptions.changeSeats" {
			o, _ := e["outcome"].(string)
			after = append(after, e["phase"].(string)+":"+o)
		}
	}
	t.Logf("audit log after the next start: %v", after)
	if len(after) != 2 || after[1] != string(audit.PhaseReconciled)+":"+string(audit.OutcomeApplied) {
		t.Errorf("audit log after the next start = %v, want the intent, then reconciled: applied", after)
	}
}

// TestExitedTellsAZombie: exited sees a process that ended but was not
// waited for yet, which is what the signal tests ask mid-way.
func TestExitedTellsAZombie(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	defer cmd.Wait()
	if exited(cmd) {
		t.Error("a running process reads as exited")
	}
	_ = cmd.Process.Kill()
	// Block until it has ended, leaving it unreaped (WNOWAIT).
	var info unix.Siginfo
	if err := unix.Waitid(unix.P_PID, cmd.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil); err != nil {
		t.Fatal(err)
	}
	if !exited(cmd) {
		t.Error("an ended process not yet waited for reads as running")
	}
}
