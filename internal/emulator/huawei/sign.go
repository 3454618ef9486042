package huawei

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// SDK-HMAC-SHA256 as the Go SDK's signer implements it
// (huawei-lts-transfer.md §2).
const (
	algorithm       = "SDK-HMAC-SHA256"
	dateFormat      = "20060102T150405Z"
	headerDate      = "X-Sdk-Date"
	headerContentSH = "X-Sdk-Content-Sha256"
	maxSkew         = 15 * time.Minute
)

// authorization is a parsed "SDK-HMAC-SHA256 Access=.., SignedHeaders=..,
// Signature=.." header.
type authorization struct {
	access        string
	signedHeaders []string
	signature     string
}

var errMalformed = errors.New("malformed Authorization header")

func parseAuthorization(h string) (authorization, error) {
	rest, ok := strings.CutPrefix(h, algorithm+" ")
	if !ok {
		return authorization{}, errMalformed
	}
	var a authorization
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return authorization{}, errMalformed
		}
		switch k {
		case "Access":
			a.access = v
		case "SignedHeaders":
			a.signedHeaders = strings.Split(v, ";")
		case "Signature":
			a.signature = v
		default:
			return authorization{}, errMalformed
		}
	}
	if a.access == "" || len(a.signedHeaders) == 0 || a.signature == "" {
		return authorization{}, errMalformed
	}
	return a, nil
}

// canonicalRequest rebuilds what the client signed: method, canonical URI
// (trailing slash appended), canonical query, the headers SignedHeaders
// names (whatever they are: the SDK leaves out host and content-type, other
// signers include host), the header list, and the payload hash.
func canonicalRequest(r *http.Request, signed []string, body []byte) string {
	return strings.Join([]string{
		r.Method,
		canonicalURI(r.URL.Path),
		canonicalQuery(r.URL.Query()),
		canonicalHeaders(r, signed),
		strings.Join(signed, ";"),
		payloadHash(r, body),
	}, "\n")
}

// canonicalURI escapes each path segment and appends "/" when missing
// (§2: /v2/<pid>/transfers is signed as /v2/<pid>/transfers/).
func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = escape(s)
	}
	u := strings.Join(segs, "/")
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// canonicalQuery sorts keys, and values of a repeated key, and escapes both
// with the signer's escaper (space is %20).
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, escape(k)+"="+escape(v))
		}
	}
	return strings.Join(parts, "&")
}

// canonicalHeaders renders "name:trimmed value\n" per signed header. Go's
// server moves Host out of the header map, so host comes from r.Host.
func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		var values []string
		if name == "host" {
			values = []string{r.Host}
		} else {
			values = append(values, r.Header.Values(name)...)
			sort.Strings(values)
		}
		for _, v := range values {
			b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	return b.String()
}

// payloadHash is the hex SHA-256 of the exact body bytes, unless the client
// declared X-Sdk-Content-Sha256 (the SDK sends UNSIGNED-PAYLOAD for non-JSON
// content types), whose value then stands in for the hash.
func payloadHash(r *http.Request, body []byte) string {
	if v := r.Header.Get(headerContentSH); v != "" {
		return v
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// stringToSign has no credential scope, unlike AWS SigV4.
func stringToSign(date, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return algorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
}

func signature(sk, sts string) string {
	m := hmac.New(sha256.New, []byte(sk))
	m.Write([]byte(sts))
	return hex.EncodeToString(m.Sum(nil))
}

// escape percent-encodes all but A-Z a-z 0-9 - _ . ~ with upper-case hex.
func escape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
