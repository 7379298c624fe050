package tui

import (
	"context"
	"errors"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"resold/audit"
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
	// Writes counts the changes under way; main waits on it before exit.
	// nil counts nothing.
	Writes *inflight.Tracker
	// Building reports the demo emulator's build of its customers, which
	// the header shows until it is done; nil when there is none.
	Building func() (built, total int)
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
	}
	c.SetKeys(o.Keys.WithReadOnly(o.ReadOnly))
	return c
}

// Run shows the UI until the user quits or ctx ends. Extra program options
// (input, output) are for tests and smoke runs.
func Run(ctx context.Context, o Options, extra ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Bubbles components that build default styles must not query the
	// terminal either (an OSC 11 query over SSH stalls or leaks).
	lipgloss.SetDefaultRenderer(o.Theme.Renderer())
	if o.Copy == nil {
		o.Copy = common.SystemClipboard(os.Stderr, os.Getenv)
	}
	c := NewCommon(ctx, o)
	// Mouse stays off (the default) so the terminal's own selection works.
	opts := append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}, extra...)
	m := New(c)
	m.building = o.Building
	p := tea.NewProgram(trimmed{m}, opts...)
	c.Sender.Set(p.Send)
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		// An interrupt or SIGTERM ended the program: not a failure.
		return nil
	}
	return err
}
