package huawei

import "encoding/json"

// The modify-keeps-omitted switch: UpdateTransfer keeps every member of
// log_transfer_detail the request leaves out, instead of replacing the
// detail as a whole (the default, as Terraform sends it, §8). The vendor
// documents neither reading; the switch lets a client prove it converges
// under both.

// sentDetailKeys lists the log_transfer_detail members an update body
// carries, whatever their value (an explicit "" clears a prefix under both
// readings).
func sentDetailKeys(body []byte) map[string]bool {
	var b struct {
		Info struct {
			Detail map[string]json.RawMessage `json:"log_transfer_detail"`
		} `json:"log_transfer_info"`
	}
	keys := map[string]bool{}
	if json.Unmarshal(body, &b) != nil {
		return keys
	}
	for k := range b.Info.Detail {
		keys[k] = true
	}
	return keys
}

// keepOmitted is sent with every member not in keys taken from old.
func keepOmitted(old, sent Detail, keys map[string]bool) Detail {
	merged, sentMap := detailMap(old), detailMap(sent)
	for k := range keys {
		if v, ok := sentMap[k]; ok {
			merged[k] = v
		} else {
			delete(merged, k) // sent empty or null: cleared
		}
	}
	b, _ := json.Marshal(merged)
	var d Detail
	_ = json.Unmarshal(b, &d) // the members came from a Detail
	return d
}

func detailMap(d Detail) map[string]json.RawMessage {
	b, _ := json.Marshal(d)
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(b, &m)
	return m
}
