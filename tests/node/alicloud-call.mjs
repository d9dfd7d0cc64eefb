// Sends one Live API call with the official Alibaba Cloud Node.js SDK (@alicloud/openapi-client).
// Usage: node alicloud-call.mjs '<json spec>'   (or the spec on standard input)
// Spec: { endpoint: "127.0.0.1:PORT", protocol: "http", accessKeyId, accessKeySecret, securityToken?,
//         signatureVersion: "v3" | "v1", action, version?, query: {}, body: {}, timestamp?, nonce? }
// timestamp ("2024-01-02T03:04:05Z") and nonce fix what the SDK would otherwise generate, so a test can
// compare its signature with ours. Prints one JSON line: { ok, statusCode?, code?, message?, body? }.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

// Patch the copies of the helpers that the SDK itself loads (it may carry its own nested versions).
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@alicloud/openapi-client'));
const OpenApiModule = sdkRequire('@alicloud/openapi-client');
const OpenApiClient = OpenApiModule.default;
const OpenApiUtil = sdkRequire('@alicloud/openapi-util').default;
const UtilModule = sdkRequire('@alicloud/tea-util');
const Util = UtilModule.default;

const spec = JSON.parse(process.argv[2] ?? readFileSync(0, 'utf8'));

if (spec.timestamp) OpenApiUtil.getTimestamp = () => spec.timestamp;
if (spec.nonce) Util.getNonce = () => spec.nonce;

// A plain credential object: the SDK's own providers add a signed x-acs-credentials-provider header,
// which is theirs, not part of the API's request shape.
const credential = {
  getCredential: async () => ({
    accessKeyId: spec.accessKeyId,
    accessKeySecret: spec.accessKeySecret,
    securityToken: spec.securityToken,
    type: spec.securityToken ? 'sts' : 'access_key',
  }),
};

const config = new OpenApiModule.Config({
  credential,
  endpoint: spec.endpoint,
  protocol: spec.protocol ?? 'http',
  // 'v2' selects the RPC signature V1 path (doRPCRequest); unset selects ACS3-HMAC-SHA256.
  signatureAlgorithm: spec.signatureVersion === 'v1' ? 'v2' : undefined,
  readTimeout: 10000,
  connectTimeout: 5000,
});
const client = new OpenApiClient(config);

const params = new OpenApiModule.Params({
  action: spec.action,
  version: spec.version ?? '2016-11-01',
  protocol: spec.protocol ?? 'HTTP',
  pathname: '/',
  method: 'POST',
  authType: 'AK',
  style: 'RPC',
  reqBodyType: 'formData',
  bodyType: 'json',
});
const request = new OpenApiModule.OpenApiRequest({
  query: Object.keys(spec.query ?? {}).length ? spec.query : undefined,
  body: Object.keys(spec.body ?? {}).length ? spec.body : undefined,
});
const runtime = new UtilModule.RuntimeOptions({ autoretry: false, maxAttempts: 1 });

try {
  const response = await client.callApi(params, request, runtime);
  console.log(JSON.stringify({ ok: true, statusCode: response.statusCode, body: response.body }));
} catch (error) {
  console.log(JSON.stringify({
    ok: false,
    statusCode: error.statusCode ?? error.data?.statusCode ?? null,
    code: error.code ?? null,
    message: error.message ?? String(error),
  }));
}
