package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// auth checks the bearer token the way Google's front end does:
// none → 401 required/CREDENTIALS_MISSING; not accepted → 401 authError;
// a read-only token on a write → 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT with
// no legacy errors[] item. Tokens are compared, never logged or echoed.
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := bearerToken(r)
		if tok == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="https://accounts.google.com/"`)
			writeError(w, &apiError{
				Code: http.StatusUnauthorized, Reason: "required", Message: msgCredentialsMissing,
				Info: &errorInfo{Reason: "CREDENTIALS_MISSING", Domain: "googleapis.com",
					Metadata: map[string]string{"service": "reseller.googleapis.com", "method": methodName(r)}},
			})
			return
		}
		readOnly := slices.Contains(s.opts.ReadOnlyTokens, tok)
		if len(s.opts.Tokens) > 0 && !readOnly && !slices.Contains(s.opts.Tokens, tok) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="https://accounts.google.com/", error="invalid_token"`)
			writeError(w, &apiError{Code: http.StatusUnauthorized, Reason: "authError", Message: msgInvalidCredentials})
			return
		}
		// A batch's parts are checked one by one (batch.go): its reads
		// are allowed with a read-only token.
		if readOnly && isWrite(r.Method) && r.URL.Path != batchPath {
			writeError(w, &apiError{
				Code: http.StatusForbidden, Message: msgScopeInsufficient,
				Info: &errorInfo{Reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", Domain: "googleapis.com",
					Metadata: map[string]string{"service": "reseller.googleapis.com", "method": methodName(r)}},
			})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bearerToken reads "Authorization: Bearer <token>", or the access_token /
// oauth_token standard query parameters Google also accepts.
func bearerToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok)
		}
		return ""
	}
	q := r.URL.Query()
	if t := q.Get("access_token"); t != "" {
		return t
	}
	return q.Get("oauth_token")
}

// methodName is the RPC name ErrorInfo metadata quotes, e.g.
// "google.apps.reseller.v1.ResellerService.SubscriptionsChangeSeats".
func methodName(r *http.Request) string {
	id := callFrom(r.Context()).Method
	parts := strings.Split(strings.TrimPrefix(id, "reseller."), ".")
	if len(parts) != 2 {
		return ""
	}
	up := func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return "google.apps.reseller.v1.ResellerService." + up(parts[0]) + up(parts[1])
}
