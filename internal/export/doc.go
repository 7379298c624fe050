// Package export writes subscriptions, customers and the call log to files
// or streams: CSV with stable, documented columns that are safe to open in
// a spreadsheet, and JSON or NDJSON in the API's own shape. Files hold
// customer data, so they are created with mode 0600 and never replace an
// existing file unless the caller says so.
package export
