package client

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	reseller "google.golang.org/api/reseller/v1"
)

// findDefaultCredentials is Application Default Credentials; tests replace
// it so they never probe the GCE metadata server.
var findDefaultCredentials = google.FindDefaultCredentialsWithParams

// scopes is the one scope resold needs: writes need apps.order; read-only
// mode asks for no more than it uses.
func scopes(readOnly bool) []string {
	if readOnly {
		return []string{reseller.AppsOrderReadonlyScope}
	}
	return []string{reseller.AppsOrderScope}
}

// tokenSource picks the credentials of cfg: a static token, a key file, or
// Application Default Credentials, in that order. base carries the token
// fetches.
func tokenSource(ctx context.Context, cfg Config, base *http.Client) (oauth2.TokenSource, error) {
	if cfg.Token != "" {
		return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cfg.Token, TokenType: "Bearer"}), nil
	}
	// The token source outlives New's context; keep its values (the HTTP
	// client) but not its cancellation.
	ctx = context.WithValue(context.WithoutCancel(ctx), oauth2.HTTPClient, base)
	params := google.CredentialsParams{Scopes: scopes(cfg.ReadOnly), Subject: cfg.Subject}
	if cfg.CredentialsFile != "" {
		return fileTokenSource(ctx, cfg, params)
	}
	creds, err := findDefaultCredentials(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("%w (Application Default Credentials: %s)", ErrNoCredentials, redact(err.Error()))
	}
	return creds.TokenSource, nil
}

// fileTokenSource loads a service-account key or an authorized-user file.
func fileTokenSource(ctx context.Context, cfg Config, params google.CredentialsParams) (oauth2.TokenSource, error) {
	name := cfg.CredentialsFile
	fix := "set --credentials (or GOOGLE_APPLICATION_CREDENTIALS) to a service-account key file downloaded from the Google Cloud console"
	fi, err := os.Stat(name)
	if err != nil {
		return nil, &SetupError{Setting: "credentials file " + name, Problem: "cannot read the key file", Fix: fix, Err: err}
	}
	if fi.IsDir() {
		return nil, &SetupError{Setting: "credentials file " + name, Problem: "is a directory, not a key file", Fix: fix}
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && cfg.Warn != nil {
		cfg.Warn(fmt.Sprintf("key file %s is readable by group or others (mode %04o): anyone on this machine who can read it "+
			"can act as your reseller; run chmod 600 %s", name, perm, name))
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, &SetupError{Setting: "credentials file " + name, Problem: "cannot read the key file", Fix: fix, Err: err}
	}
	var head struct {
		Type        string `json:"type"`
		ClientEmail string `json:"client_email"`
		PrivateKey  string `json:"private_key"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		// The JSON error's offset is enough; its text never holds key bytes.
		return nil, &SetupError{Setting: "credentials file " + name, Problem: "is not a JSON credentials file", Fix: fix, Err: err}
	}
	switch google.CredentialsType(head.Type) {
	case google.ServiceAccount:
		if head.ClientEmail == "" || head.PrivateKey == "" {
			return nil, &SetupError{Setting: "credentials file " + name, Problem: "the service-account key lacks client_email or private_key", Fix: fix}
		}
		if err := checkPrivateKey(head.PrivateKey); err != nil {
			return nil, &SetupError{Setting: "credentials file " + name, Problem: "the private_key is not a usable RSA key", Fix: fix, Err: err}
		}
		if cfg.Subject == "" {
			// Without a subject Google answers 403 "Not Authorized to
			// access this resource/api" (field failure A2): say so now.
			return nil, &SetupError{Setting: "credentials file " + name, Problem: "a service-account key needs the reseller admin to impersonate",
				Fix: "set --subject (or RESOLD_SUBJECT) to the email of a super admin or reseller admin of your reseller domain; " +
					"the key's client ID must be allowed the apps.order scope under domain-wide delegation"}
		}
	case google.AuthorizedUser:
		if cfg.Subject != "" && cfg.Warn != nil {
			cfg.Warn("--subject is ignored with user credentials: requests act as the signed-in user")
		}
	default:
		return nil, &SetupError{Setting: "credentials file " + name, Problem: fmt.Sprintf("credential type %q is not supported", Sanitize(head.Type)),
			Fix: "use a service-account key (type service_account) with --subject, or a static token with RESOLD_TOKEN"}
	}
	creds, err := google.CredentialsFromJSONWithTypeAndParams(ctx, data, google.CredentialsType(head.Type), params)
	if err != nil {
		return nil, &SetupError{Setting: "credentials file " + name, Problem: "cannot use the key", Fix: fix, Err: errors.New(redact(err.Error()))}
	}
	return creds.TokenSource, nil
}

// checkPrivateKey parses the key now, so a damaged file is reported at
// start-up rather than on the first call. Errors never quote the key.
func checkPrivateKey(pemText string) error {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return errors.New("no PEM block found")
	}
	if _, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		return nil
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return nil
	}
	return errors.New("the PEM block is neither a PKCS #8 nor a PKCS #1 private key")
}
