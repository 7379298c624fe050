package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// resellernotify: push-notification registration. One Pub/Sub
// topic per reseller and the set of service accounts allowed to
// subscribe to it. The address comes as a query parameter (discovery, Go
// client) or a JSON body (the push guide's example); both are accepted.

// topicName is the reseller's Pub/Sub topic.
const topicName = "projects/partner-watch/topics/" + ResellerID

// serviceAccount reads serviceAccountEmailAddress from the query or body.
func serviceAccount(r *http.Request) (string, *apiError) {
	if v := r.URL.Query().Get("serviceAccountEmailAddress"); v != "" {
		return checkServiceAccount(v)
	}
	var in struct {
		ServiceAccountEmailAddress *string `json:"serviceAccountEmailAddress"`
	}
	if err := decodeBody(r, &in); err != nil {
		return "", err
	}
	return checkServiceAccount(deref(in.ServiceAccountEmailAddress))
}

func checkServiceAccount(v string) (string, *apiError) {
	v = strings.TrimSpace(v)
	if v != "" && emailDomain(v) == "" {
		return "", errInvalid(msgServiceAccountInvalid)
	}
	return strings.ToLower(v), nil
}

// register serves reseller.resellernotify.register: it creates the topic
// and authorises the service account (again is a no-op).
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	sa, bad := serviceAccount(r)
	if bad != nil {
		writeError(w, bad)
		return
	}
	s.serve(w, r, func(_ int64, call *Call) (any, *apiError) {
		if s.st.topic == "" {
			s.st.topic = topicName
			call.Applied = true
		}
		if sa != "" && !slices.Contains(s.st.serviceAccounts, sa) {
			s.st.serviceAccounts = append(s.st.serviceAccounts, sa)
			call.Applied = true
		}
		return &wireNotifyResource{TopicName: s.st.topic}, nil
	})
}

// unregister serves reseller.resellernotify.unregister: it revokes the
// service account; an unknown one is a no-op.
func (s *Server) unregister(w http.ResponseWriter, r *http.Request) {
	sa, bad := serviceAccount(r)
	if bad != nil {
		writeError(w, bad)
		return
	}
	s.serve(w, r, func(_ int64, call *Call) (any, *apiError) {
		if i := slices.Index(s.st.serviceAccounts, sa); sa != "" && i >= 0 {
			s.st.serviceAccounts = slices.Delete(s.st.serviceAccounts, i, i+1)
			call.Applied = true
		}
		return &wireNotifyResource{TopicName: s.st.topic}, nil
	})
}

// getWatchDetails serves reseller.resellernotify.getwatchdetails: {} until
// the first register.
func (s *Server) getWatchDetails(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, func(_ int64, _ *Call) (any, *apiError) {
		return &wireWatchDetails{
			ServiceAccountEmailAddresses: slices.Clone(s.st.serviceAccounts),
			TopicName:                    s.st.topic,
		}, nil
	})
}
