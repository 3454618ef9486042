package spec

import (
	"fmt"
	"reflect"
	"strings"
)

// Resolve returns a copy of the document with every ${env:NAME} reference
// replaced by lookup's value. It is called at plan and apply time only: lint
// never needs the values. A missing variable is an error naming the variable
// and where it is used; values never appear in diagnostics.
func (doc *Document) Resolve(lookup func(string) (string, bool)) (*Document, Diagnostics) {
	out := *doc
	r := &resolver{doc: doc, lookup: lookup}
	out.DeliveryTasks = r.list("deliveryTasks", doc.DeliveryTasks).([]DeliveryTask)
	out.Exports = r.list("exports", doc.Exports).([]Export)
	out.Dumps = r.list("dumps", doc.Dumps).([]Dump)
	out.Scopes = r.list("scopes", doc.Scopes).([]Scope)
	r.diags.Sort()
	return &out, r.diags
}

type resolver struct {
	doc    *Document
	lookup func(string) (string, bool)
	diags  Diagnostics
}

func (r *resolver) list(key string, v any) any {
	src := reflect.ValueOf(v)
	dst := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
	for i := 0; i < src.Len(); i++ {
		r.copy(dst.Index(i), src.Index(i), fmt.Sprintf("%s[%d]", key, i))
	}
	return dst.Interface()
}

// copy deep-copies src into dst, expanding references in strings.
func (r *resolver) copy(dst, src reflect.Value, path string) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		r.copy(p.Elem(), src.Elem(), path)
		dst.Set(p)
	case reflect.Struct:
		if src.Type() == timestampType {
			dst.Set(src)
			return
		}
		t := src.Type()
		for i := 0; i < t.NumField(); i++ {
			r.copy(dst.Field(i), src.Field(i), join(path, t.Field(i).Tag.Get("yaml")))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			r.copy(s.Index(i), src.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		dst.Set(s)
	case reflect.String:
		val, missing := expandEnv(src.String(), r.lookup)
		for _, name := range missing {
			r.diags = append(r.diags, Diagnostic{Rule: "env.missing", Severity: SeverityError,
				Summary: fmt.Sprintf("environment variable %s is not set (used by %s)", name, keyName(path)),
				Detail:  fmt.Sprintf("export %s before running, e.g. from your CI secrets", name),
				Pos:     r.doc.Locate(path), Path: path})
		}
		dst.SetString(val)
	default:
		dst.Set(src)
	}
}

// EnvLookup adapts a getenv-style function (empty = unset) to Resolve.
func EnvLookup(getenv func(string) string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v := getenv(name)
		return v, strings.TrimSpace(v) != ""
	}
}
