// Package theme holds every style of resold in one place: semantic colours
// (a dark and a light palette) turned into lipgloss styles once, by New, on a
// renderer whose colour profile and background are set explicitly so that
// lipgloss never queries the terminal. Views only use these styles.
package theme
