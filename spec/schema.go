package spec

import (
	"encoding/json"
	"reflect"
	"strings"
)

// JSONSchema returns a draft-07 JSON Schema of the YAML format, generated
// from the same Go types the decoder fills, so that editors and logctl can
// never disagree on the keys.
func JSONSchema() ([]byte, error) {
	root := schemaOf(reflect.TypeOf(File{}), "")
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = "https://github.com/logctl/logctl/schema/logctl.schema.json"
	root["title"] = "logctl configuration, format version 1"
	root["description"] = "Any string may contain ${env:NAME}, replaced by the variable at plan and apply time; $${ stands for a literal ${ (so $${env:X} is the text ${env:X}, never a reference)."
	props := root["properties"].(map[string]any)
	props["version"] = map[string]any{"const": 1, "description": "Format version; must be 1."}
	return json.MarshalIndent(root, "", "  ")
}

func schemaOf(t reflect.Type, doc string) map[string]any {
	s := map[string]any{}
	if doc != "" {
		s["description"] = doc
	}
	if t == timestampType {
		s["oneOf"] = []any{
			map[string]any{"type": "string", "format": "date-time"},
			map[string]any{"type": "integer", "description": "epoch milliseconds"},
		}
		return s
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		s["type"] = "object"
		s["additionalProperties"] = false
		props := map[string]any{}
		var required []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			key := f.Tag.Get("yaml")
			if key == "" || key == "-" {
				continue
			}
			ps := schemaOf(f.Type, f.Tag.Get("doc"))
			if enum := f.Tag.Get("enum"); enum != "" {
				ps["enum"] = strings.Split(enum, "|")
			}
			props[key] = ps
			if f.Tag.Get("logctl") == "required" {
				required = append(required, key)
			}
		}
		s["properties"] = props
		if len(required) > 0 {
			s["required"] = required
		}
	case reflect.Slice:
		s["type"] = "array"
		s["items"] = schemaOf(t.Elem(), "")
	case reflect.String:
		s["type"] = "string"
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int, reflect.Int64:
		s["type"] = "integer"
	}
	return s
}
