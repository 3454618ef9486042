# The privacy catalog: which delivered fields carry personal data, and in
# which jurisdiction each cloud region lies. It is the single source of the
# privacy.* rules and of `logctl map`, which reads this literal from the
# embedded file (policy.PrivacyCatalog) instead of keeping a Go copy: Rego
# cannot read Go, and conftest loads only .rego files from -p, so a JSON
# file would need a second, silent copy here for conftest.
#
# Keep `catalog` a plain literal: the Go side reads it without evaluating.
package logctl.privacy

catalog := {
	# EdgeOne field names (edgeone-logs.md §9) that identify a person.
	# Whether RequestUrl includes the query string is not documented; it
	# is classified personal until shown otherwise.
	"personalFields": {
		"ClientIP": "client IP address",
		"ClientRealIP": "client real IP address",
		"RequestUrl": "request URL, may carry a query string",
		"RequestUrlQueryString": "request URL query string",
	},
	# Custom fields by kind (CustomField.Name) and lower-case header name;
	# "*" matches every value: each cookie and each body capture is personal.
	"personalCustomFields": {
		"Cookie": {"*": "cookie value"},
		"ReqBody": {"*": "request body capture"},
		"ReqHeader": {"authorization": "Authorization header", "cookie": "Cookie header"},
		"RspHeader": {"set-cookie": "Set-Cookie header"},
	},
	# ISO 3166 code of where each region's data centres are, per cloud; the
	# same region id means different places at different clouds
	# (ap-southeast-1 is Hong Kong at Huawei, Singapore at AWS). A region
	# that is not listed has an unknown jurisdiction; it is never guessed.
	"regions": {
		"tencent": {
			"ap-guangzhou": "CN", "ap-shanghai": "CN", "ap-nanjing": "CN",
			"ap-beijing": "CN", "ap-chengdu": "CN", "ap-chongqing": "CN",
			"ap-shenzhen-fsi": "CN", "ap-shanghai-fsi": "CN", "ap-beijing-fsi": "CN",
			"ap-hongkong": "HK", "ap-singapore": "SG", "ap-jakarta": "ID",
			"ap-seoul": "KR", "ap-tokyo": "JP", "ap-bangkok": "TH",
			"ap-mumbai": "IN", "na-siliconvalley": "US", "na-ashburn": "US",
			"na-toronto": "CA", "sa-saopaulo": "BR", "eu-frankfurt": "DE",
		},
		"huawei": {
			"cn-north-1": "CN", "cn-north-2": "CN", "cn-north-4": "CN",
			"cn-north-9": "CN", "cn-north-11": "CN", "cn-north-12": "CN",
			"cn-east-2": "CN", "cn-east-3": "CN", "cn-east-4": "CN", "cn-east-5": "CN",
			"cn-south-1": "CN", "cn-south-2": "CN", "cn-south-4": "CN",
			"cn-southwest-2": "CN", "cn-southwest-3": "CN",
			"ap-southeast-1": "HK", "ap-southeast-2": "TH", "ap-southeast-3": "SG",
			"ap-southeast-4": "ID", "af-south-1": "ZA", "la-south-2": "CL",
			"la-north-2": "MX", "sa-brazil-1": "BR", "tr-west-1": "TR",
			"me-east-1": "SA", "eu-west-101": "IE",
		},
		"aws": {
			"us-east-1": "US", "us-east-2": "US", "us-west-1": "US", "us-west-2": "US",
			"ca-central-1": "CA", "eu-west-1": "IE", "eu-west-2": "GB", "eu-west-3": "FR",
			"eu-central-1": "DE", "eu-north-1": "SE", "eu-south-1": "IT",
			"ap-east-1": "HK", "ap-northeast-1": "JP", "ap-northeast-2": "KR",
			"ap-northeast-3": "JP", "ap-southeast-1": "SG", "ap-southeast-2": "AU",
			"ap-southeast-3": "ID", "ap-south-1": "IN", "sa-east-1": "BR",
			"me-south-1": "BH", "af-south-1": "ZA",
			"cn-north-1": "CN", "cn-northwest-1": "CN",
		},
	},
	# Which cloud an S3 endpoint belongs to, by host suffix, so that its
	# region is read in that cloud's table.
	"s3Clouds": {
		"amazonaws.com": "aws",
		"amazonaws.com.cn": "aws",
		"myqcloud.com": "tencent",
		"tencentcos.cn": "tencent",
		"myhuaweicloud.com": "huawei",
	},
	# Destinations inside the cloud account that delivers the logs: Tencent
	# COS through its S3 endpoint. Any other S3 store or HTTP endpoint is a
	# third party unless the team lists it in data.logctl.privacy.ownHosts.
	"ownS3Suffixes": ["myqcloud.com", "tencentcos.cn"],
}
