// Package inflight keeps count of the changes being sent to the API, so that
// a quit, a hang-up, a signal or a dropped SSH session can ask what is under
// way and wait, for a bounded time, for each change to end and be recorded.
// One Tracker serves a process: the local UI, or every session of
// `resold serve`.
package inflight
