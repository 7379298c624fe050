package common_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"resold/tui/common"
	"resold/tui/internal/tuitest"
)

// input is a focused Input holding value with the cursor at pos.
func input(value string, pos int, echo textinput.EchoMode) common.Input {
	in := tuitest.Common(nil, 80, 24).NewInput("› ", "", 0)
	in.EchoMode = echo
	in.Focus()
	in.SetValue(value)
	in.SetCursor(pos)
	return in
}

func TestInputDeletesTheWordForward(t *testing.T) {
	for _, tt := range []struct {
		name string
		echo textinput.EchoMode
	}{{"plain", textinput.EchoNormal}, {"masked", textinput.EchoPassword}, {"hidden", textinput.EchoNone}} {
		t.Run(tt.name, func(t *testing.T) {
			tuitest.CheckDeleteWordForward(t, tt.echo != textinput.EchoNormal, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
				in, _ := input(value, pos, tt.echo).Update(k)
				return in.Value(), in.Position()
			})
		})
	}
}

// Typed, then the cursor moved back: the way a user gets there.
func TestInputDeletesTheWordForwardAfterTyping(t *testing.T) {
	tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
		in := input("", 0, textinput.EchoNormal)
		for _, key := range append(tuitest.TypeAt(value, pos), k) {
			in, _ = in.Update(key)
		}
		return in.Value(), in.Position()
	})
}

func TestInputWithoutFocusIgnoresTheKey(t *testing.T) {
	in := input("abc", 1, textinput.EchoNormal)
	in.Blur()
	in, _ = in.Update(tuitest.DeleteWordForwardKeys[0])
	if in.Value() != "abc" || in.Position() != 1 {
		t.Errorf("value %q cursor %d, want abc untouched", in.Value(), in.Position())
	}
}

func TestInputKeepsTheOtherKeys(t *testing.T) {
	in := input("", 0, textinput.EchoNormal)
	for _, k := range tuitest.Type("abc def") {
		in, _ = in.Update(k)
	}
	in, _ = in.Update(tea.KeyMsg{Type: tea.KeyCtrlW}) // delete word backward, bubbles' own
	in, _ = in.Update(tea.KeyMsg{Type: tea.KeyLeft})
	if in.Value() != "abc " || in.Position() != 3 {
		t.Errorf("value %q cursor %d, want \"abc \" at 3", in.Value(), in.Position())
	}
}

// Every text input of the app is a common.Input, so none can reach
// bubbles' delete-word-forward: no package under tui holds a bare
// textinput.Model or makes one with textinput.New outside this file.
func TestEveryTextInputIsGuarded(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			filepath.ToSlash(path) == "../common/input.go" {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "textinput" && (sel.Sel.Name == "Model" || sel.Sel.Name == "New") {
				t.Errorf("%s: textinput.%s: use common.Input (Common.NewInput), whose Update guards alt+d", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
