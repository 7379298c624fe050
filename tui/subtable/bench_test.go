package subtable

import (
	"fmt"
	"testing"
)

// BenchmarkSetFilter is one key typed into the filter at 100,000 loaded
// rows: the filter is applied to every row.
func BenchmarkSetFilter(b *testing.B) {
	tb := New(testCommon(120, 40), allColumns()...).Append(subs(100_000)...)
	for _, q := range []string{"customer-0999", "standard"} {
		b.Run(fmt.Sprintf("q=%s", q), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = tb.SetFilter(q).Len()
			}
		})
	}
}
