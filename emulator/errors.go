package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is one error answer in Google's combined v1/v2 envelope. Domain and
// Reason form the legacy errors[0] item that googleapi.Error exposes as
// Errors[0].Reason; Status is the gRPC canonical name.
type apiError struct {
	Code    int
	Domain  string // "global", "usageLimits", …
	Reason  string // "invalid", "badRequest", "quotaExceeded", …
	Message string
	// Info, when set, becomes a google.rpc.ErrorInfo entry in details (auth
	// errors only). With Reason empty the legacy errors[] item is left out,
	// as Google does for scope errors, so apierror.Reason() can read Info.
	Info *errorInfo
}

type errorInfo struct {
	Reason   string
	Domain   string
	Metadata map[string]string
}

func (e *apiError) Error() string { return e.Message }

// statusName maps an HTTP code to the gRPC canonical status Google sends.
func statusName(code int, reason string) string {
	switch code {
	case 400:
		if reason == "badRequest" {
			return "FAILED_PRECONDITION"
		}
		return "INVALID_ARGUMENT"
	case 401:
		return "UNAUTHENTICATED"
	case 403:
		return "PERMISSION_DENIED"
	case 404:
		return "NOT_FOUND"
	case 405:
		return "UNIMPLEMENTED"
	case 409:
		return "ALREADY_EXISTS"
	case 412:
		return "FAILED_PRECONDITION"
	case 429:
		return "RESOURCE_EXHAUSTED"
	case 500:
		return "INTERNAL"
	case 503:
		return "UNAVAILABLE"
	}
	return "UNKNOWN"
}

// writeError answers with Google's JSON error envelope (code, message,
// errors[].reason, status).
func writeError(w http.ResponseWriter, e *apiError) {
	type item struct {
		Message string `json:"message"`
		Domain  string `json:"domain"`
		Reason  string `json:"reason"`
	}
	type detail struct {
		Type     string            `json:"@type"`
		Reason   string            `json:"reason"`
		Domain   string            `json:"domain"`
		Metadata map[string]string `json:"metadata,omitempty"`
	}
	type body struct {
		Code    int      `json:"code"`
		Message string   `json:"message"`
		Errors  []item   `json:"errors,omitempty"`
		Status  string   `json:"status"`
		Details []detail `json:"details,omitempty"`
	}
	b := body{Code: e.Code, Message: e.Message, Status: statusName(e.Code, e.Reason)}
	if e.Info != nil {
		b.Details = []detail{{
			Type:     "type.googleapis.com/google.rpc.ErrorInfo",
			Reason:   e.Info.Reason,
			Domain:   e.Info.Domain,
			Metadata: e.Info.Metadata,
		}}
	}
	if e.Reason != "" {
		domain := e.Domain
		if domain == "" {
			domain = "global"
		}
		b.Errors = []item{{Message: e.Message, Domain: domain, Reason: e.Reason}}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(e.Code)
	_ = json.NewEncoder(w).Encode(map[string]body{"error": b})
}

// Constructors for the documented HTTP:reason pairs.

func errInvalid(msg string) *apiError {
	return &apiError{Code: http.StatusBadRequest, Reason: "invalid", Message: msg}
}

// errRequiredField names a missing body field, errRequiredParam a missing
// query parameter.
func errRequiredField(name string) *apiError {
	return &apiError{Code: http.StatusBadRequest, Reason: "required", Message: fmt.Sprintf(msgRequiredField, name)}
}

func errRequiredParam(name string) *apiError {
	return &apiError{Code: http.StatusBadRequest, Reason: "required", Message: fmt.Sprintf(msgRequiredParam, name)}
}

func errParse() *apiError {
	return &apiError{Code: http.StatusBadRequest, Reason: "parseError", Message: msgParseError}
}

// errBadRequest is E1: a change to a suspended or cancelled subscription.
func errBadRequest(msg string) *apiError {
	return &apiError{Code: http.StatusBadRequest, Reason: "badRequest", Message: msg}
}

func errForbidden(msg string) *apiError {
	return &apiError{Code: http.StatusForbidden, Reason: "forbidden", Message: msg}
}

func errNotFound(msg string) *apiError {
	return &apiError{Code: http.StatusNotFound, Reason: "notFound", Message: msg}
}

func errDuplicate(msg string) *apiError {
	return &apiError{Code: http.StatusConflict, Reason: "duplicate", Message: msg}
}

func errConditionNotMet(msg string) *apiError {
	return &apiError{Code: http.StatusPreconditionFailed, Reason: "conditionNotMet", Message: msg}
}
