package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const twoResellers = `subject: admin@shared.example
label: Shared settings
default_profile: test
profiles:
  test:
    endpoint: http://127.0.0.1:8085/
    label: ACME test reseller
  prod:
    credentials: /keys/prod.json
    subject: admin@acme.example
    read_only: true
    label: ACME production
`

// The profile is chosen by the flag, then $RESOLD_PROFILE, then the file's
// default_profile; a label belongs to its profile alone.
func TestProfilePrecedence(t *testing.T) {
	c, err := Load(write(t, twoResellers))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		flag, env string
		want      string
		label     string
	}{
		{"", "", "test", "ACME test reseller"},
		{"", "prod", "prod", "ACME production"},
		{"test", "prod", "test", "ACME test reseller"},
		{"default", "prod", "default", "Shared settings"},
	} {
		t.Setenv(EnvProfile, tt.env)
		p, err := c.Select(tt.flag)
		if err != nil {
			t.Fatalf("flag %q env %q: %v", tt.flag, tt.env, err)
		}
		if p.Name != tt.want || p.Label != tt.label {
			t.Errorf("flag %q env %q: got %q (%q), want %q (%q)", tt.flag, tt.env, p.Name, p.Label, tt.want, tt.label)
		}
	}
	t.Setenv(EnvProfile, "")
	prod, _ := c.Select("prod")
	if prod.Credentials != "/keys/prod.json" || prod.Subject != "admin@acme.example" || !prod.ReadOnly || prod.Endpoint != "" {
		t.Errorf("prod = %+v", prod)
	}
	test, _ := c.Select("test")
	if test.Subject != "admin@shared.example" || test.ReadOnly || test.Endpoint != "http://127.0.0.1:8085/" {
		t.Errorf("test = %+v (the subject is inherited from the top level)", test)
	}
}

func TestUnknownProfileListsTheKnownOnes(t *testing.T) {
	c, err := Load(write(t, twoResellers))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvProfile, "staging")
	_, err = c.Select("")
	if err == nil || !strings.Contains(err.Error(), `unknown profile "staging"`) || !strings.Contains(err.Error(), "profiles: prod, test") {
		t.Errorf("err = %v, want the unknown name and the known ones", err)
	}
	var names []string
	for _, p := range c.List() {
		names = append(names, p.Name)
	}
	// The top level only sets a subject: it is no profile of its own.
	if strings.Join(names, ",") != "prod,test" {
		t.Errorf("List() = %v", names)
	}
}

// A file of flat settings, without profiles, is one unnamed default
// profile, which --profile default also selects.
func TestFlatSettingsAreTheDefaultProfile(t *testing.T) {
	t.Setenv(EnvProfile, "")
	c, err := Load(write(t, "credentials: /keys/sa.json\nsubject: admin@r.example\nlabel: Reseller\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", DefaultProfile} {
		p, err := c.Select(name)
		if err != nil || p.Name != DefaultProfile || p.Credentials != "/keys/sa.json" || p.Label != "Reseller" {
			t.Errorf("Select(%q) = %+v, %v", name, p, err)
		}
	}
	if l := c.List(); len(l) != 1 || l[0].Name != DefaultProfile {
		t.Errorf("List() = %+v", l)
	}
}

func TestOlderProfileKeyStillWorks(t *testing.T) {
	t.Setenv(EnvProfile, "")
	c, err := Load(write(t, "profile: a\nprofiles:\n  a:\n    subject: a@a.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := c.Select(""); err != nil || p.Name != "a" {
		t.Errorf("Select = %+v, %v", p, err)
	}
	_, err = Load(write(t, "profile: a\ndefault_profile: b\nprofiles:\n  a: {}\n  b: {}\n"))
	if err == nil || !strings.Contains(err.Error(), "disagree") {
		t.Errorf("both keys, different values: err = %v", err)
	}
}

func TestBadLabel(t *testing.T) {
	for _, body := range []string{
		"label: \"a\\x1b[31mred\"\n",
		"label: " + strings.Repeat("x", 41) + "\n",
		"profiles:\n  a:\n    label: \"two\\nlines\"\n",
	} {
		if _, err := Load(write(t, body)); err == nil || !strings.Contains(err.Error(), "label must be") {
			t.Errorf("%q: err = %v", body, err)
		}
	}
}
