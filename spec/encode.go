package spec

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Encode writes f as YAML in the order the types declare their keys,
// leaving out unset fields, with short lists of scalars in flow style
// ([a, b]). Load(Encode(f)) yields f again: `logctl import` relies on it.
func Encode(f *File) ([]byte, error) {
	n := encodeValue(reflect.ValueOf(f).Elem())
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("encode yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode yaml: %w", err)
	}
	return buf.Bytes(), nil
}

func encodeValue(v reflect.Value) *yaml.Node {
	if v.Type() == timestampType {
		ts := v.Interface().(Timestamp)
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: ts.RFC3339()}
	}
	switch v.Kind() {
	case reflect.Pointer:
		return encodeValue(v.Elem())
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			key := t.Field(i).Tag.Get("yaml")
			fv := v.Field(i)
			if key == "" || key == "-" || isUnset(fv) && !requiredString(t.Field(i), fv) {
				continue
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, encodeValue(fv))
		}
		return m
	case reflect.Slice:
		s := &yaml.Node{Kind: yaml.SequenceNode}
		flow := v.Type().Elem().Kind() == reflect.String && v.Len() <= 8
		for i := 0; i < v.Len(); i++ {
			s.Content = append(s.Content, encodeValue(v.Index(i)))
		}
		if flow {
			s.Style = yaml.FlowStyle
		}
		return s
	case reflect.String:
		// Tag !!str keeps "true", "5" or "2020-01-01" strings quoted;
		// delimiters such as "\n" and "\t" are written as escapes.
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
		if strings.ContainsAny(n.Value, "\n\t\r") || strings.TrimSpace(n.Value) != n.Value {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.Int, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	}
	panic("spec: cannot encode " + v.Kind().String())
}

// requiredString holds for a required string field: it is written even when
// empty, since leaving it out would not load (a live header may have an
// empty value, and import must write it back).
func requiredString(f reflect.StructField, v reflect.Value) bool {
	return v.Kind() == reflect.String && f.Tag.Get("logctl") == "required"
}

func isUnset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Slice:
		return v.Len() == 0 // diff treats empty and absent lists alike
	case reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int() == 0
	case reflect.Struct:
		if v.Type() == timestampType {
			return !v.Interface().(Timestamp).Set
		}
	}
	return false
}
