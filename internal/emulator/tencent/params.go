package tencent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// decodeParams decodes an action's JSON body into v (a pointer to a request
// struct). Parameter names are matched exactly, as the API does (Go's
// encoding/json would accept any case); a name the action does not define
// is UnknownParameter unless lenient, when it is dropped. A value of the
// wrong JSON type is InvalidParameter naming the parameter.
func decodeParams(body []byte, v any, lenient bool) *apiError {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return errf(codeInvalidParameter, "the request body is not valid JSON: %v", err)
	}
	if dec.More() {
		return errf(codeInvalidParameter, "the request body holds more than one JSON value")
	}
	obj, ok := tree.(map[string]any)
	if !ok {
		return errf(codeInvalidParameter, "the request body must be a JSON object")
	}
	dropped := false
	clean, aerr := checkValue(obj, reflect.TypeOf(v).Elem(), "", lenient, &dropped)
	if aerr != nil {
		return aerr
	}
	// Every key matched a field exactly, so the body decodes as it is;
	// only a lenient decode that dropped keys needs the cleaned copy.
	b := body
	var err error
	if dropped {
		b, err = json.Marshal(clean)
	}
	if err != nil {
		return errf(codeInternalError, "re-encode parameters: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errf(codeInvalidParameter, "invalid parameter: %v", err)
	}
	return nil
}

// fieldsOf maps the exact JSON names of a struct type (embedded structs
// flattened) to their types.
var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for k, v := range fieldsOf(f.Type) {
				m[k] = v
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// checkValue validates v against type t and returns it with unknown object
// keys removed (lenient) or reports them (strict).
func checkValue(v any, t reflect.Type, path string, lenient bool, dropped *bool) (any, *apiError) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return nil, nil // null is "absent"
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, typeErr(path, "Object")
		}
		fields := fieldsOf(t)
		out := make(map[string]any, len(obj))
		for k, val := range obj {
			ft, known := fields[k]
			if !known {
				if lenient {
					*dropped = true
					continue
				}
				return nil, errf(codeUnknownParameter, "The parameter `%s` is not recognized.", join(path, k))
			}
			c, aerr := checkValue(val, ft, join(path, k), lenient, dropped)
			if aerr != nil {
				return nil, aerr
			}
			out[k] = c
		}
		return out, nil
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return nil, typeErr(path, "Array")
		}
		out := make([]any, len(arr))
		for i, e := range arr {
			c, aerr := checkValue(e, t.Elem(), join(path, strconv.Itoa(i)), lenient, dropped)
			if aerr != nil {
				return nil, aerr
			}
			out[i] = c
		}
		return out, nil
	case reflect.String:
		if _, ok := v.(string); !ok {
			return nil, typeErr(path, "String")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return nil, typeErr(path, "Boolean")
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return nil, typeErr(path, "Integer")
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return nil, typeErr(path, "Integer")
		}
	case reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return nil, typeErr(path, "Integer")
		}
		if _, err := strconv.ParseUint(string(n), 10, 64); err != nil {
			return nil, errf(codeInvalidParameterValue, "The value of parameter `%s` must be a non-negative integer, got %s.", path, n)
		}
	case reflect.Interface:
		return v, nil
	default:
		panic(fmt.Sprintf("checkValue: unsupported kind %s", t.Kind()))
	}
	return v, nil
}

func typeErr(path, want string) *apiError {
	return errf(codeInvalidParameter, "The type of parameter `%s` is invalid: expected %s.", path, want)
}
