package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resold/audit"
	"resold/client"
	"resold/config"
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
