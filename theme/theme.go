package theme

import (
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
)

// Theme is the set of styles the TUI draws with. Build it once with New and
// share the pointer; never create styles inside View.
type Theme struct {
	// Colors is the palette the styles were built from.
	Colors Palette

	// Header is the top bar.
	Header lipgloss.Style
	// AppTitle is the program name in the header.
	AppTitle lipgloss.Style
	// DemoBadge marks a session against the emulator; loud on purpose.
	DemoBadge lipgloss.Style
	// ReadOnlyBadge marks read-only mode.
	ReadOnlyBadge lipgloss.Style
	// ScreenTitle is the title of the current screen.
	ScreenTitle lipgloss.Style

	// HelpKey is a key in the footer and help overlay.
	HelpKey lipgloss.Style
	// HelpDesc is a key's description in the footer and help overlay.
	HelpDesc lipgloss.Style
	// HelpSeparator is the dot between footer items.
	HelpSeparator lipgloss.Style
	// Help is the same styles shaped for bubbles' help.Model.
	Help help.Styles

	// TableHeader is the header row of a table.
	TableHeader lipgloss.Style
	// TableRow is a table cell.
	TableRow lipgloss.Style
	// TableSelected is the selected row: background colour, or reverse video
	// without colour.
	TableSelected lipgloss.Style
	// Table is the same styles shaped for bubbles' table.Model.
	Table table.Styles

	// Text is plain body text.
	Text lipgloss.Style
	// Muted is secondary text.
	Muted lipgloss.Style
	// Subtle is de-emphasised but still important text, such as field names.
	Subtle lipgloss.Style
	// Link is a URL.
	Link lipgloss.Style

	// Error is an error status line (✗).
	Error Status
	// Warning is a warning status line (!).
	Warning Status
	// Success is a success status line (✓).
	Success Status
	// Info is an informational status line (i).
	Info Status
	// StatusBox is the border around the status pane.
	StatusBox lipgloss.Style

	// DialogBox is the border around a dialog.
	DialogBox lipgloss.Style
	// DialogTitle is a dialog's title.
	DialogTitle lipgloss.Style
	// Button is a dialog button.
	Button lipgloss.Style
	// ButtonFocused is the focused (default) dialog button.
	ButtonFocused lipgloss.Style

	// FormLabel is a form field's label.
	FormLabel lipgloss.Style
	// FormInput is an unfocused form field.
	FormInput lipgloss.Style
	// FormInputFocused is the focused form field: colour, or underline
	// without colour.
	FormInputFocused lipgloss.Style
	// FormError is a field's validation error (✗).
	FormError Status

	// Seats draws seat usage bars.
	Seats SeatBar
	// Spinner is the activity spinner.
	Spinner lipgloss.Style

	badges   map[string]lipgloss.Style
	badge    lipgloss.Style
	renderer *lipgloss.Renderer
}

// New builds every style once from o.
func New(o Options) *Theme {
	// The renderer never writes: it exists to carry the profile and the
	// background, both set explicitly so nothing is detected or queried.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(o.Profile)
	r.SetHasDarkBackground(!o.Light)

	c := DarkPalette()
	if o.Light {
		c = LightPalette()
	}
	if o.NoColor {
		c = noColorPalette()
	}
	// attr adds an attribute only without colour, where it replaces what the
	// colour said (selection, focus, loudness).
	attr := func(s lipgloss.Style, f func(lipgloss.Style) lipgloss.Style) lipgloss.Style {
		if o.NoColor {
			return f(s)
		}
		return s
	}
	reverse := func(s lipgloss.Style) lipgloss.Style { return s.Reverse(true) }
	underline := func(s lipgloss.Style) lipgloss.Style { return s.Underline(true) }
	fg := func(col lipgloss.TerminalColor) lipgloss.Style { return r.NewStyle().Foreground(col) }
	status := func(symbol string, col lipgloss.TerminalColor) Status {
		return Status{Symbol: symbol, Style: fg(col).Bold(true)}
	}
	badge := func(bg lipgloss.TerminalColor) lipgloss.Style {
		return attr(r.NewStyle().Background(bg).Foreground(c.BadgeText).Bold(true).Padding(0, 1), reverse)
	}

	t := &Theme{Colors: c, renderer: r}
	t.Header = r.NewStyle().Background(c.Border).Foreground(c.Text).Padding(0, 1)
	t.AppTitle = fg(c.Accent).Bold(true)
	t.DemoBadge = badge(c.DemoBadge)
	t.ReadOnlyBadge = badge(c.ReadOnlyBadge)
	t.ScreenTitle = fg(c.Text).Bold(true)

	t.HelpKey = fg(c.Subtle).Bold(true)
	t.HelpDesc = fg(c.Muted)
	t.HelpSeparator = fg(c.Border)
	t.Help = help.Styles{
		Ellipsis:       t.HelpSeparator,
		ShortKey:       t.HelpKey,
		ShortDesc:      t.HelpDesc,
		ShortSeparator: t.HelpSeparator,
		FullKey:        t.HelpKey,
		FullDesc:       t.HelpDesc,
		FullSeparator:  t.HelpSeparator,
	}

	t.TableHeader = attr(fg(c.Subtle).Bold(true).Padding(0, 1), underline)
	// No colour on cells: bubbles v1 wraps the rendered cells in Selected,
	// and a cell's own reset would cut the selection background short.
	t.TableRow = r.NewStyle().Padding(0, 1)
	t.TableSelected = attr(r.NewStyle().Background(c.Selected).Foreground(c.Text).Bold(true), reverse)
	t.Table = table.Styles{Header: t.TableHeader, Cell: t.TableRow, Selected: t.TableSelected}

	t.Text = fg(c.Text)
	t.Muted = fg(c.Muted)
	t.Subtle = fg(c.Subtle)
	t.Link = fg(c.Accent).Underline(true)

	t.Error = status("✗", c.Danger)
	t.Warning = status("!", c.Warning)
	t.Success = status("✓", c.Success)
	t.Info = status("i", c.Accent)
	t.StatusBox = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c.Border).Padding(0, 1)

	t.DialogBox = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c.Accent).Padding(1, 2)
	t.DialogTitle = fg(c.Text).Bold(true)
	t.Button = fg(c.Subtle).Padding(0, 1)
	t.ButtonFocused = attr(r.NewStyle().Background(c.Accent).Foreground(c.BadgeText).Bold(true).Padding(0, 1), reverse)

	t.FormLabel = fg(c.Subtle)
	t.FormInput = fg(c.Text)
	t.FormInputFocused = attr(fg(c.Accent).Bold(true), underline)
	t.FormError = status("✗", c.Danger)

	t.Seats = SeatBar{FilledChar: "█", EmptyChar: "░", Filled: fg(c.Accent), Empty: fg(c.Border)}
	t.Spinner = fg(c.Accent)

	t.badge = fg(c.Muted).Bold(true)
	t.badges = map[string]lipgloss.Style{
		"ACTIVE":    fg(c.Success).Bold(true),
		"SUSPENDED": fg(c.Danger).Bold(true),
		"TRIAL":     fg(c.Warning).Bold(true),
		"PENDING":   fg(c.Warning).Bold(true),
	}
	return t
}

// Badge renders a subscription status (ACTIVE, SUSPENDED, TRIAL, ...) as its
// own text, coloured by meaning; unknown statuses are muted, never hidden.
func (t *Theme) Badge(status string) string {
	s, ok := t.badges[strings.ToUpper(status)]
	if !ok {
		s = t.badge
	}
	return s.Render(status)
}

// Renderer returns the renderer every style was built on. Pass it to
// lipgloss.SetDefaultRenderer at start-up so bubbles components that build
// their own default styles do not query the terminal either.
func (t *Theme) Renderer() *lipgloss.Renderer {
	return t.renderer
}
