package theme

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

var sgr = regexp.MustCompile("\x1b\\[([0-9;]*)m")

// sgrParams returns every SGR parameter list in s, e.g. ["1", "38;2;1;2;3"].
func sgrParams(s string) []string {
	var out []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// colourParam reports whether an SGR parameter list sets a colour.
func colourParam(p string) bool {
	for f := range strings.SplitSeq(p, ";") {
		n, err := strconv.Atoi(f)
		if err != nil {
			continue
		}
		if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
			return true
		}
	}
	return false
}

func hasAttr(s, attr string) bool {
	for _, p := range sgrParams(s) {
		if slices.Contains(strings.Split(p, ";"), attr) {
			return true
		}
	}
	return false
}

// rendered renders a sample with every style the theme exposes, found by
// walking its fields so a new style cannot escape the checks.
func rendered(th *Theme) map[string]string {
	out := map[string]string{}
	styleType := reflect.TypeFor[lipgloss.Style]()
	var walk func(name string, v reflect.Value)
	walk = func(name string, v reflect.Value) {
		switch {
		case v.Type() == styleType:
			out[name] = v.Interface().(lipgloss.Style).Render("sample")
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(name+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		}
	}
	walk("Theme", reflect.ValueOf(th).Elem())
	for _, s := range []string{"ACTIVE", "SUSPENDED", "TRIAL", "PENDING", "UNKNOWN"} {
		out["Badge."+s] = th.Badge(s)
	}
	out["Seats.Render"] = th.Seats.Render(3, 10, 10)
	out["Error.Render"] = th.Error.Render("boom")
	return out
}

func TestNoColorEmitsNoColour(t *testing.T) {
	for _, light := range []bool{false, true} {
		for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
			th := New(Options{NoColor: true, Light: light, Profile: p})
			for name, out := range rendered(th) {
				for _, param := range sgrParams(out) {
					if colourParam(param) {
						t.Errorf("light=%v profile=%v: %s emits colour %q: %q", light, p, name, param, out)
					}
				}
			}
		}
	}
}

func TestNoColorKeepsFocusVisible(t *testing.T) {
	th := New(Options{NoColor: true, Profile: termenv.ANSI256})
	tests := []struct {
		name string
		out  string
		attr string
	}{
		{"selected row is reversed", th.TableSelected.Render("row"), "7"},
		{"selected row in bubbles table styles", th.Table.Selected.Render("row"), "7"},
		{"focused input is underlined", th.FormInputFocused.Render("42"), "4"},
		{"focused button is reversed", th.ButtonFocused.Render("No"), "7"},
		{"DEMO badge is reversed", th.DemoBadge.Render("DEMO"), "7"},
		{"READ-ONLY badge is reversed", th.ReadOnlyBadge.Render("READ-ONLY"), "7"},
		{"table header is underlined", th.TableHeader.Render("Name"), "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !hasAttr(tt.out, tt.attr) {
				t.Errorf("%q lacks SGR %s", tt.out, tt.attr)
			}
		})
	}
	// With colour the selection is a background colour, not reverse video.
	col := New(Options{Profile: termenv.ANSI256})
	if hasAttr(col.TableSelected.Render("row"), "7") {
		t.Error("colour theme reverses the selected row")
	}
}

func TestDarkAndLightDiffer(t *testing.T) {
	dark := New(Options{Profile: termenv.TrueColor})
	light := New(Options{Light: true, Profile: termenv.TrueColor})
	if dark.Renderer().HasDarkBackground() != true || light.Renderer().HasDarkBackground() != false {
		t.Error("the background is not set from Options.Light")
	}
	d, l := rendered(dark), rendered(light)
	for _, name := range []string{"Theme.Error.Style", "Theme.Text", "Theme.AppTitle", "Theme.DemoBadge", "Theme.TableSelected", "Badge.ACTIVE", "Theme.Link"} {
		if d[name] == l[name] {
			t.Errorf("%s renders the same in dark and light: %q", name, d[name])
		}
	}
	dp, lp := reflect.ValueOf(DarkPalette()), reflect.ValueOf(LightPalette())
	for i := range dp.NumField() {
		if dp.Field(i).Interface() == lp.Field(i).Interface() {
			t.Errorf("palette %s is the same in dark and light", dp.Type().Field(i).Name)
		}
	}
}

func TestProfileIsHonoured(t *testing.T) {
	tests := []struct {
		name    string
		profile termenv.Profile
		want    string // a substring of the accent foreground sequence
		noEsc   bool
	}{
		{"truecolor", termenv.TrueColor, "38;2;", false},
		{"256 colours", termenv.ANSI256, "38;5;", false},
		{"16 colours", termenv.ANSI, "9", false},
		{"ascii has no escapes at all", termenv.Ascii, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := New(Options{Profile: tt.profile})
			if got := th.Renderer().ColorProfile(); got != tt.profile {
				t.Fatalf("renderer profile = %v, want %v", got, tt.profile)
			}
			out := th.AppTitle.Render("resold")
			if tt.noEsc {
				if strings.Contains(out, "\x1b") {
					t.Errorf("%q has escapes", out)
				}
				return
			}
			var fgParam string
			for _, p := range sgrParams(out) {
				if colourParam(p) {
					fgParam = p
				}
			}
			if !strings.Contains(fgParam, tt.want) {
				t.Errorf("accent %q, want a %q colour", out, tt.want)
			}
			if tt.profile == termenv.ANSI && strings.Contains(fgParam, "38;") {
				t.Errorf("16-colour profile emitted an extended colour: %q", out)
			}
		})
	}
}

func TestStatusStylesCarrySymbols(t *testing.T) {
	for _, o := range []Options{{Profile: termenv.Ascii}, {NoColor: true, Profile: termenv.TrueColor}, {Profile: termenv.TrueColor}} {
		th := New(o)
		tests := []struct {
			name   string
			status Status
			symbol string
		}{
			{"error", th.Error, "✗"},
			{"warning", th.Warning, "!"},
			{"success", th.Success, "✓"},
			{"info", th.Info, "i"},
			{"form error", th.FormError, "✗"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.status.Symbol != tt.symbol {
					t.Errorf("symbol %q, want %q", tt.status.Symbol, tt.symbol)
				}
				plain := sgr.ReplaceAllString(tt.status.Render("quota exceeded"), "")
				if plain != tt.symbol+" quota exceeded" {
					t.Errorf("rendered %q", plain)
				}
			})
		}
	}
}

func TestBadgeShowsStatusText(t *testing.T) {
	th := New(Options{Profile: termenv.TrueColor})
	for _, s := range []string{"ACTIVE", "SUSPENDED", "TRIAL", "PENDING", "SOMETHING_NEW", "active"} {
		if plain := sgr.ReplaceAllString(th.Badge(s), ""); plain != s {
			t.Errorf("Badge(%q) reads %q", s, plain)
		}
	}
	if th.Badge("ACTIVE") == sgr.ReplaceAllString(th.Badge("ACTIVE"), "") {
		t.Error("ACTIVE badge has no style")
	}
	active, suspended := sgrParams(th.Badge("ACTIVE")), sgrParams(th.Badge("SUSPENDED"))
	if slices.Equal(active, suspended) {
		t.Error("ACTIVE and SUSPENDED look the same")
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		noColor string
		light   bool
		want    bool
	}{
		{"unset", "", false, false},
		{"set to 1", "1", false, true},
		{"any value counts, even 0", "0", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.noColor)
			o := FromEnv(tt.light)
			if o.NoColor != tt.want || o.Light != tt.light {
				t.Errorf("FromEnv = %+v", o)
			}
		})
	}
}
