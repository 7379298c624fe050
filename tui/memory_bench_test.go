package tui

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"resold/emulator"
	"resold/keymap"
)

// BenchmarkLoadedRowMemory loads the table of all subscriptions of 34,000
// generated customers (about 100,000 rows) from the emulator through the
// real client, pressing G until the last page is in, and reports what the
// loaded rows hold: live heap bytes per row after a collection
// (runtime.MemStats) and the growth of the process's resident set per row
// without one, as the program would run. The emulator runs in the same
// process, so both figures are differences from before the load. Run it
// with -benchtime 1x.
func BenchmarkLoadedRowMemory(b *testing.B) {
	api, _ := emulatorAPI(b, emulator.Options{Customers: 34_000}, fastRetry)
	c := syncCommon(api)
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		rssBefore := rss(b)
		b.StartTimer()

		// One runner throughout: a page read started by one step is
		// answered in a later one.
		r := newRunner(b)
		m := press(b, sized(c, 120, 40), key("esc"))
		next, cmd := m.Update(key("S"))
		m = r.until(next.(Model), cmd, func(m Model) bool { return loaded(m) > 0 })
		for !strings.HasSuffix(m.top().Info(), "all") {
			n := loaded(m)
			next, cmd := m.Update(key("G"))
			m = r.until(next.(Model), cmd, func(m Model) bool {
				return strings.HasSuffix(m.top().Info(), "all") || loaded(m) >= n+2*100
			})
		}

		b.StopTimer()
		rssAfter := rss(b)
		runtime.GC()
		runtime.ReadMemStats(&after)
		rows := float64(loaded(m))
		if m.screenName() != keymap.ScreenSubscriptions || rows < 100_000 {
			b.Fatalf("%.0f rows loaded on %s", rows, m.screenName())
		}
		b.ReportMetric(rows, "rows")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/rows, "live-B/row")
		b.ReportMetric(float64(rssAfter-rssBefore)/rows, "RSS-B/row")
		runtime.KeepAlive(m)
		b.StartTimer()
	}
}

// loaded is how many rows the subscriptions screen says it has loaded.
func loaded(m Model) int {
	n, _ := strconv.Atoi(strings.Fields(m.top().Info() + " 0")[0])
	return n
}

// rss is the process's resident set in bytes, from /proc (Linux).
func rss(tb testing.TB) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Skip("no /proc/self/status:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	tb.Skip("no VmRSS")
	return 0
}
