// Package config reads resold's config file,
// $XDG_CONFIG_HOME/resold/config.yaml. A missing file means defaults; a bad
// one is an *Error naming the file and the line, so the user can fix it.
package config
