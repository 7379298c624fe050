package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"resold/emulator"
)

// readAll reads every page of a new pager and returns the row count.
func readAll(b *testing.B, c *Client, q Query) int {
	p := c.NewPager(q)
	defer p.Close()
	rows := 0
	for i := 0; ; i++ {
		pg, err := p.Page(context.Background(), i)
		if errors.Is(err, ErrEndOfList) {
			return rows
		}
		if err != nil {
			b.Fatal(err)
		}
		rows += len(pg.Rows)
	}
}

// benchPager reads the whole listing per iteration and reports rows per
// second and heap allocations per row.
func benchPager(b *testing.B, c *Client) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rows := 0
	for b.Loop() {
		rows += readAll(b, c, Query{})
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rows), "allocs/row")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
}

// BenchmarkPager lists every subscription of 2,000 generated customers
// through the emulator over HTTP, 100 rows per call. Allocations count the
// whole process, the in-process emulator included.
func BenchmarkPager(b *testing.B) {
	ts := httptest.NewServer(emulator.New(emulator.Options{Customers: 2000, Seed: 1}))
	defer ts.Close()
	c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	benchPager(b, c)
}

// BenchmarkPagerClientSide replays the emulator's recorded pages from
// memory, so the allocations are the client's: HTTP, JSON decoding into
// the generated types, conversion and sanitising.
func BenchmarkPagerClientSide(b *testing.B) {
	emu := httptest.NewServer(emulator.New(emulator.Options{Customers: 2000, Seed: 1}))
	pages := map[string][]byte{} // pageToken → body
	var mu sync.Mutex
	recorder := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.URL.Query().Get("pageToken")
		mu.Lock()
		body, ok := pages[tok]
		mu.Unlock()
		if !ok {
			req, _ := http.NewRequest(r.Method, emu.URL+r.URL.RequestURI(), nil)
			req.Header = r.Header.Clone()
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			body, _ = io.ReadAll(res.Body)
			res.Body.Close()
			mu.Lock()
			pages[tok] = body
			mu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		_, _ = w.Write(body)
	}))
	defer recorder.Close()
	c, err := New(context.Background(), Config{Endpoint: recorder.URL, Token: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	readAll(b, c, Query{}) // record every page once
	emu.Close()
	benchPager(b, c)
}

// loopAll reads every page with ListSubscriptions in a plain loop, the
// floor the pager is measured against, and returns the row count.
func loopAll(b *testing.B, c *Client, q Query) int {
	rows, token := 0, ""
	for {
		pg, err := c.ListSubscriptions(context.Background(), q, token)
		if err != nil {
			b.Fatal(err)
		}
		rows += len(pg.Rows)
		if token = pg.NextToken; token == "" {
			return rows
		}
	}
}

// BenchmarkPagerVsLoop reads the whole listing of 2,000 generated
// customers over loopback, through a Pager and through a plain loop of
// ListSubscriptions, one after the other in each iteration so that both
// see the same load on a shared machine. It reports both rates and the
// pager's as a share of the loop's (the goal: at least 0.95).
func BenchmarkPagerVsLoop(b *testing.B) {
	ts := httptest.NewServer(emulator.New(emulator.Options{Customers: 2000, Seed: 1}))
	defer ts.Close()
	c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	var loopTime, pagerTime, loopCPU, pagerCPU time.Duration
	rows := 0
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		n := loopAll(b, c, Query{})
		loopTime += time.Since(start)
		loopCPU += cpuTime() - cpu
		start, cpu = time.Now(), cpuTime()
		if got := readAll(b, c, Query{}); got != n {
			b.Fatalf("the pager read %d rows, the loop %d", got, n)
		}
		pagerTime += time.Since(start)
		pagerCPU += cpuTime() - cpu
		rows += n
	}
	b.ReportMetric(float64(rows)/loopTime.Seconds(), "loop-rows/s")
	b.ReportMetric(float64(rows)/pagerTime.Seconds(), "pager-rows/s")
	b.ReportMetric(loopTime.Seconds()/pagerTime.Seconds(), "pager/loop")
	// CPU time depends less on what else the machine runs.
	b.ReportMetric(float64(loopCPU.Microseconds())/float64(rows), "loop-cpu-µs/row")
	b.ReportMetric(float64(pagerCPU.Microseconds())/float64(rows), "pager-cpu-µs/row")
}

// cpuTime is the CPU time the process has used, user and system, the
// in-process emulator's included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPagerReadAhead is what the read-ahead is for: with every call
// taking 100 ms and the reader spending 100 ms on each page (a person
// scrolling), the pager has the next page ready while the plain loop waits
// a round trip for every page. It reports the mean wait per page.
func BenchmarkPagerReadAhead(b *testing.B) {
	const pages, work = 5, 100 * time.Millisecond
	ts := httptest.NewServer(emulator.New(emulator.Options{Customers: 2000, Seed: 1, Latency: 100 * time.Millisecond}))
	defer ts.Close()
	c, err := New(context.Background(), Config{Endpoint: ts.URL, Token: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("loop", func(b *testing.B) {
		var waited time.Duration
		for b.Loop() {
			token := ""
			for range pages {
				start := time.Now()
				pg, err := c.ListSubscriptions(context.Background(), Query{}, token)
				if err != nil {
					b.Fatal(err)
				}
				waited += time.Since(start)
				token = pg.NextToken
				time.Sleep(work) // the reader's time on the page, not synchronisation
			}
		}
		b.ReportMetric(float64(waited.Milliseconds())/float64(b.N*pages), "ms-wait/page")
	})
	b.Run("pager", func(b *testing.B) {
		var waited time.Duration
		for b.Loop() {
			p := c.NewPager(Query{})
			for i := range pages {
				start := time.Now()
				if _, err := p.Page(context.Background(), i); err != nil {
					b.Fatal(err)
				}
				waited += time.Since(start)
				time.Sleep(work)
			}
			p.Close()
		}
		b.ReportMetric(float64(waited.Milliseconds())/float64(b.N*pages), "ms-wait/page")
	})
}
