// Package profiles is the list of the config file's profiles (:profile):
// enter switches to the selected one, which starts a fresh client on the
// search screen. While a change is being sent it asks first.
package profiles
