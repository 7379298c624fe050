package subscriptions

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// filled is the screen at 120×38 with n rows loaded (all of them: no
// paging while measuring) and the cursor in the middle.
func filled(tb testing.TB, n int) Model {
	tb.Helper()
	m, _ := New(tuitest.Common(&fake.API{}, 120, 38), client.Query{}, "All")
	m.calls[loadingPage] = call.Request{}
	m.table = m.table.Append(rows(n)...)
	m.pages, m.done = n/client.MaxPageSize, true
	m.table = m.table.Move(n / 2)
	return m
}

func BenchmarkSubscriptionsView(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := filled(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkCursorMove is one key press on the table: Update, then View.
func BenchmarkCursorMove(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			var s common.Screen = filled(b, n)
			keys := []tea.KeyMsg{tuitest.Key("down"), tuitest.Key("up")}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s, _ = s.Update(keys[i%2])
				_ = s.View()
				i++
			}
		})
	}
}

// TestViewCostDoesNotGrowWithRows guards the virtualisation without
// timing anything: drawing the table allocates the same at 100 rows as at
// 100,000, because only the visible rows are drawn.
func TestViewCostDoesNotGrowWithRows(t *testing.T) {
	small, large := filled(t, 100), filled(t, 100_000)
	a := testing.AllocsPerRun(20, func() { _ = small.View() })
	b := testing.AllocsPerRun(20, func() { _ = large.View() })
	if b > a*1.1+5 {
		t.Errorf("View allocates %.0f times at 100,000 rows but %.0f at 100", b, a)
	}
}
