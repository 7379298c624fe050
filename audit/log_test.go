package audit

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedClock is the time tests give the log.
var fixedClock = time.Date(2025, 6, 1, 12, 30, 45, 123_000_000, time.UTC)

// openTest opens a log in a fresh directory with a fixed clock.
func openTest(t *testing.T, path string) *Log {
	t.Helper()
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l.now = func() time.Time { return fixedClock }
	t.Cleanup(func() { l.Close() })
	return l
}

// seatsEntry is a typical write.
func seatsEntry() Entry {
	return Entry{
		Profile:        "prod",
		EndpointKind:   EndpointEmulator,
		Method:         "subscriptions.changeSeats",
		CustomerID:     "C01abc",
		SubscriptionID: "S123",
		Before:         map[string]string{"seats": "50"},
		After:          map[string]string{"seats": "60"},
		Outcome:        OutcomeApplied,
		Code:           200,
		Attempts:       1,
		RequestID:      "req-1",
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("%s does not end in a newline", path)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestOpenCreatesPrivateFileAndDirs(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "state", "resold", "audit.jsonl")
	l := openTest(t, path)
	if l.Warning() != "" {
		t.Errorf("Warning() = %q for a new file, want none", l.Warning())
	}
	if l.Path() != path {
		t.Errorf("Path() = %q, want %q", l.Path(), path)
	}
	for p, want := range map[string]os.FileMode{
		path:                             0o600,
		filepath.Dir(path):               0o700,
		filepath.Dir(filepath.Dir(path)): 0o700,
	} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("mode of %s = %04o, want %04o", p, got, want)
		}
	}
}

func TestOpenTightensLooseMode(t *testing.T) {
	tests := []struct {
		name        string
		mode        os.FileMode
		wantWarning bool
	}{
		{"0644 tightened", 0o644, true},
		{"0666 tightened", 0o666, true},
		{"0640 tightened", 0o640, true},
		{"0600 left alone", 0o600, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Chmod(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "audit.jsonl")
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			// Chmod, not WriteFile's mode, so the umask cannot hide the
			// loose bits.
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			l := openTest(t, path)
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != 0o600 {
				t.Errorf("mode after Open = %04o, want 0600", got)
			}
			w := l.Warning()
			if gotWarning := w != ""; gotWarning != tt.wantWarning {
				t.Fatalf("Warning() = %q, want a warning: %v", w, tt.wantWarning)
			}
			if tt.wantWarning && !strings.Contains(w, fmt.Sprintf("%04o", tt.mode)) {
				t.Errorf("Warning() = %q does not name the old mode %04o", w, tt.mode)
			}
		})
	}
}

func TestOpenRejectsDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if l, err := Open(path); err == nil {
		l.Close()
		t.Fatal("Open(directory) = nil error, want one")
	}
}

func TestAppendWritesOneLine(t *testing.T) {
	t.Setenv("USER", "alice")
	t.Setenv("SSH_CONNECTION", "203.0.113.5 52311 10.0.0.1 22")
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)

	e := seatsEntry()
	if err := l.Append(e); err != nil {
		t.Fatal(err)
	}
	failed := seatsEntry()
	failed.Time = time.Date(2025, 6, 1, 14, 0, 0, 0, time.FixedZone("", 2*3600))
	failed.Operator, failed.SSHClient = "bob", ""
	failed.Outcome, failed.Code, failed.Reason = OutcomeFailed, 400, "invalid"
	failed.Message = "Invalid\x1b[31m value\nfor seats"
	failed.Before, failed.After = nil, nil
	if err := l.Append(failed); err != nil {
		t.Fatal(err)
	}

	want := []string{
		`{"time":"2025-06-01T12:30:45.123Z","operator":"alice","ssh_client":"203.0.113.5","profile":"prod","endpoint_kind":"emulator",` +
			`"method":"subscriptions.changeSeats","customer_id":"C01abc","subscription_id":"S123","before":{"seats":"50"},"after":{"seats":"60"},` +
			`"outcome":"applied","code":200,"reason":"","message":"","attempts":1,"request_id":"req-1"}`,
		`{"time":"2025-06-01T12:00:00.000Z","operator":"bob","ssh_client":"","profile":"prod","endpoint_kind":"emulator",` +
			`"method":"subscriptions.changeSeats","customer_id":"C01abc","subscription_id":"S123","before":{},"after":{},` +
			`"outcome":"failed","code":400,"reason":"invalid","message":"Invalid[31m value for seats","attempts":1,"request_id":"req-1"}`,
	}
	got := readLines(t, path)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("file:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e.Before["seats"] != "50" || len(e.Before) != 1 {
		t.Errorf("Append changed the caller's map: %v", e.Before)
	}
}

func TestAppendNeverWritesSecrets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)
	secrets := []string{
		"ya29.a0AfH6SMBsecret",
		"1//0gAbCdEfGhIjKlMnOpsecret",
		"-----BEGIN PRIVATE KEY-----",
		"MIIEvQIBADANsecret",
		"AIzaSyA1234567890abcdefghijklmnopqrstuv",
		"hunter2",
	}
	e := seatsEntry()
	e.Before = map[string]string{"password": "hunter2", "seats": "50"}
	e.After = map[string]string{"transfer_token": "ya29.a0AfH6SMBsecret", "seats": "60"}
	e.Message = "Request had invalid authentication credentials: Bearer ya29.a0AfH6SMBsecret; refresh 1//0gAbCdEfGhIjKlMnOpsecret"
	e.Reason = "AIzaSyA1234567890abcdefghijklmnopqrstuv"
	e.RequestID = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANsecret\n-----END PRIVATE KEY-----\n"
	if err := l.Append(e); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(data), s) {
			t.Errorf("audit line holds secret %q:\n%s", s, data)
		}
	}
	var back Entry
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Before["seats"] != "50" || back.After["seats"] != "60" {
		t.Errorf("redaction lost the real change: before %v after %v", back.Before, back.After)
	}
	if back.Before["password"] != Redacted || back.After["transfer_token"] != Redacted {
		t.Errorf("secret keys not marked redacted: before %v after %v", back.Before, back.After)
	}
	if !strings.HasPrefix(back.Message, "Request had invalid authentication credentials: ") {
		t.Errorf("message lost its non-secret text: %q", back.Message)
	}
}

func TestAppendRejectsInvalidEntries(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Entry)
	}{
		{"no method", func(e *Entry) { e.Method = "" }},
		{"no outcome", func(e *Entry) { e.Outcome = "" }},
		{"unknown outcome", func(e *Entry) { e.Outcome = "maybe" }},
		{"no endpoint kind", func(e *Entry) { e.EndpointKind = "" }},
		{"a URL as endpoint kind", func(e *Entry) { e.EndpointKind = "https://user:pw@example.com" }},
	}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := seatsEntry()
			tt.mutate(&e)
			if err := l.Append(e); !errors.Is(err, ErrInvalidEntry) {
				t.Errorf("Append = %v, want ErrInvalidEntry", err)
			}
		})
	}
	if info, err := os.Stat(path); err != nil || info.Size() != 0 {
		t.Errorf("invalid entries reached the file (size %d, err %v)", info.Size(), err)
	}
}

func TestAppendConcurrentLinesStayWhole(t *testing.T) {
	const writers, each = 16, 25
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)

	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := seatsEntry()
				e.RequestID = fmt.Sprintf("w%d-%d", w, i)
				// A long message makes a torn or interleaved write visible.
				e.Message = strings.Repeat(fmt.Sprintf("writer %d ", w), 50)
				errs <- l.Append(e)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	seen := map[string]bool{}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d is not a whole entry: %v\n%s", len(seen)+1, err, sc.Text())
		}
		if seen[e.RequestID] {
			t.Fatalf("request %s written twice", e.RequestID)
		}
		seen[e.RequestID] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) != writers*each {
		t.Errorf("read %d entries, want %d", len(seen), writers*each)
	}
}

func TestOpenEndsTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l := openTest(t, path)
	if err := l.Append(seatsEntry()); err != nil {
		t.Fatal(err)
	}
	l.Close()
	// A crash mid-write leaves half a line behind.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"time":"2025-06-01T12:3`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	l = openTest(t, path)
	if err := l.Append(seatsEntry()); err != nil {
		t.Fatal(err)
	}
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := Read(f)
	var lineErr *LineError
	if !errors.As(err, &lineErr) || len(lineErr.Lines) != 1 || lineErr.Lines[0] != 2 || lineErr.Torn {
		t.Fatalf("Read error = %v, want line 2 skipped as damaged (not torn: it was ended)", err)
	}
	if len(entries) != 2 {
		t.Errorf("Read kept %d entries, want the 2 around the torn line", len(entries))
	}
}

func TestAppendAfterClose(t *testing.T) {
	l := openTest(t, filepath.Join(t.TempDir(), "audit.jsonl"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if err := l.Append(seatsEntry()); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Append after Close = %v, want os.ErrClosed", err)
	}
}

func BenchmarkAppend(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), "audit.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	e := seatsEntry()
	e.Operator = "alice"
	e.Message = "Invalid value for field numberOfSeats: seats cannot go below the licensed count"
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Append(e); err != nil {
			b.Fatal(err)
		}
	}
}
