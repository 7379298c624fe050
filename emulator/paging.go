package emulator

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Keyset paging for subscriptions.list. A page token names the last row
// sent (its pageKey), never an offset, so rows inserted or deleted by other
// clients between pages cannot make a row repeat or be skipped. The token
// also carries a hash of the query and an HMAC, so a token from another
// query, or one edited by hand, is refused with 400 invalid.

const (
	defaultMaxResults = 20
	maxMaxResults     = 100
	tokenVersion      = 1
	tokenMACSize      = 16
)

// pageKey is a subscription's place in every listing: customerDomain, then
// creationTime, then subscriptionId. None of the three ever changes for a
// subscription, so a key from an earlier page is still a valid place to
// resume.
type pageKey struct {
	domain  string
	created int64
	id      string
}

func keyOf(s *subscription) pageKey { return pageKey{s.cust.domain, s.created, s.id} }

func (a pageKey) compare(b pageKey) int {
	if c := strings.Compare(a.domain, b.domain); c != 0 {
		return c
	}
	if c := cmp.Compare(a.created, b.created); c != 0 {
		return c
	}
	// Numeric IDs: shorter is smaller, then lexical, which is numeric order.
	if c := cmp.Compare(len(a.id), len(b.id)); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

func compareSubKey(e *subscription, k pageKey) int { return keyOf(e).compare(k) }

// indexSearch finds s's position in the sorted index.
func (st *store) indexSearch(s *subscription) (int, bool) {
	return slices.BinarySearchFunc(st.index, keyOf(s), compareSubKey)
}

func (st *store) indexInsert(s *subscription) {
	i, found := st.indexSearch(s)
	if !found {
		st.index = slices.Insert(st.index, i, s)
	}
}

func (st *store) indexRemove(s *subscription) {
	if i, found := st.indexSearch(s); found {
		st.index = slices.Delete(st.index, i, i+1)
	}
}

// sortIndex sorts the index once after the dataset is loaded in bulk.
func (st *store) sortIndex() { slices.SortFunc(st.index, compareSubs) }

// compareSubs orders two subscriptions like pageKey.compare, without
// building keys (it runs millions of times while loading).
func compareSubs(a, b *subscription) int {
	if a.cust.domain != b.cust.domain {
		return strings.Compare(a.cust.domain, b.cust.domain)
	}
	if a.created != b.created {
		return cmp.Compare(a.created, b.created)
	}
	if len(a.id) != len(b.id) {
		return cmp.Compare(len(a.id), len(b.id))
	}
	return strings.Compare(a.id, b.id)
}

// listMode is which of the three listings a query asks for.
type listMode byte

const (
	listAll          listMode = 'a'
	listCustomer     listMode = 'c'
	listTransferable listMode = 't'
)

// wireSubscriptions is the Subscriptions schema.
type wireSubscriptions struct {
	Kind          string              `json:"kind"`
	Subscriptions []*wireSubscription `json:"subscriptions,omitempty"`
	NextPageToken string              `json:"nextPageToken,omitempty"`
}

// listSubscriptions serves reseller.subscriptions.list.
func (s *Server) listSubscriptions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, bad := parseMaxResults(q.Get("maxResults"))
	if bad != nil {
		writeError(w, bad)
		return
	}
	customerID := q.Get("customerId")
	authToken := q.Get("customerAuthToken")
	prefix := strings.ToLower(q.Get("customerNamePrefix"))
	pageToken := q.Get("pageToken")
	if authToken != "" && customerID == "" {
		writeError(w, errRequiredParam("customerId"))
		return
	}
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		mode, custID := listAll, ""
		var cust *customer
		if customerID != "" {
			c, err := s.st.resolve(customerID)
			if err != nil {
				return nil, err
			}
			call.CustomerID = c.id
			cust, custID = c, c.id
			if c.revoked {
				return nil, errForbidden(msgResellerAccessRevoked)
			}
			if authToken != "" {
				if !c.tokenValid(authToken, now) {
					return nil, errForbidden(msgTransferTokenInvalid)
				}
				mode = listTransferable
			} else {
				if c.owner != ownedByUs {
					return nil, errForbidden(msgNotYourCustomer)
				}
				mode = listCustomer
			}
		}
		qh := queryHash(mode, custID, prefix)
		var after *pageKey
		if pageToken != "" {
			k, ok := s.decodePageToken(pageToken, qh)
			if !ok {
				return nil, errInvalid(msgPageTokenInvalid)
			}
			after = &k
		}
		var rows []*subscription
		var more bool
		if mode == listAll {
			rows, more = s.st.pageAll(prefix, after, limit)
		} else {
			rows, more = pageCustomer(cust, mode == listTransferable, prefix, after, limit)
		}
		out := &wireSubscriptions{Kind: "reseller#subscriptions"}
		for _, sub := range rows {
			v := viewSubscription(sub)
			if mode == listTransferable {
				v.TransferInfo = transferInfoFor(sub)
				showLegacy(v, sub)
			}
			out.Subscriptions = append(out.Subscriptions, v)
		}
		if more && len(rows) > 0 {
			out.NextPageToken = s.encodePageToken(qh, keyOf(rows[len(rows)-1]))
		}
		return out, nil
	})
}

// parseMaxResults reads maxResults: absent means 20; otherwise an integer
// from 1 to 100.
func parseMaxResults(v string) (int, *apiError) {
	if v == "" {
		return defaultMaxResults, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxMaxResults {
		return 0, errInvalid(msgMaxResultsInvalid)
	}
	return n, nil
}

// pageAll returns up to limit of our subscriptions whose customer domain
// starts with prefix, after the key after, and whether more follow. The
// prefix's rows are contiguous in the index, so this is two binary searches
// and a scan of at most limit+1 rows.
func (st *store) pageAll(prefix string, after *pageKey, limit int) ([]*subscription, bool) {
	idx := st.index
	i := sort.Search(len(idx), func(i int) bool { return idx[i].cust.domain >= prefix })
	if after != nil {
		j, found := slices.BinarySearchFunc(idx, *after, compareSubKey)
		if found {
			j++
		}
		i = max(i, j)
	}
	rows := make([]*subscription, 0, min(limit, len(idx)-i))
	for ; i < len(idx) && len(rows) < limit && strings.HasPrefix(idx[i].cust.domain, prefix); i++ {
		rows = append(rows, idx[i])
	}
	return rows, i < len(idx) && strings.HasPrefix(idx[i].cust.domain, prefix)
}

// pageCustomer pages one customer's own (or, for transfers, foreign)
// subscriptions in the same order as the full list.
func pageCustomer(c *customer, foreign bool, prefix string, after *pageKey, limit int) ([]*subscription, bool) {
	if !strings.HasPrefix(c.domain, prefix) {
		return nil, false
	}
	var all []*subscription
	for _, sub := range c.subs {
		if sub.foreign == foreign {
			all = append(all, sub)
		}
	}
	slices.SortFunc(all, compareSubs)
	if after != nil {
		j, found := slices.BinarySearchFunc(all, *after, compareSubKey)
		if found {
			j++
		}
		all = all[j:]
	}
	if len(all) > limit {
		return all[:limit], true
	}
	return all, false
}

// queryHash binds a page token to the query that produced it. maxResults
// is left out so a client may change the page size between pages.
func queryHash(mode listMode, customerID, prefix string) uint64 {
	h := fnv.New64a()
	h.Write([]byte{byte(mode), 0})
	h.Write([]byte(customerID))
	h.Write([]byte{0})
	h.Write([]byte(prefix))
	return h.Sum64()
}

// encodePageToken is base64url(version, query hash, key, HMAC).
func (s *Server) encodePageToken(qh uint64, k pageKey) string {
	b := make([]byte, 0, 1+8+8+2+len(k.domain)+len(k.id)+sha256.Size)
	b = append(b, tokenVersion)
	b = binary.BigEndian.AppendUint64(b, qh)
	b = binary.BigEndian.AppendUint64(b, uint64(k.created))
	b = binary.AppendUvarint(b, uint64(len(k.domain)))
	b = append(b, k.domain...)
	b = append(b, k.id...)
	n := len(b)
	mac := hmac.New(sha256.New, s.tokenKey)
	mac.Write(b)
	b = mac.Sum(b)[:n+tokenMACSize]
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodePageToken checks a token's MAC and query hash and returns its key.
func (s *Server) decodePageToken(tok string, qh uint64) (pageKey, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) < 1+8+8+1+tokenMACSize {
		return pageKey{}, false
	}
	body, sum := b[:len(b)-tokenMACSize], b[len(b)-tokenMACSize:]
	mac := hmac.New(sha256.New, s.tokenKey)
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil)[:tokenMACSize], sum) {
		return pageKey{}, false
	}
	if body[0] != tokenVersion || binary.BigEndian.Uint64(body[1:9]) != qh {
		return pageKey{}, false
	}
	created := int64(binary.BigEndian.Uint64(body[9:17]))
	n, w := binary.Uvarint(body[17:])
	rest := body[17:]
	if w <= 0 || uint64(len(rest)-w) < n {
		return pageKey{}, false
	}
	rest = rest[w:]
	return pageKey{domain: string(rest[:n]), created: created, id: string(rest[n:])}, true
}
