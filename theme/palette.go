package theme

import "github.com/charmbracelet/lipgloss"

// Palette is the set of semantic colours every style is built from. Screens
// never name a colour; they use a style of the Theme.
type Palette struct {
	// Accent marks titles, links, focus and the spinner.
	Accent lipgloss.TerminalColor
	// Danger marks errors and destructive states (SUSPENDED).
	Danger lipgloss.TerminalColor
	// Warning marks warnings and things that need attention (TRIAL).
	Warning lipgloss.TerminalColor
	// Success marks success and healthy states (ACTIVE).
	Success lipgloss.TerminalColor
	// Muted is for secondary text such as help descriptions.
	Muted lipgloss.TerminalColor
	// Selected is the background of the selected row.
	Selected lipgloss.TerminalColor
	// Text is the main foreground colour.
	Text lipgloss.TerminalColor
	// Subtle is between Text and Muted: labels, table headers, help keys.
	Subtle lipgloss.TerminalColor
	// Border is for borders, separators and the header bar.
	Border lipgloss.TerminalColor
	// DemoBadge is the background of the DEMO badge; it must be loud.
	DemoBadge lipgloss.TerminalColor
	// ReadOnlyBadge is the background of the READ-ONLY badge.
	ReadOnlyBadge lipgloss.TerminalColor
	// BadgeText is the foreground on the badges and the focused button.
	BadgeText lipgloss.TerminalColor
}

// DarkPalette is the palette for dark terminal backgrounds (the default).
func DarkPalette() Palette {
	return Palette{
		Accent:        lipgloss.Color("#58A6FF"),
		Danger:        lipgloss.Color("#F85149"),
		Warning:       lipgloss.Color("#D29922"),
		Success:       lipgloss.Color("#3FB950"),
		Muted:         lipgloss.Color("#7D8590"),
		Selected:      lipgloss.Color("#1F3A5F"),
		Text:          lipgloss.Color("#E6EDF3"),
		Subtle:        lipgloss.Color("#A8B1BB"),
		Border:        lipgloss.Color("#30363D"),
		DemoBadge:     lipgloss.Color("#F0883E"),
		ReadOnlyBadge: lipgloss.Color("#58A6FF"),
		BadgeText:     lipgloss.Color("#0D1117"),
	}
}

// LightPalette is the palette for light terminal backgrounds (--light).
func LightPalette() Palette {
	return Palette{
		Accent:        lipgloss.Color("#0969DA"),
		Danger:        lipgloss.Color("#CF222E"),
		Warning:       lipgloss.Color("#9A6700"),
		Success:       lipgloss.Color("#1A7F37"),
		Muted:         lipgloss.Color("#6E7781"),
		Selected:      lipgloss.Color("#DDF4FF"),
		Text:          lipgloss.Color("#1F2328"),
		Subtle:        lipgloss.Color("#57606A"),
		Border:        lipgloss.Color("#D0D7DE"),
		DemoBadge:     lipgloss.Color("#BC4C00"),
		ReadOnlyBadge: lipgloss.Color("#0550AE"),
		BadgeText:     lipgloss.Color("#FFFFFF"),
	}
}

// noColorPalette has no colour at all, for NO_COLOR: styles built from it
// emit attributes (bold, reverse, underline) and nothing else.
func noColorPalette() Palette {
	none := lipgloss.NoColor{}
	return Palette{
		Accent: none, Danger: none, Warning: none, Success: none, Muted: none,
		Selected: none, Text: none, Subtle: none, Border: none, DemoBadge: none,
		ReadOnlyBadge: none, BadgeText: none,
	}
}
