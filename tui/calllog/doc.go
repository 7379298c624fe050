// Package calllog is the scrollable log of API calls: every attempt with its
// method, IDs, status, latency and error, newest at the bottom.
package calllog
