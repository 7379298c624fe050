package audit

import (
	"os"
	"os/user"
	"strings"
)

// Operator returns who is running resold: the user name from $USER (or the
// account database when unset) and the SSH client's address, the first
// field of $SSH_CONNECTION, empty outside SSH. Both are cleaned of control
// characters since the environment is not ours.
func Operator() (name, sshClient string) {
	name = os.Getenv("USER")
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if fields := strings.Fields(os.Getenv("SSH_CONNECTION")); len(fields) > 0 {
		sshClient = fields[0]
	}
	return clean(name, maxShort), clean(sshClient, maxShort)
}
