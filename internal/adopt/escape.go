package adopt

import (
	"reflect"

	"github.com/logctl/logctl/spec"
)

// escaped returns a deep copy of x in which every string is written with
// spec.Escape, so that a live value holding "${" (a header sent as
// "${env:X}", a template with "${batchSize}") reads back as itself instead
// of as a reference.
func escaped[T any](x T) T {
	var out T
	escapeInto(reflect.ValueOf(&out).Elem(), reflect.ValueOf(x))
	return out
}

func escapeInto(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(spec.Escape(src.String()))
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		escapeInto(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		if src.Type() == reflect.TypeOf(spec.Timestamp{}) {
			dst.Set(src) // numbers and their own spelling, never resolved
			return
		}
		for i := range src.NumField() {
			escapeInto(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			escapeInto(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	default:
		dst.Set(src)
	}
}
