package client

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2/google"

	"resold/emulator"
)

var (
	testKeyOnce sync.Once
	testKey     *rsa.PrivateKey
)

// rsaKey is one RSA key for all auth tests (generating one is slow).
func rsaKey(t testing.TB) *rsa.PrivateKey {
	testKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey
}

const (
	testClientEmail = "resold@reseller-project.iam.gserviceaccount.com"
	testSubject     = "admin@reseller.example"
)

// tokenServer is Google's OAuth token endpoint for the JWT bearer grant:
// it verifies the assertion's RS256 signature with the public key and its
// iss, sub, scope and aud claims, then issues an access token.
type tokenServer struct {
	*httptest.Server
	pub       *rsa.PublicKey
	wantScope string
	issued    string
	// refuse, when set, is the OAuth error code answered instead.
	refuse string

	mu       sync.Mutex
	requests int
	problems []string
}

func newTokenServer(t *testing.T, wantScope string) *tokenServer {
	ts := &tokenServer{pub: &rsaKey(t).PublicKey, wantScope: wantScope, issued: "ya29.issued-for-test-7f3c9a"}
	ts.Server = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *tokenServer) tokenURL() string { return ts.URL + "/token" }

func (ts *tokenServer) serve(w http.ResponseWriter, r *http.Request) {
	ts.mu.Lock()
	ts.requests++
	ts.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if ts.refuse != "" {
		w.WriteHeader(http.StatusUnauthorized)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": ts.refuse,
			"error_description": "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."})
		return
	}
	if err := ts.verify(r); err != nil {
		ts.mu.Lock()
		ts.problems = append(ts.problems, err.Error())
		ts.mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant", "error_description": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": ts.issued, "token_type": "Bearer", "expires_in": 3600})
}

func (ts *tokenServer) verify(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	if g := r.PostForm.Get("grant_type"); g != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		return errors.New("grant_type " + g)
	}
	parts := strings.Split(r.PostForm.Get("assertion"), ".")
	if len(parts) != 3 {
		return errors.New("assertion is not a JWT")
	}
	var header struct{ Alg string }
	if err := decodeSegment(parts[0], &header); err != nil || header.Alg != "RS256" {
		return errors.New("header alg is not RS256")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(ts.pub, crypto.SHA256, sum[:], sig); err != nil {
		return errors.New("bad signature")
	}
	var claims struct {
		Iss, Sub, Scope, Aud string
	}
	if err := decodeSegment(parts[1], &claims); err != nil {
		return err
	}
	switch {
	case claims.Iss != testClientEmail:
		return errors.New("iss " + claims.Iss)
	case claims.Sub != testSubject:
		return errors.New("sub " + claims.Sub)
	case claims.Aud != ts.tokenURL():
		return errors.New("aud " + claims.Aud)
	}
	scopes := strings.Fields(claims.Scope)
	if len(scopes) != 1 || scopes[0] != ts.wantScope {
		return errors.New("scope " + claims.Scope)
	}
	return nil
}

func decodeSegment(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// keyJSON is a service-account key file pointing at tokenURL.
func keyJSON(t *testing.T, tokenURL string) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(rsaKey(t))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "reseller-project", "private_key_id": "kid-1",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": testClientEmail, "client_id": "1234567890", "token_uri": tokenURL,
	})
	return b
}

// writeKey writes data to a file with mode perm and returns its path.
func writeKey(t *testing.T, data []byte, perm os.FileMode) string {
	p := filepath.Join(t.TempDir(), "key.json")
	if err := os.WriteFile(p, data, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil { // beat the umask
		t.Fatal(err)
	}
	return p
}

func TestServiceAccountChainThroughEmulator(t *testing.T) {
	tests := []struct {
		name      string
		readOnly  bool
		wantScope string
	}{
		{"full scope", false, "https://www.googleapis.com/auth/apps.order"},
		{"read-only scope", true, "https://www.googleapis.com/auth/apps.order.readonly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := newTokenServer(t, tt.wantScope)
			opts := emulator.Options{Customers: -1, Tokens: []string{tok.issued}}
			if tt.readOnly {
				opts = emulator.Options{Customers: -1, Tokens: []string{"unused"}, ReadOnlyTokens: []string{tok.issued}}
			}
			srv := emulator.New(opts)
			api := httptest.NewServer(srv)
			defer api.Close()
			var warnings []string
			c, err := New(context.Background(), Config{
				Endpoint: api.URL, CredentialsFile: writeKey(t, keyJSON(t, tok.tokenURL()), 0o600),
				Subject: testSubject, ReadOnly: tt.readOnly, Retry: fastRetry(),
				Warn: func(s string) { warnings = append(warnings, s) },
			})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			for range 2 {
				if _, err := c.GetCustomer(context.Background(), emulator.IDFlex); err != nil {
					t.Fatalf("GetCustomer: %v (token server: %v)", err, tok.problems)
				}
			}
			if tok.requests != 1 {
				t.Errorf("token server asked %d times, want 1 (the token is reused)", tok.requests)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings for a 0600 key: %v", warnings)
			}
			if c.ReadOnly() != tt.readOnly {
				t.Errorf("ReadOnly() = %v", c.ReadOnly())
			}
		})
	}
}

func TestKeyFileReadableByOthersWarns(t *testing.T) {
	tok := newTokenServer(t, "https://www.googleapis.com/auth/apps.order")
	var warnings []string
	path := writeKey(t, keyJSON(t, tok.tokenURL()), 0o644)
	_, err := New(context.Background(), Config{Endpoint: "http://127.0.0.1:1/", CredentialsFile: path, Subject: testSubject,
		Warn: func(s string) { warnings = append(warnings, s) }})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "chmod 600") || !strings.Contains(warnings[0], path) {
		t.Errorf("warnings = %q, want one naming the file and chmod 600", warnings)
	}
}

func TestBrokenCredentials(t *testing.T) {
	good := func(t *testing.T) []byte { return keyJSON(t, "http://127.0.0.1:1/token") }
	edit := func(t *testing.T, f func(m map[string]string)) []byte {
		var m map[string]string
		_ = json.Unmarshal(good(t), &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	tests := []struct {
		name    string
		file    func(t *testing.T) string
		subject string
		want    string // in the error text
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.json") }, testSubject, "cannot read"},
		{"directory", func(t *testing.T) string { return t.TempDir() }, testSubject, "directory"},
		{"not JSON", func(t *testing.T) string { return writeKey(t, []byte("-----BEGIN"), 0o600) }, testSubject, "not a JSON"},
		{"no subject", func(t *testing.T) string { return writeKey(t, good(t), 0o600) }, "", "--subject"},
		{"damaged private key", func(t *testing.T) string {
			return writeKey(t, edit(t, func(m map[string]string) {
				m["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
			}), 0o600)
		}, testSubject, "private_key"},
		{"unsupported type", func(t *testing.T) string {
			return writeKey(t, edit(t, func(m map[string]string) { m["type"] = "external_account" }), 0o600)
		}, testSubject, "not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), Config{CredentialsFile: tt.file(t), Subject: tt.subject})
			var se *SetupError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v (%T), want *SetupError", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "PRIVATE KEY") {
				t.Errorf("error quotes the key: %q", err)
			}
			g := Explain(err)
			if g.Case != "SETUP" || g.Action == "" {
				t.Errorf("Explain = %+v, want SETUP with an action", g)
			}
		})
	}
}

func TestNoCredentials(t *testing.T) {
	orig := findDefaultCredentials
	t.Cleanup(func() { findDefaultCredentials = orig })
	findDefaultCredentials = func(context.Context, google.CredentialsParams) (*google.Credentials, error) {
		return nil, errors.New("google: could not find default credentials")
	}
	_, err := New(context.Background(), Config{})
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("error = %v, want ErrNoCredentials", err)
	}
	for _, want := range []string{"--credentials", "GOOGLE_APPLICATION_CREDENTIALS", "--subject", "--demo"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %s", err, want)
		}
	}
	if g := Explain(err); g.Case != "NOCREDS" {
		t.Errorf("Explain case %q", g.Case)
	}
}

// Application Default Credentials get the scope and the subject.
func TestApplicationDefaultCredentials(t *testing.T) {
	tok := newTokenServer(t, "https://www.googleapis.com/auth/apps.order")
	orig := findDefaultCredentials
	t.Cleanup(func() { findDefaultCredentials = orig })
	var got google.CredentialsParams
	findDefaultCredentials = func(ctx context.Context, p google.CredentialsParams) (*google.Credentials, error) {
		got = p
		return google.CredentialsFromJSONWithTypeAndParams(ctx, keyJSON(t, tok.tokenURL()), google.ServiceAccount, p)
	}
	api := httptest.NewServer(emulator.New(emulator.Options{Customers: -1, Tokens: []string{tok.issued}}))
	defer api.Close()
	c, err := New(context.Background(), Config{Endpoint: api.URL, Subject: testSubject, Retry: fastRetry()})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if _, err := c.GetCustomer(context.Background(), emulator.IDFlex); err != nil {
		t.Fatalf("GetCustomer: %v (%v)", err, tok.problems)
	}
	if got.Subject != testSubject || len(got.Scopes) != 1 || got.Scopes[0] != "https://www.googleapis.com/auth/apps.order" {
		t.Errorf("ADC asked with %+v", got)
	}
}

// A1: the token endpoint refuses the delegation; not retried.
func TestUnauthorizedClientAtTokenTime(t *testing.T) {
	tok := newTokenServer(t, "https://www.googleapis.com/auth/apps.order")
	tok.refuse = "unauthorized_client"
	api := httptest.NewServer(emulator.New(emulator.Options{Customers: -1}))
	defer api.Close()
	c, err := New(context.Background(), Config{Endpoint: api.URL, CredentialsFile: writeKey(t, keyJSON(t, tok.tokenURL()), 0o600),
		Subject: testSubject, Retry: fastRetry()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCustomer(context.Background(), emulator.IDFlex)
	g := Explain(err)
	if g.Case != "A1" || g.Method != "customers.get" || !strings.Contains(g.Message, "unauthorized_client") {
		t.Errorf("Explain = %+v, want A1 on customers.get quoting unauthorized_client", g)
	}
	if tok.requests != 1 {
		t.Errorf("token server asked %d times, want 1", tok.requests)
	}
}

// Another token refusal (a deleted key, a clock off) gets its own entry.
func TestTokenRefusedForOtherReasons(t *testing.T) {
	tok := newTokenServer(t, "https://www.googleapis.com/auth/apps.order")
	api := httptest.NewServer(emulator.New(emulator.Options{Customers: -1}))
	defer api.Close()
	c, err := New(context.Background(), Config{Endpoint: api.URL, CredentialsFile: writeKey(t, keyJSON(t, tok.tokenURL()), 0o600),
		Subject: "someone-else@reseller.example", Retry: fastRetry()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCustomer(context.Background(), emulator.IDFlex)
	if g := Explain(err); g.Case != "TOKEN" || !strings.Contains(g.Message, "invalid_grant") {
		t.Errorf("Explain = %+v, want TOKEN quoting invalid_grant", g)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{EnvCredentials: "/keys/sa.json", EnvSubject: "admin@r.example", EnvEndpoint: "http://127.0.0.1:8080/", EnvToken: "tok"}
	get := func(k string) string { return env[k] }
	tests := []struct {
		name string
		base Config
		want Config
	}{
		{"all from the environment", Config{}, Config{CredentialsFile: "/keys/sa.json", Subject: "admin@r.example", Endpoint: "http://127.0.0.1:8080/", Token: "tok"}},
		{"flags win", Config{Subject: "flag@r.example", Endpoint: "http://localhost:9/"},
			Config{CredentialsFile: "/keys/sa.json", Subject: "flag@r.example", Endpoint: "http://localhost:9/", Token: "tok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := configFromEnv(tt.base, get)
			if got.CredentialsFile != tt.want.CredentialsFile || got.Subject != tt.want.Subject ||
				got.Endpoint != tt.want.Endpoint || got.Token != tt.want.Token {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		name, in, want string
		bad            bool
	}{
		{"default", "", DefaultEndpoint, false},
		{"slash added", "http://127.0.0.1:8080", "http://127.0.0.1:8080/", false},
		{"prefix kept", "http://127.0.0.1:8080/emu", "http://127.0.0.1:8080/emu/", false},
		{"not a URL", "localhost:8080", "", true},
		{"credentials in URL", "http://u:p@127.0.0.1/", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalizeEndpoint(tt.in)
			if (err != nil) != tt.bad || got != tt.want {
				t.Errorf("normalizeEndpoint(%q) = %q, %v", tt.in, got, err)
			}
		})
	}
}
