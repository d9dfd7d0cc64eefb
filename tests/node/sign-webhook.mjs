// Signs webhook payloads with the senders' own libraries, so the .NET verifiers are proven against them:
// standardwebhooks (Standard Webhooks reference), @octokit/webhooks-methods (GitHub), stripe (Stripe).
// Usage: node sign-webhook.mjs '<json spec or array of specs>'   (or the JSON on standard input)
// Spec: { scheme: "standard-webhooks" | "github" | "stripe", secret, payload (string), id?, timestamp? (Unix seconds) }
// Prints one JSON line: the headers to send ({ "webhook-signature": ... }), or an array of them for an array of specs.
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { sign as signGitHub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';

const input = JSON.parse(process.argv[2] ?? readFileSync(0, 'utf8'));
// No network: the client is only used for its webhook helpers.
const stripe = new Stripe('sk_test_placeholder');

async function headersFor(spec) {
  const timestamp = spec.timestamp ?? Math.floor(Date.now() / 1000);
  switch (spec.scheme) {
    case 'standard-webhooks': {
      const id = spec.id ?? 'msg_test';
      const signature = new Webhook(spec.secret).sign(id, new Date(timestamp * 1000), spec.payload);
      return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    }
    case 'github':
      return { 'X-Hub-Signature-256': await signGitHub(spec.secret, spec.payload), 'X-GitHub-Delivery': spec.id ?? 'delivery-test' };
    case 'stripe':
      return {
        'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: spec.payload, secret: spec.secret, timestamp }),
      };
    default:
      throw new Error(`unknown scheme ${spec.scheme}`);
  }
}

const output = Array.isArray(input) ? await Promise.all(input.map(headersFor)) : await headersFor(input);
process.stdout.write(JSON.stringify(output) + '\n');
