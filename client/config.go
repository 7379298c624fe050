package client

import (
	"context"
	"net/http"
	"os"
	"time"
)

// Config is how to reach and authenticate to the Reseller API.
type Config struct {
	// Endpoint is the API root, e.g. an emulator's URL; empty means
	// Google's (https://reseller.googleapis.com/).
	Endpoint string
	// CredentialsFile is a service-account key (used with Subject for
	// domain-wide delegation) or an authorized-user credentials file.
	CredentialsFile string
	// Subject is the reseller admin the service account impersonates.
	Subject string
	// Token is a static bearer token (emulator, scripts); it takes
	// precedence over CredentialsFile.
	Token string
	// ReadOnly asks for the apps.order.readonly scope and makes every
	// write return ErrReadOnly before any network I/O.
	ReadOnly bool
	// Retry is the retry policy; zero fields take DefaultRetryPolicy's.
	Retry RetryPolicy
	// AttemptTimeout bounds one HTTP attempt; 0 means 30 s.
	AttemptTimeout time.Duration
	// HTTPClient's transport carries every request, the token fetches
	// included; nil means http.DefaultTransport. Tests inject faults here.
	HTTPClient *http.Client
	// Warn receives warnings about the setup, e.g. a key file readable by
	// others; nil discards them.
	Warn func(string)
	// OnCall, when set, receives every CallRecord as it is logged. It runs
	// on the calling goroutine and must not block.
	OnCall func(CallRecord)
	// Clock and Sleep replace time.Now and the wait between retries; tests
	// on an emulated clock move it in Sleep instead of waiting. nil means
	// the real ones.
	Clock func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// The environment variables ConfigFromEnv reads.
const (
	EnvCredentials = "GOOGLE_APPLICATION_CREDENTIALS"
	EnvSubject     = "RESOLD_SUBJECT"
	EnvEndpoint    = "RESOLD_ENDPOINT"
	EnvToken       = "RESOLD_TOKEN"
)

// defaultAttemptTimeout bounds one attempt when Config leaves it unset.
const defaultAttemptTimeout = 30 * time.Second

// ConfigFromEnv fills base's empty Endpoint, CredentialsFile, Subject and
// Token from RESOLD_ENDPOINT, GOOGLE_APPLICATION_CREDENTIALS,
// RESOLD_SUBJECT and RESOLD_TOKEN; flags set in base win.
func ConfigFromEnv(base Config) Config {
	return configFromEnv(base, os.Getenv)
}

func configFromEnv(base Config, getenv func(string) string) Config {
	fill := func(dst *string, key string) {
		if *dst == "" {
			*dst = getenv(key)
		}
	}
	fill(&base.Endpoint, EnvEndpoint)
	fill(&base.CredentialsFile, EnvCredentials)
	fill(&base.Subject, EnvSubject)
	fill(&base.Token, EnvToken)
	return base
}
