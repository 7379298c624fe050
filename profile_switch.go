package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"resold/audit"
	"resold/client"
	"resold/config"
	"resold/internal/reconcile"
	"resold/internal/setup"
	"resold/tui"
	"resold/tui/common"
)

// switcher starts sessions on other profiles of the config file for the
// UI's :profile. The settings merge as at start: flags, then the
// environment, then the profile.
type switcher struct {
	f   setup.Flags
	cfg config.Config

	mu sync.Mutex
	// log is the audit log: the one opened at start, or one opened at the
	// first switch to a profile that can make changes.
	log    *audit.Log
	opened bool // log was opened here, and is closed here
}

func newSwitcher(f setup.Flags, cfg config.Config, log *audit.Log) *switcher {
	return &switcher{f: f, cfg: cfg, log: log}
}

// profiles are the choices the UI lists.
func (s *switcher) profiles() []common.Profile {
	var out []common.Profile
	for _, p := range s.cfg.List() {
		ro := p.ReadOnly
		if s.f.IsSet("read-only") {
			ro = s.f.ReadOnly
		}
		out = append(out, common.Profile{Name: p.Name, Label: p.Label, ReadOnly: ro})
	}
	return out
}

// Switch builds the client of profile name. No network call is made: the
// credentials are read, the token is fetched at the first call.
func (s *switcher) Switch(ctx context.Context, name string) (tui.Session, error) {
	prof, err := s.cfg.Select(name)
	if err != nil {
		return tui.Session{}, err
	}
	cc := setup.ClientConfig(s.f, prof)
	cl, err := client.New(ctx, cc)
	if errors.Is(err, client.ErrNoCredentials) {
		return tui.Session{}, fmt.Errorf("profile %s has no credentials: set credentials and subject under profiles.%s in %s", prof.Name, prof.Name, s.cfg.Path)
	}
	if err != nil {
		return tui.Session{}, err
	}
	out := tui.Session{API: tui.FromClient(cl), ReadOnly: cc.ReadOnly, Profile: prof.Name, Label: prof.Label,
		Endpoint: setup.EndpointKind(false, cl.Endpoint())}
	if !cc.ReadOnly {
		// Every change is recorded: without the audit log, no change.
		log, err := s.audit()
		if err != nil {
			return tui.Session{}, fmt.Errorf("%w; changes are recorded in the audit log: fix its location or choose a read-only profile", err)
		}
		out.Audit = log
		// As at start: changes an earlier session of this profile left
		// without an outcome are read again.
		out.Reconcile = reconcile.AtStart(log, cl, reconcile.Session{Profile: out.Profile, Endpoint: out.Endpoint})
	}
	return out, nil
}

func (s *switcher) audit() (*audit.Log, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.log != nil {
		return s.log, nil
	}
	log, err := setup.OpenAudit()
	if err != nil {
		return nil, err
	}
	s.log, s.opened = log, true
	return log, nil
}

// Close closes an audit log the switcher opened.
func (s *switcher) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opened {
		s.log.Close()
	}
}
