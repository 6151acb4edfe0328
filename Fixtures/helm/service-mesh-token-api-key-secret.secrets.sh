#!/bin/sh
# The Kubernetes secrets the gitops-runtime install of runtime mesh refers to,
# created in its namespace gitops. Every value comes from an environment variable:
# export them first (for example from your secret store); never write a value into a file.
#
# Argo CD account prerequisites (token auth, account admin):
#   1. The account needs the apiKey and login capabilities: in the argocd-cm ConfigMap
#      (namespace gitops), data accounts.admin: apiKey, login
#        kubectl patch configmap argocd-cm --namespace gitops --type merge \
#          -p '{"data":{"accounts.admin":"apiKey, login"}}'
#   2. Generate a token that does not expire (no --expires-in) and export it:
#        export ARGOCD_TOKEN="$(argocd account generate-token --account admin)"
#
# Git runtime token: none; the runtime is not fully functional without one: add it with iscctl update-runtime --runtime mesh --git-runtime-token-secret NAME:KEY (for the scopes it needs see https://codefresh.io/docs/docs/security/git-tokens/).

set -eu

: "${CF_API_KEY:?set CF_API_KEY first (see the comments above)}"
: "${ARGOCD_TOKEN:?set ARGOCD_TOKEN first (see the comments above)}"

kubectl create secret generic codefresh-user-token --namespace gitops \
  --from-literal=token="$CF_API_KEY" \
  --dry-run=client -o yaml | kubectl apply -f -

kubectl create secret generic argocd-api --namespace gitops \
  --from-literal=api.token="$ARGOCD_TOKEN" \
  --dry-run=client -o yaml | kubectl apply -f -
