package tencent

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"go/token"
	"io"
	"net/http"
	"reflect"
	"sync"
)

// The SDK reads a response body many times over: TryReadErr and
// ParseErrorFromHTTPResponse each decode it twice looking for an Error
// object (API 3.0) or a deprecated error code, then json.Unmarshal scans it
// twice more before handing it to responseSink, whose own two decodes
// follow. A page of 1,000 delivery tasks is about a megabyte, so that was
// most of the CPU time of reading the live state.
//
// fastDecoder decodes a successful response once, straight into the
// Call's target, at the transport: the SDK then parses a stub. Whatever
// the fast path is not sure about (an Error member, a deprecated error
// code, a missing or null Response, anything that does not decode) is
// left to the SDK's own path, untouched, so errors are exactly as before.

// decodeKey carries a *decodeJob in the request context.
type decodeKey struct{}

// decodeJob is the response target of one Call.
type decodeJob struct {
	out  any  // a pointer to a named, exported struct type
	done bool // the transport decoded the body into out
}

// stubBody is what the SDK parses once the transport has decoded the body:
// it carries no Error, and responseSink skips it.
var stubBody = []byte(`{"Response":{}}`)

// withDecodeJob returns ctx carrying a job for out, when out's type allows
// the fast path and out points to a zero value (the fast path decodes into
// a new value and copies it: it would not merge into set fields as a
// decode into out does).
func withDecodeJob(ctx context.Context, out any) (context.Context, *decodeJob) {
	if envelopeOf(reflect.TypeOf(out)) == nil || !reflect.ValueOf(out).Elem().IsZero() {
		return ctx, nil
	}
	job := &decodeJob{out: out}
	return context.WithValue(ctx, decodeKey{}, job), job
}

// fastDecoder is the http.RoundTripper that runs the jobs.
type fastDecoder struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t fastDecoder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	job, _ := req.Context().Value(decodeKey{}).(*decodeJob)
	if err != nil || job == nil || resp.StatusCode != http.StatusOK ||
		resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Content-Type") == "text/event-stream" {
		return resp, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	switch {
	case rerr != nil:
		// The SDK reports a failed read itself: replay what was read,
		// then the error.
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{rerr}))
		return resp, nil
	case job.decode(body):
		body = stubBody
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// decode decodes body into the job's target in one pass and reports
// whether it did: only a body with a non-null Response, no Error member
// and no deprecated error code qualifies.
func (j *decodeJob) decode(body []byte) bool {
	env := reflect.New(envelopeOf(reflect.TypeOf(j.out)))
	if json.Unmarshal(body, env.Interface()) != nil {
		return false
	}
	e := env.Elem()
	if e.Field(envCode).Int() != 0 { // the SDK's DeprecatedAPIErrorResponse
		return false
	}
	r := e.Field(envResponse)
	if r.IsNil() || !r.Elem().Field(respError).IsNil() {
		return false
	}
	reflect.ValueOf(j.out).Elem().Set(r.Elem().Field(respOut))
	j.done = true
	return true
}

// Field indexes of the envelope types envelopeOf builds.
const (
	envResponse = 0
	envCode     = 1
	respError   = 0
	respOut     = 1
)

// errorMember is an API 3.0 Error object; only its presence matters here.
type errorMember struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

var envelopes sync.Map // reflect.Type of out → reflect.Type of its envelope, or nil

// envelopeOf returns, for out of type *T, the struct type
//
//	struct {
//		Response *struct {
//			Error *errorMember `json:"Error"`
//			T                  // embedded: its members are Response's
//		} `json:"Response"`
//		Code int64 `json:"code"`
//	}
//
// so that one decode fills T and tells whether an Error member or a
// deprecated error code is present. Error sits above T's own fields: a
// member named Error (in any case, as encoding/json matches) always lands
// there. It returns nil when out is not a pointer to a named, exported
// struct type (reflect.StructOf can only embed those), and when T decodes
// itself (an embedded T's UnmarshalJSON would not be called).
func envelopeOf(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	if e, ok := envelopes.Load(t); ok {
		env, _ := e.(reflect.Type)
		return env
	}
	var env reflect.Type
	if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && token.IsExported(t.Elem().Name()) &&
		t.Elem().Name() != "Error" && !t.Implements(reflect.TypeFor[json.Unmarshaler]()) &&
		!t.Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		resp := reflect.StructOf([]reflect.StructField{
			{Name: "Error", Type: reflect.TypeFor[*errorMember](), Tag: `json:"Error"`},
			{Name: t.Elem().Name(), Type: t.Elem(), Anonymous: true},
		})
		env = reflect.StructOf([]reflect.StructField{
			{Name: "Response", Type: reflect.PointerTo(resp), Tag: `json:"Response"`},
			{Name: "Code", Type: reflect.TypeFor[int64](), Tag: `json:"code"`},
		})
	}
	envelopes.Store(t, env)
	return env
}
