package rooms

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	module   = "resold"
	tui      = module + "/tui"
	client   = module + "/client"
	emulator = module + "/emulator"
	audit    = module + "/audit"
	// genAPI is Google's generated client; only client may speak it.
	genAPI = "google.golang.org/api/reseller/v1"
)

// shared are the packages under tui/ that are not screens: what screens
// are built from. Their subpackages are shared too.
// Every other package directly under tui/ is a screen: it has a Model the
// root model opens, routes keys to and lays out (search, customer, edit,
// palette, the call log, help, …). A new package is therefore a screen
// unless it is added here, on purpose.
var shared = []string{
	tui + "/common",   // what every screen is given: Common, Screen, keys, text
	tui + "/message",  // what a screen may send the root: Open…, Changed, Guidance, …
	tui + "/call",     // the async plumbing: Request, Call, Write, IDs, Done
	tui + "/wording",  // the subscription's words, shared by table, detail and search
	tui + "/form",     // the form widget the edit screen is made of
	tui + "/status",   // the status pane the root draws under every screen
	tui + "/subtable", // the subscriptions table, used by several screens
	tui + "/internal", // test fakes and helpers
}

// allowed are screen-to-screen edges that exist today and are being
// removed; each must still exist (so the entry goes when the edge does),
// and no other edge may appear. There are none: search no longer imports
// customer, since the client's first-page cache reads the customer's
// listing ahead.
var allowed = map[[2]string]string{}

// pkg is what go list says of one package.
type pkg struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
	Deps         []string
	TestImports  []string
	XTestImports []string
}

func under(p, root string) bool { return p == root || strings.HasPrefix(p, root+"/") }

// isScreen reports whether p is a screen package (see shared).
func isScreen(p string) bool {
	if !strings.HasPrefix(p, tui+"/") {
		return false
	}
	for _, s := range shared {
		if under(p, s) {
			return false
		}
	}
	return true
}

// screenOf is the screen p belongs to ("" for none): a screen's own
// subpackages belong to it.
func screenOf(p string) string {
	if !isScreen(p) {
		return ""
	}
	rest := strings.TrimPrefix(p, tui+"/")
	name, _, _ := strings.Cut(rest, "/")
	return tui + "/" + name
}

// graph lists every package of the module.
func graph(t *testing.T) []pkg {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to read the import graph: %v", err)
	}
	out, err := exec.Command(goCmd, "list", "-json", module+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding go list: %v", err)
		}
		pkgs = append(pkgs, p)
		// go test caches a passing result by the files the test opened
		// or stat'ed; touching the sources makes a changed import re-run
		// the test.
		for _, f := range slices.Concat(p.GoFiles, p.TestGoFiles, p.XTestGoFiles) {
			os.Stat(filepath.Join(p.Dir, f))
		}
	}
	return pkgs
}

// violations applies the rules to the graph and returns one line per
// broken rule, and the allowed edges it met.
func violations(pkgs []pkg) (bad []string, met map[[2]string]bool) {
	met = map[[2]string]bool{}
	for _, p := range pkgs {
		from := p.ImportPath
		// A package's tests are part of its room: they may not reach
		// further than its code. The external test package of p may
		// import p itself.
		imports := slices.Concat(p.Imports, p.TestImports, p.XTestImports)
		slices.Sort(imports)
		for _, to := range slices.Compact(imports) {
			if to == from {
				continue
			}
			if s := screenOf(to); s != "" && s != screenOf(from) {
				switch {
				case from == tui:
					// The root model opens every screen.
				case isScreen(from):
					edge := [2]string{screenOf(from), s}
					if _, ok := allowed[edge]; ok {
						met[edge] = true
						continue
					}
					bad = append(bad, fmt.Sprintf("screen %s imports screen %s: only the root model (tui) opens screens; share code through a shared package (tui/common, tui/message, tui/call, …) or the client", from, to))
				default:
					bad = append(bad, fmt.Sprintf("%s imports screen %s: only the root model (tui) may", from, to))
				}
			}
			if under(from, tui) && to == genAPI {
				bad = append(bad, fmt.Sprintf("%s imports %s: the UI speaks to the client package", from, genAPI))
			}
		}
		// The emulator and the audit log must not depend on the client
		// at all, even through another package.
		deps := slices.Concat(p.Deps, p.TestImports, p.XTestImports)
		for _, room := range []string{emulator, audit} {
			if under(from, room) && slices.Contains(deps, client) {
				bad = append(bad, fmt.Sprintf("%s depends on %s: it must stay independent of the client", from, client))
			}
		}
	}
	return bad, met
}

func TestRooms(t *testing.T) {
	pkgs := graph(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages; the graph is not the module's", len(pkgs))
	}
	bad, met := violations(pkgs)
	for _, b := range bad {
		t.Error(b)
	}
	for edge, why := range allowed {
		if !met[edge] {
			t.Errorf("allowed edge %s → %s (%s) no longer exists: remove it from allowed", edge[0], edge[1], why)
		}
	}
	var screens []string
	for _, p := range pkgs {
		if s := screenOf(p.ImportPath); s != "" && s == p.ImportPath {
			screens = append(screens, strings.TrimPrefix(s, tui+"/"))
		}
	}
	t.Logf("screens: %s", strings.Join(screens, ", "))
}

// The rules catch what they are meant to, on a made-up graph.
func TestRoomsRules(t *testing.T) {
	// An edge being removed is allowed, and only that one.
	defer func(was map[[2]string]string) { allowed = was }(allowed)
	allowed = map[[2]string]string{{tui + "/search", tui + "/customer"}: "made up"}
	graph := []pkg{
		{ImportPath: tui, Imports: []string{tui + "/search", tui + "/palette"}},
		{ImportPath: tui + "/search", Imports: []string{tui + "/customer", tui + "/message", tui + "/common/keys", tui + "/subtable"}},
		{ImportPath: tui + "/palette", Imports: []string{tui + "/calllog"}},
		{ImportPath: tui + "/edit", TestImports: []string{tui + "/search"}},
		{ImportPath: tui + "/edit/fields", Imports: []string{tui + "/edit"}},
		{ImportPath: tui + "/form", Imports: []string{tui + "/edit"}},
		{ImportPath: module, Imports: []string{tui + "/search"}},
		{ImportPath: tui + "/common", Imports: []string{genAPI}},
		{ImportPath: emulator, Deps: []string{client}},
		{ImportPath: audit, XTestImports: []string{client}},
	}
	bad, met := violations(graph)
	want := []string{
		"screen resold/tui/palette imports screen resold/tui/calllog",
		"screen resold/tui/edit imports screen resold/tui/search",
		"resold/tui/form imports screen resold/tui/edit",
		"resold imports screen resold/tui/search",
		"resold/tui/common imports " + genAPI,
		"resold/emulator depends on resold/client",
		"resold/audit depends on resold/client",
	}
	if len(bad) != len(want) {
		t.Errorf("got %d violations, want %d:\n%s", len(bad), len(want), strings.Join(bad, "\n"))
	}
	for _, w := range want {
		if !slices.ContainsFunc(bad, func(b string) bool { return strings.HasPrefix(b, w) }) {
			t.Errorf("missed: %s", w)
		}
	}
	if !met[[2]string{tui + "/search", tui + "/customer"}] {
		t.Error("the allowed edge was not recognised")
	}
}
