package client

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"google.golang.org/api/option"
	reseller "google.golang.org/api/reseller/v1"
)

// DefaultEndpoint is Google's Reseller API root.
const DefaultEndpoint = "https://reseller.googleapis.com/"

// Client calls the Reseller API with retries, validation, the call log and
// read-only enforcement. It is safe for concurrent use.
//
// View derives clients that share one connection (its token source,
// retry policy and clock) with their own role and call log, for front
// ends that serve several users at once.
type Client struct {
	svc            *reseller.Service
	hc             *http.Client // the generated client's, for batch requests
	endpoint       string
	retry          RetryPolicy
	attemptTimeout time.Duration
	now            func() time.Time
	// wait blocks between retries; tests replace it to move an emulated
	// clock instead of sleeping.
	wait func(ctx context.Context, d time.Duration) error

	// Per view: View gives each its own.
	readOnly bool
	log      *callLog
	onCall   *atomic.Pointer[func(CallRecord)]
	// pages keeps first pages briefly and shares the reads under way; a
	// view's reads go to its own call log, so it has its own, but a change
	// through any view forgets the pages of all.
	pages *PageCache
}

// New builds a Client from cfg. It reads credentials but makes no network
// call; a token is fetched on the first request. With no credentials at
// all the error wraps ErrNoCredentials.
func New(ctx context.Context, cfg Config) (*Client, error) {
	endpoint, err := normalizeEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if u, _ := url.Parse(endpoint); u.Scheme == "http" && !isLoopback(u.Hostname()) && cfg.Warn != nil {
		cfg.Warn("endpoint " + endpoint + " is plain HTTP on another machine: the access token travels unencrypted")
	}
	base := cfg.HTTPClient
	if base == nil {
		base = &http.Client{}
	}
	// Token fetches run outside any call's context (oauth2.Transport asks
	// its source without one), so they get a deadline of their own.
	tokenClient := *base
	if tokenClient.Timeout == 0 {
		tokenClient.Timeout = defaultAttemptTimeout
	}
	ts, err := tokenSource(ctx, cfg, &tokenClient)
	if err != nil {
		return nil, err
	}
	transport := base.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	hc := &http.Client{
		Transport:     statusTransport{&oauth2.Transport{Source: oauth2.ReuseTokenSource(nil, ts), Base: transport}},
		CheckRedirect: base.CheckRedirect,
		Jar:           base.Jar,
	}
	svc, err := reseller.NewService(ctx, option.WithHTTPClient(hc), option.WithEndpoint(endpoint))
	if err != nil {
		return nil, fmt.Errorf("building the Reseller API client: %w", err)
	}
	timeout := cfg.AttemptTimeout
	if timeout <= 0 {
		timeout = defaultAttemptTimeout
	}
	c := &Client{
		svc:            svc,
		hc:             hc,
		endpoint:       endpoint,
		readOnly:       cfg.ReadOnly,
		retry:          cfg.Retry.withDefaults(),
		attemptTimeout: timeout,
		now:            time.Now,
		wait:           waitCtx,
		log:            &callLog{},
		onCall:         &atomic.Pointer[func(CallRecord)]{},
	}
	if cfg.Clock != nil {
		c.now = cfg.Clock
	}
	if cfg.Sleep != nil {
		c.wait = cfg.Sleep
	}
	c.pages = c.newPages()
	c.OnCall(cfg.OnCall)
	return c, nil
}

// ReadOnly reports whether writes are disabled.
func (c *Client) ReadOnly() bool { return c.readOnly }

// View returns a client on c's connection: the same HTTP client and token
// source, retry policy, attempt timeout and clock, so every view counts
// against one quota and one token. It has its own call log and OnCall
// func, empty at first, so one user's calls never show in another's log.
// readOnly makes the view refuse every write with ErrReadOnly before any
// I/O; a view of a read-only client is read-only whatever readOnly says.
// A view costs two small allocations.
func (c *Client) View(readOnly bool) *Client {
	v := *c
	v.readOnly = c.readOnly || readOnly
	v.log = &callLog{}
	v.onCall = &atomic.Pointer[func(CallRecord)]{}
	v.pages = v.newPages()
	// A change one user makes hides the pages every other user kept.
	v.pages.ShareChanges(c.pages)
	return &v
}

// newPages is a first-page cache reading through c.
func (c *Client) newPages() *PageCache {
	return NewPageCache(func(ctx context.Context, q Query) (Page, error) { return c.ListSubscriptions(ctx, q, "") },
		func() time.Time { return c.now() })
}

// Endpoint is the API root the client calls.
func (c *Client) Endpoint() string { return c.endpoint }

// OnCall sets the func that receives every CallRecord as it is logged (nil
// for none), replacing Config.OnCall; it may be called at any time. f runs
// on the calling goroutine and must not block.
func (c *Client) OnCall(f func(CallRecord)) {
	if f == nil {
		c.onCall.Store(nil)
		return
	}
	c.onCall.Store(&f)
}

// Calls returns the most recent HTTP attempts (at most 500), oldest first.
func (c *Client) Calls() []CallRecord { return c.log.snapshot() }

// normalizeEndpoint checks the endpoint and gives it the trailing slash
// the generated client needs: without it a path prefix is silently
// dropped.
func normalizeEndpoint(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultEndpoint, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", &SetupError{Setting: "endpoint", Problem: fmt.Sprintf("%q is not an http(s) URL", Sanitize(s)),
			Fix: "set --endpoint (or RESOLD_ENDPOINT) to a URL such as http://127.0.0.1:8080/, or leave it empty for Google"}
	}
	if u.User != nil {
		return "", &SetupError{Setting: "endpoint", Problem: "the URL must not carry a user name or password",
			Fix: "pass credentials with --credentials or RESOLD_TOKEN"}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
