package spec

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Resolve returns the document with every ${env:NAME} reference replaced by
// lookup's value. It is called at plan and apply time only: lint never needs
// the values. A missing variable is an error naming the variable and where
// it is used; values never appear in diagnostics.
//
// Only the parts of resources that hold a reference are copied; the rest,
// and the lists of a kind without any reference, are shared with doc
// (100,000 resources take some 50 MB), so neither document may be modified.
func (doc *Document) Resolve(lookup func(string) (string, bool)) (*Document, Diagnostics) {
	out := *doc
	r := &resolver{doc: doc, lookup: lookup}
	out.DeliveryTasks = resolveList(r, "deliveryTasks", doc.DeliveryTasks)
	out.Exports = resolveList(r, "exports", doc.Exports)
	out.Dumps = resolveList(r, "dumps", doc.Dumps)
	out.Scopes = resolveList(r, "scopes", doc.Scopes)
	r.diags.Sort()
	return &out, r.diags
}

type resolver struct {
	doc    *Document
	lookup func(string) (string, bool)
	diags  Diagnostics
}

// resolveList returns items with the references of each item resolved: items
// itself when none has one, else a copy in which the items with references
// are deep copies.
func resolveList[T any](r *resolver, key string, items []T) []T {
	var out []T
	for i := range items {
		src := reflect.ValueOf(&items[i]).Elem()
		if !hasRef(src) {
			continue
		}
		if out == nil {
			out = slices.Clone(items)
		}
		r.copy(reflect.ValueOf(&out[i]).Elem(), src, fmt.Sprintf("%s[%d]", key, i))
	}
	if out == nil {
		return items
	}
	return out
}

// hasRef reports whether any string under v may hold a reference.
func hasRef(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer:
		return !v.IsNil() && hasRef(v.Elem())
	case reflect.Struct:
		if v.Type() == timestampType {
			return false
		}
		for i := range v.NumField() {
			if hasRef(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if hasRef(v.Index(i)) {
				return true
			}
		}
	case reflect.String:
		return strings.Contains(v.String(), "${")
	}
	return false
}

// copy copies src into dst, expanding references in strings: the parts
// that hold a reference are copied, the others shared, and paths (for
// diagnostics) formatted only along the way to a reference.
func (r *resolver) copy(dst, src reflect.Value, path string) {
	if !hasRef(src) {
		dst.Set(src)
		return
	}
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
