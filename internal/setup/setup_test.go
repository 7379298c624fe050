package setup

import (
	"flag"
	"io"
	"testing"

	"resold/audit"
	"resold/client"
	"resold/config"
)

// parse reads args as a command with only the shared flags would.
func parse(args []string) (Flags, error) {
	var f Flags
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.Register(fs)
	err := fs.Parse(args)
	f.Parsed(fs)
	return f, err
}

// cleanEnv clears every setting resold reads from the environment.
func cleanEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{client.EnvCredentials, client.EnvSubject, client.EnvEndpoint, client.EnvToken, config.EnvProfile} {
		t.Setenv(k, "")
	}
}

func TestSettingsPrecedence(t *testing.T) {
	prof := config.Profile{Endpoint: "http://file.example/", Subject: "file@r.example", Credentials: "/file.json", ReadOnly: true}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    client.Config
		wantRO  bool
		wantErr bool
	}{
		{"the config file alone", nil, nil,
			client.Config{Endpoint: "http://file.example/", Subject: "file@r.example", CredentialsFile: "/file.json"}, true, false},
		{"the environment beats the file", nil, map[string]string{client.EnvEndpoint: "http://env.example/", client.EnvSubject: "env@r.example"},
			client.Config{Endpoint: "http://env.example/", Subject: "env@r.example", CredentialsFile: "/file.json"}, true, false},
		{"flags beat both", []string{"--endpoint", "http://flag.example/", "--credentials", "/flag.json", "--read-only=false"},
			map[string]string{client.EnvEndpoint: "http://env.example/", client.EnvCredentials: "/env.json"},
			client.Config{Endpoint: "http://flag.example/", Subject: "file@r.example", CredentialsFile: "/flag.json"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			f, err := parse(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			got := ClientConfig(f, prof)
			if got.Endpoint != tt.want.Endpoint || got.Subject != tt.want.Subject || got.CredentialsFile != tt.want.CredentialsFile || got.ReadOnly != tt.wantRO {
				t.Errorf("got endpoint %q subject %q credentials %q read-only %v; want %q %q %q %v",
					got.Endpoint, got.Subject, got.CredentialsFile, got.ReadOnly,
					tt.want.Endpoint, tt.want.Subject, tt.want.CredentialsFile, tt.wantRO)
			}
		})
	}
}

func TestEndpointKind(t *testing.T) {
	tests := []struct {
		name     string
		demo     bool
		endpoint string
		want     audit.EndpointKind
	}{
		{"the built-in emulator", true, "http://127.0.0.1:4567/", audit.EndpointEmulator},
		{"Google", false, client.DefaultEndpoint, audit.EndpointGoogle},
		{"anything else", false, "http://127.0.0.1:8085/", audit.EndpointCustom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EndpointKind(tt.demo, tt.endpoint); got != tt.want {
				t.Errorf("EndpointKind = %q, want %q", got, tt.want)
			}
		})
	}
}
