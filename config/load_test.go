package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"resold/keymap"
)

// testdata returns the absolute path of a file in testdata/.
func testdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadGood(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := testdata(t, "good.yaml")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != path || c.Theme != ThemeLight || c.Subject != "admin@reseller.example" ||
		c.Endpoint != "https://reseller.googleapis.com/" || c.ReadOnly || c.Profile != "prod" {
		t.Errorf("top level = %+v", c)
	}
	if c.AttentionTrialDays != 5 || c.AttentionTermDays != 45 || c.BulkConcurrency != 2 {
		t.Errorf("attention %d/%d days, bulk concurrency %d, want 5/45 and 2", c.AttentionTrialDays, c.AttentionTermDays, c.BulkConcurrency)
	}
	if want := filepath.Join(home, "keys", "reseller-sa.json"); c.Credentials != want {
		t.Errorf("credentials = %q, want %q (~ expanded)", c.Credentials, want)
	}
	wantKeys := map[string][]string{"quit": {"ctrl+q"}, "subscriptions.seats": {"S", "ctrl+s"}, "global.log": {"l"}}
	if len(c.Keys) != len(wantKeys) {
		t.Errorf("keys = %v", c.Keys)
	}
	for k, v := range wantKeys {
		if !slices.Equal(c.Keys[k], v) {
			t.Errorf("keys[%s] = %v, want %v", k, c.Keys[k], v)
		}
	}
	km, err := c.KeyMap()
	if err != nil {
		t.Fatal(err)
	}
	ctrlQ := tea.KeyMsg{Type: tea.KeyCtrlQ}
	if !key.Matches(ctrlQ, km.Global.Quit.Binding) || key.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}, km.Global.Quit.Binding) {
		t.Errorf("quit keys = %v, want [ctrl+q]", km.Global.Quit.Keys())
	}
	if !slices.Equal(km.Subscriptions.Seats.Keys(), []string{"S", "ctrl+s"}) {
		t.Errorf("seats keys = %v", km.Subscriptions.Seats.Keys())
	}
}

func TestLoadWithoutFile(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"missing file", filepath.Join(t.TempDir(), "resold", "config.yaml")},
		{"only comments", testdata(t, "empty.yaml")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			want := Defaults()
			want.Path = tt.path
			if c.AttentionTrialDays != 7 || c.AttentionTermDays != 30 || c.BulkConcurrency != 1 {
				t.Errorf("attention %d/%d days, bulk concurrency %d, want the defaults 7/30 and 1", c.AttentionTrialDays, c.AttentionTermDays, c.BulkConcurrency)
			}
			if c.Theme != ThemeDark || c.ReadOnly || c.Credentials != "" || c.Keys != nil || c.Profiles != nil || c.Path != tt.path {
				t.Errorf("Load = %+v, want defaults %+v", c, want)
			}
			p, err := c.Select("")
			if err != nil || p.Name != DefaultProfile {
				t.Errorf("Select(\"\") = %+v, %v", p, err)
			}
		})
	}
}

func TestLoadUnreadableFileIsAnError(t *testing.T) {
	dir := t.TempDir() // a directory cannot be read as a file
	_, err := Load(dir)
	var ce *Error
	if !errors.As(err, &ce) || ce.Path != dir {
		t.Fatalf("Load(dir) = %v, want *Error naming it", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		line  int
		wants []string
		never []string // secrets that must not be echoed
	}{
		{"unknown key", "unknown_key.yaml", 2, []string{`unknown setting "thme" (settings here: credentials, subject, endpoint, read_only, theme, keys, label, default_profile, profile, profiles, attention_trial_days, attention_term_days, bulk_concurrency)`}, nil},
		{"unknown key inside a profile", "unknown_profile_key.yaml", 4, []string{`unknown setting "readonly" (settings here: credentials, subject, endpoint, read_only, label)`}, nil},
		{"bad theme", "bad_theme.yaml", 4, []string{`theme must be "dark" or "light", not "solarized"`}, nil},
		{"read_only not a bool", "bad_read_only.yaml", 2, []string{`read_only must be true or false, not "maybe"`}, nil},
		{"profile read_only not a bool", "bad_profile_read_only.yaml", 5, []string{"read_only must be true or false, not a list"}, nil},
		{"bad key name", "bad_key_name.yaml", 4, []string{`key binding "seats"`, `"escape" is not a key name`}, nil},
		{"unknown action", "bad_key_action.yaml", 3, []string{`key binding "subscriptions.seat"`, `screen "subscriptions" has no action "seat"`}, nil},
		{"key collision", "key_collision.yaml", 3, []string{`"x"`, "subscriptions.seats", "subscriptions.suspend"}, nil},
		{"binding is a mapping", "bad_key_value.yaml", 3, []string{"keys.quit must be a key or a list of keys"}, nil},
		{"default profile not defined", "unknown_default_profile.yaml", 4, []string{`profile "production" is not defined`, "profiles: prod"}, nil},
		{"endpoint without scheme", "bad_endpoint.yaml", 2, []string{"endpoint must be an http:// or https:// URL", `"localhost:8080"`}, nil},
		{"endpoint with a password", "endpoint_with_password.yaml", 1, []string{"endpoint must not contain a user name or password"}, []string{"hunter2"}},
		{"subject not an email", "bad_subject.yaml", 1, []string{"subject must be the email address"}, nil},
		{"key pasted instead of a path", "inline_key.yaml", 2, []string{"credentials must be the path"}, []string{"MIIEsecret", "PRIVATE KEY"}},
		{"syntax error (a tab)", "syntax_error.yaml", 3, []string{"YAML syntax error", "cannot start any token"}, nil},
		{"profile name with odd characters", "bad_profile_name.yaml", 2, []string{`profile name "prod; rm -rf"`}, nil},
		{"not a mapping", "not_a_mapping.yaml", 1, []string{"must be a mapping of settings"}, nil},
		{"duplicate setting", "duplicate_key.yaml", 3, []string{`"theme" already defined at line 1`}, nil},
		{"wrong type", "wrong_type.yaml", 1, []string{"expected a text value, got a list"}, nil},
		{"bulk concurrency above the limit", "bad_bulk_concurrency.yaml", 2, []string{"bulk_concurrency must be from 1 to 4, not 8"}, nil},
		{"attention days of zero", "bad_attention_days.yaml", 1, []string{"attention_trial_days must be from 1 to 365, not 0"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := testdata(t, tt.file)
			_, err := Load(path)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Load = %v, want *Error", err)
			}
			if ce.Line != tt.line || ce.Path != path {
				t.Errorf("Error at %s:%d, want line %d: %v", ce.Path, ce.Line, tt.line, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+":"+strconv.Itoa(tt.line)+": ") {
				t.Errorf("%q does not start with file:line", msg)
			}
			for _, w := range tt.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			for _, s := range tt.never {
				if strings.Contains(msg, s) {
					t.Errorf("%q echoes the secret %q", msg, s)
				}
			}
		})
	}
}

func TestKeyErrorsKeepTheirCause(t *testing.T) {
	_, err := Load(testdata(t, "bad_key_name.yaml"))
	var re *keymap.RebindError
	if !errors.As(err, &re) || re.Entry != "seats" {
		t.Fatalf("err = %v, want a *keymap.RebindError for seats", err)
	}
}

func TestSelectProfile(t *testing.T) {
	t.Setenv(EnvProfile, "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := testdata(t, "good.yaml")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		profile string
		want    Profile
	}{
		{
			name:    "the file's default profile, inheriting the top level",
			profile: "",
			want: Profile{Name: "prod", Credentials: filepath.Join(home, "keys", "reseller-sa.json"),
				Subject: "admin@reseller.example", Endpoint: "https://reseller.googleapis.com/", ReadOnly: true},
		},
		{
			name:    "a named profile overriding everything; relative path is beside the file",
			profile: "demo",
			want: Profile{Name: "demo", Credentials: filepath.Join(filepath.Dir(path), "demo-sa.json"),
				Subject: "demo@demo.example", Endpoint: "http://localhost:8080/", ReadOnly: false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Select(tt.profile)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Select(%q) =\n %+v\nwant\n %+v", tt.profile, got, tt.want)
			}
		})
	}
	if _, err := c.Select("staging"); err == nil || !strings.Contains(err.Error(), `unknown profile "staging"`) || !strings.Contains(err.Error(), "demo, prod") {
		t.Errorf("Select(staging) = %v", err)
	}
}

func TestSelectTopLevelOnly(t *testing.T) {
	t.Setenv(EnvProfile, "")
	c, err := Load(testdata(t, "top_level_only.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Select("")
	want := Profile{Name: DefaultProfile, Credentials: "/etc/resold/sa.json", Subject: "admin@reseller.example", ReadOnly: true}
	if err != nil || got != want {
		t.Errorf("Select(\"\") = %+v, %v; want %+v", got, err, want)
	}
	if _, err := c.Select("prod"); err == nil || !strings.Contains(err.Error(), "defines no profiles") {
		t.Errorf("Select(prod) = %v", err)
	}
}

func TestLoadWrittenFile(t *testing.T) {
	// Written on the fly to cover a scalar key, an anchor and read_only in
	// YAML 1.1 spelling, which yaml.v3 accepts for a bool.
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	body := "read_only: yes\nkeys:\n  quit: &q ctrl+q\n  global.help: *q\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 3 && ce.Line != 4 || !strings.Contains(err.Error(), `"ctrl+q"`) {
		t.Fatalf("Load = %v, want the ctrl+q collision located", err)
	}
	if err := os.WriteFile(path, []byte("read_only: yes\nkeys:\n  quit: ctrl+q\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil || !c.ReadOnly || !slices.Equal(c.Keys["quit"], []string{"ctrl+q"}) {
		t.Fatalf("Load = %+v, %v", c, err)
	}
}
