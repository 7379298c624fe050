package emulator

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the command's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startCommand runs RunCommand in a goroutine and returns the URL from its
// first stdout line, a stop function that cancels the ctx and returns the
// exit code, and its stderr.
func startCommand(t *testing.T, args ...string) (url string, stop func() int, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &lockedBuffer{}
	exit := make(chan int, 1)
	go func() {
		code := RunCommand(ctx, args, pw, stderr)
		pw.Close()
		exit <- code
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("reading the first line: %v (stderr: %s)", err, stderr)
	}
	go func() { _, _ = io.Copy(io.Discard, br) }() // the hint lines must not block
	const prefix = "listening on "
	if !strings.HasPrefix(line, prefix) {
		cancel()
		t.Fatalf("first line = %q, want %q…", line, prefix)
	}
	url = strings.TrimSpace(strings.TrimPrefix(line, prefix))
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			code = <-exit
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return url, stop, stderr
}

// getCustomer fetches acme-annual.example with a bearer token.
func getCustomer(t *testing.T, url, token string) (int, faultEnvelope, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+"/apps/reseller/v1/customers/"+DomainAcmeAnnual+"?alt=json&prettyPrint=false", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var env faultEnvelope
	var obj map[string]any
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &obj); err != nil {
			t.Fatalf("200 body is not JSON: %v", err)
		}
	} else {
		env = decodeEnvelope(t, body)
	}
	return res.StatusCode, env, obj
}

func TestRunCommandServes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		token      string
		wantCode   int
		wantReason string
	}{
		{name: "defaults answer a fixture customer", token: "anything", wantCode: 200},
		{name: "api disabled", args: []string{"--api-disabled"}, token: "t", wantCode: 403, wantReason: "accessNotConfigured"},
		{name: "every request 503", args: []string{"--fail-503", "1"}, token: "t", wantCode: 503, wantReason: "backendError"},
		{name: "daily quota of zero requests is no quota", args: []string{"--daily-quota", "0"}, token: "t", wantCode: 200},
		{name: "configured token accepted", args: []string{"--token", "s3cret"}, token: "s3cret", wantCode: 200},
		{name: "other token refused", args: []string{"--token", "s3cret"}, token: "wrong", wantCode: 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--addr", "127.0.0.1:0", "--customers", "10"}, tc.args...)
			url, stop, stderr := startCommand(t, args...)
			if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
				t.Fatalf("URL %q does not name the real port", url)
			}
			code, env, obj := getCustomer(t, url, tc.token)
			if code != tc.wantCode {
				t.Fatalf("HTTP %d, want %d", code, tc.wantCode)
			}
			if tc.wantCode == 200 && obj["customerId"] != IDAcmeAnnual {
				t.Errorf("customerId = %v, want %s", obj["customerId"], IDAcmeAnnual)
			}
			if tc.wantReason != "" && (len(env.Error.Errors) == 0 || env.Error.Errors[0].Reason != tc.wantReason) {
				t.Errorf("errors = %+v, want reason %s", env.Error.Errors, tc.wantReason)
			}
			if got := stop(); got != 0 {
				t.Errorf("exit code %d after cancel, want 0 (stderr: %s)", got, stderr)
			}
		})
	}
}

func TestRunCommandLogNeverHoldsTheToken(t *testing.T) {
	tests := []struct {
		name string
		// toFile logs to a file rather than stderr.
		toFile bool
	}{
		{name: "log to stderr"},
		{name: "log to a file", toFile: true},
	}
	const token = "ya29.do-not-log-me"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logArg := "-"
			path := filepath.Join(t.TempDir(), "requests.log")
			if tc.toFile {
				logArg = path
			}
			url, stop, stderr := startCommand(t, "--addr", "127.0.0.1:0", "--customers", "10", "--log", logArg)
			if code, _, _ := getCustomer(t, url, token); code != 200 {
				t.Fatalf("HTTP %d, want 200", code)
			}
			if got := stop(); got != 0 {
				t.Fatalf("exit code %d, want 0", got)
			}
			logged := stderr.String()
			if tc.toFile {
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				logged = string(b)
			}
			if !strings.Contains(logged, "/apps/reseller/v1/customers/") {
				t.Errorf("log has no line for the request: %q", logged)
			}
			if strings.Contains(logged, token) || strings.Contains(stderr.String(), token) {
				t.Errorf("the bearer token was logged: %q", logged)
			}
		})
	}
}

func TestRunCommandBadUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // must appear on stderr
	}{
		{name: "unknown flag", args: []string{"--nope"}, want: "nope"},
		{name: "fail-503 above 1", args: []string{"--fail-503", "1.5"}, want: "--fail-503"},
		{name: "fail-503 not a number", args: []string{"--fail-503", "half"}, want: "fail-503"},
		{name: "drop-response negative", args: []string{"--drop-response", "-0.1"}, want: "--drop-response"},
		{name: "drop-response NaN", args: []string{"--drop-response", "NaN"}, want: "--drop-response"},
		{name: "qps negative", args: []string{"--qps", "-1"}, want: "--qps"},
		{name: "qps infinite", args: []string{"--qps", "Inf"}, want: "--qps"},
		{name: "daily-quota negative", args: []string{"--daily-quota", "-3"}, want: "--daily-quota"},
		{name: "latency negative", args: []string{"--latency", "-1s"}, want: "--latency"},
		{name: "jitter not a duration", args: []string{"--jitter", "abc"}, want: "jitter"},
		{name: "customers negative", args: []string{"--customers", "-5"}, want: "--customers"},
		{name: "seed not a number", args: []string{"--seed", "x"}, want: "seed"},
		{name: "addr without port", args: []string{"--addr", "localhost"}, want: "--addr"},
		{name: "empty token", args: []string{"--token", ""}, want: "--token"},
		{name: "positional argument", args: []string{"serve"}, want: "serve"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := RunCommand(context.Background(), tc.args, &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q does not name %q", stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestRunCommandHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := RunCommand(context.Background(), []string{"-h"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	for _, flagName := range []string{"--addr", "--customers", "--latency", "--jitter", "--qps", "--daily-quota",
		"--fail-503", "--drop-response", "--api-disabled", "--seed", "--log", "--token", "--read-only-token",
		"--state", "--save-state", "--events", "--no-admin"} {
		if !strings.Contains(stdout.String(), flagName+" ") && !strings.Contains(stdout.String(), flagName+"\n") {
			t.Errorf("usage does not list %s", flagName)
		}
	}
}

func TestRunCommandAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	code := RunCommand(context.Background(), []string{"--addr", ln.Addr().String(), "--customers", "10"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "--addr") {
		t.Errorf("exit %d, stderr %q; want 1 naming --addr", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing before listening", stdout.String())
	}
}

func TestListen(t *testing.T) {
	tests := []struct {
		name string
		addr string
	}{
		{name: "loopback with a free port", addr: "127.0.0.1:0"},
		{name: "all interfaces gives a dialable URL", addr: ":0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run, err := Listen(tc.addr, Options{Customers: -1})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(run.URL(), "http://127.0.0.1:") {
				t.Errorf("URL() = %q, want http://127.0.0.1:PORT", run.URL())
			}
			if run.Server() == nil {
				t.Error("Server() is nil")
			}
			if code, _, _ := getCustomer(t, run.URL(), "t"); code != 200 {
				t.Errorf("HTTP %d, want 200", code)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := run.Close(ctx); err != nil {
				t.Errorf("Close: %v", err)
			}
			if err := run.Close(ctx); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if _, err := http.Get(run.URL()); err == nil {
				t.Error("still serving after Close")
			}
		})
	}
}

func TestListenCloseEndsSlowRequests(t *testing.T) {
	run, err := Listen("127.0.0.1:0", Options{Customers: -1, Latency: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		req, err := http.NewRequest(http.MethodGet, run.URL()+"/apps/reseller/v1/customers/"+DomainAcmeAnnual, nil)
		if err != nil {
			got <- err
			return
		}
		req.Header.Set("Authorization", "Bearer t")
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		got <- err
	}()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no grace: Close must not wait an hour for the request
	_ = run.Close(ctx)
	if err := <-got; err == nil {
		t.Error("the hour-long request was answered")
	}
}

// TestRunCommandStateFiles: --state starts from the example file, a change
// made through the API lands in --save-state's file on exit (mode 0600, as
// it holds transfer tokens), which --state loads again; --events receives
// the change's notification, the example file having registered a topic.
func TestRunCommandStateFiles(t *testing.T) {
	dir := t.TempDir()
	saved, eventsPath := filepath.Join(dir, "saved.json"), filepath.Join(dir, "events.jsonl")
	url, stop, stderr := startCommand(t, "--addr", "127.0.0.1:0", "--state", "testdata/example-state.json",
		"--save-state", saved, "--events", eventsPath)
	req, _ := http.NewRequest(http.MethodPost, url+"/apps/reseller/v1/customers/C0north01/subscriptions/5000001/changeSeats",
		strings.NewReader(`{"numberOfSeats":60}`))
	req.Header.Set("Authorization", "Bearer t")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("changeSeats: %d", res.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d (stderr: %s)", code, stderr)
	}
	info, err := os.Stat(saved)
	if err != nil {
		t.Fatalf("no saved state: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("saved state mode %v, want 0600", info.Mode().Perm())
	}
	st, err := readStateFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range st.Subscriptions {
		if s.SubscriptionID == "5000001" {
			found = *s.Seats.NumberOfSeats == 60
		}
	}
	if !found || len(st.Customers) != 3 || len(st.Subscriptions) != 6 {
		t.Errorf("saved state: %d customers, %d subscriptions, change kept %v", len(st.Customers), len(st.Subscriptions), found)
	}
	if _, err := NewWithState(Options{Initial: st}); err != nil {
		t.Errorf("the saved state does not load: %v", err)
	}
	ev, err := os.ReadFile(eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	var event Event
	if err := json.Unmarshal(ev, &event); err != nil || event.EventType != EventCommitmentChanged ||
		event.SubscriptionID != "5000001" || !strings.HasSuffix(string(ev), "\n") {
		t.Errorf("events file: %q (%v)", ev, err)
	}
}

// TestRunCommandStateErrors: a missing or invalid --state file, or a
// --save-state in a missing directory, stops the command before it
// listens, naming the flag.
func TestRunCommandStateErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"subscriptions":[{"customerId":"C1","skuId":"x","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--state", filepath.Join(dir, "missing.json")},
		{"--state", bad},
		{"--save-state", filepath.Join(dir, "no", "such", "dir", "s.json")},
	} {
		var stdout, stderr bytes.Buffer
		code := RunCommand(context.Background(), append([]string{"--addr", "127.0.0.1:0"}, args...), &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), args[0]) || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr.String(), stdout.String())
		}
	}
}

// TestRunCommandNoAdmin: --no-admin turns the admin endpoints off.
func TestRunCommandNoAdmin(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{{nil, 200}, {[]string{"--no-admin"}, 404}} {
		url, stop, _ := startCommand(t, append([]string{"--addr", "127.0.0.1:0", "--customers", "0"}, tc.args...)...)
		req, _ := http.NewRequest(http.MethodGet, url+"/emulator/v1/clock", nil)
		req.Header.Set("Authorization", "Bearer t")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%v: GET /emulator/v1/clock = %d, want %d", tc.args, res.StatusCode, tc.want)
		}
		stop()
	}
}
