package main

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// clouds names the cloud behind each kind: EdgeOne and CLS share the
// Tencent Cloud credentials.
var clouds = []struct {
	kind  spec.Kind
	cloud string
}{
	{spec.KindDeliveryTask, "Tencent Cloud"},
	{spec.KindExport, "Tencent Cloud"},
	{spec.KindDump, "Huawei Cloud"},
}

// checkCredentials builds, before any read, the provider of every kind the
// targets need, and reports every cloud whose credentials are missing in
// one error, one line per cloud: the user fixes both at once instead of
// learning of the second after fixing the first.
func checkCredentials(providers map[spec.Kind]reconcile.Provider, targets []reconcile.Target) error {
	needed := map[spec.Kind]bool{}
	for _, t := range targets {
		needed[t.Kind] = true
	}
	var lines []string
	failed := map[string]bool{}
	for _, c := range clouds {
		lp, ok := providers[c.kind].(*lazyProvider)
		if !ok || !needed[c.kind] || failed[c.cloud] {
			continue
		}
		if _, err := lp.get(); err != nil {
			failed[c.cloud] = true
			lines = append(lines, c.cloud+": "+err.Error())
		}
	}
	switch len(lines) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s; nothing was read", lines[0])
	}
	return fmt.Errorf("%d clouds cannot be used; nothing was read:\n  %s", len(lines), strings.Join(lines, "\n  "))
}
