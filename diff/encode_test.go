package diff

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/logctl/logctl/spec"
)

// sampleStrings cover the JSON escaping rules: plain ASCII, quotes and
// backslashes, control characters, HTML characters (not escaped),
// non-ASCII, U+2028/U+2029 and invalid UTF-8.
var sampleStrings = []string{
	"", "a", "RequestID", "status:>=500 AND <b>&", `say "hi"`, `C:\path`, "line\nbreak\ttab\r\b\f\x00\x1f\x7f",
	"héllo 世界", "sep\u2028par\u2029", "bad\xffutf8\xc3", "${env:EP_KEY}",
}

// fill sets every field of v (recursively) to a random value: a field
// added to a spec type is covered without touching this test.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(sampleStrings[r.IntN(len(sampleStrings))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int64, reflect.Int:
		v.SetInt(r.Int64N(3_000_000_000_000) - 1_000_000)
	case reflect.Pointer:
		if r.IntN(4) == 0 {
			return // nil
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(r, v.Elem(), depth+1)
	case reflect.Slice:
		switch n := r.IntN(5); {
		case n == 0:
			return // nil
		case n == 1 || depth > 4:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty, not nil
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				fill(r, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Struct:
		if r.IntN(6) == 0 {
			return // zero
		}
		for i := range v.NumField() {
			fill(r, v.Field(i), depth+1)
		}
	default:
		panic("fill: unsupported kind " + v.Kind().String())
	}
}

func TestEncodersMatchEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(what string, v any, got string) {
		t.Helper()
		if want := encode(v); got != want {
			t.Fatalf("%s of %#v:\n got %s\nwant %s", what, v, got, want)
		}
	}
	for range 3000 {
		var task spec.DeliveryTask
		fill(r, reflect.ValueOf(&task).Elem(), 0)
		check("string", task.Name, encodeString(task.Name))
		check("strings", task.Entities, encodeStrings(task.Entities))
		check("custom fields", task.CustomFields, encodeCustomFields(task.CustomFields))
		check("conditions", task.DeliveryConditions, encodeConditions(task.DeliveryConditions))
		check("int", task.Sample, encodeInt(task.Sample))
		check("bool", task.Enabled, encodeBool(task.Enabled))
		check("log format", task.LogFormat, encodeLogFormat(task.LogFormat))
		var e spec.Export
		fill(r, reflect.ValueOf(&e).Elem(), 0)
		check("int", e.Count, encodeInt(e.Count))
	}
}

func FuzzEncodeString(f *testing.F) {
	for _, s := range sampleStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := encodeString(s), encode(s); got != want {
			t.Errorf("encodeString(%q) = %s, want %s", s, got, want)
		}
		if got, want := encodeStrings([]string{s, s}), encode([]string{s, s}); got != want {
			t.Errorf("encodeStrings = %s, want %s", got, want)
		}
	})
}
