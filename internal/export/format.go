package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"resold/client"
	"resold/internal/safetext"
)

// Format is an export's file format.
type Format string

// The formats.
const (
	CSV    Format = "csv"
	JSON   Format = "json"
	NDJSON Format = "ndjson"
)

// Formats lists every format, in the order a chooser offers them.
var Formats = []Format{CSV, JSON, NDJSON}

// ParseFormat reads a format name (any case).
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Formats {
		if f == k {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (csv, json or ndjson)", s)
}

// Ext is the file name extension of the format, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Columns are the CSV's columns, in order. They are documented in the
// README and kept stable: scripts and spreadsheets depend on them, so a
// new column goes at the end.
var Columns = []string{
	"customerId", "customerDomain", "subscriptionId", "skuId", "skuName",
	"planName", "isCommitmentPlan", "numberOfSeats", "maximumNumberOfSeats",
	"licensedNumberOfSeats", "status", "suspensionReasons", "renewalType",
	"trialEndTime", "commitmentStartTime", "commitmentEndTime",
	"purchaseOrderId", "creationTime", "resourceUiUrl",
}

// Row is s as a CSV row under Columns: text cleaned of control and escape
// sequences and escaped against spreadsheet formulas, times in RFC 3339
// UTC (empty when the API left them out), suspension reasons joined with
// ";".
func Row(s client.Subscription) []string {
	reasons := make([]string, len(s.SuspensionReasons))
	for i, r := range s.SuspensionReasons {
		reasons[i] = safetext.Clean(r)
	}
	row := []string{
		s.CustomerID, s.CustomerDomain, s.ID, s.SKUID, s.SKUName.String(),
		string(s.Plan), strconv.FormatBool(s.IsCommitment),
		strconv.Itoa(int(s.NumberOfSeats)), strconv.Itoa(int(s.MaximumSeats)), strconv.Itoa(int(s.LicensedSeats)),
		s.Status, strings.Join(reasons, ";"), s.RenewalType,
		Time(s.TrialEnd), Time(s.CommitmentStart), Time(s.CommitmentEnd),
		s.PurchaseOrderID, Time(s.Created), s.AdminConsoleURL,
	}
	for i, c := range row {
		row[i] = Cell(c)
	}
	return row
}

// Time is t in RFC 3339 UTC, or "" when the API left it out.
func Time(t client.Instant) string {
	if t.IsZero() {
		return ""
	}
	return t.Time().Format(time.RFC3339)
}

// Cell makes untrusted text safe for a CSV cell: control and escape
// sequences are removed, and a cell a spreadsheet would run as a formula
// (one beginning with =, +, -, @, a tab or a carriage return) gets a
// leading apostrophe, which spreadsheets show as text. Customer names and
// purchase orders come from outside, so any of them could be a formula.
func Cell(s string) string {
	// The check comes first: Clean drops a leading tab or carriage return,
	// which would hide what follows it.
	risky := s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
	s = safetext.Clean(s)
	// Some spreadsheets skip leading spaces before reading a formula.
	if t := strings.TrimLeft(s, " "); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		risky = true
	}
	if risky {
		return "'" + s
	}
	return s
}

// Writer writes subscriptions one at a time in one format; Close finishes
// the document (the JSON array's closing bracket) and flushes.
type Writer struct {
	f     Format
	w     io.Writer
	csv   *csv.Writer
	count int
	err   error
}

// NewWriter starts a document of format f on w: the CSV's header row, the
// JSON array's opening bracket.
func NewWriter(w io.Writer, f Format) *Writer {
	x := &Writer{f: f, w: w}
	switch f {
	case CSV:
		x.csv = csv.NewWriter(w)
		x.err = x.csv.Write(Columns)
	case JSON:
		_, x.err = io.WriteString(w, "[")
	}
	return x
}

// Write adds one subscription.
func (x *Writer) Write(s client.Subscription) error {
	if x.err != nil {
		return x.err
	}
	switch x.f {
	case CSV:
		x.err = x.csv.Write(Row(s))
	default:
		var b []byte
		b, x.err = s.MarshalAPI()
		if x.err != nil {
			return x.err
		}
		sep := "\n"
		if x.f == JSON && x.count > 0 {
			sep = ",\n"
		}
		if x.f == NDJSON {
			b = append(b, '\n')
			sep = ""
		}
		if _, x.err = io.WriteString(x.w, sep); x.err == nil {
			_, x.err = x.w.Write(b)
		}
	}
	if x.err == nil {
		x.count++
	}
	return x.err
}

// Count is the number of subscriptions written.
func (x *Writer) Count() int { return x.count }

// Close ends the document; it does not close the underlying writer.
func (x *Writer) Close() error {
	if x.err != nil {
		return x.err
	}
	switch x.f {
	case CSV:
		x.csv.Flush()
		x.err = x.csv.Error()
	case JSON:
		end := "]\n"
		if x.count > 0 {
			end = "\n]\n"
		}
		_, x.err = io.WriteString(x.w, end)
	}
	return x.err
}

// Subscriptions writes rows in format f to w.
func Subscriptions(w io.Writer, f Format, rows []client.Subscription) error {
	x := NewWriter(w, f)
	for _, s := range rows {
		if err := x.Write(s); err != nil {
			return err
		}
	}
	return x.Close()
}

// Customer writes one customer as the API's resource, indented for
// reading, followed by a newline. NDJSON writes it on one line.
func Customer(w io.Writer, f Format, c client.Customer) error {
	b, err := c.MarshalAPI()
	if err != nil {
		return err
	}
	if f == JSON {
		if b, err = indent(b); err != nil {
			return err
		}
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
