package spec

import (
	"reflect"
)

// Interner shares one copy of equal short strings among values. Decoders
// (yaml.v3, encoding/json) allocate every string anew, so 100,000 resources
// read from YAML or from the clouds hold tens of megabytes of copies of
// the same types, areas, regions and field names. An Interner is for one
// goroutine.
type Interner struct {
	strs map[string]string
}

// String returns the interner's copy of s: the first equal string it saw.
// Strings longer than internMax (URLs, queries, IDs of some clouds) rarely
// repeat and are returned as they are.
func (in *Interner) String(s string) string {
	if len(s) > internMax {
		return s
	}
	if t, ok := in.strs[s]; ok {
		return t
	}
	if in.strs == nil {
		in.strs = map[string]string{}
	}
	in.strs[s] = s
	return s
}

// Strings replaces every string reachable from p, a pointer to a resource
// (DeliveryTask, Export, Dump), by the interner's copy. Lists of strings are
// changed in place: p must be the only holder of them.
func (in *Interner) Strings(p any) {
	in.walk(reflect.ValueOf(p))
}

func (in *Interner) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			in.walk(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == timestampType {
			return
		}
		for i := range v.NumField() {
			in.walk(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			in.walk(v.Index(i))
		}
	case reflect.String:
		if s := v.String(); s != "" {
			v.SetString(in.String(s))
		}
	}
}
