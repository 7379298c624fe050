package serve

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"resold/audit"
	"resold/client"
	"resold/config"
)

// commandEnv gives run an empty config and a private state directory.
func commandEnv(t *testing.T) string {
	t.Helper()
	for _, k := range []string{client.EnvCredentials, client.EnvSubject, client.EnvEndpoint, client.EnvToken, config.EnvProfile} {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("HOME", dir)
	return dir
}

func TestCommandRefusesAnInvalidUsersFile(t *testing.T) {
	dir := commandEnv(t)
	path := writeFile(t, dir, "users.yaml", "users:\n  - name: alice\n    role: boss\n")
	var out, errOut bytes.Buffer
	code := run(context.Background(), "test", []string{"--demo", "--customers", "-1", "--addr", "127.0.0.1:0", "--users", path}, &out, &errOut, nil, nil)
	if code != 2 || !strings.Contains(errOut.String(), path+":3:") {
		t.Errorf("exit %d, %q; want 2 naming %s:3", code, errOut.String(), path)
	}
	code = run(context.Background(), "test", []string{"--demo"}, &out, &errOut, nil, nil)
	if code != 2 || !strings.Contains(errOut.String(), "--users FILE is required") {
		t.Errorf("without --users: exit %d, %q", code, errOut.String())
	}
}

// SIGHUP re-reads the users file: a new user gets in without a restart; a
// broken file is refused and the users already loaded stay.
func TestCommandReloadsUsersOnHangup(t *testing.T) {
	dir := commandEnv(t)
	alice, bob := newKey(t), newKey(t)
	path := writeFile(t, dir, "users.yaml", usersYAML("alice", "write", alice))
	hostKey := filepath.Join(dir, "host_key")
	reload := make(chan os.Signal)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := newNotifier(), newNotifier()
	ready := make(chan *fixture, 1)
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, "test", []string{"--demo", "--customers", "-1", "--addr", "127.0.0.1:0", "--users", path, "--host-key", hostKey},
			out, errOut, reload, func(s *Server, a net.Addr) {
				ready <- &fixture{srv: s, addr: a.String(), host: s.o.HostKey.PublicKey()}
			})
	}()
	var f *fixture
	select {
	case f = <-ready:
	case code := <-exited:
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	fp := gossh.FingerprintSHA256(f.host)
	out.waitFor(t, 0, "listening on ssh://"+f.addr, "host key "+fp)
	if _, err := os.Stat(hostKey); err != nil {
		t.Fatalf("host key not written: %v", err)
	}

	// --demo: every session runs on the embedded emulator and says so.
	tm := f.open(t, alice, termOpts{})
	tm.waitFor(t, "DEMO · emulator, not Google", "Find a customer")
	tm.conn.Close()

	if _, err := f.dial(bob); err == nil {
		t.Fatal("bob got in before he was added")
	}
	writeFile(t, dir, "users.yaml", usersYAML("alice", "write", alice, "bob", "read-only", bob))
	mark := errOut.Len()
	reload <- syscall.SIGHUP
	errOut.waitFor(t, mark, "reloaded "+path+": 2 users")
	conn, err := f.dial(bob)
	if err != nil {
		t.Fatalf("bob after the reload: %v", err)
	}
	conn.Close()

	writeFile(t, dir, "users.yaml", "users:\n  - name: carol\n    role: write\n")
	mark = errOut.Len()
	reload <- syscall.SIGHUP
	errOut.waitFor(t, mark, "reload refused, keeping the 2 users already loaded", path+":2:")
	conn, err = f.dial(bob)
	if err != nil {
		t.Fatalf("bob after a refused reload: %v", err)
	}
	conn.Close()

	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("exit %d after the stop signal, want 0", code)
	}
}

// RunCommand takes a real SIGHUP as a reload, not as the end, and stops
// with status 0 when its context ends (as on SIGTERM or SIGINT).
func TestRunCommandReloadsOnRealHangup(t *testing.T) {
	dir := commandEnv(t)
	alice := newKey(t)
	path := writeFile(t, dir, "users.yaml", usersYAML("alice", "write", alice))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := newNotifier(), newNotifier()
	exited := make(chan int, 1)
	go func() {
		exited <- RunCommand(ctx, "test", []string{"--demo", "--customers", "-1", "--addr", "127.0.0.1:0", "--users", path,
			"--host-key", filepath.Join(dir, "host_key")}, out, errOut)
	}()
	// The SIGHUP handler is in place before the address is printed.
	out.waitFor(t, 0, "listening on ssh://")
	mark := errOut.Len()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	errOut.waitFor(t, mark, "reloaded "+path+": 1 user")
	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("exit %d, want 0: %s", code, errOut.String())
	}
}

// A change an earlier run left without an outcome is settled once the
// server is up (a demo's cannot be read again: it is recorded as unknown).
func TestCommandSettlesInterruptedChangesAtStart(t *testing.T) {
	dir := commandEnv(t)
	alice := newKey(t)
	path := writeFile(t, dir, "users.yaml", usersYAML("alice", "write", alice))
	logPath, err := audit.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	intent := audit.Entry{Time: time.Now().Add(-time.Hour), ID: audit.NewID(), Phase: audit.PhaseIntent, Operator: "alice",
		Profile: "demo", EndpointKind: audit.EndpointEmulator, Method: "subscriptions.changeSeats", CustomerID: "C0flex001",
		Before: map[string]string{"seats": "20"}, After: map[string]string{"seats": "25"}}
	if err := log.Append(intent); err != nil {
		t.Fatal(err)
	}
	log.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := newNotifier(), newNotifier()
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, "test", []string{"--demo", "--customers", "-1", "--addr", "127.0.0.1:0", "--users", path,
			"--host-key", filepath.Join(dir, "host_key")}, out, errOut, nil, nil)
	}()
	errOut.waitFor(t, 0, "1 interrupted change from an earlier demo cannot be checked")
	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := audit.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if p := audit.Pending(entries); len(p) != 0 {
		t.Errorf("still pending after the start: %+v", p)
	}
}
