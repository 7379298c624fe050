package theme

import (
	"os"

	"github.com/muesli/termenv"
)

// Options choose the palette and how colours reach the terminal.
type Options struct {
	// Light selects the light palette; the default is dark.
	Light bool
	// NoColor drops every colour but keeps bold, reverse and underline, so
	// focus and selection stay visible (https://no-color.org asks only for
	// no colour).
	NoColor bool
	// Profile is the terminal's colour profile. Its zero value is TrueColor;
	// tests and golden files set it explicitly so output never depends on
	// the machine. termenv.Ascii drops attributes too.
	Profile termenv.Profile
}

// FromEnv returns Options for the real terminal on stdout: NO_COLOR (any
// non-empty value) sets NoColor, and the profile comes from TERM/COLORTERM.
// Nothing is asked of the terminal itself, which over SSH could stall.
func FromEnv(light bool) Options {
	// ColorProfile, unlike EnvColorProfile, does not turn NO_COLOR into
	// Ascii: we want NO_COLOR's attributes-only output, not plain text.
	return Options{
		Light:   light,
		NoColor: os.Getenv("NO_COLOR") != "",
		Profile: termenv.NewOutput(os.Stdout).ColorProfile(),
	}
}
