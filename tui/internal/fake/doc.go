// Package fake is an in-memory common.API for the screens' unit tests: it
// answers from fixed data, pages by offset, applies writes to its data and
// records what it was asked.
//
// It holds no API rule of its own: queries, answers and writes are read
// and checked by the client's exported functions (LookupQuery,
// LookupResult, the Validate… functions), and contract_test.go runs the
// same cases against the fake and against the client on the emulator.
package fake
