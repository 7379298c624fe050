package tui

import (
	"context"
	"errors"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"resold/audit"
	"resold/client"
	"resold/internal/inflight"
	"resold/keymap"
	"resold/theme"
	"resold/tui/call"
	"resold/tui/common"
)

// Options are what the UI needs from main: the API, the theme, the keys
// (already rebound from the config file) and the badges to show.
type Options struct {
	API   common.API
	Theme *theme.Theme
	Keys  keymap.KeyMap
	// Demo shows the DEMO badge: the API is the built-in emulator.
	Demo bool
	// ReadOnly shows the READ-ONLY badge; the client enforces it.
	ReadOnly bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Timeout bounds each call; 0 means call.DefaultTimeout.
	Timeout time.Duration
	// Copy is the clipboard; nil means the system's (OSC 52 over SSH).
	Copy common.Clipboard
	// Audit receives one entry per write attempt; nil records nothing.
	Audit common.Auditor
	// Profile names the config profile in the audit log ("demo" against
	// the built-in emulator).
	Profile string
	// Endpoint is the kind of API endpoint, for the audit log.
	Endpoint audit.EndpointKind
	// Backend names what the UI talks to, for the header: "Google ·
	// profile work", "endpoint 127.0.0.1:8085"; "" with the demo badge.
	Backend string
	// Writes counts the changes under way; main waits on it before exit.
	// nil counts nothing.
	Writes *inflight.Tracker
	// Label is the profile's label, shown in the header ("" for none).
	Label string
	// Remote is set for a user who is not on this machine (an SSH session
	// of resold serve): exports, which write files here, are refused.
	Remote bool
	// Profiles are the config file's profiles; with more than one and a
	// Switch, :profile lists them and switches.
	Profiles []common.Profile
	// Switch starts a session on another profile (a fresh client); nil
	// when switching is not possible.
	Switch func(ctx context.Context, name string) (Session, error)
	// Reconcile, when set, checks at start the changes an earlier session
	// left interrupted (internal/reconcile) and returns what to tell the
	// user in the status pane.
	Reconcile func(ctx context.Context) string
	// Building reports the demo emulator's build of its customers, which
	// the header shows until it is done; nil when there is none.
	Building func() (built, total int)
	// Unfinished, when set, returns the bulk changes an earlier session
	// left with rows not sent (internal/reconcile); the UI offers to
	// resume each.
	Unfinished func() []audit.Bulk
	// Attention are the attention view's thresholds; zero values mean the
	// client's defaults (7 and 30 days).
	Attention client.AttentionRules
	// BulkConcurrency is how many rows of a bulk change are sent at once
	// (1 to 4; 0 means 1).
	BulkConcurrency int
}

// Session is what a profile switch starts: the API on the new profile's
// settings, and what the header and the audit log say of it.
type Session struct {
	API      common.API
	ReadOnly bool
	Profile  string
	Label    string
	Endpoint audit.EndpointKind
	// Audit is the audit log when the session can make changes; nil
	// keeps the one the UI has.
	Audit common.Auditor
	// Reconcile, when set, checks the changes an earlier session of this
	// profile left interrupted, as at start (Options.Reconcile).
	Reconcile func(ctx context.Context) string
}

// NewCommon builds the value every component shares. ctx is cancelled when
// the program ends, which cancels every call still running.
func NewCommon(ctx context.Context, o Options) common.Common {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	// Read-only mode takes every write action out of the keys, the help
	// and the palette; the client refuses writes anyway.
	c := common.Common{
		Caller: call.Caller{
			Ctx:     ctx,
			Events:  o.API,
			IDs:     &call.IDs{},
			Sender:  &call.Sender{},
			Timeout: o.Timeout,
			Writes:  o.Writes,
		},
		API:      o.API,
		Styles:   common.NewStyles(o.Theme),
		Now:      now,
		Copy:     o.Copy,
		Demo:     o.Demo,
		ReadOnly: o.ReadOnly,
		Audit:    o.Audit,
		Profile:  o.Profile,
		Endpoint: o.Endpoint,
		Backend:  o.Backend,
		Label:    o.Label,
		Remote:   o.Remote,

		Attention:       o.Attention,
		BulkConcurrency: o.BulkConcurrency,
	}
	if o.Switch != nil && len(o.Profiles) > 1 {
		c.Profiles = o.Profiles
	}
	c.SetKeys(o.Keys.WithReadOnly(o.ReadOnly))
	return c
}

// Run shows the UI on this process's terminal until the user quits or ctx
// ends. Extra program options (input, output) are for tests and smoke runs.
func Run(ctx context.Context, o Options, extra ...tea.ProgramOption) error {
	// Bubbles components that build default styles must not query the
	// terminal either (an OSC 11 query over SSH stalls or leaks).
	lipgloss.SetDefaultRenderer(o.Theme.Renderer())
	if o.Copy == nil {
		o.Copy = common.SystemClipboard(os.Stderr, os.Getenv)
	}
	c := NewCommon(ctx, o)
	return run(ctx, trimmed{root(c, o)}, c.Sender.Set, extra...)
}

// root is the model a program runs: the root model, set up by o, drawn
// without the spaces that pad its lines (trimmed, the program's model).
func root(c common.Common, o Options) Model {
	m := New(c).Reconciling(o.Reconcile).Switching(o.Switch).Resuming(o.Unfinished)
	m.building = o.Building
	return m
}

// run runs model as the program: alternate screen, no mouse, no signal
// handler, ended by ctx; a panic anywhere in the model is returned as a
// *PanicError once the terminal is restored. setSend receives the
// program's Send for the calls' events.
func run(ctx context.Context, model tea.Model, setSend func(func(tea.Msg)), extra ...tea.ProgramOption) error {
	box := &crashBox{}
	// Mouse stays off (the default) so the terminal's own selection works.
	// Signals are main's: it ends ctx, which restores the terminal, and
	// then waits for the changes under way. Bubble Tea's own handler would
	// race it, and can block the program's shutdown forever when a signal
	// arrives as the program ends.
	opts := append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx), tea.WithoutSignalHandler()}, extra...)
	p := tea.NewProgram(guarded{m: model, box: box}, opts...)
	box.quit = p.Quit
	if setSend != nil {
		setSend(p.Send)
	}
	_, err := p.Run()
	if perr := box.crashed(); perr != nil {
		return perr
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		// An interrupt or SIGTERM ended the program: not a failure.
		return nil
	}
	return err
}

// Program builds the UI for one terminal, given by opts (input, output),
// without touching anything process-wide (the default renderer, the system
// clipboard, signals), so an SSH server can run one per session. A panic
// in the UI ends the program the ordinary way, terminal restored. Call end
// once the program has ended: it stops the calls still running (changes,
// run by call.Caller.Write, outlive it, counted in o.Writes) and returns
// the *PanicError if the UI panicked.
func Program(ctx context.Context, o Options, opts ...tea.ProgramOption) (p *tea.Program, end func() error) {
	ctx, stop := context.WithCancel(ctx)
	c := NewCommon(ctx, o)
	box := &crashBox{}
	// Mouse stays off (the default) so the terminal's own selection works.
	p = tea.NewProgram(guarded{m: trimmed{root(c, o)}, box: box},
		append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithoutSignalHandler()}, opts...)...)
	box.quit = p.Quit
	c.Sender.Set(p.Send)
	return p, func() error {
		stop()
		if perr := box.crashed(); perr != nil {
			return perr
		}
		return nil
	}
}
