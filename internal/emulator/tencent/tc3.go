package tencent

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TC3-HMAC-SHA256 verification (tencentcloud-api3.md §2 and §8).

const tc3Algorithm = "TC3-HMAC-SHA256"

// maxSkew is the documented clock skew limit: a timestamp further than this
// from the server's time is AuthFailure.SignatureExpire.
const maxSkew = 5 * time.Minute

// authorization is a parsed Authorization header.
type authorization struct {
	SecretID      string
	Date          string
	Service       string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization parses
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX".
func parseAuthorization(h string) (authorization, bool) {
	var a authorization
	rest, ok := strings.CutPrefix(h, tc3Algorithm+" ")
	if !ok {
		return a, false
	}
	var cred, signed string
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			a.Signature = v
		default:
			return a, false
		}
	}
	scope := strings.Split(cred, "/")
	if len(scope) != 4 || scope[3] != "tc3_request" || scope[0] == "" {
		return a, false
	}
	a.SecretID, a.Date, a.Service = scope[0], scope[1], scope[2]
	if signed == "" || len(a.Signature) != 64 {
		return a, false
	}
	a.SignedHeaders = strings.Split(signed, ";")
	if !slices.IsSorted(a.SignedHeaders) {
		return a, false
	}
	return a, true
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// canonicalRequest builds the TC3 canonical request. Header values are
// trimmed and, per the vendor doc, lowercased when lower is set; the Go SDK
// sends them unchanged, so verification tries both.
func canonicalRequest(method, query string, headers []string, header func(string) string, payloadHash string, lower bool) string {
	var b strings.Builder
	b.WriteString(method)
	b.WriteString("\n/\n")
	b.WriteString(query)
	b.WriteByte('\n')
	for _, name := range headers {
		v := strings.TrimSpace(header(name))
		if lower {
			v = strings.ToLower(v)
		}
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(v)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(headers, ";"))
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// tc3Signature is the hex signature of a canonical request.
func tc3Signature(secretKey, service string, timestamp int64, canonical string) string {
	date := time.Unix(timestamp, 0).UTC().Format("2006-01-02")
	scope := date + "/" + service + "/tc3_request"
	toSign := tc3Algorithm + "\n" + strconv.FormatInt(timestamp, 10) + "\n" + scope + "\n" + sha256Hex([]byte(canonical))
	kDate := hmacSHA256([]byte("TC3"+secretKey), date)
	kService := hmacSHA256(kDate, service)
	kSigning := hmacSHA256(kService, "tc3_request")
	return hex.EncodeToString(hmacSHA256(kSigning, toSign))
}

// authenticated is what authenticate learned from a request's headers.
type authenticated struct {
	auth authorization
	key  string // the SecretKey of auth.SecretID
	ts   int64
}

// authenticate checks everything about a request's credentials that its
// headers tell: the Authorization header, the SecretId, the timestamp, the
// token, the credential scope. It runs before the body is read, so an
// unknown caller cannot make the emulator buffer up to maxBody; the
// signature, which covers the body's hash, is checked by verifySignature
// once the body is in. service is the product the request is routed to.
func (h *Handler) authenticate(r *http.Request, service string, now time.Time) (authenticated, *apiError) {
	var none authenticated
	raw := r.Header.Get("Authorization")
	if raw == "" {
		return none, errf("AuthFailure.InvalidAuthorization", "The Authorization header is missing.")
	}
	a, ok := parseAuthorization(raw)
	if !ok {
		return none, errf("AuthFailure.InvalidAuthorization", "The Authorization header is malformed; expected `TC3-HMAC-SHA256 Credential=SecretId/Date/Service/tc3_request, SignedHeaders=content-type;host, Signature=...`.")
	}
	if !slices.Contains(a.SignedHeaders, "content-type") || !slices.Contains(a.SignedHeaders, "host") {
		return none, errf("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.")
	}
	tsRaw := r.Header.Get("X-TC-Timestamp")
	if tsRaw == "" {
		return none, errf(codeMissingParameter, "The request is missing a required parameter `Timestamp`.")
	}
	ts, err := strconv.ParseInt(tsRaw, 10, 64)
	if err != nil {
		return none, errf(codeInvalidParameter, "The parameter `Timestamp` must be a Unix timestamp in seconds.")
	}
	key, known := h.cfg.Credentials[a.SecretID]
	if !known {
		if !strings.HasPrefix(a.SecretID, "AKID") {
			return none, errf("AuthFailure.InvalidSecretId", "The SecretId %q is not an API key.", a.SecretID)
		}
		return none, errf("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > maxSkew || d < -maxSkew {
		return none, errf("AuthFailure.SignatureExpire", "Signature expired. Timestamp is %d, server time is %d: the difference must be within 5 minutes.", ts, now.Unix())
	}
	if want := h.cfg.Tokens[a.SecretID]; r.Header.Get("X-TC-Token") != want {
		return none, errf("AuthFailure.TokenFailure", "The X-TC-Token does not match the credentials.")
	}
	if a.Date != time.Unix(ts, 0).UTC().Format("2006-01-02") {
		return none, errf("AuthFailure.SignatureFailure", "The credential date %s does not match the UTC date of X-TC-Timestamp.", a.Date)
	}
	if a.Service != service {
		return none, errf("AuthFailure.SignatureFailure", "The credential scope names service %q but the request is for %q.", a.Service, service)
	}
	return authenticated{auth: a, key: key, ts: ts}, nil
}

// verifySignature checks the TC3 signature over the request and its body
// and returns the SecretId it was signed with.
func (h *Handler) verifySignature(r *http.Request, body []byte, service string, au authenticated) (string, *apiError) {
	a, key, ts := au.auth, au.key, au.ts
	payload := sha256Hex(body)
	if r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" {
		payload = sha256Hex([]byte("UNSIGNED-PAYLOAD"))
	}
	header := func(name string) string {
		if name == "host" {
			return r.Host
		}
		return r.Header.Get(name)
	}
	query := ""
	if r.Method == http.MethodGet {
		query = r.URL.RawQuery
	}
	for _, lower := range []bool{false, true} {
		cr := canonicalRequest(r.Method, query, a.SignedHeaders, header, payload, lower)
		if hmac.Equal([]byte(tc3Signature(key, service, ts, cr)), []byte(a.Signature)) {
			return a.SecretID, nil
		}
	}
	return "", errf("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.")
}
