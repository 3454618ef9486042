package tencent

// The action table: which (service, version, action) exist, their quota
// per second (edgeone-logs.md §1, cls-export.md §1) and their handler.

type actionKey struct{ service, version, action string }

type action struct {
	limit int
	// unlocked actions do not touch State (offline logs read the world only).
	unlocked bool
	fn       func(h *Handler, c *call) (map[string]any, *apiError)
}

// versions lists the API versions each product serves.
var versions = map[string][]string{
	"teo": {"2022-09-01", "2022-01-06"},
	"cls": {"2020-10-16"},
}

var actions map[actionKey]action

func init() {
	actions = map[actionKey]action{
		{"teo", "2022-09-01", "CreateRealtimeLogDeliveryTask"}:    {limit: 20, fn: (*Handler).createTask},
		{"teo", "2022-09-01", "ModifyRealtimeLogDeliveryTask"}:    {limit: 20, fn: (*Handler).modifyTask},
		{"teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask"}:    {limit: 20, fn: (*Handler).deleteTask},
		{"teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"}: {limit: 20, fn: (*Handler).describeTasks},
		{"teo", "2022-09-01", "DownloadL7Logs"}:                   {limit: 100, unlocked: true, fn: (*Handler).downloadL7Logs},
		{"teo", "2022-09-01", "DownloadL4Logs"}:                   {limit: 100, unlocked: true, fn: (*Handler).downloadL4Logs},
		{"teo", "2022-01-06", "DownloadL7Logs"}:                   {limit: 20, unlocked: true, fn: (*Handler).downloadL7LogsLegacy},
		{"cls", "2020-10-16", "CreateExport"}:                     {limit: 20, fn: (*Handler).createExport},
		{"cls", "2020-10-16", "DescribeExports"}:                  {limit: 20, fn: (*Handler).describeExports},
		{"cls", "2020-10-16", "DeleteExport"}:                     {limit: 20, fn: (*Handler).deleteExport},
	}
}

// lookupAction finds an action: an unknown product is NoSuchProduct, a
// version the product does not serve NoSuchVersion, and an action absent
// from that version InvalidAction.
func lookupAction(service, version, name string) (action, *apiError) {
	vs, ok := versions[service]
	if !ok {
		return action{}, errf("NoSuchProduct", "The product `%s` does not exist.", service)
	}
	found := false
	for _, v := range vs {
		found = found || v == version
	}
	if !found {
		return action{}, errf("NoSuchVersion", "The version `%s` of product %s does not exist.", version, service)
	}
	a, ok := actions[actionKey{service, version, name}]
	if !ok {
		return action{}, errf("InvalidAction", "The action `%s` is not supported by %s version %s.", name, service, version)
	}
	return a, nil
}

// IsMutating reports whether a Tencent action changes state; the emulator's
// fault-after-commit mode drops the response of these.
func IsMutating(action string) bool {
	for _, p := range []string{"Create", "Modify", "Delete"} {
		if len(action) > len(p) && action[:len(p)] == p {
			return true
		}
	}
	return false
}
