#!/usr/bin/env bash
# Puts an Alibaba Cloud AccessKey pair into the LiveRelay Key Vault as one consistent pair: run it once after
# `azd up`, and again to rotate the pair. docs/deployment.md, explains when and why.
#
# The AccessKey ID goes in first; the AccessKey secret follows, tagged accessKeyIdVersion=<the ID's new version>.
# The app reads the secret and then the ID at exactly that version, so it never combines halves of two pairs,
# even while this script is half done. Running apps pick the new pair up at their next refresh
# (LiveRelay:KeyVault:RefreshInterval, 5 minutes by default) or at once when the Live API rejects the old one.
#
# The pair is read from the terminal without echo, or from standard input as two lines (ID, then secret), and
# reaches az through pipes: never through arguments, so it stays out of shell history and process lists.
#
# Needs: az (signed in as a principal with Key Vault Secrets Officer on the vault; `azd up` grants it to the
# deploying user) and either azd (run from the repository, it knows the vault) or AZURE_KEY_VAULT_NAME.
# Secret names come from the azd environment too, or default to the template's.
set -euo pipefail

env_value() {
  local name=$1 value=${!1:-}
  if [[ -z $value ]] && command -v azd >/dev/null 2>&1; then
    value=$(azd env get-value "$name" 2>/dev/null || true)
  fi
  printf '%s' "$value"
}

vault=$(env_value AZURE_KEY_VAULT_NAME)
id_name=$(env_value LIVERELAY_ACCESS_KEY_ID_SECRET_NAME)
secret_name=$(env_value LIVERELAY_ACCESS_KEY_SECRET_SECRET_NAME)
id_name=${id_name:-alibaba-access-key-id}
secret_name=${secret_name:-alibaba-access-key-secret}

if [[ -z $vault ]]; then
  echo "error: no vault: run this from the repository after 'azd up', or set AZURE_KEY_VAULT_NAME." >&2
  exit 2
fi

if [[ -t 0 ]]; then
  IFS= read -rsp 'AccessKey ID: ' access_key_id && echo >&2
  IFS= read -rsp 'AccessKey secret: ' access_key_secret && echo >&2
else
  IFS= read -r access_key_id || true
  IFS= read -r access_key_secret || true
fi

# An AccessKey ID or secret is letters and digits; anything else is a paste gone wrong (a trailing CR, a space).
for half in access_key_id access_key_secret; do
  if [[ ! ${!half} =~ ^[A-Za-z0-9]+$ ]]; then
    echo "error: the ${half//_/ } is empty or has characters other than letters and digits." >&2
    exit 2
  fi
done

id_uri=$(az keyvault secret set --vault-name "$vault" --name "$id_name" \
  --file <(printf '%s' "$access_key_id") --query id --output tsv)
id_version=${id_uri##*/}
if [[ ! $id_version =~ ^[0-9a-f]{32}$ ]]; then
  echo "error: Key Vault did not return a version for $id_name (got '$id_uri'); the AccessKey secret was not changed." >&2
  exit 1
fi

az keyvault secret set --vault-name "$vault" --name "$secret_name" \
  --file <(printf '%s' "$access_key_secret") --tags "accessKeyIdVersion=$id_version" --output none

echo "Stored the AccessKey pair in $vault: $secret_name pairs with $id_name version $id_version."
